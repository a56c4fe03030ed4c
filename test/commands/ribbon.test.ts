/**
 * The 校验 ribbon button's logic with the real engine on the seed forms behind a host that does
 * what the Excel module does (validate, report the cells it marked): the summary shows the
 * engine's counts; Excel errors become a message plus what to do; event.completed() is called
 * exactly once on every path.
 */
import path from 'node:path';
import { validateGrid, type Grid } from '../../src/core';
import type { SettingsInput } from '../../src/core/validate';
import { readWorkbookFile } from '../../src/node/xlsx';
import { validateFromRibbon, type RibbonDeps } from '../../src/commands/ribbon';
import { decodeSummary, encodeSummary, errorSummary, outcomeSummary, summaryText, type RibbonSummary } from '../../src/commands/summary';
import type { PaneSettings, ValidateOutcome } from '../../src/host';
import { ExcelHostError } from '../../src/excel/messages';

const XLSX = path.join(__dirname, '..', 'fixtures', 'xlsx');

async function seedGrid(file: string): Promise<Grid> {
  const { grids } = await readWorkbookFile(path.join(XLSX, file));
  return grids[0];
}

/** Host over one sheet: validates with the engine and "marks" one cell per distinct finding cell. */
function engineHost(grid: Grid, settings: PaneSettings) {
  const calls: SettingsInput[] = [];
  return {
    calls,
    loadSettings: async () => settings,
    validateAndMark: async (s: SettingsInput): Promise<ValidateOutcome> => {
      calls.push(s);
      const result = validateGrid(grid, s);
      return { result, marked: new Set(result.findings.map((f) => f.cell)).size, markMode: 'notes', syncs: 2 };
    },
  };
}

function deps(host: RibbonDeps['host'], show?: (s: RibbonSummary) => Promise<void>) {
  const shown: RibbonSummary[] = [];
  let completed = 0;
  const d: RibbonDeps = {
    host,
    showSummary: async (s) => {
      shown.push(s);
      if (show) await show(s);
    },
    complete: () => {
      completed++;
    },
  };
  return { d, shown, completed: () => completed };
}

