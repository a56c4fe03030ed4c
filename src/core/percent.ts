/**
 * Rounding and the short percent, on their own so the task pane's first screen can format a percent
 * without loading the parsers (src/core/parse.ts re-exports both).
 */

/** Round to `d` decimals, half away from zero, without binary artefacts (1.005 → 1.01). */
export function roundTo(v: number, d: number): number {
  const f = 10 ** d;
  return Math.round(v * f + Math.sign(v) * 1e-9) / f;
}

/** A percent with at most one decimal and no trailing .0, as the 附件2 shows it: 1 → 100%, 0.7723 → 77.2%. */
export function pctShort(v: number): string {
  return `${String(roundTo(v * 100, 1))}%`;
}
