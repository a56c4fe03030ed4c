/**
 * How a stated rate compares with a recomputed one (design §3): at the precision the sheet shows,
 * never tighter than the least tolerance. Used by recompute, the rules and the 附件2 row builder.
 */
import { parseRate, pct, rateTolerance, roundTo } from './parse';
import type { Settings, Slot } from './types';

/** Decimals of percent shown by a stated rate slot (`77%` → 0, `109.00%` → 2). */
export function shownDecimals(slot: Slot<number>): number {
  if (!slot.text) return 0;
  return slot.decimals ?? parseRate(slot.text, slot.value)?.decimals ?? 0;
}

/** True when a stated rate agrees with a computed one within the precision the sheet shows (design §3). */
export function agrees(slot: Slot<number>, computed: number, settings: Pick<Settings, 'minTolerancePoints'>): boolean {
  if (slot.value === null) return false;
  return Math.abs(slot.value - computed) <= rateTolerance(shownDecimals(slot), settings.minTolerancePoints) + 1e-12;
}

/**
 * A recomputed rate with enough decimals that it visibly differs from the stated one: stated 96%
 * against 0.95454 reads 95.45%, not 95.5% (which itself rounds to 96%). One decimal at least, four at most.
 */
export function pctApart(computed: number, slot: Slot<number>): string {
  if (slot.value === null) return pct(computed);
  const shownD = shownDecimals(slot);
  const statedShown = roundTo(slot.value * 100, shownD);
  for (let d = 1; d <= 4; d++) {
    const e = roundTo(computed * 100, d);
    if (roundTo(e, shownD) !== statedShown) return pct(computed, d);
  }
  return pct(computed, 4);
}

/** How a stated rate reads in a message: its own text, or a percent. */
export function shown(slot: Slot<number>): string {
  return slot.text ? slot.text.trim() : slot.value === null ? '—' : pct(slot.value, 1);
}
