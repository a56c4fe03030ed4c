/** Public surface of the engine. Free of Office.js, React and Node-only APIs. */
export * from './grid';
export * from './types';
export { catalogue, fill, localize, translate, inLang, joinLocalized, isLocalized, plural, sameInBoth, LocalizedError, type Catalogue, type Params, type TextParams } from './lang';
export { validateGrid, resolveSettings, countBySeverity, type SettingsInput } from './validate';
export { recognize, recognizeAll, formBlocks, classifyIndicator, SECTION_HEADINGS } from './recognize';
export { parsePeriodText, parsePeriodCell, isDateFormat, serialToYmd, type ParsedPeriod, type Ymd } from './period';
export { classifyName, DEFAULT_KIND_LEXICON, type Classification } from './lexicon';
export { evaluateFormula, fillFormulas, type FormulaCell } from './formula';
export { recompute, timeProgress, timeProgressOf, formTimeProgress, parseDates, deviations, deviationOf, type Deviation } from './recompute';
export * from './parse';
export { RULES, RULE_IDS } from './rules';
export { msg, MESSAGES } from './messages';
export { summarizeForm, type FormSummary } from './summary';
export * from './marks';
export { agrees, shownDecimals, pctApart, shown } from './compare';