describe('校验 from the ribbon', () => {
  it('marks seed form 2 and shows the engine counts in Chinese, with the settings saved in the workbook', async () => {
    const grid = await seedGrid('form2.xlsx');
    const settings: PaneSettings = { engine: { tolerance: 0.01 } as SettingsInput, lang: 'zh' };
    const host = engineHost(grid, settings);
    const { d, shown, completed } = deps(host);
    const summary = await validateFromRibbon(d);

    const expected = validateGrid(grid, settings.engine).findings;
    expect(expected.length).toBeGreaterThan(0); // form 2 states 81% where the numbers give another rate
    expect(host.calls).toEqual([settings.engine]);
    expect(shown).toEqual([summary]);
    expect(completed()).toBe(1);
    if (summary.kind !== 'result') throw new Error('expected a result');
    expect(summary.recognized).toBe(true);
    expect(summary.counts.error + summary.counts.warning + summary.counts.info).toBe(expected.length);
    expect(summary.counts.error).toBe(expected.filter((f) => f.severity === 'error').length);

    const text = summaryText(summary);
    expect(text.tone).toBe('problems');
    expect(text.title).toBe('校验结果');
    expect(text.lines.join('\n')).toContain(`发现 ${expected.length} 个问题`);
    expect(text.lines.join('\n')).toContain(`工作表：${grid.name}`);
  });

  it('speaks English when the workbook is set to English', async () => {
    const grid = await seedGrid('form3.xlsx');
    const engine = {} as SettingsInput;
    const n = validateGrid(grid, engine).findings.length;
    const { d } = deps(engineHost(grid, { engine, lang: 'en' }));
    const text = summaryText(await validateFromRibbon(d));
    expect(text.title).toBe('Validation result');
    expect(text.close).toBe('Close');
    expect(text.lines[1]).toMatch(new RegExp(`^${n} problems? found: \\d+ errors?[ ,]`));
  });

  it('says plainly when a sheet has no problems', () => {
    const text = summaryText({
      kind: 'result', lang: 'zh', sheet: '城乡居民养老', recognized: true,
      counts: { error: 0, warning: 0, info: 0 }, marked: 0, markMode: 'notes',
    });
    expect(text.tone).toBe('ok');
    expect(text.lines).toEqual(['工作表：城乡居民养老', '未发现问题。']);
  });

  it('tells the user when the active sheet is not a 附件1 form, with the engine reason', async () => {
    const grid: Grid = { name: '汇总', top: 0, left: 0, values: [['合计', 1], ['说明', 'x']] };
    const { d } = deps(engineHost(grid, { engine: {} as SettingsInput }));
    const summary = await validateFromRibbon(d);
    const text = summaryText(summary);
    expect(text.tone).toBe('not-recognized');
    expect(text.title).toBe('当前工作表不是附件1');
    if (summary.kind !== 'result' || !summary.reason) throw new Error('expected a reason');
    expect(summary.recognized).toBe(false);
    expect(text.lines).toContain(summary.reason.zh);
  });

  it('shows an Excel error with what to do, and still completes the event once', async () => {
    const err = Object.assign(new Error('The requested operation is not allowed in cell-editing mode.'), {
      code: 'InvalidOperationInCellEditMode',
    });
    const { d, shown, completed } = deps({
      loadSettings: async () => ({ engine: {} as SettingsInput }),
      validateAndMark: async () => {
        throw err;
      },
    });
    const summary = await validateFromRibbon(d);
    expect(completed()).toBe(1);
    expect(shown).toHaveLength(1);
    const text = summaryText(summary);
    expect(text.tone).toBe('error');
    expect(text.title).toBe('校验未完成');
    expect(text.lines[0]).toContain('cell-editing mode');
    expect(text.lines[0]).toContain('InvalidOperationInCellEditMode');
    expect(text.lines[1]).toContain('结束单元格编辑');
  });

  it('reports settings that cannot be read instead of validating with other settings', async () => {
    let validated = false;
    const { d, completed } = deps({
      loadSettings: async () => {
        throw Object.assign(new Error('保存的设置已损坏'), { localized: { zh: '保存的设置已损坏', en: 'The saved settings are damaged' } });
      },
      validateAndMark: async () => {
        validated = true;
        throw new Error('not reached');
      },
    });
    d.fallbackLang = 'en';
    const text = summaryText(await validateFromRibbon(d));
    expect(validated).toBe(false);
    expect(completed()).toBe(1);
    expect(text.lines[0]).toBe('The saved settings are damaged');
  });

  it('completes the event even when the summary cannot be shown, and says why where a developer looks', async () => {
    const grid = await seedGrid('form3.xlsx');
    const unshown: unknown[] = [];
    const { d, completed } = deps(engineHost(grid, { engine: {} as SettingsInput }), async () => {
      throw new Error('displayDialogAsync failed: 12007');
    });
    d.reportUnshown = (_s, e) => unshown.push(e);
    await validateFromRibbon(d);
    expect(completed()).toBe(1);
    expect(String(unshown[0])).toContain('12007');
  });

  it("shows the Excel module's own bilingual message as it is, without adding advice twice", async () => {
    const { d, completed } = deps({
      loadSettings: async () => ({ engine: {} as SettingsInput, lang: 'zh' }),
      validateAndMark: async () => {
        throw new ExcelHostError('protected', { sheet: '城乡居民养老' }, 'AccessDenied');
      },
    });
    const summary = await validateFromRibbon(d);
    expect(completed()).toBe(1);
    expect(summaryText(summary).lines).toEqual([new ExcelHostError('protected', { sheet: '城乡居民养老' }).zh]);
    expect(decodeSummary(encodeSummary(summary))).toEqual(summary);
  });

  it('names a protected sheet and promises nothing was written', () => {
    const s = errorSummary(Object.assign(new Error('The cell you are trying to change is on a protected sheet.'), { code: 'AccessDenied' }));
    expect(summaryText(s).lines[1]).toContain('撤消工作表保护');
  });
});

