import path from 'path';
import {
  type ExcelSim, type HostLimits, type RequestContext, WEB_PAYLOAD_CAP, applyProfile, installExcelSim, newSession, shiftFormulaRows, typedValue,
  workbookFromGrids, getCell, findSheet, SimOfficeError, sheetToGrid,
} from '../../src/excel-sim/index';
import { workbookFromXlsxFile } from '../../src/excel-sim/exceljs';
import { readWorkbookFile } from '../../src/node/xlsx';

type Run = <T>(batch: (ctx: RequestContext) => Promise<T>) => Promise<T>;

function setup(protectedSheet = false, excelApiMinor = 18): { sim: ExcelSim; run: Run } {
  const model = workbookFromGrids(
    [
      {
        name: '表一',
        top: 2,
        left: 1,
        values: [
          ['预算数', 100, 0.5],
          ['执行数', 80, null],
        ],
        formats: [
          ['General', '#,##0', '0.0%'],
          ['General', 'General', 'General'],
        ],
        formulas: [['', '', '=C4/C3'], ['', '', '']],
        fills: [['#ffff00', undefined, undefined]],
        merges: [{ top: 1, left: 1, bottom: 1, right: 2 }],
        hiddenRows: [1],
        notes: { B3: 'user note' },
        protected: protectedSheet,
      },
      { name: 'Other', top: 0, left: 0, values: [['x']] },
    ],
    { excelApiMinor },
  );
  const sim = installExcelSim(model);
  return { sim, run: (b) => Excel.run(b as never) as never };
}

let current: ExcelSim | undefined;
afterEach(() => current?.uninstall());

