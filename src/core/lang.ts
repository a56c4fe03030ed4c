/**
 * The one language kit (design §10): every layer — engine, reader, review, Excel, pane, CLI, server —
 * writes its user-facing text as a catalogue of `Localized` templates, 简体中文 first, English second,
 * and fills them with `localize` (both languages) or `translate` (one). Errors the user reads extend
 * `LocalizedError`. Templates take `{name}` placeholders; in English a parameter `nameEn`, when
 * given, is used in place of `name` (so a Chinese field name can be given its English one).
 * `{n|file|files}` is a word chosen by the number `n` (English plural rules): "1 file", "4 files".
 */

export type Lang = 'zh' | 'en';

/** Bilingual user-facing text; zh-CN first. */
export interface Localized {
  zh: string;
  en: string;
}

export type Params = Record<string, string | number>;

/** What a template can be filled with: `Params`, and bilingual texts (each language takes its own). */
export type TextParams = Record<string, string | number | Localized>;

/** A message catalogue: keys to bilingual templates. */
export type Catalogue = Record<string, Localized>;

/** Declare a catalogue: keeps its literal keys for type-checked lookups; every entry is a `Localized`. */
export function catalogue<const C extends Catalogue>(c: C): { readonly [K in keyof C]: Localized } {
  return c;
}

/**
 * A template split once: its leading literal text, then per placeholder the parameter's name, the
 * name of its English form (`nameEn`, kept so no key is built per call), for a `{n|one|other}`
 * plural its two words, and the literal text after it.
 */
interface Placeholder {
  key: string;
  keyEn: string;
  one: string | undefined;
  other: string | undefined;
  after: string;
}
interface Compiled {
  head: string;
  placeholders: Placeholder[];
}
const compiled = new Map<string, Compiled>();
const PLACEHOLDER = /\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g;
const englishPlural = new Intl.PluralRules('en');

/** The English word for a count: `plural(1, 'file', 'files')` is 'file'. */
export function plural(n: number, one: string, other: string): string {
  // whole numbers need no Intl call (which is slow): only ±1 is singular
  if (Number.isInteger(n)) return n === 1 || n === -1 ? one : other;
  return englishPlural.select(n) === 'one' ? one : other;
}

function compile(template: string): Compiled {
  const parts = template.split(PLACEHOLDER);
  const placeholders: Placeholder[] = [];
  for (let i = 1; i < parts.length; i += 4) {
    const key = parts[i] ?? '';
    placeholders.push({ key, keyEn: `${key}En`, one: parts[i + 1], other: parts[i + 2], after: parts[i + 3] ?? '' });
  }
  return { head: parts[0] ?? '', placeholders };
}

/**
 * Fill `{name}` placeholders; an unknown name stays as written, so a missing parameter shows.
 * `{n|one|other}` becomes the word for the number `n`: `one` when English calls it singular.
 * A bilingual parameter (a `Localized`) gives each language its own text.
 */
export function fill(template: string, params: TextParams | undefined, lang: Lang = 'zh'): string {
  if (!params && !template.includes('|')) return template;
  const p = params ?? {};
  let c = compiled.get(template);
  if (!c) {
    c = compile(template);
    compiled.set(template, c);
  }
  let out = c.head;
  for (const ph of c.placeholders) {
    const en = lang === 'en' ? p[ph.keyEn] : undefined;
    const v = en !== undefined ? en : p[ph.key];
    let text: string;
    if (v === undefined) text = `{${ph.key}}`;
    else if (typeof v === 'object') text = v[lang];
    else if (ph.one !== undefined && ph.other !== undefined) text = plural(Number(v), ph.one, ph.other);
    else text = String(v);
    out += text + ph.after;
  }
  return out;
}

/** A catalogue entry filled in both languages. */
export function localize<C extends Catalogue>(cat: C, key: keyof C & string, params?: TextParams): Localized {
  const m = cat[key];
  return { zh: fill(m.zh, params, 'zh'), en: fill(m.en, params, 'en') };
}

/** A catalogue entry filled in one language. */
export function translate<C extends Catalogue>(cat: C, lang: Lang, key: keyof C & string, params?: TextParams): string {
  return fill(cat[key][lang], params, lang);
}

/** The text in one language. */
export function inLang(text: Localized, lang: Lang): string {
  return text[lang];
}

/** Both languages of a literal pair — for text built from parts, e.g. `joinLocalized`. */
// eslint-disable-next-line no-restricted-syntax -- the kit itself: the default separator of each language
export function joinLocalized(parts: readonly (Localized | null | undefined | false)[], sep: Localized = { zh: '', en: ' ' }): Localized {
  // one pass building both texts (no filtered and mapped copies: notes and lists are joined per finding)
  let zh = '';
  let en = '';
  let first = true;
  for (const p of parts) {
    if (!p) continue;
    if (!first) {
      zh += sep.zh;
      en += sep.en;
    }
    first = false;
    zh += p.zh;
    en += p.en;
  }
  return { zh, en };
}

/** Text that reads the same in both languages: a system's own message, a file name. */
export function sameInBoth(text: string): Localized {
  return { zh: text, en: text };
}

export function isLocalized(v: unknown): v is Localized {
  return typeof v === 'object' && v !== null && typeof (v as Localized).zh === 'string' && typeof (v as Localized).en === 'string';
}

/**
 * The one base for errors a user reads. `message` is the Chinese text, a newline, then the English,
 * so a log or a terminal that knows nothing of languages still shows both; front ends pick `text[lang]`.
 */
export class LocalizedError extends Error {
  readonly text: Localized;
  constructor(text: Localized, options?: { cause?: unknown }) {
    super(`${text.zh}\n${text.en}`, options);
    this.name = new.target.name;
    this.text = text;
  }
  get zh(): string {
    return this.text.zh;
  }
  get en(): string {
    return this.text.en;
  }
}
