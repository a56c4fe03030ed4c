// The pane's summary of real seed forms, and the theme choice, without rendering.
import { validateGrid } from '../../src/core';
import { summarize } from '../../src/taskpane/summary';
import { readSeedGrid } from '../helpers/fake-host';
import { isDark, themeFor } from '../../src/taskpane/theme';
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';

test.each([
  ['form1.xlsx', 'green', 0.75],
  ['form2.xlsx', 'green', 0.75],
  // design §4: forms 3 and 4 execute 37% and 27% against 75% time progress — red
  ['form3.xlsx', 'red', 0.75],
  ['form4.xlsx', 'red', 0.75],
])('%s: budget light %s, time progress %s', async (file, light, tp) => {
  const s = summarize(validateGrid(await readSeedGrid(file)));
  expect(s.budgetLight).toBe(light);
  expect(s.timeProgress).toBeCloseTo(tp);
  // issue 11: the pane shows what time progress was read from
  expect(s.timeProgressBasis).toMatchObject({ monitorPoint: { text: '2020年9月', used: '2020年9月' }, period: { text: '2020.01.01-2020.12.31' } });
  expect(s.counts.error + s.counts.warning + s.counts.info).toBeGreaterThan(0);
});

test('form 2: the indicator light is red (财政缴费补贴人数 at 52.31%), findings grouped in form order, reading notes last', async () => {
  const s = summarize(validateGrid(await readSeedGrid('form2.xlsx')));
  expect(s.indicatorLight).toBe('red');
  // the reading notes (layout/shifted, information only) come after the real problems
  expect(s.groups.map((g) => g.section)).toEqual(['budget', 'goal', 'indicators', 'deviation', 'form']);
});

test('a light whose rule is switched off says so instead of showing green', async () => {
  const grid = await readSeedGrid('form4.xlsx');
  const settings = { rules: { 'indicator/deviation': { enabled: false }, 'budget/behind-schedule': { enabled: false } } };
  const s = summarize(validateGrid(grid, settings), settings);
  expect(s.indicatorLight).toBe('off');
  expect(s.budgetLight).toBe('off');
});

test('a sheet that is not a form has unknown lights and no time progress', () => {
  const s = summarize(validateGrid({ name: 'x', top: 0, left: 0, values: [['a']] }));
  expect(s.budgetLight).toBe('unknown');
  expect(s.indicatorLight).toBe('unknown');
  expect(s.timeProgress).toBeNull();
  expect(s.groups.map((g) => g.section)).toEqual(['form']);
});

test('the Office theme picks the Fluent theme', () => {
  expect(isDark(undefined)).toBe(false);
  expect(isDark({ bodyBackgroundColor: '#262626' })).toBe(true);
  expect(isDark({ bodyBackgroundColor: '#FFFFFF' })).toBe(false);
  expect(isDark({ bodyBackgroundColor: '#FFFFFF', isDarkTheme: true })).toBe(true);
  expect(themeFor({ bodyBackgroundColor: '#1f1f1f' }).colorNeutralBackground1).toBe(webDarkTheme.colorNeutralBackground1);
  expect(themeFor({ bodyBackgroundColor: '#f3f3f3' }).colorNeutralBackground1).toBe(webLightTheme.colorNeutralBackground1);
});
