import { classifyName, DEFAULT_KIND_LEXICON } from '../../src/core/lexicon';
import { parseTarget } from '../../src/core/parse';
import { validateGrid } from '../../src/core/validate';
import { seedGrid } from '../helpers/grid';

describe('the flow/stock lexicon', () => {
  it.each([
    ['大病保险赔付金额', 'flow'],
    ['医疗费用支付', 'flow'],
    ['养老金发放金额', 'flow'],
    ['资金拨付', 'flow'],
    ['医疗费用报销', 'flow'],
    ['异地就医结算', 'flow'],
    ['高龄补贴发放', 'flow'],
    ['基金支出预算执行率', 'flow'],
    ['门诊就诊人次', 'flow'],
    ['参保缴费人数', 'stock'],
    ['补贴发放人数', 'stock'],
    ['待遇首次发放成功率', 'stock'],
    ['养老金发放时效', 'stock'],
    ['个人缴费人均缴费标准', 'stock'],
    ['参保人员满意度', 'stock'],
    ['基金使用符合政策规定', 'stock'],
  ])('%s is a %s', (name, kind) => {
    expect(classifyName(name)).toMatchObject({ kind, source: 'lexicon' });
  });

  it('the word that ends last decides (the head of a compound), the longer one on a tie', () => {
    expect(classifyName('补贴发放人数').word).toBe('人数');
    expect(classifyName('基本养老保险支出预算执行率').word).toBe('预算执行率');
  });

  it('an unknown name is assumed a flow; a qualitative or deadline target is a stock whatever the name', () => {
    expect(classifyName('让离退休人员安享晚年')).toEqual({ kind: 'flow', source: 'assumed' });
    expect(classifyName('让离退休人员安享晚年', DEFAULT_KIND_LEXICON, parseTarget('充分发挥社会保险的职能作用'))).toEqual({ kind: 'stock', source: 'target' });
    expect(classifyName('参保人员及时报销', DEFAULT_KIND_LEXICON, parseTarget('每月25日前')).kind).toBe('stock');
  });

  it('classes every indicator of the seed as before: execution rates are flows, the rest stocks', () => {
    const kinds = validateGrid(seedGrid('form3')).form!.indicators.map((i) => [i.name, i.kind]);
    expect(kinds.filter(([, k]) => k === 'flow').map(([n]) => n)).toEqual(['职工基本医疗收入预算执行率', '职工基本医疗支出预算执行率']);
  });

  it('words of the settings replace the defaults', () => {
    expect(classifyName('赔付', { flow: [], stock: ['赔付'] })).toMatchObject({ kind: 'stock', source: 'lexicon' });
  });
});
