import { validateEdited } from '../../helpers/forms';

const behind = (rows: string[][]) => {
  rows[13][5] = '500人';
  rows[13][6] = '50%';
};

describe('deviation/unexplained', () => {
  it('a deviation with section 五 empty', () => {
    const r = validateEdited((rows) => {
      behind(rows);
      rows[19][1] = '';
    });
    const f = r.findings.find((x) => x.rule === 'deviation/unexplained')!;
    expect(f.cell).toBe('B20');
    expect(f.message.zh).toContain('参保缴费人数 50.0%');
  });

  it('the budget behind 时间进度 is a deviation too, listed first', () => {
    const r = validateEdited((rows) => {
      rows[7][6] = '300';
      rows[7][7] = '30%';
      rows[19][1] = '';
    });
    const f = r.findings.find((x) => x.rule === 'deviation/unexplained')!;
    expect(f.message.zh).toMatch(/^存在偏差（预算执行率 30\.0%/);
  });

  it('is silent when section 五 explains, or when nothing deviates', () => {
    expect(validateEdited(behind).findings.some((x) => x.rule === 'deviation/unexplained')).toBe(false);
    expect(validateEdited((rows) => (rows[19][1] = '')).findings.some((x) => x.rule === 'deviation/unexplained')).toBe(false);
  });
});
