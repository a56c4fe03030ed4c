/**
 * The baseline reporter (in the manner of frictionless' baseline check): the one place where what the
 * recogniser noticed while reading becomes findings. recognize.ts records notes as data
 * (`RecognizedForm.notes`); this module gives each note its rule and its words. Three rules report
 * through it and nothing else: layout/shifted (how the form was read), field/not-a-number (cell
 * contents that cannot be what the form asks) and form/structure (the sheet as a whole).
 */
import { localize } from '../lang';
import { MESSAGES, type MessageKey, RULE_TEXT } from '../messages';
import type { ReadField, ReadingNote, RecognizedForm, Report } from '../types';

/** The rules that report reading notes. */
export type BaselineRule = 'layout/shifted' | 'field/not-a-number' | 'form/structure';

/** Which rule reports a note of each kind. */
export const NOTE_RULE: Record<ReadingNote['kind'], BaselineRule> = {
  'header-missing': 'layout/shifted',
  'shifted-value': 'layout/shifted',
  'shifted-row': 'layout/shifted',
  'hidden-row': 'layout/shifted',
  'not-a-number': 'field/not-a-number',
  negative: 'field/not-a-number',
  implausible: 'field/not-a-number',
  'error-value': 'field/not-a-number',
  'repeated-section': 'form/structure',
  'second-form': 'form/structure',
  truncated: 'form/structure',
};

const FIELD_NAME: Record<ReadField, MessageKey> = {
  budget: 'fieldBudget',
  available: 'fieldAvailable',
  executed: 'fieldExecuted',
  executionRate: 'fieldExecutionRate',
  overallRate: 'fieldOverallRate',
  indicatorRate: 'fieldIndicatorRate',
  indicatorTarget: 'fieldIndicatorTarget',
  indicatorActual: 'fieldIndicatorActual',
  indicatorRateColumn: 'fieldIndicatorRateColumn',
};

const LAYOUT = RULE_TEXT['layout/shifted'];
const CONTENT = RULE_TEXT['field/not-a-number'];
const STRUCTURE = RULE_TEXT['form/structure'];

const CONTENT_MESSAGE = { 'not-a-number': 'notANumber', negative: 'negativeValue', implausible: 'implausibleRate', 'error-value': 'errorValue' } as const;

/** The finding a note gives. */
export function noteReport(n: ReadingNote): Report {
  switch (n.kind) {
    case 'header-missing':
      return { cell: n.cell, message: localize(LAYOUT, 'layoutHeaderMissing', { field: MESSAGES[FIELD_NAME[n.field]] }) };
    case 'shifted-value':
      return {
        cell: n.cell,
        message: localize(LAYOUT, 'layoutShiftedValue', { field: MESSAGES[FIELD_NAME[n.field]], cell: n.cell, expected: n.expectedCell }),
        related: [n.expectedCell],
      };
    case 'shifted-row':
      return {
        cell: n.cell,
        message: localize(LAYOUT, 'layoutShiftedRow', { name: n.name, n: Math.abs(n.shift), dir: MESSAGES[n.shift > 0 ? 'directionLeft' : 'directionRight'] }),
        related: [n.expectedCell],
      };
    case 'hidden-row':
      return { cell: n.cell, message: localize(LAYOUT, 'layoutHiddenRow', { row: n.row }) };
    case 'not-a-number':
    case 'negative':
    case 'implausible':
    case 'error-value':
      return { cell: n.cell, message: localize(CONTENT, CONTENT_MESSAGE[n.kind], { field: MESSAGES[FIELD_NAME[n.field]], cell: n.cell, text: n.text }), actual: n.text };
    case 'repeated-section':
      return { cell: n.cell, message: localize(STRUCTURE, 'repeatedSection', { section: n.section, cell: n.cell, first: n.first }) };
    case 'second-form':
      return { cell: n.cell, message: localize(STRUCTURE, 'secondForm', { cell: n.cell }) };
    case 'truncated':
      return { cell: n.cell, message: localize(STRUCTURE, 'truncated', { rows: n.rows, more: n.more, cell: n.cell }), severity: 'info' };
  }
}

/** The findings of one baseline rule: its notes, in reading order. */
export function baseline(form: Pick<RecognizedForm, 'notes'>, rule: BaselineRule): Report[] {
  // one pass into a literal array, as every rule returns its reports: an array from an optimised
  // filter().map() has another elements kind, and the engine's loop over reports deopted on it
  const out: Report[] = [];
  for (const n of form.notes) if (NOTE_RULE[n.kind] === rule) out.push(noteReport(n));
  return out;
}
