/** Public surface of the engine. Free of Office.js, React and Node-only APIs. */
export * from './grid';
export * from './types';
export { validateGrid, resolveSettings, countBySeverity, type SettingsInput } from './validate';
export { recognize, classifyIndicator, SECTION_HEADINGS } from './recognize';
export { recompute, timeProgress, parseDates } from './recompute';
export * from './parse';
export { RULES, RULE_IDS } from './rules';
export { msg, MESSAGES } from './messages';
export { summarizeForm, type FormSummary } from './summary';
export * from './marks';
