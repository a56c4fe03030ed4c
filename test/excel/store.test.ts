/** The Excel module's pure helpers: quoted sheet names in area lists, the fill record, text that Excel would type. */
import { wouldBeTyped } from '../../src/excel/annex2';
import { DEFAULT_RUBRIC } from '../../src/review/rubric';
import { parseMergedAddress, parseRecord, parseSettings, splitAreas } from '../../src/excel/store';

describe('area lists', () => {
  test('a comma inside a quoted sheet name does not split the list', () => {
    expect(splitAreas("'附件1,2020年9月'!A2:H2,'附件1,2020年9月'!B5:C5")).toEqual(["'附件1,2020年9月'!A2:H2", "'附件1,2020年9月'!B5:C5"]);
    expect(splitAreas("'it''s, here'!A1,B2")).toEqual(["'it''s, here'!A1", 'B2']);
    expect(parseMergedAddress("'附件1,2020年9月'!A2:H2,'附件1,2020年9月'!$B$5:$C$6", 1, 0)).toEqual([
      { top: 0, left: 0, bottom: 0, right: 7 },
      { top: 3, left: 1, bottom: 4, right: 2 },
    ]);
  });
});

describe('the fill record', () => {
  test('version 1 records are read as version 2 (previous fills kept, no mark colours)', () => {
    expect(parseRecord({ v: 1, sheet: 'S', fills: { A1: '#FFFF00 Gray50', B2: null, C3: '#00B0F0' } })).toEqual({
      v: 2, sheet: 'S', kind: 'notes', marks: {},
      fills: { A1: { color: '#FFFF00', pattern: 'Gray50' }, B2: null, C3: { color: '#00B0F0' } },
    });
  });

  test('version 2 keeps tints and pattern colours; anything malformed counts as no record', () => {
    const ok = { v: 2, sheet: 'S', kind: 'comments', marks: { A1: '#FF0000' }, fills: { A1: { color: '#FFC000', tint: 0.4, pattern: 'Gray50', patternColor: '#FF0000', patternTint: -0.25 } } };
    expect(parseRecord(JSON.stringify(ok))).toEqual(ok);
    expect(parseRecord({ ...ok, fills: { A1: { color: 'red' } } })).toBeNull();
    expect(parseRecord({ ...ok, fills: { A1: { color: '#FFFFFF', tint: 3 } } })).toBeNull();
    expect(parseRecord({ ...ok, marks: { 'A1;B2': '#FF0000' } })).toBeNull();
    expect(parseRecord('{not json')).toBeNull();
  });
});

describe('text Excel would type into something else', () => {
  test.each(['=1+1', '+86 123', '-养老', '001', '1,234', '12.5%', '1e5', '2020-09', '9/30', 'TRUE', "'abc", '@x'])('%s', (s) => expect(wouldBeTyped(s)).toBe(true));
  test.each(['塔什库尔干县社会保险管理局', '2020年9月', 'A-1 项目', ''])('%s stays as written', (s) => expect(wouldBeTyped(s)).toBe(false));
});

describe('saved pane settings', () => {
  test('sound settings come back as saved, with nothing said', () => {
    const saved = { engine: { yellowBelow: 0.7 }, lang: 'en', rubric: DEFAULT_RUBRIC, destination: { kind: 'workbook', sheetName: '附件2' } };
    expect(parseSettings(JSON.stringify(saved))).toEqual(saved);
  });

  test('unreadable settings are all defaults, and say so', () => {
    expect(parseSettings('{"engine": {')).toEqual({ engine: {}, damaged: { zh: '工作簿中保存的设置“全部设置”已损坏，已改用默认设置。', en: 'The settings saved in this workbook (all settings) are damaged; defaults are used instead.' } });
    expect(parseSettings('[1,2]').damaged?.zh).toContain('全部设置');
  });

  test('each damaged part is named and replaced by its default; the sound parts are kept', () => {
    const r = parseSettings(JSON.stringify({ engine: { tolerance: 0.01 }, rubric: { timely: { max: 'ten' } }, destination: { kind: 'ftp' }, lang: 'fr' }));
    expect(r.engine).toEqual({ tolerance: 0.01 });
    expect([r.rubric, r.destination, r.lang]).toEqual([undefined, undefined, undefined]);
    expect(r.damaged?.zh).toBe('工作簿中保存的设置“附件2 评分规则、附件2 去向、界面语言”已损坏，已改用默认设置。');
    expect(parseSettings(JSON.stringify({ engine: null })).damaged?.en).toContain('(rules and thresholds)');
  });
});
