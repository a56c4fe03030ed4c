/**
 * The bad-input catalogue: each row states the input and the exact finding(s) — rule, cell and the
 * zh message — the user gets on the cells concerned. Most rows edit CONSISTENT (a form with every
 * number right): row 8 holds 预算数 C8, 到位数 E8, 执行数 G8, 预算执行率 H8; row 14 is the indicator
 * 参保缴费人数 with 预期指标值 E14, 指标完成值 F14, 指标完成率 G14.
 */
import * as CFB from 'cfb';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Grid, validateGrid } from '../../src/core';
import { createExcelHost } from '../../src/excel/host';
import { type SimWorkbook, cloneWorkbook, installExcelSim, workbookFromGrids } from '../../src/excel-sim';
import { addSeedSheet } from '../../src/node/seed';
import { MAX_ROWS, readWorkbookFile } from '../../src/node/xlsx';
import { CONSISTENT } from '../helpers/forms';
import { gridFromRows, seedRowsOf } from '../helpers/grid';

type Expected = [rule: string, cell: string, zh: string];

interface Case {
  input: string;
  grid: () => Grid;
  /** the cells the case is about; every finding on them is compared */
  cells: string[];
  expected: Expected[];
}

const edited = (edit: (rows: string[][]) => void, extra: Partial<Grid> = {}) => () => {
  const rows = CONSISTENT.map((r) => [...r]);
  edit(rows);
  return gridFromRows('测试', rows, extra);
};
/** Put target / actual / stated rate into the indicator 参保缴费人数 (E14 / F14 / G14). */
const indicator = (target: string, actual: string, rate: string) => edited((rows) => {
  rows[13][4] = target;
  rows[13][5] = actual;
  rows[13][6] = rate;
});
const IND = ['E14', 'F14', 'G14'];
const NOT_A_FORM = '不是附件1（绩效监控情况表）：未找到 一、基本情况、二、预算执行情况、三、目标完成情况、四、年度绩效指标完成情况、五、绩效目标执行出现的偏差和采取的措施。';
const rateMismatch = (stated: string, computed: string): Expected => ['indicator/rate-mismatch', 'G14', `指标“参保缴费人数”的完成率填报为 ${stated}，按计算应为 ${computed}。`];

