#!/usr/bin/env node
/**
 * Draws the add-in's icons (a form with a green check mark) as real RGBA PNGs, with nothing but
 * Node's zlib: no image tools needed. Run `node scripts/make-icons.cjs` to regenerate assets/.
 * The PNG bytes are deterministic, so the committed files only change when the drawing does.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

/** Sizes the manifest declares (16/32/80 for ribbon buttons, 32/64 for IconUrl/HighResolutionIconUrl). */
const SIZES = [16, 32, 64, 80];

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes width×height RGBA pixels (Uint8Array, row-major) as a PNG file. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  const qx = ax + t * dx;
  const qy = ay + t * dy;
  return Math.hypot(px - qx, py - qy);
}

const COLORS = {
  border: [0x44, 0x54, 0x6a],
  paper: [0xff, 0xff, 0xff],
  line: [0x9a, 0xa5, 0xb4],
  check: [0x10, 0x7c, 0x41], // Excel green
  checkEdge: [0xff, 0xff, 0xff],
};

/** Colour of one sample point in unit coordinates (0..1), or null when transparent. */
function sample(u, v, size) {
  // Stroke widths never go below one pixel so the 16 px icon stays crisp.
  const px = 1 / size;
  const borderW = Math.max(px, 0.06);
  const check = [
    [0.4, 0.6],
    [0.56, 0.78],
    [0.92, 0.36],
  ];
  const checkW = Math.max(1.6 * px, 0.1);
  let dCheck = Infinity;
  for (let i = 0; i < check.length - 1; i++) {
    dCheck = Math.min(dCheck, distToSegment(u, v, check[i][0], check[i][1], check[i + 1][0], check[i + 1][1]));
  }
  if (dCheck <= checkW / 2) return COLORS.check;
  if (dCheck <= checkW / 2 + Math.max(px, 0.04)) return COLORS.checkEdge; // white halo separates check from form
  // The form: a page from x 0.1..0.7, y 0.06..0.94.
  const left = 0.1;
  const right = 0.7;
  const top = 0.06;
  const bottom = 0.94;
  if (u >= left && u <= right && v >= top && v <= bottom) {
    if (u < left + borderW || u > right - borderW || v < top + borderW || v > bottom - borderW) return COLORS.border;
    // three ruled lines, as on a filled-in form
    const lineH = Math.max(px, 0.06);
    for (const y of [0.26, 0.44, 0.62]) {
      if (v >= y && v < y + lineH && u > left + 0.1 && u < right - 0.1) return COLORS.line;
    }
    return COLORS.paper;
  }
  return null;
}

/** Renders one icon with 8×8 supersampling for smooth edges. */
function render(size) {
  const ss = 8;
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = sample((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size, size);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
        rgba[i + 3] = Math.round((255 * a) / (ss * ss));
      }
    }
  }
  return rgba;
}

function iconFile(size) {
  return `icon-${size}.png`;
}

function main() {
  const outDir = path.join(__dirname, '..', 'assets');
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, iconFile(size));
    fs.writeFileSync(file, encodePng(size, size, render(size)));
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)} (${size}×${size})\n`);
  }
}

module.exports = { SIZES, iconFile, encodePng, render };

if (require.main === module) main();
