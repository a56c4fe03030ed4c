/** The rule catalogue, in the order rules run and findings are listed. */
import type { AnyRule } from '../types';
import { budgetBehindSchedule } from './budget-behind-schedule';
import { budgetOverExecution } from './budget-over-execution';
import { budgetRateMismatch } from './budget-rate-mismatch';
import { deviationExplanationMismatch } from './deviation-explanation-mismatch';
import { deviationUnexplained } from './deviation-unexplained';
import { fieldFormulaNotCalculated } from './field-formula-not-calculated';
import { fieldMissing } from './field-missing';
import { fieldNotANumber } from './field-not-a-number';
import { fieldUnreadablePeriod } from './field-unreadable-period';
import { formNotRecognized } from './form-not-recognized';
import { formStructure } from './form-structure';
import { indicatorDeviation } from './indicator-deviation';
import { indicatorMalformedTarget } from './indicator-malformed-target';
import { indicatorNotAMeasurement } from './indicator-not-a-measurement';
import { indicatorProratedQualitative } from './indicator-prorated-qualitative';
import { indicatorRateMismatch } from './indicator-rate-mismatch';
import { indicatorUnitMismatch } from './indicator-unit-mismatch';
import { layoutShifted } from './layout-shifted';
import { overallRateMismatch } from './overall-rate-mismatch';

export const RULES: readonly AnyRule[] = [
  formNotRecognized,
  formStructure,
  fieldMissing,
  fieldNotANumber,
  fieldFormulaNotCalculated,
  fieldUnreadablePeriod,
  budgetRateMismatch,
  budgetOverExecution,
  budgetBehindSchedule,
  indicatorMalformedTarget,
  indicatorUnitMismatch,
  indicatorNotAMeasurement,
  indicatorProratedQualitative,
  indicatorRateMismatch,
  indicatorDeviation,
  overallRateMismatch,
  deviationUnexplained,
  deviationExplanationMismatch,
  layoutShifted,
];

export const RULE_IDS = RULES.map((r) => r.meta.id);