const CASES: Case[] = [
  // sheets as a whole
  { input: 'empty sheet (no used range)', grid: () => ({ name: '空表', top: 0, left: 0, values: [] }), cells: ['A1'], expected: [['form/not-recognized', 'A1', `工作表“空表”${NOT_A_FORM}`]] },
  { input: 'a sheet of names and amounts, used range from C3', grid: () => ({ ...gridFromRows('名单', [['姓名', '金额'], ['张三', '100']]), top: 2, left: 2 }), cells: ['C3'], expected: [['form/not-recognized', 'C3', `工作表“名单”${NOT_A_FORM}`]] },
  {
    input: 'a used range of 1,048,576 rows, cut by the reader to its first 20 rows',
    grid: () => ({ ...gridFromRows('大表', CONSISTENT), truncatedRows: 1048556 }),
    cells: ['A20'],
    expected: [['form/structure', 'A20', '工作表的已用区域过大，只读取了前 20 行（另有 1048556 行未读取，至 A20）。']],
  },
  {
    input: '“四、年度绩效指标完成情况” a second time (A20) with one more indicator',
    grid: edited((rows) => rows.splice(19, 0, ['四、年度绩效指标完成情况', '一级指标', '二级指标', '三级指标', '预期指标值', '指标完成值', '指标完成率'], ['', '产出指标', '数量指标', '重复指标', '10人', '1人', '10%'])),
    cells: ['A20'],
    expected: [['form/structure', 'A20', '“四、年度绩效指标完成情况”在 A20 再次出现（第一次在 A13）；只读取了第一次出现的内容。']],
  },
  {
    // issue 11: every form on a sheet is checked (before: a form/structure warning at A27, the second form unchecked)
    input: 'two 附件1 on one sheet (seed form 2 below CONSISTENT, two blank rows between)',
    grid: () => gridFromRows('两张', [...CONSISTENT, [], [], ...seedRowsOf('form2')]),
    cells: ['A27', 'H30'],
    expected: [['field/missing', 'H30', '预算执行率为空，按计算应为 79.9%。']],
  },
  { input: 'filtered rows: the indicator header row (13) hidden', grid: edited(() => undefined, { hiddenRows: [12] }), cells: ['E13', 'F13', 'G13', ...IND], expected: [] },
  { input: 'filtered rows: rows below the form hidden by an AutoFilter', grid: edited((rows) => rows.push([], ['备注', '1'], ['备注', '2']), { hiddenRows: [21, 22] }), cells: ['A22', 'B22', 'A23', 'B23'], expected: [] },

  // amounts
  {
    input: '预算数 C8 = 0',
    grid: edited((rows) => (rows[7][2] = '0')),
    cells: ['C8', 'E8', 'H8'],
    expected: [
      ['budget/rate-mismatch', 'C8', '预算数为 0，无法计算预算执行率（执行数 780）。'],
      ['budget/over-execution', 'E8', '到位数 800 大于预算数 0。'],
    ],
  },
  {
    input: '执行数 G8 = -780 (negative amount)',
    grid: edited((rows) => (rows[7][6] = '-780')),
    cells: ['G8', 'H8'],
    expected: [
      ['field/not-a-number', 'G8', '执行数不能为负数，G8 中是“-780”。'],
      ['budget/rate-mismatch', 'H8', '预算执行率填报为 78%，按执行数 ÷ 预算数应为 -78.0%。'],
    ],
  },
  { input: '预算数 C8 = “约一千” (text in a numeric cell)', grid: edited((rows) => (rows[7][2] = '约一千')), cells: ['C8', 'H8'], expected: [['field/not-a-number', 'C8', '预算数应为数字，C8 中是“约一千”。']] },
  { input: '预算数 C8 = #REF! (Excel error value)', grid: edited((rows) => (rows[7][2] = '#REF!')), cells: ['C8', 'H8'], expected: [['field/not-a-number', 'C8', '预算数应为数字，C8 中是“#REF!”。']] },
  { input: '预算数 C8 = ５４２ (full-width digits) with 执行数 433 and rate 79.9%', grid: edited((rows) => { rows[7][2] = '５４２'; rows[7][4] = '433'; rows[7][6] = '433'; rows[7][7] = '79.9%'; }), cells: ['C8', 'E8', 'G8', 'H8'], expected: [] },
  { input: '预算数 C8 = 10,934 (thousands separator) with 执行数 8528.52 and rate 78%', grid: edited((rows) => { rows[7][2] = '10,934'; rows[7][4] = '9000'; rows[7][6] = '8528.52'; }), cells: ['C8', 'E8', 'G8', 'H8'], expected: [] },

  // rates
  { input: '预算执行率 H8 = 1000% (ten times or more)', grid: edited((rows) => (rows[7][7] = '1000%')), cells: ['H8'], expected: [['field/not-a-number', 'H8', '预算执行率 1000%（H8）高达十倍以上，可能把数量填进了比率栏。'], ['budget/rate-mismatch', 'H8', '预算执行率填报为 1000%，按执行数 ÷ 预算数应为 78.0%。']] },
  { input: '指标完成率 G14 = 9500%', grid: indicator('1000人', '950人', '9500%'), cells: IND, expected: [['field/not-a-number', 'G14', '指标完成率 9500%（G14）高达十倍以上，可能把数量填进了比率栏。'], rateMismatch('9500%', '95.0%')] },
  { input: '预算执行率 H8 as the text “78.00%”', grid: edited((rows) => (rows[7][7] = '78.00%')), cells: ['H8'], expected: [] },
  { input: '指标完成率 G14 = #DIV/0!', grid: indicator('1000人', '950人', '#DIV/0!'), cells: IND, expected: [['field/not-a-number', 'G14', '指标完成率应为数字，G14 中是“#DIV/0!”。']] },

  // every value kind of design §2 as 预期指标值 / 指标完成值 / 指标完成率
  { input: '10,934人 / 10,934人 / 100%', grid: indicator('10,934人', '10,934人', '100%'), cells: IND, expected: [] },
  { input: '１０９３４ / 10934 / 100% (full-width target)', grid: indicator('１０９３４', '10934', '100%'), cells: IND, expected: [] },
  { input: '1000人 / 1090人 / 109.00%', grid: indicator('1000人', '1090人', '109.00%'), cells: IND, expected: [] },
  { input: '2834人 / 2977人 / 105%', grid: indicator('2834人', '2977人', '105%'), cells: IND, expected: [] },
  { input: '124.07 / 161.46 / 130%', grid: indicator('124.07', '161.46', '130%'), cells: IND, expected: [] },
  { input: '≥95% / 98% / 103% (完成值 ÷ 预期值)', grid: indicator('≥95%', '98%', '103%'), cells: IND, expected: [] },
  { input: '≥95% / 98% / 100% (met → 100%)', grid: indicator('≥95%', '98%', '100%'), cells: IND, expected: [] },
  { input: '≥95% / 98% / 90%', grid: indicator('≥95%', '98%', '90%'), cells: IND, expected: [rateMismatch('90%', '103.2%')] },
  { input: '≧95% / 98% / 90%', grid: indicator('≧95%', '98%', '90%'), cells: IND, expected: [rateMismatch('90%', '103.2%')] },
  { input: '>=95% / 98% / 90%', grid: indicator('>=95%', '98%', '90%'), cells: IND, expected: [rateMismatch('90%', '103.2%')] },
  { input: '≤0.1% / 0.05% / 100%', grid: indicator('≤0.1%', '0.05%', '100%'), cells: IND, expected: [] },
  // issue 11 (honest lights): the stated 100% no longer sets the light; the recomputed 50% does, and says so
  { input: '≤0.1% / 0.2% / 100% (reverse, not met)', grid: indicator('≤0.1%', '0.2%', '100%'), cells: IND, expected: [rateMismatch('100%', '50.0%'), ['indicator/deviation', 'G14', '指标“参保缴费人数”完成率 50.0%，低于年度目标的 60%（红灯）。填报的完成率为 100%，与重算不符，灯色按重算值 50.0% 判定。']] },
  { input: '上访率控制在0.1%以内 / 0.2% / 100%', grid: indicator('上访率控制在0.1%以内', '0.2%', '100%'), cells: IND, expected: [rateMismatch('100%', '50.0%'), ['indicator/deviation', 'G14', '指标“参保缴费人数”完成率 50.0%，低于年度目标的 60%（红灯）。填报的完成率为 100%，与重算不符，灯色按重算值 50.0% 判定。']] },
  { input: '95%≤x≤105% / 100% / 100%', grid: indicator('95%≤x≤105%', '100%', '100%'), cells: IND, expected: [] },
  { input: '95%≤x≤105% / 110% / 100%', grid: indicator('95%≤x≤105%', '110%', '100%'), cells: IND, expected: [rateMismatch('100%', '95.5%')] },
  { input: '105%≤≥95% / 100% / 100% (malformed band)', grid: indicator('105%≤≥95%', '100%', '100%'), cells: IND, expected: [['indicator/malformed-target', 'E14', '预期指标值“105%≤≥95%”无法读懂；可能是 95%≤x≤105%。']] },
  { input: '105%≤95% / 100% / 100% (malformed band)', grid: indicator('105%≤95%', '100%', '100%'), cells: IND, expected: [['indicator/malformed-target', 'E14', '预期指标值“105%≤95%”无法读懂；可能是 95%≤x≤105%。']] },
  {
    input: '95%-105% / 10625 / 75% (a rate target, an amount as actual)',
    grid: indicator('95%-105%', '10625', '75%'),
    cells: IND,
    expected: [
      ['indicator/unit-mismatch', 'F14', '指标“参保缴费人数”的预期值是比率（95%-105%），完成值却是金额或数量（10625），两者无法比较。'],
      ['indicator/deviation', 'G14', '指标“参保缴费人数”完成率 75.0%，低于年度目标的 80%（黄灯）。'],
    ],
  },
  { input: '每月25日前 / 按时发放 / 75% (deadline given the time progress)', grid: indicator('每月25日前', '按时发放', '75%'), cells: IND, expected: [['indicator/prorated-qualitative', 'G14', '指标“参保缴费人数”已达成（“按时发放” → 达成 = 100%），却按时间进度填了完成率 75%；应为 100%。']] },
  {
    input: '按时发放 / 按时发放 / 75% (qualitative, actual repeats the target)',
    grid: indicator('按时发放', '按时发放', '75%'),
    cells: IND,
    expected: [
      ['indicator/not-a-measurement', 'F14', '指标“参保缴费人数”的完成值照抄了预期值（按时发放），不是实际测得的结果。'],
      ['indicator/prorated-qualitative', 'G14', '指标“参保缴费人数”已达成（完成值“按时发放”），却按时间进度填了完成率 75%；应为 100%。'],
    ],
  },
  { input: '充分发挥社会保险的职能作用 ×2 / 100%', grid: indicator('充分发挥社会保险的职能作用', '充分发挥社会保险的职能作用', '100%'), cells: IND, expected: [['indicator/not-a-measurement', 'F14', '指标“参保缴费人数”的完成值照抄了预期值（充分发挥社会保险的职能作用），不是实际测得的结果。']] },
  { input: '≥95% / ≥95% / 100% (an inequality as actual)', grid: indicator('≥95%', '≥95%', '100%'), cells: IND, expected: [['indicator/not-a-measurement', 'F14', '指标“参保缴费人数”的完成值是不等式（≥95%），应填写实际达到的数值。']] },
  { input: '50、6.17 / 52、15 / (empty) (compound cells)', grid: indicator('50、6.17', '52、15', ''), cells: IND, expected: [['field/missing', 'G14', '指标“参保缴费人数”有预期值和完成值，但指标完成率为空。']] },

  // formulas: the value is read, the formula kept
  {
    input: '预算执行率 H8 = formula =G8/C8 with cached value 0.78',
    grid: () => {
      const g = edited(() => undefined)();
      g.formulas = g.values.map((r) => r.map(() => ''));
      g.formulas[7][7] = '=G8/C8';
      return g;
    },
    cells: ['H8'],
    expected: [],
  },
  {
    input: '指标完成率 G14 = formula =F14/E14 whose value is #DIV/0!',
    grid: () => {
      const g = indicator('1000人', '950人', '#DIV/0!')();
      g.formulas = g.values.map((r) => r.map(() => ''));
      g.formulas[13][6] = '=F14/E14';
      return g;
    },
    cells: IND,
    expected: [['field/not-a-number', 'G14', '指标完成率应为数字，G14 中是“#DIV/0!”。']],
  },
];

