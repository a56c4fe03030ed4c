/** @jest-environment jsdom */
import { MARK_COLORS } from '../../src/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workbookFromGrids, findSheet, cellFor } from '../../src/excel-sim/model';
import { renderSheet } from '../../src/demo/grid';
import { workbookFromJson, workbookToJson } from '../../src/demo/model-json';

/** Seed form 2 as typed (one sheet row per line, TAB between cells); exceljs is not loadable under jsdom. */
function seedForm2(): string[][] {
  const text = readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'seed', 'form2.tsv'), 'utf8');
  return text.replace(/\n$/, '').split('\n').map((line) => line.replace(/\r$/, '').split('\t'));
}

describe('demo grid', () => {
  it('draws seed form 2 as Excel shows it: display text, merged cells, a mark with its note', () => {
    const grid = { name: '城乡居民养老', top: 0, left: 0, values: seedForm2(), merges: [{ top: 1, left: 0, bottom: 1, right: 7 }, { top: 4, left: 0, bottom: 5, right: 0 }] };
    const model = workbookFromGrids([grid]);
    const sheet = findSheet(model, model.active)!;
    const h8 = cellFor(sheet, 7, 7);
    h8.fill = MARK_COLORS.error;
    h8.note = '预算执行率为空';
    const table = document.createElement('table');
    renderSheet(table, sheet, { sheet: sheet.name, address: 'H8' });

    const td = (a1: string) => table.querySelector<HTMLTableCellElement>(`td[data-cell="${a1}"]`);
    expect(td('C8')?.textContent).toBe('542');
    expect(td('G12')?.textContent).toBe('81%');
    const hex = MARK_COLORS.error.replace('#', '');
    const rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ');
    expect(td('H8')?.style.backgroundColor).toBe(`rgb(${rgb})`);
    expect(td('H8')?.title).toBe('预算执行率为空');
    expect(td('H8')?.classList.contains('has-note')).toBe(true);
    expect(td('H8')?.classList.contains('selected')).toBe(true);
    // every merged area is one cell spanning its rows and columns; the cells it covers are not drawn
    expect([td('A2')?.colSpan, td('A2')?.rowSpan, td('A2')?.textContent]).toEqual([8, 1, '塔什库尔干县社保基金支出绩效监控情况表']);
    expect(td('B2')).toBeNull();
    expect([td('A5')?.colSpan, td('A5')?.rowSpan]).toEqual([1, 2]);
    expect(td('A6')).toBeNull();
    expect(td('B6')).not.toBeNull();
  });

  it('leaves hidden rows out and survives the JSON round trip the demo server uses', () => {
    const model = workbookFromGrids([{ name: 'S', top: 0, left: 0, values: [['a'], ['hidden'], ['c']], hiddenRows: [1] }]);
    const again = workbookFromJson(JSON.parse(JSON.stringify(workbookToJson(model))));
    expect(again.sheets[0].hiddenRows.has(1)).toBe(true);
    const table = document.createElement('table');
    renderSheet(table, again.sheets[0], again.selection);
    expect(table.querySelector('td[data-cell="A1"]')?.textContent).toBe('a');
    expect(table.querySelector('td[data-cell="A2"]')).toBeNull();
    expect(table.querySelector('td[data-cell="A3"]')?.textContent).toBe('c');
  });
});
