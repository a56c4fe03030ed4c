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
];

/** The finding shape 'overall-mean-overflow' produces: a fix of 总体完成率 whose value is not a finite number (null or ±Infinity). */
export function isKnownBadFix(f: Finding): boolean {
  const aboutOverall = f.rule === 'overall/rate-mismatch' || (f.rule === 'field/missing' && f.message.zh.startsWith('总体完成率'));
  return aboutOverall && !!f.fix && !(typeof f.fix.value === 'number' && Number.isFinite(f.fix.value));
}