describe('bad-input catalogue: what each input gets', () => {
  it.each(CASES.map((c) => [c.input, c]))('%s', (_name, c: Case) => {
    const r = validateGrid(c.grid());
    const got = r.findings.filter((f) => c.cells.includes(f.cell)).map((f) => [f.rule, f.cell, f.message.zh]);
    expect(got).toEqual(c.expected);
  });

  it('the formula cell keeps its formula in the recognised form', () => {
    const g = edited(() => undefined)();
    g.formulas = g.values.map((r) => r.map(() => ''));
    g.formulas[7][7] = '=G8/C8';
    expect(validateGrid(g).form!.executionRate).toMatchObject({ value: 0.78, formula: '=G8/C8', cell: 'H8' });
  });
});

describe('a used range of a million rows, as a real .xlsx', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-big-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the reader reads a bounded window, says how many rows it dropped, and the form is still checked', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = addSeedSheet(wb, '大表', CONSISTENT.map((r) => r.join('\t')).join('\n'));
    // a stray value in the last row Excel has (a clerk's accidental keystroke)
    ws.getCell(1048576, 1).value = ' ';
    const file = join(dir, 'big.xlsx');
    await wb.xlsx.writeFile(file);
    expect(statSync(file).size).toBeLessThan(200_000);
    const { grids } = await readWorkbookFile(file);
    const g = grids[0];
    expect(g.values.length).toBe(MAX_ROWS);
    expect(g.truncatedRows).toBe(1048576 - MAX_ROWS);
    const r = validateGrid(g);
    expect(r.recognized).toBe(true);
    expect(r.findings.filter((f) => f.rule === 'form/structure').map((f) => [f.severity, f.cell, f.message.zh])).toEqual([
      ['info', `A${MAX_ROWS}`, `工作表的已用区域过大，只读取了前 ${MAX_ROWS} 行（另有 ${1048576 - MAX_ROWS} 行未读取，至 A${MAX_ROWS}）。`],
    ]);
    // the form's own findings are those of the form alone
    const alone = validateGrid(gridFromRows('大表', CONSISTENT)).findings.map((f) => `${f.rule} ${f.cell}`);
    expect(r.findings.filter((f) => f.rule !== 'form/structure').map((f) => `${f.rule} ${f.cell}`)).toEqual(alone);
  });
});

