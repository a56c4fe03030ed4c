import { validateEdited } from '../../helpers/forms';
import { gridFromRows, seedGrid, seedRowsOf } from '../../helpers/grid';
import { DEFAULT_KIND_LEXICON } from '../../../src/core/lexicon';
import { type SettingsInput, validateGrid } from '../../../src/core/validate';

describe('indicator/deviation', () => {
  it('a stock below 80% of its target is yellow, below 60% red — not pro-rated by 时间进度', () => {
    const y = validateEdited((rows) => {
      rows[13][5] = '700人';
      rows[13][6] = '70%';
    });
    expect(y.findings.find((f) => f.rule === 'indicator/deviation')).toMatchObject({ cell: 'G14', light: 'yellow', severity: 'warning' });
    const red = validateEdited((rows) => {
      rows[13][5] = '500人';
      rows[13][6] = '50%';
    });
    expect(red.findings.find((f) => f.rule === 'indicator/deviation')).toMatchObject({ cell: 'G14', light: 'red', severity: 'error' });
  });

  it('a flow (预算执行率) is compared with 时间进度', () => {
    const r = validateEdited((rows) => {
      rows[14][5] = '30%';
      rows[14][6] = '40%';
    });
    const f = r.findings.find((x) => x.rule === 'indicator/deviation' && x.cell === 'G15')!;
    expect(f).toMatchObject({ light: 'red' });
    expect(f.arithmetic?.zh).toBe('40.0% ÷ 75.0% = 53.3%');
  });

  it('a flow far ahead of 时间进度 is blue information', () => {
    const r = validateEdited(() => undefined);
    expect(r.findings.find((x) => x.rule === 'indicator/deviation')).toMatchObject({ cell: 'G15', light: 'blue', severity: 'info' });
  });
});

describe('indicator/deviation: honest lights (issue 11)', () => {
  it('a stated rate the recomputation contradicts does not set the light; the message says so', () => {
    // seed form 2: 个人缴费人数 16525人 → 8000人 but the stated 109.00% is left: 48.4%, a red stock
    const rows = seedRowsOf('form2');
    rows[13][5] = '8000人';
    const r = validateGrid(gridFromRows('城乡居民养老', rows));
    expect(r.findings.find((f) => f.rule === 'indicator/rate-mismatch')).toMatchObject({ cell: 'G14' });
    const f = r.findings.find((x) => x.rule === 'indicator/deviation' && x.cell === 'G14')!;
    expect(f).toMatchObject({ light: 'red', severity: 'error', actual: 0.4841 });
    expect(f.message.zh).toContain('填报的完成率为 109.00%，与重算不符，灯色按重算值 48.4% 判定');
    expect(f.message.en).toContain('the light uses the recomputed 48.4%');
  });

  it('a stated rate that agrees keeps setting the light, with no note', () => {
    const r = validateGrid(seedGrid('form2'));
    const f = r.findings.find((x) => x.rule === 'indicator/deviation' && x.cell === 'G15')!;
    expect(f.message.zh).toBe('指标“财政缴费补贴人数”完成率 52.3%，低于年度目标的 60%（红灯）。');
  });
});

describe('indicator/deviation: the flow/stock lexicon (issue 11)', () => {
  // seed form 2, row 15: 16804人 planned, 8791人 reached, 52.31% — red as a stock
  const renamed = (name: string, settings?: SettingsInput) => {
    const rows = seedRowsOf('form2');
    rows[14][3] = name;
    return validateGrid(gridFromRows('城乡居民养老', rows), settings).findings.find((x) => x.rule === 'indicator/deviation' && x.cell === 'G15')!;
  };

  it('money paid out (赔付) is a flow, compared with 时间进度', () => {
    const f = renamed('大病保险赔付金额');
    expect(f).toMatchObject({ light: 'yellow', arithmetic: { zh: '52.3% ÷ 75.0% = 69.7%', en: '52.3% ÷ 75.0% = 69.7%' } });
    expect(f.message.zh).not.toContain('不在流量/存量词表中');
  });

  it('an unknown name is taken as a flow (no false red) and the message says which class was assumed', () => {
    const f = renamed('财政代缴');
    expect(f).toMatchObject({ light: 'yellow' });
    expect(f.message.zh).toContain('“财政代缴”不在流量/存量词表中，按流量（累计）指标与时间进度比较');
    expect(f.message.en).toContain('was taken as a flow');
  });

  it('the lexicon is a setting: a word added to the stocks makes it a stock again', () => {
    const f = renamed('财政代缴', { kindLexicon: { stock: [...DEFAULT_KIND_LEXICON.stock, '代缴'] } });
    expect(f).toMatchObject({ light: 'red', arithmetic: { zh: '52.3% < 60%', en: '52.3% < 60%' } });
    expect(f.message.zh).not.toContain('词表');
  });
});
