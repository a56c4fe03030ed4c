/**
 * The one sanitiser for text that reaches a terminal. Cell text, sheet and file names and any
 * message quoting them may hold control characters (a cell stored as `_x001B_]0;…_x0007_` reads
 * back as ESC … BEL) or bidi overrides that would set the terminal title, clear the screen, recolour
 * or reorder what the user reads. They are shown escaped (`\x1B`, `\u202E`), never sent raw.
 */

/** C0 controls, DEL, C1 controls; the bidi embeddings, overrides, isolates and marks. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- as above, line feed excepted
const UNSAFE_KEEP_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).toUpperCase().padStart(width, '0');
const escape = (c: string) => (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`);

/** `text` with every control character and bidi control shown escaped; `multiline` keeps line feeds (table cells). */
export function clean(text: string, multiline = false): string {
  return text.replace(multiline ? UNSAFE_KEEP_NEWLINE : UNSAFE, escape);
}

/** Tagged template: the literal parts are ours and pass as written; every interpolated value is cleaned. */
export function safe(strings: TemplateStringsArray, ...values: unknown[]): string {
  let s = strings[0];
  values.forEach((v, i) => {
    s += clean(String(v)) + strings[i + 1];
  });
  return s;
}

/**
 * JSON for a terminal: JSON.stringify already escapes C0, but DEL, C1 and bidi controls pass raw;
 * they only occur inside strings, so writing them as \u escapes keeps the same JSON value.
 */
export function cleanJson(json: string): string {
  // nearly every report has none: looking first spares a copy of the whole text
  return UNSAFE_IN_JSON.test(json) ? json.replace(UNSAFE_IN_JSON_ALL, (c) => `\\u${hex(c, 4)}`) : json;
}

const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_IN_JSON_ALL = new RegExp(UNSAFE_IN_JSON.source, 'g');

/**
 * `cleanJson(json)` as UTF-8 bytes, ready to write. The text is encoded once and its bytes looked at
 * for the lead bytes of the characters cleanJson escapes (DEL 7F; C1 C2 80–9F; U+061C D8 9C; U+200E/F,
 * U+202A–202E E2 80 8E/8F/AA–AE; U+2066–2069 E2 81 A6–A9) with Buffer.indexOf: much cheaper than a
 * regular expression over the text. Only when one may be there is the text cleaned, as cleanJson does.
 */
export function cleanJsonBytes(json: string): Buffer {
  const bytes = Buffer.from(json, 'utf8');
  return mayHoldUnsafe(bytes) ? Buffer.from(cleanJson(json), 'utf8') : bytes;
}

function mayHoldUnsafe(b: Buffer): boolean {
  if (b.indexOf(0x7f) >= 0 || b.indexOf(0xc2) >= 0 || b.indexOf(0xd8) >= 0) return true;
  // E2 leads common characters of Chinese text too (“ ” — … ≤ ≥): look at the two bytes after it
  for (let i = b.indexOf(0xe2); i >= 0; i = b.indexOf(0xe2, i + 1)) {
    const b1 = b[i + 1];
    const b2 = b[i + 2];
    if (b1 === 0x80 && (b2 === 0x8e || b2 === 0x8f || (b2 >= 0xaa && b2 <= 0xae))) return true;
    if (b1 === 0x81 && b2 >= 0xa6 && b2 <= 0xa9) return true;
  }
  return false;
}
