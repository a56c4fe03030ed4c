/**
 * `npm run demo` as a user runs it (scripts/demo.ts through tsx), on a free port, for the browser
 * tests: its first line is the address; it builds the pane and the demo page when missing or stale,
 * then prints the ready line. (The demo's server modules cannot be loaded into jest itself.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ROOT = join(__dirname, '..', '..');

export interface DemoProcess {
  url: string;
  child: ChildProcess;
  output: string[];
}

export function startDemoProcess(data: string): Promise<DemoProcess> {
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), join(ROOT, 'scripts', 'demo.ts'), '--port', '0', '--data', data], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let buf = '';
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`${why}\n${output.join('\n')}`));
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      output.push(...lines);
      if (lines.some((l) => l.includes('已就绪 / ready'))) {
        const first = output[0] ?? '';
        if (!/^https:\/\/127\.0\.0\.1:\d+\/$/.test(first)) fail(`the first line is not the address: ${first}`);
        else resolve({ url: first, child, output });
      }
    });
    child.on('exit', (code) => fail(`the demo exited (${code}) before it was ready`));
  });
}

export async function stopDemoProcess(demo: DemoProcess | undefined): Promise<void> {
  if (demo?.child.exitCode === null) {
    demo.child.kill('SIGTERM');
    await new Promise((r) => demo.child.once('exit', r));
  }
}
