/**
 * Engine faults the robustness suite found and that are not fixed yet. Each entry is the minimal
 * input, what a user would expect and what happens; the property tests exempt exactly these cases
 * (and nothing else) so the committed suite passes. Delete an entry when src/core is fixed: the
 * exemption goes with it and the property becomes strict again.
 *
 * Fixed since they were reported (exemptions removed): section 四 above section 二 gave a finding at
 * 'A0'; guessed cells beyond the used range; 执行数 ÷ a tiny 预算数 gave 'Infinity%' and a fix of Infinity.
 */
import type { Finding } from '../../../src/core';

export interface KnownBug {
  id: string;
  input: string;
  expected: string;
  actual: string;
}

export const KNOWN_BUGS: KnownBug[] = [
  {
    id: 'overall-mean-overflow',
    input: "CONSISTENT with G14 = -9.99e307 (format 0%, shown as ######## in a narrow column)",
    expected: 'the mean cannot be computed: no overall/rate-mismatch error, or one without a fix',
    actual: "overall/rate-mismatch error '各指标完成率的平均值为 —' with fix {value: null, display: '-Infinity%'} (or '-1.7976931348623158e+304%' when a rate is -Number.MAX_VALUE); a 修正 click would write an empty value; the same with 总体完成率 empty gives field/missing with fix {value: -Infinity, display: '-Infinity%'}",
  },
  {
    id: 'filtered-rows-ignored',
    input: "CONSISTENT with G14 = 50% (stated rate of 参保缴费人数, computed 95%) and row 14 hidden by a filter (hiddenRows [13])",
    expected: 'the filtered indicator is still checked: indicator/rate-mismatch at G14, as when the row is visible',
    actual: "the indicator is skipped (no rate-mismatch) and deviation/explanation-mismatch B20 says '偏差说明提到“参保缴费人数”，但表中没有这个指标。' — it is on the form. Hiding rows 15–16 (two correct indicators) instead gives a false overall/rate-mismatch error at G12: the mean leaves the hidden indicators out",
  },
  {
    id: 'header-note-column',
    input: 'seed form 4 (no 预算执行率 header) with one blank column inserted before column A (or padded one column right)',
    expected: "the note '表头缺少“预算执行率”，已按位置推断其所在列。' moves with the form (B7)",
    actual: 'it stays at A7: the note is anchored to column A of the used range, not to the section heading; the inferred 预算执行率 position (fallback column H) does not move either',
  },
  {
    id: 'filtered-value-row-called-empty',
    input: 'CONSISTENT with row 8 (预算数 … 预算执行率 78% at H8) hidden (hiddenRows [7]); likewise row 12 (总体完成率 100% at G12)',
    expected: 'the hidden values are read (or a note that the row is hidden); no claim that a filled cell is empty',
    actual: "field/missing H9 '预算执行率为空，按计算应为 78.0%。' with a fix that would write 78% into H9 (a 其中 row); field/missing G13 '总体完成率为空' when row 12 is hidden",
  },
  {
    id: 'error-value-as-actual',
    input: "CONSISTENT with F14 (指标完成值) = '#DIV/0!' (target 1000人, rate 95%)",
    expected: 'a clear message naming F14, e.g. field/not-a-number “指标完成值应为数字，F14 中是“#DIV/0!”。”',
    actual: 'no finding at all on E14/F14/G14: the error value is silently treated as qualitative text',
  },
];

/** The finding shape 'overall-mean-overflow' produces: a fix of 总体完成率 whose value is not a finite number (null or ±Infinity). */
export function isKnownBadFix(f: Finding): boolean {
  const aboutOverall = f.rule === 'overall/rate-mismatch' || (f.rule === 'field/missing' && f.message.zh.startsWith('总体完成率'));
  return aboutOverall && !!f.fix && !(typeof f.fix.value === 'number' && Number.isFinite(f.fix.value));
}
