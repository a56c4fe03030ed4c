/** What must hold for every sheet whatever it holds (design §9): no crash, a clear answer, findings on the sheet. */
import {
  colCount,
  fromA1,
  type Grid,
  marksFor,
  NOTE_PREFIX,
  RULE_IDS,
  rowCount,
  type SheetResult,
  toA1,
  validateGrid,
} from '../../../src/core';

/** True when an A1 address lies inside the grid's used range (the top-left cell counts even for an empty grid). */
export function insideGrid(grid: Grid, address: string): boolean {
  const { row, col } = fromA1(address);
  if (address === toA1(grid.top, grid.left)) return true;
  return row >= grid.top && row < grid.top + rowCount(grid) && col >= grid.left && col < grid.left + colCount(grid);
}

const SEVERITIES = new Set(['error', 'warning', 'info']);

/** Validate a grid and return a list of broken promises (empty when all hold). Never throws itself. */
export function violations(grid: Grid): { result?: SheetResult; problems: string[] } {
  const problems: string[] = [];
  let result: SheetResult;
  try {
    result = validateGrid(grid);
  } catch (e) {
    return { problems: [`validateGrid threw: ${(e as Error).stack ?? String(e)}`] };
  }
  if (typeof result.recognized !== 'boolean') problems.push('recognized is not a boolean');
  if (!result.recognized) {
    if (!result.reason?.zh || !result.reason?.en) problems.push('not recognised without a reason');
    else if (!result.reason.zh.includes(grid.name)) problems.push('the reason does not name the sheet');
    if (!result.missing || result.missing.length === 0) problems.push('not recognised but nothing named as missing');
    if (result.findings.length !== 1 || result.findings[0].rule !== 'form/not-recognized') problems.push('not recognised but findings are not exactly form/not-recognized');
  } else if (!result.form) {
    problems.push('recognised without a form');
  }
  // words the user may have typed themselves (a cell holding `NaN` or `{x}`) are not engine faults
  const typed = JSON.stringify([grid.name, grid.values, grid.text ?? []]);
  const broken = [/\{\w+\}/, /undefined/, /\bNaN\b/, /\[object /, /Infinity/].filter((re) => !re.test(typed));
  for (const f of result.findings) {
    const where = `${f.rule}@${f.cell}`;
    if (!RULE_IDS.includes(f.rule)) problems.push(`${where}: unknown rule`);
    if (!SEVERITIES.has(f.severity)) problems.push(`${where}: bad severity ${f.severity}`);
    if (f.sheet !== grid.name) problems.push(`${where}: sheet ${f.sheet} ≠ ${grid.name}`);
    try {
      const inside = (a: string) => insideGrid(grid, a);
      if (!inside(f.cell)) problems.push(`${where}: cell outside the sheet's used range`);
      if (f.fix && !inside(f.fix.cell)) problems.push(`${where}: fix cell ${f.fix.cell} outside the used range`);
      for (const r of f.related ?? []) if (!inside(r)) problems.push(`${where}: related cell ${r} outside the used range`);
    } catch (e) {
      problems.push(`${where}: not an A1 address (${(e as Error).message})`);
    }
    for (const lang of ['zh', 'en'] as const) {
      const m = f.message?.[lang];
      if (typeof m !== 'string' || m.trim() === '') problems.push(`${where}: empty ${lang} message`);
      else if (broken.some((re) => re.test(m))) problems.push(`${where}: unfilled or broken ${lang} message: ${m.slice(0, 200)}`);
    }
    if (f.fix && (typeof f.fix.display !== 'string' || /NaN|undefined|Infinity/.test(f.fix.display) || f.fix.value === null || f.fix.value === undefined || (typeof f.fix.value === 'number' && !Number.isFinite(f.fix.value)))) problems.push(`${where}: bad fix ${JSON.stringify(f.fix)}`);
  }
  try {
    const marks = marksFor(result.findings);
    // a sheet that is not a 附件1 gets its message but no mark
    const cells = new Set(result.findings.filter((f) => f.rule !== 'form/not-recognized').map((f) => f.cell));
    if (marks.length !== cells.size) problems.push('marks are not one per finding cell');
    for (const m of marks) if (!m.note.startsWith(NOTE_PREFIX)) problems.push(`mark ${m.cell} note without the prefix`);
    JSON.stringify(result.findings);
  } catch (e) {
    problems.push(`marks or JSON threw: ${(e as Error).message}`);
  }
  return { result, problems };
}
