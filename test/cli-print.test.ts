/**
 * What the CLI writes to a terminal or a pipe: --json / --jsonl text as UTF-8 bytes with every C1,
 * DEL and bidi control escaped (src/cli/print.ts cleanJsonBytes), whatever characters surround them.
 */
import { cleanJson, cleanJsonBytes } from '../src/cli/print';

// each character cleanJson escapes, and neighbours that share its leading UTF-8 bytes but are safe
const UNSAFE = ['\u007f', '\u0080', '\u009b', '\u009f', '\u061c', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069'];
const SAFE_NEIGHBOURS = ['“', '”', '—', '…', '≤', '≥', '‰', '·', '°', '\u200b', '\u2029', '\u2065', '\u206a', 'ؤ', '¥'];

describe('the JSON bytes the CLI writes', () => {
  it.each(UNSAFE)('U+%s never leaves raw, and is written as \\u escape of the same value', (c) => {
    const json = JSON.stringify({ message: `指标“养老${c}金”完成率 ≥95%` });
    const bytes = cleanJsonBytes(json);
    expect(bytes.equals(Buffer.from(cleanJson(json), 'utf8'))).toBe(true);
    const text = bytes.toString('utf8');
    expect(text).not.toContain(c);
    expect((JSON.parse(text) as { message: string }).message).toBe(`指标“养老${c}金”完成率 ≥95%`);
  });

  it('text with only safe characters (including those sharing lead bytes) is written as it is', () => {
    const json = JSON.stringify({ message: `预算执行率 ${SAFE_NEIGHBOURS.join('')} 79.9%`, arithmetic: '433 ÷ 542 = 79.9%' });
    expect(cleanJsonBytes(json).toString('utf8')).toBe(json);
  });

  it('a long report and the ones after it are written whole, each as it is', () => {
    // a file with many findings (about 1 MB of JSON), then short ones again
    const long = JSON.stringify({ findings: Array.from({ length: 40_000 }, (_, i) => `指标“养老金”第 ${i} 行 ≥95%`) });
    const short = JSON.stringify({ message: '预算执行率 79.9%' });
    expect(cleanJsonBytes(long).toString('utf8')).toBe(long);
    expect(cleanJsonBytes(short).toString('utf8')).toBe(short);
    expect(cleanJsonBytes(`${short}\u202e`).toString('utf8')).toBe(cleanJson(`${short}\u202e`));
  });
});
