import { validateEdited } from '../../helpers/forms';
import { gridFromRows, seedRowsOf } from '../../helpers/grid';
import { parseTarget } from '../../../src/core/parse';
import { validateGrid } from '../../../src/core/validate';

/** Seed form 1 with the target of 养老保险待遇首次发放成功率 (E18, `≥95%`) rewritten. */
const withTarget = (target: string) => {
  const rows = seedRowsOf('form1');
  rows[17][4] = target;
  return validateGrid(gridFromRows('机关事业单位养老', rows));
};
const malformed = (target: string) => withTarget(target).findings.filter((f) => f.rule === 'indicator/malformed-target' && f.cell === 'E18');

describe('indicator/malformed-target: unreadable targets (issue 11)', () => {
  it.each([
    ['约105%≤≥95%左右', '95%≤x≤105%'],
    ['≥95%≤', null],
    ['大于≥95%且<<100%', null],
    ['首次发放≥95%，转移≥98%', null],
    ['≤≥98%', null],
  ])('%s with stray characters around a malformed comparison is reported at its cell', (target, likely) => {
    const [f] = malformed(target);
    expect(f).toMatchObject({ cell: 'E18', severity: 'error', actual: target });
    if (likely) {
      expect(f.expected).toBe(likely);
      expect(f.fix).toMatchObject({ cell: 'E18', value: likely });
    } else {
      expect(f.message.zh).toBe(`预期指标值“${target}”无法读懂。`);
      expect(f.fix).toBeUndefined();
    }
  });

  it('one comparison sign before the only number, among words, is read as a comparator', () => {
    expect(parseTarget('首次发放成功率≥95%')).toMatchObject({ kind: 'comparator', op: '≥', value: 0.95, percent: true });
    expect(malformed('首次发放成功率≥95%')).toEqual([]);
  });

  it('plainly qualitative text stays qualitative, with or without digits', () => {
    for (const t of ['充分发挥社会保险的职能作用', '每月25日前', '上访率控制在0.1%以内, 维护社会稳定', '确保2020年全面完成']) {
      expect(['qualitative', 'deadline', 'comparator']).toContain(parseTarget(t).kind);
      expect(malformed(t)).toEqual([]);
    }
  });
});

describe('indicator/malformed-target on the constructed form', () => {
  it('105%≤≥95% cannot be read; the likely reading is offered', () => {
    const r = validateEdited((rows) => (rows[14][4] = '105%≤≥95%'));
    const f = r.findings.find((x) => x.rule === 'indicator/malformed-target')!;
    expect(f).toMatchObject({ cell: 'E15', expected: '95%≤x≤105%' });
    expect(f.message.en).toContain('95%≤x≤105%');
  });
});
