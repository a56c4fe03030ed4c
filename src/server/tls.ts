/** The server's TLS certificate: given files, or a self-signed one generated into the data folder. */
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { writeFileAtomic600 } from './tokens';
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { type Localized, LocalizedError, localize } from '../core';
import { SERVER_MESSAGES } from './messages';

/**
 * TLS 1.2 and 1.3 only; on TLS 1.2 only ECDHE key exchange with AEAD ciphers (forward secrecy, no
 * CBC). TLS 1.3's suites all have forward secrecy and are left to Node's defaults.
 */
export const TLS_OPTIONS = {
  minVersion: 'TLSv1.2' as const,
  ciphers: [
    'TLS_AES_128_GCM_SHA256',
    'TLS_AES_256_GCM_SHA384',
    'TLS_CHACHA20_POLY1305_SHA256',
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-CHACHA20-POLY1305',
    'ECDHE-RSA-CHACHA20-POLY1305',
  ].join(':'),
  honorCipherOrder: true,
};

export interface TlsFiles {
  cert: string;
  key: string;
  /** where the certificate is (to trust it), or null when it lives only in memory */
  certFile: string | null;
  generated: boolean;
  warning?: Localized;
}

export async function loadOrCreateCert(dataDir: string, opts: { cert?: string; key?: string; host?: string }): Promise<TlsFiles> {
  if (opts.cert || opts.key) {
    if (!opts.cert || !opts.key) throw new LocalizedError(localize(SERVER_MESSAGES, 'certKeyTogether'));
    return { cert: readFileSync(opts.cert, 'utf8'), key: readFileSync(opts.key, 'utf8'), certFile: opts.cert, generated: false };
  }
  const dir = join(dataDir, 'tls');
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
    try {
      chmodSync(keyFile, 0o600);
    } catch {
      // a key we may not change (read-only folder): used as it is
    }
    return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), certFile, generated: false };
  }
  const names = new Set(['localhost', hostname()]);
  const ips = new Set(['127.0.0.1', '::1']);
  if (opts.host && opts.host !== '0.0.0.0' && opts.host !== '::') (isIP(opts.host) ? ips : names).add(opts.host);
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: 'jixiao review server (self-signed)' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 397 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...[...names].map((value) => ({ type: 2 as const, value })), ...[...ips].map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // whole or not at all: a crash never leaves half a key or certificate for the next start
    writeFileAtomic600(keyFile, pems.private);
    writeFileAtomic.sync(certFile, pems.cert, { fsync: true });
    return { cert: pems.cert, key: pems.private, certFile, generated: true };
  } catch (e) {
    return {
      cert: pems.cert,
      key: pems.private,
      certFile: null,
      generated: true,
      warning: localize(SERVER_MESSAGES, 'certNotWritten', { dir, detail: (e as Error).message }),
    };
  }
}
