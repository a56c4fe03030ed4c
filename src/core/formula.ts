/**
 * Formula cells without a cached value (a workbook written by a program, or saved without
 * recalculating). Excel's cached value is always used when there is one; where there is none,
 * the simple arithmetic these forms contain is evaluated: numbers, cell references on the same
 * sheet, `+ - * /`, unary minus, parentheses, `%`, ROUND, SUM and AVERAGE (over cells and
 * ranges). Anything else — other functions, other sheets, names, text — is left unevaluated and
 * reported as 公式未计算 with the formula, never guessed.
 *
 * Deliberately small rather than a spreadsheet engine: a formula we cannot vouch for must stay
 * "not calculated", and the pane bundle stays light.
 */
import { type CellValue, type Grid, formatValue, fromA1, gridA1, toA1 } from './grid';

export interface FormulaCell {
  /** A1 address on the sheet */
  cell: string;
  formula: string;
  /** the evaluated value, or null when the formula is beyond the simple arithmetic above */
  value: number | null;
}

type Token =
  | { t: 'num'; v: number }
  | { t: 'ref'; row: number; col: number }
  | { t: 'range'; r0: number; c0: number; r1: number; c1: number }
  | { t: 'fn'; name: string }
  | { t: 'op'; v: string };

const TOKEN_RE = /\s*(?:(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![A-Za-z0-9_(!])|([A-Za-z][A-Za-z0-9.]*)\s*\(|([-+*/(),%]))/y;

function tokenize(src: string): Token[] | null {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    TOKEN_RE.lastIndex = i;
    const m = TOKEN_RE.exec(src);
    if (!m) return null;
    i = TOKEN_RE.lastIndex;
    if (m[1] !== undefined) out.push({ t: 'num', v: Number(m[1]) });
    else if (m[2] !== undefined) {
      const [a, b] = m[2].split(':');
      const p = fromA1(a);
      if (b === undefined) out.push({ t: 'ref', row: p.row, col: p.col });
      else {
        const q = fromA1(b);
        out.push({ t: 'range', r0: Math.min(p.row, q.row), c0: Math.min(p.col, q.col), r1: Math.max(p.row, q.row), c1: Math.max(p.col, q.col) });
      }
    } else if (m[3] !== undefined) {
      out.push({ t: 'fn', name: m[3].toUpperCase() });
      out.push({ t: 'op', v: '(' });
    } else out.push({ t: 'op', v: m[4] });
  }
  return out;
}

/** A value as an argument: a number, or a list of numbers from a range (text and blanks skipped, as Excel's SUM does). */
type Arg = number | number[];

class Unsupported extends Error {}

/**
 * Evaluate a formula (`=G8/C8`, `=ROUND(F14/E14,4)`, `=AVERAGE(G14:G30)`).
 * `cellValue(row, col)` gives a referenced cell's number (absolute sheet row/column), or null when
 * it is empty; a cell holding text makes arithmetic on it fail, as in Excel (#VALUE!).
 */
export function evaluateFormula(formula: string, cellValue: (row: number, col: number) => number | null | 'text'): number | null {
  const src = formula.trim().replace(/^=/, '');
  if (!src) return null;
  const tokens = tokenize(src);
  if (!tokens) return null;
  let k = 0;
  const peek = () => tokens[k];
  const take = () => tokens[k++];
  const isOp = (v: string) => peek()?.t === 'op' && (peek() as { v: string }).v === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new Unsupported();
    k++;
  };
  const scalar = (row: number, col: number): number => {
    const v = cellValue(row, col);
    if (v === 'text') throw new Unsupported();
    return v ?? 0;
  };
  const numbersIn = (r0: number, c0: number, r1: number, c1: number): number[] => {
    if ((r1 - r0 + 1) * (c1 - c0 + 1) > 10000) throw new Unsupported();
    const out: number[] = [];
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) {
      const v = cellValue(r, c);
      if (typeof v === 'number') out.push(v);
    }
    return out;
  };
  const num = (a: Arg): number => {
    if (typeof a === 'number') return a;
    throw new Unsupported();
  };

  // expression := term (('+'|'-') term)*
  const expression = (): number => {
    let v = term();
    while (isOp('+') || isOp('-')) {
      const op = (take() as { v: string }).v;
      const r = term();
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  // term := unary (('*'|'/') unary)*
  const term = (): number => {
    let v = unary();
    while (isOp('*') || isOp('/')) {
      const op = (take() as { v: string }).v;
      const r = unary();
      if (op === '/' && r === 0) throw new Unsupported(); // #DIV/0!
      v = op === '*' ? v * r : v / r;
    }
    return v;
  };
  const unary = (): number => {
    if (isOp('-')) {
      k++;
      return -unary();
    }
    if (isOp('+')) {
      k++;
      return unary();
    }
    let v = primary();
    while (isOp('%')) {
      k++;
      v /= 100;
    }
    return v;
  };
  const primary = (): number => num(argument(false));
  // an argument may be a range inside SUM / AVERAGE
  const argument = (rangeOk: boolean): Arg => {
    const tok = take();
    if (!tok) throw new Unsupported();
    if (tok.t === 'num') return tok.v;
    if (tok.t === 'ref') return scalar(tok.row, tok.col);
    if (tok.t === 'range') {
      if (!rangeOk) throw new Unsupported();
      return numbersIn(tok.r0, tok.c0, tok.r1, tok.c1);
    }
    if (tok.t === 'op' && tok.v === '(') {
      const v = expression();
      expect(')');
      return v;
    }
    if (tok.t === 'fn') {
      expect('(');
      const args: Arg[] = [];
      if (!isOp(')')) {
        for (;;) {
          const next = peek();
          // a bare range argument, or an expression
          if (next?.t === 'range' && (tokens[k + 1] === undefined || (tokens[k + 1].t === 'op' && [',', ')'].includes((tokens[k + 1] as { v: string }).v)))) {
            args.push(argument(true));
          } else if (next?.t === 'ref' && (tokens[k + 1]?.t === 'op' && [',', ')'].includes((tokens[k + 1] as { v: string }).v))) {
            // a single cell in SUM / AVERAGE: text and blanks are skipped like a range's
            k++;
            const v = cellValue(next.row, next.col);
            args.push(typeof v === 'number' ? [v] : []);
          } else args.push(expression());
          if (isOp(',')) {
            k++;
            continue;
          }
          break;
        }
      }
      expect(')');
      return call(tok.name, args);
    }
    throw new Unsupported();
  };
  const flat = (args: Arg[]) => args.flatMap((a) => (typeof a === 'number' ? [a] : a));
  const call = (name: string, args: Arg[]): number => {
    if (name === 'SUM') return flat(args).reduce((s, v) => s + v, 0);
    if (name === 'AVERAGE') {
      const xs = flat(args);
      if (xs.length === 0) throw new Unsupported(); // #DIV/0!
      return xs.reduce((s, v) => s + v, 0) / xs.length;
    }
    if (name === 'ROUND') {
      if (args.length !== 2) throw new Unsupported();
      const [x, d] = [num(args[0]), Math.trunc(num(args[1]))];
      const f = 10 ** d;
      // half away from zero, as Excel rounds
      return (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f;
    }
    throw new Unsupported();
  };

  try {
    const v = expression();
    if (k !== tokens.length) return null;
    return Number.isFinite(v) ? v : null;
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

/**
 * The grid with every formula that has no cached value evaluated where it can be, and the list
 * of formula cells without a cached value (evaluated or not). The input grid is not changed.
 */
export function fillFormulas(grid: Grid): { grid: Grid; cells: FormulaCell[] } {
  const formulas = grid.formulas;
  if (!formulas) return { grid, cells: [] };
  const pending: { r: number; c: number; f: string }[] = [];
  for (let r = 0; r < formulas.length; r++) {
    const line = formulas[r];
    if (!line) continue;
    for (let c = 0; c < line.length; c++) {
      const f = line[c];
      if (typeof f !== 'string' || !f.startsWith('=')) continue;
      const v = grid.values[r]?.[c];
      if (v === null || v === undefined || v === '') pending.push({ r, c, f });
    }
  }
  if (pending.length === 0) return { grid, cells: [] };

  const values: CellValue[][] = grid.values.map((row) => [...row]);
  const text = grid.text ? grid.text.map((row) => [...row]) : undefined;
  const state = new Map<string, 'busy' | 'done'>();
  const results = new Map<string, number | null>();
  const key = (r: number, c: number) => `${r},${c}`;

  const evalAt = (r: number, c: number): number | null => {
    const id = key(r, c);
    if (state.get(id) === 'done') return results.get(id) ?? null;
    if (state.get(id) === 'busy') return null; // a circular reference
    state.set(id, 'busy');
    const value = evaluateFormula(formulas[r][c], (row, col) => {
      const rr = row - grid.top;
      const cc = col - grid.left;
      // outside the used range: an empty cell
      if (rr < 0 || cc < 0) return null;
      const v = values[rr]?.[cc];
      if (typeof v === 'number') return v;
      if (typeof v === 'boolean') return 'text';
      if (v === null || v === undefined || v === '') {
        const f = formulas[rr]?.[cc];
        if (typeof f === 'string' && f.startsWith('=')) {
          const x = evalAt(rr, cc);
          return x === null ? 'text' : x;
        }
        return null;
      }
      return 'text';
    });
    state.set(id, 'done');
    results.set(id, value);
    return value;
  };

  const cells: FormulaCell[] = [];
  for (const p of pending) {
    const value = evalAt(p.r, p.c);
    cells.push({ cell: gridA1(grid, { row: p.r, col: p.c }), formula: p.f, value });
  }
  for (const p of pending) {
    const v = results.get(key(p.r, p.c));
    if (v === null || v === undefined) continue;
    if (!values[p.r]) values[p.r] = [];
    values[p.r][p.c] = v;
    if (text) {
      if (!text[p.r]) text[p.r] = [];
      text[p.r][p.c] = formatValue(v, grid.formats?.[p.r]?.[p.c] ?? 'General');
    }
  }
  return { grid: { ...grid, values, ...(text ? { text } : {}) }, cells };
}

// The callers ask about one grid at a time (one validation), so only the last grid's set is kept: a
// WeakMap keyed by grid kept its values alive through V8's young-generation collections until a full one.
let lastFormulas: { grid: Grid; set: Set<string> } | null = null;

/** True when the cell (A1, on the sheet) holds a formula. One scan per grid, remembered. */
export function isFormulaCell(grid: Grid, cell: string): boolean {
  if (!grid.formulas) return false;
  let set = lastFormulas?.grid === grid ? lastFormulas.set : undefined;
  if (!set) {
    set = formulaCells(grid, grid.formulas);
    lastFormulas = { grid, set };
  }
  if (set.size === 0) return false;
  return set.has((cell.includes('$') ? cell.replace(/\$/g, '') : cell).toUpperCase());
}

/** A1 addresses of the cells holding a formula. */
function formulaCells(grid: Grid, formulas: string[][]): Set<string> {
  const set = new Set<string>();
  for (let r = 0; r < formulas.length; r++) {
    const line = formulas[r];
    if (!line) continue;
    for (let c = 0; c < line.length; c++) {
      const f = line[c];
      if (typeof f === 'string' && f.startsWith('=')) set.add(toA1(grid.top + r, grid.left + c));
    }
  }
  return set;
}