/** Everything of the user's in a simulated workbook (values, formats, fills, notes, settings). */
function look(wb: SimWorkbook): unknown {
  return wb.sheets.map((sh) => [sh.name, sh.protected, [...sh.cells].filter(([, c]) => Object.values(c).some((v) => v !== null && v !== undefined)), [...wb.settings]]);
}

const PROTECTED = (sheet: string) => `工作表“${sheet}”受保护，无法写入标记或修正，本次未做任何更改。请在“审阅 → 撤销工作表保护”中取消保护后重试。\n`
  + `Sheet "${sheet}" is protected, so marks and fixes cannot be written; nothing was changed. Unprotect it (Review → Unprotect Sheet) and try again.`;

interface ExcelCase {
  input: string;
  grid: Grid;
  /** what happens before the action (e.g. validate, then protect) */
  before?: (model: SimWorkbook, host: ReturnType<typeof createExcelHost>) => Promise<void>;
  action: (host: ReturnType<typeof createExcelHost>, model: SimWorkbook) => Promise<unknown>;
  /** the error message expected, or null when the action succeeds */
  error: string | null;
  /** the outcome's findings (rule@cell) when the action succeeds */
  findings?: string[];
}

const form = () => gridFromRows('表', CONSISTENT.map((r, i) => (i === 7 ? ['', '预算数:', '1000', '到位数:', '800', '执行数:', '780', '70%'] : r)));

