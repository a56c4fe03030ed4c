import path from 'path';
import { type ExcelSim, type RequestContext, installExcelSim, workbookFromGrids, getCell, findSheet, SimOfficeError, sheetToGrid } from './index';
import { workbookFromXlsxFile } from './exceljs';
import { readWorkbookFile } from '../node/xlsx';

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
