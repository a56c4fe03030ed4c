/** Fluent theme following Office's: dark Office themes get Fluent's dark theme. */
import { type Theme, webDarkTheme, webLightTheme } from '@fluentui/react-components';

/** The parts of Office.context.officeTheme the pane uses (passed in by the entry, never read here). */
export interface OfficeThemeInfo {
  bodyBackgroundColor?: string;
  isDarkTheme?: boolean;
}

/** Fonts with Chinese glyphs after Segoe UI, so 简体中文 renders in the system's UI font. */
const FONT = "'Segoe UI', 'Microsoft YaHei UI', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', system-ui, sans-serif";

function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

export function isDark(theme?: OfficeThemeInfo): boolean {
  if (!theme) return false;
  if (typeof theme.isDarkTheme === 'boolean') return theme.isDarkTheme;
  const l = theme.bodyBackgroundColor ? luminance(theme.bodyBackgroundColor) : null;
  return l !== null && l < 0.5;
}

const light: Theme = { ...webLightTheme, fontFamilyBase: FONT };
const dark: Theme = { ...webDarkTheme, fontFamilyBase: FONT };

export function themeFor(office?: OfficeThemeInfo): Theme {
  return isDark(office) ? dark : light;
}
