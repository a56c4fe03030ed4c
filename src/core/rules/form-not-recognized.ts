import type { Rule } from '../types';

/**
 * The sheet is not a 附件1. The engine reports it when recognition fails (there is no form to
 * check); the message names the headings that were missing.
 */
export const formNotRecognized: Rule = {
  meta: {
    id: 'form/not-recognized',
    severity: 'warning',
    section: 'form',
    fixable: false,
    docs: {
      zh: '工作表不是附件1：找不到“二、预算执行情况”或“四、年度绩效指标完成情况”等标题；消息列出缺少的标题。',
      en: 'The sheet is not a 附件1: the budget or indicator section headings were not found; the message lists the missing headings.',
    },
  },
  check: () => [],
};
