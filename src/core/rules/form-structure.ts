import type { Rule } from '../types';

export const formStructure: Rule = {
  meta: {
    id: 'form/structure',
    severity: 'warning',
    section: 'form',
    fixable: false,
    docs: {
      zh: '工作表结构异常：同一部分出现两次、同一工作表上有第二张附件1（只校验第一张），或已用区域过大只读取了一部分。',
      en: 'The sheet is unusual as a whole: a section appears twice, a second 附件1 on the same sheet (only the first is checked), or a used range so large that only part was read.',
    },
  },
  check({ form }) {
    return form.structureNotes.map((n) => ({ cell: n.cell, message: n.what, severity: n.kind === 'truncated' ? 'info' : undefined }));
  },
};
