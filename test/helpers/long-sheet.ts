/** A 5,000-row sheet for round-trip counts: seed form 2 with a long appendix below it, some rows hidden, some merged. */
import { join } from 'node:path';
import { cellFor, findSheet, type SimWorkbook } from '../../src/excel-sim/model';
import { workbookFromXlsxFile } from '../../src/excel-sim/exceljs';

export async function longSheetWorkbook(rows = 5000): Promise<SimWorkbook> {
  const model = await workbookFromXlsxFile(join(__dirname, '..', 'fixtures', 'xlsx', 'form2.xlsx'));
  const sheet = findSheet(model, model.active)!;
  for (let r = 31; r < rows; r++) {
    cellFor(sheet, r, 0).value = `附表行 ${r}`;
    cellFor(sheet, r, 2).value = r * 3;
    cellFor(sheet, r, 7).value = (r % 100) / 100;
    cellFor(sheet, r, 7).format = '0%';
    if (r % 500 === 0) sheet.hiddenRows.add(r);
    if (r % 700 === 0) sheet.merges.push({ top: r, left: 3, bottom: r, right: 5 });
  }
  return model;
}
