/** What the command line says, 简体中文 first, English second (the language kit, design §10). */
import type { Localized } from '../core/lang';

/**
 * A message on one terminal line, both languages: `中文 / English`. The CLI's errors and notices are
 * read by people and scripts alike whatever `--lang` is, so they carry both.
 */
export function oneLine(text: Localized): string {
  return text.zh === text.en ? text.zh : `${text.zh} / ${text.en}`;
}