const EXCEL_CASES: ExcelCase[] = [
  {
    input: 'a protected sheet: 校验',
    grid: { ...form(), name: '受保护' },
    before: async (model) => {
      model.sheets[0].protected = true;
    },
    action: (host) => host.validateAndMark({}),
    error: PROTECTED('受保护'),
  },
  {
    input: 'a sheet protected after it was marked: 清除标记',
    grid: { ...form(), name: '受保护' },
    before: async (model, host) => {
      await host.validateAndMark({});
      model.sheets[0].protected = true;
    },
    action: (host) => host.clearMarks(),
    error: PROTECTED('受保护'),
  },
  {
    input: 'a protected sheet: 修正 of H8',
    grid: { ...form(), name: '受保护' },
    before: async (model) => {
      model.sheets[0].protected = true;
    },
    action: (host) => host.applyFix(validateGrid({ ...form(), name: '受保护' }).findings.find((f) => f.rule === 'budget/rate-mismatch')!),
    error: PROTECTED('受保护'),
  },
  {
    input: 'an empty sheet: 校验',
    grid: { name: '空表', top: 0, left: 0, values: [] },
    action: (host) => host.validateAndMark({}),
    error: null,
    findings: ['form/not-recognized@A1'],
  },
  {
    // hidden rows below the form are no part of it: no note, no finding
    input: 'a form with a filtered list below it (rows 22–23 hidden): 校验',
    grid: (() => {
      const g = gridFromRows('表', [...CONSISTENT.map((r, i) => (i === 7 ? ['', '预算数:', '1000', '到位数:', '800', '执行数:', '780', '70%'] : r)), [], ['备注', '甲'], ['备注', '乙']]);
      return { ...g, hiddenRows: [21, 22] };
    })(),
    action: (host) => host.validateAndMark({}),
    error: null,
    findings: ['budget/rate-mismatch@H8'],
  },
];

