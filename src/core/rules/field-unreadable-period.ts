import { msg } from '../messages';
import type { Report, Rule } from '../types';

export const fieldUnreadablePeriod: Rule = {
  meta: {
    id: 'field/unreadable-period',
    severity: 'error',
    section: 'basic',
    fixable: false,
    docs: {
      zh: '监控时点或项目周期写法无法识别（可识别：2021年9月、2021年1-9月、1至9月、第三季度、Q3、上半年、前三季度、全年、截至2021年9月30日、2021.9、2021-09、2021/9/30、日期格式的单元格等）。数字 2020.1 可能是去掉末尾 0 的 2020.10，也按无法识别报告。监控时点无法识别时不计算时间进度（错误）；项目周期无法识别时按监控时点所在自然年计算（警告）。',
      en: 'The monitoring point or project period cannot be read (readable: 2021年9月, 2021年1-9月, 1至9月, 第三季度, Q3, 上半年, 前三季度, 全年, 截至2021年9月30日, 2021.9, 2021-09, 2021/9/30, date-formatted cells …). The number 2020.1, which may be 2020.10 with its zero dropped, is reported as unreadable too. An unreadable monitoring point leaves no time progress (error); an unreadable project period is taken as the calendar year of the monitoring point (warning).',
    },
  },
  check({ form }) {
    const out: Report[] = [];
    const c = form.computed;
    if (c.monitorPointUnreadable) {
      const text = (form.monitorPoint.value ?? '').trim();
      out.push({ cell: form.monitorPoint.cell, message: msg('unreadableMonitorPoint', { text }), actual: text, expected: null });
    }
    if (c.periodUnreadable) {
      const text = (form.period.value ?? '').trim();
      out.push({ cell: form.period.cell, severity: 'warning', message: msg('unreadablePeriod', { text }), actual: text, expected: null });
    }
    return out;
  },
};
