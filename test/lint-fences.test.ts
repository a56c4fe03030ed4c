/**
 * The borders between the folders of src/ and what the pages' code may do are lint rules
 * (eslint.config.mjs; docs/design.md, "Folders and their borders"). `npm run lint` proves the tree
 * keeps them; this proves the rules bite: each snippet is linted as if it were the named file, and
 * a forbidden line must be reported, its allowed counterpart must not.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

type Case = [file: string, code: string];

/** ESLint's messages ("rule: message") for each snippet, from one ESLint run (its flat config is ESM, so in a child process). */
function lint(cases: Case[]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = [];
    for (const [filePath, code] of JSON.parse(process.argv[1])) {
      const [r] = await eslint.lintText(code, { filePath });
      out.push(r.messages.map((m) => m.ruleId + ': ' + m.message));
    }
    process.stdout.write(JSON.stringify(out));`;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(cases)], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(stdout) as string[][];
}

const CASES: Record<string, { forbidden: Case; allowed: Case; rule: RegExp }> = {
  'bilingual text lives in a catalogue, in the pages as elsewhere': {
    forbidden: ['src/taskpane/x.ts', "export const x = { zh: '已保存', en: 'Saved' };\n"],
    allowed: ['src/taskpane/x.ts', "import { catalogue } from '../core';\nexport const X = catalogue({ saved: { zh: '已保存', en: 'Saved' } });\n"],
    rule: /^no-restricted-syntax: Bilingual text belongs in a catalogue/,
  },
  'bilingual text lives in a catalogue in the server too': {
    forbidden: ['src/server/x.ts', "export const x = { zh: `第 ${1} 行`, en: `row ${1}` };\n"],
    allowed: ['src/server/x.ts', "import { catalogue } from '../core';\nexport const X = catalogue({ row: { zh: '第 {n} 行', en: 'row {n}' } });\n"],
    rule: /^no-restricted-syntax: Bilingual text belongs in a catalogue/,
  },
  'the pane does not import the Excel module': {
    forbidden: ['src/taskpane/X.tsx', "import { createExcelHost } from '../excel/host';\nexport const x = createExcelHost;\n"],
    allowed: ['src/taskpane/X.tsx', "import type { PaneHost } from '../host';\nexport type X = PaneHost;\n"],
    rule: /^no-restricted-imports: .*src\/taskpane\/ may import only/,
  },
  'the ribbon commands do not import the pane': {
    forbidden: ['src/commands/x.ts', "import { App } from '../taskpane/App';\nexport const x = App;\n"],
    allowed: ['src/commands/x.ts', "import { createExcelHost } from '../excel/host';\nexport const x = createExcelHost;\n"],
    rule: /^no-restricted-imports: .*src\/commands\/ may import only/,
  },
  'the host contract does not import the pane or Excel': {
    forbidden: ['src/host/x.ts', "import { App } from '../taskpane/App';\nexport const x = App;\n"],
    allowed: ['src/host/x.ts', "import type { ReviewRow } from '../review/types';\nexport type X = ReviewRow;\n"],
    rule: /^no-restricted-imports: .*src\/host\/ may import only/,
  },
  'outside src/core the engine is reached through its index only': {
    forbidden: ['src/review/x.ts', "import { RULES } from '../core/rules';\nexport const x = RULES;\n"],
    allowed: ['src/review/x.ts', "import { RULES } from '../core';\nexport const x = RULES;\n"],
    rule: /^no-restricted-imports: .*only through its index/,
  },
  'the engine imports nothing outside src/core': {
    forbidden: ['src/core/rules/x.ts', "import type { ReviewRow } from '../../review/types';\nexport type X = ReviewRow;\n"],
    allowed: ['src/core/rules/x.ts', "import type { Finding } from '../types';\nexport type X = Finding;\n"],
    rule: /^no-restricted-imports: .*src\/core\/ imports nothing outside/,
  },
  'nothing in src/ imports test code, a test beside its module neither': {
    forbidden: ['src/core/rules/x.test.ts', "import { seedGrid } from '../../../test/helpers/grid';\nexport const x = seedGrid;\n"],
    allowed: ['test/core/rules/x.test.ts', "import { seedGrid } from '../../helpers/grid';\nexport const x = seedGrid;\n"],
    rule: /^no-restricted-imports: .*must not import test code/,
  },
  'the Office globals only in src/excel and src/commands': {
    forbidden: ['src/taskpane/x.ts', 'export const theme = () => Office.context.officeTheme;\n'],
    allowed: ['src/excel/x.ts', 'export const theme = () => Office.context.officeTheme;\n'],
    rule: /^no-restricted-globals: Unexpected use of 'Office'/,
  },
  'the pages reach the network only in the 附件2 destinations and the sign-in': {
    forbidden: ['src/review/x.ts', "export const send = () => fetch('/api/review-rows');\n"],
    allowed: ['src/review/server-client.ts', "export const send = () => fetch('/api/review-rows');\n"],
    rule: /^no-restricted-syntax: the add-in's pages reach the network only in/,
  },
  'the pages write to the console nowhere': {
    forbidden: ['src/taskpane/x.ts', "export const say = (s: string) => console.log(s);\n"],
    allowed: ['src/cli/x.ts', "export const say = (s: string) => console.log(s);\n"],
    rule: /^no-console: /,
  },
  'the pages render no raw HTML': {
    forbidden: ['src/taskpane/X.tsx', 'export const X = ({ h }: { h: string }) => <p dangerouslySetInnerHTML={{ __html: h }} />;\n'],
    allowed: ['src/taskpane/X.tsx', 'export const X = ({ h }: { h: string }) => <p>{h}</p>;\n'],
    rule: /^no-restricted-syntax: the pages render no raw HTML/,
  },
  'no host name in page code but Graph and the sign-in': {
    forbidden: ['src/excel/x.ts', "export const url = 'https://review.example.cn/api';\n"],
    allowed: ['src/excel/x.ts', 'export const url = `https://graph.microsoft.com/v1.0/me`;\n'],
    rule: /^no-restricted-syntax: the only hosts written in page code/,
  },
};

const names = Object.keys(CASES);
let results: string[][];

beforeAll(() => {
  results = lint(names.flatMap((n) => [CASES[n].forbidden, CASES[n].allowed]));
}, 60_000);

describe('lint fences', () => {
  it.each(names)('%s', (name) => {
    const i = names.indexOf(name);
    const [forbidden, allowed] = [results[2 * i], results[2 * i + 1]];
    expect(forbidden.filter((m) => CASES[name].rule.test(m))).toHaveLength(1);
    expect(allowed).toEqual([]);
  });
});
