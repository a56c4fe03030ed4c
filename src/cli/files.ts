/**
 * The CLI's file handling: expand the paths given on the command line into .xlsx files, and plan
 * where outputs go before anything is read.
 *
 * - Every input is resolved with realpath. A folder is walked without entering any real directory
 *   twice (so symlink loops end), and a link whose target lies outside the named folders is skipped
 *   with a notice unless `followLinks` is set. The same file reached twice is read once.
 * - An output that is an input (by real path, or the same file through a hard link), or two
 *   outputs that land on one path, is refused before anything is read: `checkOutputs` names both.
 */
import { type Dirent, mkdirSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { both } from './messages';

export interface InputFile {
  /** the path as the user will recognise it (the argument, or the folder argument joined with the relative path) */
  path: string;
  /** realpath */
  real: string;
  dev: number;
  ino: number;
}

export interface Expanded {
  /** the display paths of the inputs, in order */
  files: string[];
  inputs: InputFile[];
  /** paths that do not exist or hold no workbook, with the reason (exit 2) */
  problems: { path: string; message: string }[];
  /** what was skipped on purpose: links out of the named folders, broken links (no effect on the exit code) */
  notices: string[];
}

export interface WalkOptions {
  /** follow links whose target is outside the named folders (`--follow-links`) */
  followLinks?: boolean;
}

const isWorkbook = (name: string) => /\.xlsx$/i.test(name) && !name.startsWith('~$');

const within = (real: string, roots: readonly string[]) => roots.some((r) => real === r || real.startsWith(r.endsWith(sep) ? r : r + sep));

export function expandPaths(paths: string[], opts: WalkOptions = {}): Expanded {
  const inputs: InputFile[] = [];
  const problems: Expanded['problems'] = [];
  const notices: string[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();

  // the named folders, by real path: links are followed only inside them
  const roots: string[] = [];
  for (const p of paths) {
    try {
      const real = realpathSync(p);
      if (statSync(real).isDirectory()) roots.push(real);
    } catch {
      // reported below
    }
  }

  // by device and inode, so a bind mount or a hard link is recognised too
  const id = (real: string) => {
    const st = statSync(real);
    return { key: `${st.dev}:${st.ino}`, dev: st.dev, ino: st.ino };
  };
  const addFile = (path: string, real: string) => {
    const { key, dev, ino } = id(real);
    if (seenFiles.has(key)) return;
    seenFiles.add(key);
    inputs.push({ path, real, dev, ino });
  };

  const walk = (dir: string, realDir: string) => {
    const { key } = id(realDir);
    if (seenDirs.has(key)) return;
    seenDirs.add(key);
    let entries: Dirent[];
    try {
      entries = readdirSync(realDir, { withFileTypes: true });
    } catch (e) {
      problems.push({ path: dir, message: both('folderUnreadable', { dir, code: (e as NodeJS.ErrnoException).code ?? '' }) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // join(dir, name) for every entry, its folder part normalised once: a name from readdir is one plain
    // path segment, which join leaves as it is (join per file would be compiled by V8 within a batch)
    const shownDir = join(dir, '_').slice(0, -1);
    const realPrefix = join(realDir, '_').slice(0, -1);
    for (const e of entries) {
      const shown = shownDir + e.name;
      const at = realPrefix + e.name;
      let real = at;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          real = realpathSync(at);
          const st = statSync(real);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          if (isWorkbook(e.name)) notices.push(both('brokenLink', { path: shown }));
          continue;
        }
        if (!within(real, roots) && !opts.followLinks) {
          if (isDir || isWorkbook(e.name)) notices.push(both('linkOutside', { path: shown, target: real }));
          continue;
        }
      }
      if (isDir) walk(shown, real);
      else if (isFile && isWorkbook(e.name)) addFile(shown, real);
    }
  };

  for (const p of paths) {
    let real: string;
    try {
      real = realpathSync(p);
    } catch {
      problems.push({ path: p, message: both('noSuchPath', { path: p }) });
      continue;
    }
    if (statSync(real).isDirectory()) {
      const before = inputs.length;
      const wasSeen = seenDirs.has(id(real).key);
      walk(p, real);
      if (inputs.length === before && !wasSeen) problems.push({ path: p, message: both('noWorkbooks', { path: p }) });
    } else {
      addFile(p, real);
    }
  }
  return { files: inputs.map((i) => i.path), inputs, problems, notices };
}

/** Where a path would be, by real path, whether or not it exists yet (its nearest existing ancestor resolved). */
export function realTarget(path: string): string {
  const abs = resolve(path);
  const rest: string[] = [];
  let at = abs;
  for (;;) {
    try {
      const real = realpathSync(at);
      return rest.length ? join(real, ...rest.reverse()) : real;
    } catch {
      const up = dirname(at);
      if (up === at) return abs;
      rest.push(basename(at));
      at = up;
    }
  }
}

/** The input a planned output would overwrite: same real path, or the same file (hard link). */
function inputAt(target: string, inputs: readonly InputFile[]): InputFile | undefined {
  const byPath = inputs.find((i) => i.real === target);
  if (byPath) return byPath;
  try {
    const st = statSync(target);
    return inputs.find((i) => i.dev === st.dev && i.ino === st.ino);
  } catch {
    return undefined;
  }
}

/** A refusal of the whole run: exit 2 with this message, nothing read, nothing written. */
export interface OutputRefusal {
  message: string;
}

/** `review --out FILE`: refused when FILE is an input, a folder, or in a folder that does not exist. */
export function checkOutFile(out: string, inputs: readonly InputFile[]): OutputRefusal | { target: string } {
  const target = realTarget(out);
  const input = inputAt(target, inputs);
  if (input) {
    return { message: both('outIsInput', { out, input: input.path }) };
  }
  try {
    if (statSync(target).isDirectory()) return { message: both('outIsFolder', { out }) };
  } catch {
    // a new file
  }
  try {
    if (!statSync(dirname(target)).isDirectory()) throw new Error('not a folder');
  } catch {
    return { message: both('outFolderMissing', { dir: dirname(out) }) };
  }
  return { target };
}

/**
 * `validate --write-marked DIR`: one marked copy per input, named as the input, in DIR. Refused when
 * a copy would land on an input (DIR is the input's folder, by any path or link) or when two inputs
 * share a name (d1/x.xlsx and d2/x.xlsx, or d2/X.xlsx), naming both. Creates DIR once the plan is accepted.
 */
export interface MarkedTarget {
  /** where it is written (real path) */
  real: string;
  /** as the user named it: DIR joined with the input's name */
  shown: string;
}

/** `report`: the findings report of the same run (`--report`), which no marked copy may land on. */
export function planMarkedCopies(dir: string, inputs: readonly InputFile[], report?: MarkedTarget): OutputRefusal | { targets: Map<string, MarkedTarget> } {
  const realDir = realTarget(dir);
  try {
    if (!statSync(realDir).isDirectory()) return { message: both('markedNotFolder', { dir }) };
  } catch {
    // created below
  }
  const targets = new Map<string, MarkedTarget>();
  const byTarget = new Map<string, InputFile>();
  // names that differ only in case or Unicode normalisation are one file on Windows, macOS and SMB shares
  const keyOf = (path: string) => path.normalize('NFC').toLowerCase();
  const reportKey = report && keyOf(report.real);
  for (const input of inputs) {
    const target = join(realDir, basename(input.path));
    const over = inputAt(target, inputs);
    if (over) {
      return { message: both('markedOverInput', { copy: join(dir, basename(input.path)), input: over.path }) };
    }
    const key = keyOf(target);
    if (report && key === reportKey) {
      return { message: both('markedOverReport', { copy: join(dir, basename(input.path)), input: input.path, report: report.shown }) };
    }
    const other = byTarget.get(key);
    if (other) {
      return { message: both('markedSameName', { first: other.path, second: input.path, copy: join(dir, basename(input.path)) }) };
    }
    byTarget.set(key, input);
    targets.set(input.path, { real: target, shown: join(dir, basename(input.path)) });
  }
  try {
    mkdirSync(realDir, { recursive: true });
  } catch (e) {
    return { message: both('cannotCreateFolder', { dir, code: (e as NodeJS.ErrnoException).code ?? '' }) };
  }
  return { targets };
}
