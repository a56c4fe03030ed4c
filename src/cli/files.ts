/** Expands the paths given on the command line into .xlsx files. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Expanded {
  files: string[];
  /** paths that do not exist or hold no workbook, with the reason */
  problems: { path: string; message: string }[];
}

const isWorkbook = (name: string) => /\.xlsx$/i.test(name) && !name.startsWith('~$');

export function expandPaths(paths: string[]): Expanded {
  const files: string[] = [];
  const problems: Expanded['problems'] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      problems.push({ path: p, message: `找不到文件或文件夹 ${p} / no such file or folder: ${p}` });
      continue;
    }
    if (st.isDirectory()) {
      const found = readdirSync(p, { recursive: true, encoding: 'utf8' })
        .filter((f) => isWorkbook(f.split(/[\\/]/).pop() ?? f))
        .sort()
        .map((f) => join(p, f));
      if (found.length === 0) problems.push({ path: p, message: `文件夹 ${p} 中没有 .xlsx 文件 / no .xlsx files in ${p}` });
      files.push(...found);
    } else {
      files.push(p);
    }
  }
  return { files, problems };
}
