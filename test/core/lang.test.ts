import { catalogue, fill, joinLocalized, localize, LocalizedError, translate } from '../../src/core/lang';

const CAT = catalogue({
  cell: { zh: '{field}（{cell}）应为 {value}。', en: 'The {field} in {cell} should be {value}.' },
});

describe('the language kit', () => {
  it('fills both languages, using a parameter’s English form in English', () => {
    expect(localize(CAT, 'cell', { field: '执行数', fieldEn: 'funds spent', cell: 'C7', value: 90 })).toEqual({
      zh: '执行数（C7）应为 90。',
      en: 'The funds spent in C7 should be 90.',
    });
    expect(translate(CAT, 'en', 'cell', { field: '执行数', cell: 'C7', value: 1 })).toBe('The 执行数 in C7 should be 1.');
  });

  it('gives a bilingual parameter its own text in each language', () => {
    expect(localize(CAT, 'cell', { field: { zh: '执行数', en: 'funds spent' }, cell: 'C7', value: 90 })).toEqual({
      zh: '执行数（C7）应为 90。',
      en: 'The funds spent in C7 should be 90.',
    });
  });

  it('leaves a missing parameter visible instead of printing "undefined"', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('joins parts per language and drops the absent ones', () => {
    expect(joinLocalized([{ zh: '甲', en: 'A' }, null, { zh: '乙', en: 'B' }])).toEqual({ zh: '甲乙', en: 'A B' });
  });

  it('gives errors both languages in their message and names the subclass', () => {
    class SheetError extends LocalizedError {}
    const e = new SheetError({ zh: '出错了', en: 'It failed' });
    expect(e.message).toBe('出错了\nIt failed');
    expect(e.name).toBe('SheetError');
    expect([e.zh, e.en]).toEqual(['出错了', 'It failed']);
    expect(e).toBeInstanceOf(Error);
  });
});

describe('English plurals', () => {
  const FILES = catalogue({ read: { zh: '已读取 {n} 个文件', en: '{n} {n|file|files} read' } });

  it('says "1 file" and "4 files", and leaves Chinese alone', () => {
    expect(translate(FILES, 'en', 'read', { n: 1 })).toBe('1 file read');
    expect(translate(FILES, 'en', 'read', { n: 4 })).toBe('4 files read');
    expect(translate(FILES, 'en', 'read', { n: 0 })).toBe('0 files read');
    expect(translate(FILES, 'zh', 'read', { n: 1 })).toBe('已读取 1 个文件');
    expect([-1, 1.5, 21].map((n) => translate(FILES, 'en', 'read', { n }))).toEqual(['-1 file read', '1.5 files read', '21 files read']);
  });

  it('shows a missing count instead of guessing a word', () => {
    expect(fill('{n|sheet|sheets}', {}, 'en')).toBe('{n}');
  });
});
