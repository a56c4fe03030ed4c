/**
 * Renders one sheet of the simulator's workbook as an HTML table, the way Excel would show it:
 * column letters, row numbers, merged cells, hidden rows left out, display text, fills, and
 * notes as a tooltip with a red corner marker. Every cell carries data-cell="H8".
 */
import { columnLetters, toA1 } from '../core';
import { type Box, type SimSheet, cellText, getCell, parseArea, splitSheet, usedBox } from '../excel-sim/model';

const DEFAULT_COL_PX = 80;
const MAX_COL_PX = 260;

/** The area to draw: from A1 to the used range's end (merges included) plus a small margin. */
function drawBox(sheet: SimSheet): Box {
  const used = usedBox(sheet) ?? { r0: 0, c0: 0, r1: 0, c1: 0 };
  let r1 = used.r1;
  let c1 = used.c1;
  for (const m of sheet.merges) {
    r1 = Math.max(r1, m.bottom);
    c1 = Math.max(c1, m.right);
  }
  return { r0: 0, c0: 0, r1: r1 + 2, c1: c1 + 1 };
}

function selectionBox(selection: { sheet: string; address: string }, sheet: SimSheet): Box | null {
  if (selection.sheet.toLowerCase() !== sheet.name.toLowerCase()) return null;
  try {
    return parseArea(splitSheet(selection.address).local.split(',')[0]);
  } catch {
    return null;
  }
}

export function renderSheet(table: HTMLTableElement, sheet: SimSheet, selection: { sheet: string; address: string }): void {
  const doc = table.ownerDocument;
  const box = drawBox(sheet);
  const sel = selectionBox(selection, sheet);
  // merged areas: top-left → span; other cells of the area are covered
  const span = new Map<string, { rows: number; cols: number }>();
  const covered = new Set<string>();
  for (const m of sheet.merges) {
    let rows = 0;
    for (let r = m.top; r <= m.bottom; r++) if (!sheet.hiddenRows.has(r)) rows++;
    span.set(`${m.top},${m.left}`, { rows: Math.max(rows, 1), cols: m.right - m.left + 1 });
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r},${c}`);
  }

  table.replaceChildren();
  table.dataset.sheet = sheet.name;
  const colgroup = doc.createElement('colgroup');
  const rowHeadCol = doc.createElement('col');
  rowHeadCol.style.width = '44px';
  colgroup.appendChild(rowHeadCol);
  let total = 44;
  const widths = new Map<number, number>();
  for (let c = box.c0; c <= box.c1; c++) {
    const col = doc.createElement('col');
    // widths as read from the file, capped so one very wide column does not push the rest off screen
    const w = sheet.columnWidths.get(c);
    const px = w ? Math.min(Math.max(Math.round(w), 24), MAX_COL_PX) : DEFAULT_COL_PX;
    col.style.width = `${px}px`;
    widths.set(c, px);
    total += px;
    colgroup.appendChild(col);
  }
  table.appendChild(colgroup);
  table.style.width = `${total}px`; // a fixed table layout keeps the column widths only with a set width

  const thead = doc.createElement('thead');
  const hr = doc.createElement('tr');
  hr.appendChild(doc.createElement('th'));
  for (let c = box.c0; c <= box.c1; c++) {
    const th = doc.createElement('th');
    th.textContent = columnLetters(c);
    th.scope = 'col';
    hr.appendChild(th);
  }
  thead.appendChild(hr);
  table.appendChild(thead);

  /** Width the text of (r, c) may take: its own column plus the empty, unmerged cells after it; 0 when none is empty. */
  const spillWidth = (r: number, c: number): number => {
    let w = widths.get(c) ?? DEFAULT_COL_PX;
    let n = 0;
    for (let x = c + 1; x <= box.c1; x++) {
      const k = `${r},${x}`;
      const v = getCell(sheet, r, x)?.value;
      if (covered.has(k) || span.has(k) || (v !== null && v !== undefined && v !== '')) break;
      w += widths.get(x) ?? DEFAULT_COL_PX;
      n++;
    }
    return n ? w - 10 : 0;
  };

  const tbody = doc.createElement('tbody');
  for (let r = box.r0; r <= box.r1; r++) {
    if (sheet.hiddenRows.has(r)) continue;
    const tr = doc.createElement('tr');
    const th = doc.createElement('th');
    th.textContent = String(r + 1);
    th.scope = 'row';
    tr.appendChild(th);
    for (let c = box.c0; c <= box.c1; c++) {
      const k = `${r},${c}`;
      if (covered.has(k)) continue;
      const td = doc.createElement('td');
      const address = toA1(r, c);
      td.dataset.cell = address;
      const s = span.get(k);
      if (s) {
        if (s.rows > 1) td.rowSpan = s.rows;
        if (s.cols > 1) td.colSpan = s.cols;
      }
      const cell = getCell(sheet, r, c);
      if (cell) {
        td.textContent = cellText(cell);
        const spill = typeof cell.value === 'string' && !s ? spillWidth(r, c) : 0;
        if (spill) {
          // text runs on over the empty cells to its right, up to the next filled one, as in Excel
          const inner = doc.createElement('div');
          inner.className = 'spill';
          inner.style.width = `${spill}px`;
          inner.textContent = td.textContent;
          td.replaceChildren(inner);
          td.classList.add('spills');
        }
        if (typeof cell.value === 'number') td.classList.add('num');
        if (cell.fill) td.style.backgroundColor = cell.fill;
        if (cell.format && cell.format !== 'General') td.dataset.format = cell.format;
        const tip = [cell.note, cell.comment].filter(Boolean).join('\n\n');
        if (tip) {
          td.title = tip;
          td.classList.add('has-note');
        }
        if (cell.formula) td.dataset.formula = cell.formula;
      }
      if (sel && r >= sel.r0 && r <= sel.r1 && c >= sel.c0 && c <= sel.c1) td.classList.add('selected');
      tr.appendChild(td);
    }
    tbody.appendChild(tr);
  }
  table.appendChild(tbody);
}