describe('summary in the dialog URL fragment', () => {
  it('survives the trip, including parameters a client appends after it', async () => {
    const grid = await seedGrid('form2.xlsx');
    const { d } = deps(engineHost(grid, { engine: {} as SettingsInput }));
    const summary = await validateFromRibbon(d);
    const fragment = `#${encodeSummary(summary)}`;
    expect(fragment).not.toMatch(/[&?]/);
    expect(decodeSummary(fragment)).toEqual(summary);
    expect(decodeSummary(`${fragment}&_host_Info=Excel$Win32$16.01$zh-CN$$$$0`)).toEqual(summary);
  });

  it('refuses fragments that are not a summary', () => {
    for (const f of ['', '#', '#s=', '#s=%7B', '#s=' + encodeURIComponent('{"kind":"result"}'), '#other=1']) {
      expect(decodeSummary(f)).toBeNull();
    }
  });
});

describe('the host\'s notices reach the ribbon dialog', () => {
  test('a fill-only retry is said in the summary, and survives the URL round trip', () => {
    const outcome = {
      result: { sheet: '表', recognized: true, findings: [{ severity: 'error' }] },
      marked: 1,
      markMode: 'fill',
      syncs: 2,
      notices: [{ zh: 'Excel 拒绝写入批注，已改为只用底色标记。', en: 'Excel refused the notes, so the cells were marked with fill only.' }],
    } as unknown as ValidateOutcome;
    const s = decodeSummary(encodeSummary(outcomeSummary(outcome, 'en')))!;
    expect(summaryText(s).lines).toContain('Excel refused the notes, so the cells were marked with fill only.');
    expect(summaryText({ ...s, lang: 'zh' }).lines).toContain('Excel 拒绝写入批注，已改为只用底色标记。');
  });
});

describe('damaged saved settings reach the ribbon dialog', () => {
  const damagedLine = '工作簿中保存的设置“全部设置”已损坏，已改用默认设置。';

  test('through the Excel module on the simulator: the one-run 校验 says it and validates with the defaults', async () => {
    const { installExcelSim } = await import('../../src/excel-sim');
    const { workbookFromXlsxFile } = await import('../../src/excel-sim/exceljs');
    const { createExcelHost } = await import('../../src/excel/host');
    const { SETTINGS_KEY } = await import('../../src/excel/store');
    const model = await workbookFromXlsxFile(path.join(XLSX, 'form2.xlsx'));
    model.settings.set(SETTINGS_KEY, '{"engine": {');
    const sim = installExcelSim(model);
    try {
      const { d, shown, completed } = deps(createExcelHost());
      await validateFromRibbon(d);
      expect(completed()).toBe(1);
      const lines = summaryText(shown[0]).lines;
      expect(lines).toContain(damagedLine);
      // and the findings are those of the default settings
      const expected = validateGrid(await seedGrid('form2.xlsx'), {}).findings.filter((f) => f.severity === 'error').length;
      expect(shown[0]).toMatchObject({ kind: 'result', counts: { error: expected } });
    } finally {
      sim.uninstall();
    }
  });

  test('through a host without the one-run path: loadSettings’s notice is added to the dialog', async () => {
    const grid = await seedGrid('form2.xlsx');
    const settings = { engine: {}, damaged: { zh: damagedLine, en: 'The settings saved in this workbook (all settings) are damaged; defaults are used instead.' } };
    const { d, shown } = deps(engineHost(grid, settings));
    await validateFromRibbon(d);
    expect(summaryText(shown[0]).lines).toContain(damagedLine);
    expect(summaryText({ ...shown[0], lang: 'en' }).lines).toContain('The settings saved in this workbook (all settings) are damaged; defaults are used instead.');
  });
});
