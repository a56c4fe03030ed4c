/**
 * Host profiles: the Excel hosts the add-in supports, as the simulator enforces them. Each row of
 * docs/excel-limits.md that a host differs on is a field here; the limits every host shares
 * (512 merged areas, one note or comment per cell, gradient patterns not settable, strings
 * written through `values` typed as if entered) are enforced by the simulator on every profile.
 */
import type { HostLimits, SimWorkbook } from './model';

export type ProfileId = 'web' | 'win365' | 'mac365' | 'ltsc2024' | 'ltsc2021';

export interface HostProfile {
  id: ProfileId;
  label: string;
  /** highest ExcelApi 1.x the host supports */
  excelApiMinor: number;
  limits: HostLimits;
}

/** Excel on the web caps one request and one response at 5 MB. */
export const WEB_PAYLOAD_CAP = 5 * 1000 * 1000;

export const HOST_PROFILES: readonly HostProfile[] = [
  { id: 'web', label: 'Excel on the web', excelApiMinor: 20, limits: { id: 'web', payloadCap: WEB_PAYLOAD_CAP, locale: 'zh-CN' } },
  { id: 'win365', label: 'Microsoft 365 on Windows', excelApiMinor: 20, limits: { id: 'win365', locale: 'zh-CN' } },
  { id: 'mac365', label: 'Microsoft 365 on Mac', excelApiMinor: 20, limits: { id: 'mac365', locale: 'en-US' } },
  { id: 'ltsc2024', label: 'Office LTSC 2024', excelApiMinor: 17, limits: { id: 'ltsc2024', locale: 'zh-CN' } },
  { id: 'ltsc2021', label: 'Office LTSC 2021', excelApiMinor: 14, limits: { id: 'ltsc2021', locale: 'zh-CN' } },
];

export function profile(id: ProfileId): HostProfile {
  const p = HOST_PROFILES.find((x) => x.id === id);
  if (!p) throw new Error(`unknown host profile ${id}`);
  return p;
}

/** Make a simulated workbook behave like a host: its API level and limits (`extra` overrides, e.g. a locale or NotImplemented APIs). */
export function applyProfile(model: SimWorkbook, id: ProfileId, extra: Partial<HostLimits> = {}): SimWorkbook {
  const p = profile(id);
  model.excelApiMinor = p.excelApiMinor;
  model.host = { ...p.limits, ...extra };
  return model;
}
