import { columnLetters, formatValue, fromA1, toA1 } from '../../src/core/grid';

describe('A1 addresses', () => {
  it.each([
    ['A1', 0, 0],
    ['$B$7', 6, 1],
    ['h12', 11, 7],
    [' AA3 ', 2, 26],
    ['XFD1048576', 1048575, 16383],
  ])('%s reads as row %i, column %i', (address, row, col) => {
    expect(fromA1(address)).toEqual({ row, col });
  });

  it.each(['', 'A', '1', 'AAAA1', 'A1B', '$$A1', 'A$', 'A-1', 'A1.5', '[1'])('%p is no cell address', (address) => {
    expect(() => fromA1(address)).toThrow('Not an A1 cell address');
  });

  it('round-trips with toA1', () => {
    for (const [row, col] of [[0, 0], [9, 25], [99, 26], [5, 701], [1048575, 16383]]) {
      expect(fromA1(toA1(row, col))).toEqual({ row, col });
    }
    expect(columnLetters(25)).toBe('Z');
    expect(columnLetters(26)).toBe('AA');
  });
});

describe('formatValue', () => {
  it('shows numbers as their format does', () => {
    expect(formatValue(0.77, 'General')).toBe('0.77');
    expect(formatValue(0.77, '')).toBe('0.77');
    expect(formatValue(0.77, '0%')).toBe('77%');
    expect(formatValue(1.0912, '0.00%;-0.00%')).toBe('109.12%');
    expect(formatValue(1234567.891, '#,##0.00')).toBe('1,234,567.89');
  });
});
