#!/usr/bin/env node
/**
 * npm start            → sideload into desktop Excel (Windows, macOS) with office-addin-debugging
 * npm run start:web -- --document <url>
 *                      → dev server on https://localhost:3000 + the Excel-on-the-web sideload link
 *
 * office-addin-debugging is run through `npx --yes office-addin-debugging@7` rather than being a
 * dependency: its automatically installed peers pull in ~370 packages and a native module.
 * On Linux there is no desktop Excel, so `npm start` says so and names what to run instead.
 *
 * Options: --document <url>   the workbook to open (web: required for the sideload link)
 *          --dry-run          print what would run, start nothing (used by the tests)
 *          --platform <p>     pretend to be win32 / darwin / linux (with --dry-run)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ADDIN_ID, DEV_ORIGIN } = require('./addin-config.cjs');

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const PID_FILE = path.join(root, 'node_modules', '.cache', 'jixiao-dev-server.pid');
const DEBUGGING = 'office-addin-debugging@7';
const PORT = new URL(DEV_ORIGIN).port;

function parseArgs(argv) {
  const opts = { target: 'desktop', document: undefined, dryRun: false, platform: process.platform };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === 'web' || a === 'desktop') opts.target = a;
    else if (a === '--document') opts.document = argv[++i];
    else if (a.startsWith('--document=')) opts.document = a.slice('--document='.length);
    else if (a === '--dry-run') opts.dryRun = true;
    else if (a === '--platform') opts.platform = argv[++i];
    else throw new Error(`unknown argument: ${a}`);
  }
  return opts;
}

/** Office on the web sideloads from the dev server when these parameters are on the document URL. */
function webSideloadUrl(documentUrl) {
  const u = new URL(documentUrl);
  if (u.protocol !== 'https:') throw new Error(`--document must be an https:// URL of a workbook in OneDrive or SharePoint: ${documentUrl}`);
  u.searchParams.set('wdaddindevserverport', PORT);
  u.searchParams.set('wdaddinmanifestfile', 'manifest.xml');
  u.searchParams.set('wdaddinmanifestguid', ADDIN_ID);
  return u.toString();
}

const LINUX_MESSAGE = `
桌面版 Excel 无法在 Linux 上运行，因此 npm start 不能在此处旁加载加载项。
Desktop Excel is not available on Linux, so \`npm start\` cannot sideload the add-in here.

Instead / 可以改用：
  npm run demo                              the pane in a browser over a seed workbook, no Excel needed
                                            在浏览器中用示例工作簿试用面板（无需 Excel）
  npm run start:web -- --document <url>     Excel on the web: dev server + sideload link for a workbook
                                            in OneDrive/SharePoint  在 Excel 网页版中旁加载
  npm run build                             production files in dist/ (see docs/install.md)
`;

function desktopPlan(opts) {
  const args = ['--yes', DEBUGGING, 'start', 'manifest.xml', 'desktop', '--app', 'excel',
    '--dev-server', 'npm run dev-server', '--dev-server-port', PORT];
  if (opts.document) args.push('--document', opts.document);
  return { command: 'npx', args };
}

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
  return child;
}

function startWeb(opts) {
  const lines = [];
  lines.push('Excel 网页版 / Excel on the web');
  lines.push(`  1. 先在浏览器中打开 ${DEV_ORIGIN}/taskpane.html 并信任开发证书（自签名）。`);
  lines.push(`     First open ${DEV_ORIGIN}/taskpane.html and accept the dev server's self-signed certificate.`);
  if (opts.document) {
    const link = webSideloadUrl(opts.document);
    lines.push('  2. 打开以下链接，工作簿会加载此加载项 / Open this link; the workbook loads the add-in:');
    lines.push(`     ${link}`);
  } else {
    lines.push('  2. 在 Excel 网页版中打开工作簿 → 插入 → Office 加载项 → 我的加载项 → 上传我的加载项 → 选择 manifest.xml。');
    lines.push('     Open a workbook in Excel on the web → Insert → Office Add-ins → My Add-ins → Upload My Add-in → manifest.xml.');
    lines.push('     (或 / or: npm run start:web -- --document <url of the workbook>)');
  }
  lines.push(`  Alternative: npx --yes ${DEBUGGING} start manifest.xml web --document <url>`);
  lines.push('  停止 / stop: Ctrl+C, or `npm stop` from another terminal.');
  const plan = { command: process.execPath, args: [require.resolve('webpack-cli/bin/cli.js'), 'serve', '--mode', 'development'] };
  if (opts.dryRun) {
    process.stdout.write(`${lines.join('\n')}\n\nwould run: node webpack serve --mode development\n`);
    return;
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  const child = run(plan.command, plan.args);
  fs.mkdirSync(path.dirname(PID_FILE), { recursive: true });
  fs.writeFileSync(PID_FILE, String(child.pid));
  const cleanup = () => {
    try {
      if (fs.readFileSync(PID_FILE, 'utf8') === String(child.pid)) fs.unlinkSync(PID_FILE);
    } catch {
      // already gone
    }
  };
  child.on('exit', cleanup);
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      child.kill(sig);
      cleanup();
    });
  }
}

function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
    if (opts.target === 'web') return startWeb(opts);
    if (opts.platform !== 'win32' && opts.platform !== 'darwin') {
      process.stderr.write(LINUX_MESSAGE);
      process.exitCode = 1;
      return;
    }
    const plan = desktopPlan(opts);
    if (opts.dryRun) {
      process.stdout.write(`would run: ${plan.command} ${plan.args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}\n`);
      return;
    }
    run(plan.command, plan.args);
  } catch (err) {
    process.stderr.write(`start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}

main();