describe('bad input at the Excel level: the add-in on the in-memory Excel', () => {
  it.each(EXCEL_CASES.map((c) => [c.input, c]))('%s', async (_name, c: ExcelCase) => {
    const model = workbookFromGrids([c.grid]);
    const sim = installExcelSim(model);
    try {
      const host = createExcelHost();
      if (c.before) await c.before(model, host);
      const before = look(cloneWorkbook(model));
      const out = await c.action(host, model).then((v) => ({ ok: v }), (e: unknown) => ({ err: e as Error }));
      if (c.error !== null) {
        expect('err' in out ? out.err.message : 'no error').toBe(c.error);
        // nothing written, not even part of it
        expect(look(model)).toEqual(before);
      } else {
        if ('err' in out) throw out.err;
        const result = (out.ok as { result: { findings: { rule: string; cell: string }[] } }).result;
        expect(result.findings.filter((f) => f.rule !== 'indicator/deviation').map((f) => `${f.rule}@${f.cell}`)).toEqual(c.findings);
        // and 清除标记 gives the sheet back as it was
        await host.clearMarks();
        expect(look(model)).toEqual(before);
      }
    } finally {
      sim.uninstall();
    }
  });
});

// ---- files that are not a readable .xlsx (issue 9): what the reader says, before any sheet is read ----

const FORM1_BYTES = () => new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', 'xlsx', 'form1.xlsx')));
/** seed form 1 with parts removed or rewritten */
const repackaged = (parts: Record<string, ((xml: string) => string) | null>) => () => {
  const z = unzipSync(FORM1_BYTES());
  for (const [name, change] of Object.entries(parts)) {
    if (!(name in z)) throw new Error(`form1.xlsx has no part ${name}`);
    if (change === null) delete z[name];
    else z[name] = strToU8(change(strFromU8(z[name])));
  }
  return zipSync(z);
};
/** an OLE compound file holding these streams, as Office writes an encrypted package or a BIFF workbook */
const compound = (streams: string[]) => () => {
  const c = CFB.utils.cfb_new();
  for (const s of streams) CFB.utils.cfb_add(c, `/${s}`, new Uint8Array(4096).fill(0x2a));
  return new Uint8Array(CFB.write(c, { type: 'array' }) as number[]);
};

interface FileCase {
  input: string;
  bytes: () => Uint8Array;
  /** the reason, zh and en, after “无法读取 NAME：” / “cannot read NAME: ” */
  zh: string;
  en: string;
}

