/** The server's TLS certificate: given files, or a self-signed one generated into the data folder. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsFiles {
  cert: string;
  key: string;
  /** where the certificate is (to trust it), or null when it lives only in memory */
  certFile: string | null;
  generated: boolean;
  warning?: string;
}

export async function loadOrCreateCert(dataDir: string, opts: { cert?: string; key?: string; host?: string }): Promise<TlsFiles> {
  if (opts.cert || opts.key) {
    if (!opts.cert || !opts.key) throw new Error('--cert 和 --key 必须一起给出 / --cert and --key go together');
    return { cert: readFileSync(opts.cert, 'utf8'), key: readFileSync(opts.key, 'utf8'), certFile: opts.cert, generated: false };
  }
  const dir = join(dataDir, 'tls');
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
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
    mkdirSync(dir, { recursive: true });
    writeFileSync(keyFile, pems.private, { mode: 0o600 });
    writeFileSync(certFile, pems.cert);
    return { cert: pems.cert, key: pems.private, certFile, generated: true };
  } catch (e) {
    return {
      cert: pems.cert,
      key: pems.private,
      certFile: null,
      generated: true,
      warning: `无法把证书写入 ${dir}（${(e as Error).message}），本次使用内存中的证书 / cannot write the certificate to ${dir}; using one in memory for this run`,
    };
  }
}
