/**
 * npm run demo [-- path/to/file.xlsx] [--port N] [--data DIR] [--rebuild]
 *
 * The development and demonstration host: the built task pane beside a rendering of the workbook,
 * running against an in-memory Excel — no Excel needed. Its first line of output is the address.
 * See src/demo/server.ts.
 */
import { startDemo } from '../src/demo/server';

interface Args {
  file?: string;
  port: number;
  data?: string;
  rebuild: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { port: 3100, rebuild: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    const value = (name: string) => {
      const eq = x.indexOf('=');
      if (eq > 0) return x.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${name} 需要一个值 / ${name} needs a value`);
      return v;
    };
    if (x === '--port' || x.startsWith('--port=')) {
      const v = value('--port');
      a.port = Number(v);
      if (!/^\d+$/.test(v) || a.port > 65535) throw new Error(`--port 必须是 0–65535 的整数 / --port must be a whole number 0–65535 (got ${v})`);
    } else if (x === '--data' || x.startsWith('--data=')) a.data = value('--data');
    else if (x === '--rebuild') a.rebuild = true;
    else if (x === '--help' || x === '-h') {
      console.log('npm run demo [-- file.xlsx] [--port N (default 3100, 0 = any free port)] [--data DIR (default .data/demo)] [--rebuild]');
      process.exit(0);
    } else if (x.startsWith('-')) throw new Error(`未知选项 / unknown option: ${x}`);
    else if (a.file) throw new Error(`只能给出一个工作簿 / give one workbook only (got ${a.file} and ${x})`);
    else a.file = x;
  }
  return a;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const demo = await startDemo({ file: args.file, port: args.port, dataDir: args.data, rebuild: args.rebuild, log: (l) => console.log(l) });
  console.log(demo.url); // the first line: the address
  console.log('开发与演示宿主（不是 Excel）/ development and demonstration host (not Excel)');
  console.log(`  证书是审核服务器的自签名证书，浏览器会要求接受一次 / the certificate is the review server's self-signed one: accept it once in the browser`);
  console.log(`  审核服务器目标 / review-server destination: ${demo.url.replace(/\/$/, '')}  令牌 / token: ${demo.token}`);
  try {
    await demo.ready;
  } catch (e) {
    console.error(`演示无法启动 / the demo could not start: ${(e as Error).message}`);
    await demo.close();
    process.exit(1);
  }
  console.log('已就绪 / ready — Ctrl+C 停止 / to stop');
  const stop = () => {
    void demo.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  console.error(err.code === 'EADDRINUSE' ? `端口已被占用 / the port is in use: ${err.message} (use --port N)` : `演示无法启动 / the demo could not start: ${err.message}`);
  process.exit(1);
});
