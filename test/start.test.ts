/**
 * npm start / npm run start:web as a user meets them: on Linux `npm start` says plainly that desktop
 * Excel is not here and what to run instead; on Windows/macOS it runs office-addin-debugging through
 * npx; start:web turns a workbook URL into the Excel-on-the-web sideload link for the dev server.
 * (--dry-run prints the plan without starting anything.)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ADDIN_ID } = require('../scripts/addin-config.cjs');

const START = path.join(__dirname, '..', 'scripts', 'start.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [START, ...args], { encoding: 'utf8', timeout: 20_000 });

it('on Linux, says desktop Excel is not available and names the alternatives, without starting anything', () => {
  const r = run('--dry-run', '--platform', 'linux');
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('Desktop Excel is not available on Linux');
  expect(r.stderr).toContain('桌面版 Excel 无法在 Linux 上运行');
  expect(r.stderr).toContain('npm run demo');
  expect(r.stderr).toContain('npm run start:web -- --document <url>');
});

it.each(['win32', 'darwin'])('on %s, sideloads into desktop Excel with office-addin-debugging via npx', (platform) => {
  const r = run('--dry-run', '--platform', platform);
  expect(r.status).toBe(0);
  expect(r.stdout.trim()).toBe(
    'would run: npx --yes office-addin-debugging@7 start manifest.xml desktop --app excel --dev-server "npm run dev-server" --dev-server-port 3000',
  );
});

it('for Excel on the web, adds the dev-server sideload parameters to the workbook URL', () => {
  const doc = 'https://contoso.sharepoint.com/:x:/r/sites/czj/_layouts/15/Doc.aspx?sourcedoc=%7BABC%7D&file=%E9%99%84%E4%BB%B61.xlsx';
  const r = run('web', '--dry-run', '--document', doc);
  expect(r.status).toBe(0);
  const link = r.stdout.split('\n').map((l) => l.trim()).find((l) => l.startsWith('https://contoso.sharepoint.com/'));
  const url = new URL(link ?? '');
  expect(url.searchParams.get('sourcedoc')).toBe('{ABC}');
  expect(url.searchParams.get('file')).toBe('附件1.xlsx');
  expect(url.searchParams.get('wdaddindevserverport')).toBe('3000');
  expect(url.searchParams.get('wdaddinmanifestfile')).toBe('manifest.xml');
  expect(url.searchParams.get('wdaddinmanifestguid')).toBe(ADDIN_ID);
  expect(r.stdout).toContain('https://localhost:3000/taskpane.html'); // trust the dev certificate first
});

it('refuses a workbook URL that is not HTTPS, with a message', () => {
  const r = run('web', '--dry-run', '--document', 'http://intranet/a.xlsx');
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('--document must be an https:// URL');
});
