/**
 * What the rules that write place names in Russian and Ukrainian letters share (turkish-cyrillic.ts,
 * georgian-cyrillic.ts, armenian-cyrillic.ts, kazakh-cyrillic.ts, serbo-croatian-cyrillic.ts): the
 * two languages, and how a name's words are capitalised and joined.
 */

/** The languages a place's name is written in by rule. */
export type Target = 'ru' | 'uk';

const capitalised = (text: string) =>
  text === '' ? text : (text[0] as string).toUpperCase() + text.slice(1);

/**
 * Each word of a lower-case name written by `write`, capitalised. With `joiner`, the words are
 * joined by it, as Russian and Ukrainian join the words of a foreign place's name (Тетри-Цкаро,
 * Нови-Пазар); without, what parted them stays (Белые Воды, Карадениз Эрегли).
 */
export function eachWord(plain: string, write: (word: string) => string, joiner?: string): string {
  const parts = plain.split(/([\s-]+)/);
  return parts.map((part, index) => (index % 2 === 1 ? (joiner ?? part) : capitalised(write(part)))).join('');
}