const FILE_CASES: FileCase[] = [
  {
    input: 'a password-encrypted workbook (OLE container with EncryptionInfo + EncryptedPackage)',
    bytes: compound(['\u0006DataSpaces/Version', 'EncryptionInfo', 'EncryptedPackage']),
    zh: '已加密的工作簿，请先取消密码再校验',
    en: 'encrypted workbook: remove the password',
  },
  { input: 'a legacy .xls renamed .xlsx (seed form 1 saved as Excel 97 by LibreOffice)', bytes: () => new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', 'foreign', 'form1.xls'))), zh: '旧版 .xls 文件，请在 Excel 中另存为 .xlsx', en: 'legacy .xls: save as .xlsx' },
  { input: 'an Excel 5.0 / 95 workbook (BIFF5, stream “Book”)', bytes: compound(['Book']), zh: '旧版 .xls 文件，请在 Excel 中另存为 .xlsx', en: 'legacy .xls: save as .xlsx' },
  { input: 'a Word .doc renamed .xlsx', bytes: compound(['WordDocument']), zh: '这是 Office 文档但不是工作簿（如 .doc），请选择 .xlsx 文件', en: 'an Office document that is not a workbook (such as .doc): choose an .xlsx file' },
  { input: 'a zip without xl/workbook.xml', bytes: repackaged({ 'xl/workbook.xml': null }), zh: '文件不完整：缺少工作簿部件 xl/workbook.xml', en: 'incomplete file: the workbook part xl/workbook.xml is missing' },
  { input: 'a zip without its sheet part', bytes: repackaged({ 'xl/worksheets/sheet1.xml': null }), zh: '文件不完整：缺少工作表部件 xl/worksheets/sheet1.xml', en: 'incomplete file: the sheet part xl/worksheets/sheet1.xml is missing' },
  { input: 'a zip without _rels/.rels', bytes: repackaged({ '_rels/.rels': null }), zh: '文件不完整：缺少部件 _rels/.rels，不是有效的 .xlsx', en: 'incomplete file: the part _rels/.rels is missing, so it is not a valid .xlsx' },
  { input: 'a zip without xl/_rels/workbook.xml.rels', bytes: repackaged({ 'xl/_rels/workbook.xml.rels': null }), zh: '文件不完整：缺少部件 xl/_rels/workbook.xml.rels（工作表的索引）', en: 'incomplete file: the part xl/_rels/workbook.xml.rels (the index of the sheets) is missing' },
  {
    input: 'a workbook whose index names no sheet',
    bytes: repackaged({ 'xl/_rels/workbook.xml.rels': (x) => x.replace(/<Relationship [^>]*\/worksheet"[^>]*\/>/g, '') }),
    zh: '文件不完整：工作簿中没有任何工作表部件',
    en: 'incomplete file: the workbook has no sheet part',
  },
  { input: 'the first half of a workbook (an interrupted download)', bytes: () => FORM1_BYTES().subarray(0, 4000), zh: '文件已损坏（压缩包无法读取），可能没有下载或复制完整', en: 'the file is damaged (its zip cannot be read); it may be incompletely downloaded or copied' },
  { input: 'an empty file', bytes: () => new Uint8Array(0), zh: '文件是空的（0 字节）', en: 'the file is empty (0 bytes)' },
  { input: 'an HTML table saved with the .xlsx name', bytes: () => strToU8('\ufeff<html><body><table><tr><td>预算数</td></tr></table></body></html>'), zh: '这是网页或 XML 文本，不是 .xlsx；请在 Excel 中打开后另存为 .xlsx', en: 'a web page or XML text, not an .xlsx: open it in Excel and save as .xlsx' },
  {
    input: 'a binary workbook (.xlsb) renamed .xlsx',
    bytes: repackaged({ '_rels/.rels': (x) => x.replace('xl/workbook.xml', 'xl/workbook.bin') }),
    zh: '二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx',
    en: 'binary workbook (.xlsb): save as .xlsx',
  },
];

describe('bad-input catalogue: files that are not a readable .xlsx', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-bad-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const saved = (name: string, bytes: Uint8Array) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };

  it.each(FILE_CASES.map((c) => [c.input, c]))('%s', async (_name, c: FileCase) => {
    const file = saved('提交.xlsx', c.bytes());
    await expect(readWorkbookFile(file)).rejects.toMatchObject({ text: { zh: `无法读取 ${file}：${c.zh}`, en: `cannot read ${file}: ${c.en}` } });
  });

  it('seed form 1 itself reads (the cases above differ from it only as stated)', async () => {
    const { grids } = await readWorkbookFile(saved('form1.xlsx', FORM1_BYTES()));
    expect(validateGrid(grids[0]).recognized).toBe(true);
  });
});
