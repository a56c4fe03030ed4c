/**
 * The rule catalogue's contract, checked by running it: every rule has its own test file, and a
 * rule offers a fix only when its `meta.fixable` says so — over every workbook the tests can reach
 * (the fixtures, the sample, the seed forms) and over generated forms with random edits.
 */
import * as fc from 'fast-check';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, type SheetResult, validateGrid } from '../../../src/core';
import { readGridsFile } from '../../../src/node/read';
import { CONSISTENT } from '../../helpers/forms';
import { gridFromRows, seedRowsOf } from '../../helpers/grid';
import { formFragmentArb } from '../../robustness/gen/sheets';

const ROOT = join(__dirname, '../../..');
const fixable = new Map(RULES.map((r) => [r.meta.id, r.meta.fixable]));

/** Findings with a fix from a rule whose meta.fixable is false, as `rule cell`. */
const unfixableFixes = (r: SheetResult) => r.findings.filter((f) => f.fix && !fixable.get(f.rule)).map((f) => `${f.rule} ${f.cell}`);

function workbooks(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? workbooks(join(dir, e.name)) : e.name.endsWith('.xlsx') ? [join(dir, e.name)] : []);
}

describe('the rule catalogue', () => {
  it('every rule has its test file, test/core/rules/<rule id with dashes>.test.ts', () => {
    const missing = RULES.map((r) => `${r.meta.id.replace('/', '-')}.test.ts`).filter((f) => !existsSync(join(__dirname, f)));
    expect(missing).toEqual([]);
  });

  it('rule ids are unique', () => {
    expect(new Set(RULES.map((r) => r.meta.id)).size).toBe(RULES.length);
  });
});

describe('a rule offers a fix only when meta.fixable says so', () => {
  const files = [...workbooks(join(ROOT, 'test/fixtures')), ...workbooks(join(ROOT, 'samples'))];

  it.each(files.map((f) => [f.slice(ROOT.length + 1)]))('%s', (file) => {
    const results = readGridsFile(join(ROOT, file)).map((g) => validateGrid(g));
    expect(results.flatMap(unfixableFixes)).toEqual([]);
    // the corpus exercises the contract: some findings do carry fixes
    expect(results.some((r) => r.findings.some((f) => f.fix))).toBe(true);
  });

  it('the seed forms and the constructed form', () => {
    const grids = [...(['form1', 'form2', 'form3', 'form4'] as const).map((f) => gridFromRows(f, seedRowsOf(f))), gridFromRows('测试', CONSISTENT)];
    expect(grids.flatMap((g) => unfixableFixes(validateGrid(g)))).toEqual([]);
  });

  it('generated forms with random edits, noise, merges and hidden rows', () => {
    fc.assert(fc.property(formFragmentArb, ({ grid }) => {
      expect(unfixableFixes(validateGrid(grid))).toEqual([]);
    }), { numRuns: 300, seed: 13 });
  });
});

describe('the engine enforces the contract', () => {
  afterEach(() => jest.resetModules());

  it('a fix from a rule whose meta.fixable is false is refused loudly, naming the rule', () => {
    jest.resetModules();
    jest.doMock('../../../src/core/rules', () => {
      const { RULE_TEXT } = jest.requireActual('../../../src/core/messages');
      const text = RULE_TEXT['budget/over-execution'];
      const rogue = {
        meta: { id: 'test/rogue', severity: 'error', section: 'form', fixable: false, docs: text.docs, messages: text },
        check: ({ form }: { form: { budget: { cell: string } } }) => [
          { cell: form.budget.cell, message: text.docs, fix: { cell: form.budget.cell, value: 1, display: '1' } },
        ],
      };
      return { RULES: [rogue], RULE_IDS: ['test/rogue'] };
    });
    const { validateGrid: validate } = jest.requireActual('../../../src/core/validate') as typeof import('../../../src/core/validate');
    expect(() => validate(gridFromRows('测试', CONSISTENT))).toThrow('rule test/rogue offered a fix, but its meta.fixable is false');
  });
});
