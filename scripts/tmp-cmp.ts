import { readFileSync } from 'node:fs';
import { readWorkbookFile } from '../src/node/xlsx';
import { readGrids } from '../src/reader';
(async () => {
  for (const f of process.argv.slice(2)) {
    const t0 = performance.now();
    const { grids: a } = await readWorkbookFile(f);
    const t1 = performance.now();
    const b = readGrids(new Uint8Array(readFileSync(f)));
    const t2 = performance.now();
    console.log(f, (t1 - t0).toFixed(1), (t2 - t1).toFixed(1), a.length, b.length);
    for (let i = 0; i < a.length; i++) {
      const A = a[i], B = b[i];
      for (const k of ['values', 'text', 'formats', 'formulas'] as const) {
        const ra = A[k]!, rb = B[k]!;
        if (ra.length !== rb.length) console.log(' rows', k, ra.length, rb.length);
        for (let r = 0; r < Math.max(ra.length, rb.length); r++) for (let c = 0; c < Math.max(ra[r]?.length ?? 0, rb[r]?.length ?? 0); c++) {
          const x = ra[r]?.[c] ?? (k === 'formats' ? 'General' : k === 'values' ? null : '');
          const y = rb[r]?.[c] ?? (k === 'formats' ? 'General' : k === 'values' ? null : '');
          if (x !== y) console.log(' diff', k, r, c, JSON.stringify(x), JSON.stringify(y));
        }
      }
      for (const k of ['merges', 'hiddenRows', 'truncatedRows', 'name'] as const) if (JSON.stringify(A[k]) !== JSON.stringify(B[k])) console.log(' diff', k, JSON.stringify(A[k]).slice(0, 200), JSON.stringify(B[k]).slice(0, 200));
    }
  }
})();
