import { validateEdited } from '../../helpers/forms';
import { mentionedNames } from '../../../src/core/rules/deviation-explanation-mismatch';

const behind = (rows: string[][]) => {
  rows[13][5] = '500人';
  rows[13][6] = '50%';
};

describe('deviation/explanation-mismatch', () => {
  it('section 五 names an indicator the form does not have', () => {
    const r = validateEdited((rows) => {
      behind(rows);
      rows[19][1] = '主要为领取待遇人数比预计人数低，后期精准统计。';
    });
    const f = r.findings.find((x) => x.rule === 'deviation/explanation-mismatch')!;
    expect(f).toMatchObject({ cell: 'B20', actual: '领取待遇人数', expected: '参保缴费人数' });
  });

  it('section 五 names an indicator, but not the largest deviation', () => {
    const r = validateEdited((rows) => {
      behind(rows);
      rows[19][1] = '参保人员满意度调查尚未开展。';
    });
    expect(r.findings.find((x) => x.rule === 'deviation/explanation-mismatch')).toMatchObject({ actual: '参保人员满意度', expected: '参保缴费人数' });
  });

  it('is silent when section 五 names the largest deviation', () => {
    const r = validateEdited((rows) => {
      behind(rows);
      rows[19][1] = '参保缴费人数低于预期，已加强宣传动员。';
    });
    expect(r.findings.some((x) => x.rule === 'deviation/explanation-mismatch')).toBe(false);
  });

  it('finds the indicator names an explanation mentions', () => {
    expect(mentionedNames('完成目标执行总情况80%与目标有偏差, 主要为参保缴费人数比预计人数高, 确保实际参保缴费人数准确真实性。')).toEqual(['参保缴费人数']);
    expect(mentionedNames('主要为领取待遇人数比预计人数低')).toEqual(['领取待遇人数']);
  });
});