describe('Excel simulator semantics', () => {
  test('reading a property before load + sync throws PropertyNotLoaded; after sync it has the value', async () => {
    const { sim, run } = setup();
    current = sim;
    await run(async (ctx) => {
      const used = ctx.workbook.worksheets.getActiveWorksheet().getUsedRange();
      expect(() => used.values).toThrow(/load method/);
      used.load('values,address,rowIndex,columnIndex,text,formulas,numberFormat');
      expect(() => used.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(used.address).toBe('表一!B3:D4');
      expect([used.rowIndex, used.columnIndex]).toEqual([2, 1]);
      expect(used.values).toEqual([
        ['预算数', 100, 0.5],
        ['执行数', 80, ''],
      ]);
      expect(used.text[0]).toEqual(['预算数', '100', '50.0%']);
      expect(used.formulas[0]).toEqual(['预算数', 100, '=C4/C3']);
    });
    expect(sim.stats.syncs).toBe(1);
  });

  test('writes are queued and apply only at sync', async () => {
    const { sim, run } = setup();
    current = sim;
    await run(async (ctx) => {
      const cell = ctx.workbook.worksheets.getItem('表一').getRange('C4');
      cell.values = [[42]];
      cell.format.fill.color = '#FFC7CE';
      const sheet = findSheet(sim.model, '表一')!;
      expect(getCell(sheet, 3, 2)?.value).toBe(80);
      await ctx.sync();
      expect(getCell(sheet, 3, 2)).toMatchObject({ value: 42, fill: '#FFC7CE' });
    });
  });

  test('OrNullObject proxies report isNullObject after sync; getItem of a missing sheet fails the sync', async () => {
    const { sim, run } = setup();
    current = sim;
    await run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('nope');
      const there = ctx.workbook.worksheets.getItemOrNullObject('other');
      missing.load('name');
      there.load('name');
      expect(() => missing.isNullObject).toThrow();
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(there.isNullObject).toBe(false);
      expect(there.name).toBe('Other');
      ctx.workbook.worksheets.getItem('nope').load('name');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
  });

  test('a protected sheet rejects writes with AccessDenied; earlier commands of the batch stay applied, later ones are dropped', async () => {
    const { sim, run } = setup(true);
    current = sim;
    await run(async (ctx) => {
      ctx.workbook.settings.add('k', { a: 1 });
      ctx.workbook.worksheets.getItem('表一').getRange('B3').format.fill.color = '#FF0000';
      ctx.workbook.settings.add('after', 1);
      const err = (await ctx.sync().catch((e: unknown) => e)) as SimOfficeError;
      expect(err).toBeInstanceOf(SimOfficeError);
      expect(err.code).toBe('AccessDenied');
    });
    expect(sim.model.settings.get('k')).toEqual({ a: 1 });
    expect(sim.model.settings.has('after')).toBe(false);
    expect(getCell(findSheet(sim.model, '表一')!, 2, 1)?.fill).toBe('#FFFF00');
  });

  test('cell properties, row properties, merged areas, getRanges, notes and settings', async () => {
    const { sim, run } = setup();
    current = sim;
    await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      const used = ws.getUsedRange();
      const props = used.getCellProperties({ format: { fill: { color: true, pattern: true } } });
      const rows = used.getRowProperties({ rowHidden: true });
      const merged = used.getMergedAreasOrNullObject();
      merged.load('address');
      const notes = ws.notes;
      notes.load('items/content');
      await ctx.sync();
      expect(props.value[0][0].format).toEqual({ fill: { color: '#FFFF00', pattern: 'Solid' } });
      expect(props.value[0][1].format).toEqual({ fill: { color: '#FFFFFF', pattern: 'None' } });
      expect(rows.value.map((r) => r.rowHidden)).toEqual([false, true]);
      expect(merged.address).toBe('表一!C4:D4');
      expect(notes.items.map((n) => n.content)).toEqual(['user note']);
      ws.getRanges('B3,D3:D4').format.fill.color = '#DDEBF7';
      ws.notes.add('C3', 'mine');
      ctx.workbook.settings.add('store', { x: [1, 2] });
      const loc = notes.items[0].getLocation();
      loc.load('address');
      await ctx.sync();
      expect(loc.address).toBe('表一!B3');
      const s = ctx.workbook.settings.getItemOrNullObject('store');
      s.load('value');
      await ctx.sync();
      expect(s.value).toEqual({ x: [1, 2] });
    });
    const g = sheetToGrid(findSheet(sim.model, '表一')!);
    expect(g.top).toBe(2);
    const sheet = findSheet(sim.model, '表一')!;
    expect([getCell(sheet, 2, 1)?.fill, getCell(sheet, 2, 3)?.fill, getCell(sheet, 3, 3)?.fill, getCell(sheet, 3, 2)?.fill]).toEqual(['#DDEBF7', '#DDEBF7', '#DDEBF7', undefined]);
    expect(getCell(sheet, 2, 2)?.note).toBe('mine');
  });

  test('APIs above the host level throw ApiNotFound and isSetSupported answers from the level', async () => {
    const { sim, run } = setup(false, 9);
    current = sim;
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.9')).toBe(true);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.10')).toBe(false);
    await run(async (ctx) => {
      expect(() => ctx.workbook.worksheets.getActiveWorksheet().notes).toThrow(expect.objectContaining({ code: 'ApiNotFound' }));
    });
  });

  test('builds from an .xlsx fixture like the engine reader does', async () => {
    const file = path.join(__dirname, '../../test/fixtures/xlsx/form2.xlsx');
    const model = await workbookFromXlsxFile(file);
    const { grids } = await readWorkbookFile(file);
    const g = sheetToGrid(model.sheets[0]);
    expect(g.name).toBe(grids[0].name);
    // same cells, same values (the reader's grid is anchored at A1)
    for (let r = 0; r < g.values.length; r++) {
      for (let c = 0; c < g.values[r].length; c++) {
        expect([r, c, g.values[r][c]]).toEqual([r, c, grids[0].values[r + g.top]?.[c + g.left] ?? null]);
      }
    }
    expect(g.merges?.length).toBe(grids[0].merges?.length);
  });
});

