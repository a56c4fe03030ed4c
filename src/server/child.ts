/**
 * Node only: run `jixiao serve` as a child process (tests, fault injection). Resolves once the
 * server prints its URL; `stop()` sends SIGTERM and waits, `kill()` sends SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ChildServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** stdout + stderr so far */
  output(): string;
  /** the certificate to trust (DATA/tls/cert.pem, or the --cert given) */
  ca: Buffer;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

const BIN = resolve(__dirname, '..', '..', 'bin', 'jixiao.js');

export interface SpawnOptions {
  timeoutMs?: number;
  /**
   * Run the server under `ulimit -f` (KB) with SIGXFSZ ignored: a file in the data folder that grows
   * past the limit fails to grow (EFBIG), as on a full disk — for root too, without mounting anything.
   */
  fileSizeKB?: number;
  /** run under this umask (e.g. 0 to check that the data folder's modes do not depend on it) */
  umask?: number;
  /** extra environment variables */
  env?: Record<string, string>;
}

export function spawnServer(dataDir: string, args: string[] = [], opts: SpawnOptions = {}): Promise<ChildServer> {
  const timeoutMs = opts.timeoutMs ?? 20000;
  const serveArgs = [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--data', dataDir, ...args];
  const env = { ...process.env, ...opts.env };
  const prelude = [
    ...(opts.fileSizeKB ? [`trap "" XFSZ; ulimit -f ${opts.fileSizeKB};`] : []),
    ...(opts.umask !== undefined ? [`umask ${opts.umask.toString(8).padStart(3, '0')};`] : []),
  ];
  const child = prelude.length
    ? spawn('bash', ['-c', `${prelude.join(' ')} exec "$0" "$@"`, process.execPath, ...serveArgs], { stdio: ['ignore', 'pipe', 'pipe'], env })
    : spawn(process.execPath, serveArgs, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let buf = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise<ChildServer>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      void end('SIGKILL');
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${buf}`));
    }, timeoutMs);
    child.stderr!.on('data', (d: Buffer) => {
      buf += d.toString();
    });
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /listening on (https:\/\/[^\s]+:(\d+))/.exec(buf);
      if (m) {
        clearTimeout(timer);
        const certArg = args.indexOf('--cert');
        const ca = readFileSync(certArg >= 0 ? args[certArg + 1] : join(dataDir, 'tls', 'cert.pem'));
        resolvePromise({ url: m[1], port: Number(m[2]), child, ca, output: () => buf, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${buf}`));
    });
  });
}
