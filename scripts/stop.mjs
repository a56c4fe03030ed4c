#!/usr/bin/env node
/**
 * npm stop: ends what `npm start` / `npm run start:web` started.
 * - the dev server started by start:web (its pid is in node_modules/.cache/jixiao-dev-server.pid);
 * - on Windows and macOS, `office-addin-debugging stop` unregisters the sideloaded add-in and stops
 *   the dev server it started (run through npx, as in start.mjs).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const PID_FILE = path.join(root, 'node_modules', '.cache', 'jixiao-dev-server.pid');

let stopped = false;
if (fs.existsSync(PID_FILE)) {
  const pid = Number(fs.readFileSync(PID_FILE, 'utf8').trim());
  fs.unlinkSync(PID_FILE);
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 'SIGTERM');
      process.stdout.write(`stopped the dev server (pid ${pid})\n`);
      stopped = true;
    } catch {
      process.stdout.write(`the dev server (pid ${pid}) had already stopped\n`);
    }
  }
}

if (process.platform === 'win32' || process.platform === 'darwin') {
  const r = spawnSync('npx', ['--yes', 'office-addin-debugging@7', 'stop', 'manifest.xml'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  process.exitCode = r.status ?? 1;
} else if (!stopped) {
  process.stdout.write('nothing to stop: no dev server started by `npm run start:web` is running\n');
}