describe('round trips', () => {
  test('an empty sync makes no round trip; Excel.run sends what is still queued at the end, but not after a failure', async () => {
    const { sim, run } = setup();
    current = sim;
    await run(async (ctx) => {
      await ctx.sync();
      ctx.workbook.worksheets.getItem('表一').getRange('C4').values = [[7]];
    });
    expect(sim.stats).toMatchObject({ syncs: 1, syncCalls: 2, implicitSyncs: 1 });
    expect(getCell(findSheet(sim.model, '表一')!, 3, 2)?.value).toBe(7);
    sim.reset();
    await expect(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem('表一').getRange('C4').values = [[8]];
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(sim.stats.syncs).toBe(0);
    expect(getCell(findSheet(sim.model, '表一')!, 3, 2)?.value).toBe(7);
  });
});

describe('host profiles: the limits of docs/excel-limits.md, enforced', () => {
  const run: Run = (b) => Excel.run(b as never) as never;
  const wide = (id: Parameters<typeof applyProfile>[1], extra: Partial<HostLimits> = {}) => {
    const rows = Array.from({ length: 3000 }, (_, r) => Array.from({ length: 10 }, (_, c) => `第${r}行第${c}列的一段较长文字`));
    const model = applyProfile(workbookFromGrids([{ name: '长表', top: 0, left: 0, values: rows }]), id, extra);
    current = installExcelSim(model);
    return model;
  };

  test('a worksheet name Excel refuses (blank, over 31 characters, \\ / ? * : [ ], apostrophe at an end, History) fails with InvalidArgument, in add and in rename', async () => {
    wide('win365');
    for (const bad of [' ', 'F'.repeat(32), '附件2/2020', '审核[1]', "'附件2", 'history']) {
      await expect(run(async (ctx) => {
        ctx.workbook.worksheets.add(bad);
        await ctx.sync();
      })).rejects.toMatchObject({ code: 'InvalidArgument' });
      await expect(run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().name = bad;
        await ctx.sync();
      })).rejects.toMatchObject({ code: 'InvalidArgument' });
    }
    await run(async (ctx) => {
      ctx.workbook.worksheets.add('F'.repeat(31));
      ctx.workbook.worksheets.add('附件2 (2)');
      await ctx.sync();
    });
    expect(current!.model.sheets.map((x) => x.name)).toEqual(['长表', 'F'.repeat(31), '附件2 (2)']);
  });

  test('Excel on the web: a response over 5 MB fails with ResponsePayloadSizeLimitExceeded; on Windows the same read succeeds', async () => {
    wide('web');
    const read = () => run(async (ctx) => {
      const used = ctx.workbook.worksheets.getActiveWorksheet().getUsedRange();
      used.load('values,text,numberFormat,formulas');
      const props = used.getCellProperties({ format: { fill: { color: true, pattern: true } } });
      await ctx.sync();
      return props;
    });
    await expect(read()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    expect(current!.stats.payloads[0].response).toBeGreaterThan(WEB_PAYLOAD_CAP);
    current!.uninstall();
    wide('win365');
    await expect(read()).resolves.toBeDefined();
  });

  test('Excel on the web: a request over 5 MB fails with RequestPayloadSizeLimitExceeded and writes nothing', async () => {
    const model = wide('web');
    const big = Array.from({ length: 3000 }, () => Array.from({ length: 10 }, () => 'x'.repeat(200)));
    await expect(run(async (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().getRange('A1:J3000').values = big;
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(getCell(model.sheets[0], 0, 0)?.value).toBe('第0行第0列的一段较长文字');
  });

  test('getMergedAreasOrNullObject fails above 512 merged areas', async () => {
    const model = workbookFromGrids([{ name: 'S', top: 0, left: 0, values: [['a']], merges: Array.from({ length: 513 }, (_, i) => ({ top: i, left: 0, bottom: i, right: 1 })) }]);
    current = installExcelSim(model);
    await expect(run(async (ctx) => {
      const m = ctx.workbook.worksheets.getActiveWorksheet().getRange('A1:B513').getMergedAreasOrNullObject();
      m.load('address');
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'GeneralException' });
    await expect(run(async (ctx) => {
      const m = ctx.workbook.worksheets.getActiveWorksheet().getRange('A1:B512').getMergedAreasOrNullObject();
      m.load('areaCount');
      await ctx.sync();
      return m.areaCount;
    })).resolves.toBe(512);
  });

  test('a cell holds a note or a comment: adding the other kind fails with the API named in errorLocation', async () => {
    const { sim } = setup();
    current = sim;
    // B3 carries a user's note
    await expect(run(async (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().comments.add('B3', 'x');
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'InvalidOperation', debugInfo: { errorLocation: 'CommentCollection.add' } });
  });

  test('NotImplemented on an API the profile lists, although isSetSupported says yes', async () => {
    const model = applyProfile(workbookFromGrids([{ name: 'S', top: 0, left: 0, values: [['a']] }]), 'ltsc2024', { notImplemented: ['comments.add'] });
    current = installExcelSim(model);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.10')).toBe(true);
    await expect(run(async (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().comments.add('A1', 'x');
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'NotImplemented' });
  });

  test('a gradient pattern cannot be set; tints and pattern colours are kept per cell', async () => {
    const { sim } = setup();
    current = sim;
    await expect(run(async (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().getRange('B3').format.fill.pattern = 'LinearGradient' as Excel.FillPattern;
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'InvalidArgument' });
    const props = await run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange('C3');
      r.format.fill.color = '#FFC000';
      r.format.fill.tintAndShade = 0.4;
      const p = r.getCellProperties({ format: { fill: { color: true, tintAndShade: true } } });
      await ctx.sync();
      return p.value[0][0];
    });
    expect(props).toEqual({ format: { fill: { color: '#FFC000', tintAndShade: 0.4 } } });
  });

  test('strings written through values are typed as Excel types them, unless the cell is Text or the string starts with an apostrophe', () => {
    expect(typedValue('=1+1', undefined)).toEqual({ formula: '=1+1', value: null });
    expect(typedValue('-养老', undefined)).toEqual({ formula: '=-养老', value: null });
    expect(typedValue('001', undefined)).toEqual({ value: 1 });
    expect(typedValue('12%', undefined)).toEqual({ value: 0.12, format: '0%' });
    expect(typedValue('2020-09-30', undefined)).toMatchObject({ value: 44104 });
    expect(typedValue('=1+1', '@')).toEqual({ value: '=1+1' });
    expect(typedValue("'001", undefined)).toEqual({ value: '001' });
    expect(typedValue('社保局', undefined)).toEqual({ value: '社保局' });
  });

  test('Range.text renders a date serial per the profile\'s locale', async () => {
    const model = applyProfile(workbookFromGrids([{ name: 'S', top: 0, left: 0, values: [[44104, 44104]], formats: [['yyyy"年"m"月"', 'yyyy/m/d']] }]), 'mac365', { locale: 'en-US' });
    current = installExcelSim(model);
    const text = await run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange('A1:B1');
      r.load('text');
      await ctx.sync();
      return r.text;
    });
    expect(text).toEqual([['Sep-20', '9/30/2020']]);
  });

  test('inserting whole rows moves cells, merges, hidden rows and the formula references at or below the insertion', async () => {
    const model = workbookFromGrids([{ name: 'S', top: 0, left: 0, values: [['a'], ['b'], ['c'], [null]], formulas: [[''], [''], [''], ['=SUM(A1:A3)+A3+A1']], merges: [{ top: 3, left: 0, bottom: 3, right: 2 }], hiddenRows: [3] }]);
    current = installExcelSim(model);
    await run(async (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().getRange('A3').getEntireRow().insert('Down' as Excel.InsertShiftDirection);
      await ctx.sync();
    });
    const s = model.sheets[0];
    expect([0, 1, 2, 3].map((r) => getCell(s, r, 0)?.value ?? null)).toEqual(['a', 'b', null, 'c']);
    expect(getCell(s, 4, 0)?.formula).toBe('=SUM(A1:A4)+A4+A1');
    expect(s.merges).toEqual([{ top: 4, left: 0, bottom: 4, right: 2 }]);
    expect([...s.hiddenRows]).toEqual([4]);
    expect(shiftFormulaRows('=LOG10(A5)+B$7', 5, 1)).toBe('=LOG10(A5)+B$8');
  });

  test('a new session can give sheets new ids, or hand the old ones to other sheets', () => {
    const model = workbookFromGrids([{ name: 'A', top: 0, left: 0, values: [['a']] }, { name: 'B', top: 0, left: 0, values: [['b']] }]);
    const [a, b] = model.sheets.map((s) => s.id);
    newSession(model);
    expect(model.sheets.map((s) => s.id)).not.toContain(a);
    const [a2, b2] = model.sheets.map((s) => s.id);
    newSession(model, true);
    expect(model.sheets.map((s) => s.id)).toEqual([b2, a2]);
    expect(b).not.toBe(a);
  });
});
