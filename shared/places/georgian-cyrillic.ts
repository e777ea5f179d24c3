/**
 * Georgian place names, as GeoNames romanises them (Georgia's national system: Ts’khinvali,
 * Zest’aponi, Sighnaghi), in Russian and Ukrainian letters as the two languages write Georgian
 * names: Цхинвали / Цхінвалі, Ахалкалаки / Ахалкалакі. GeoNames gives 128 of
 * Georgia's 162 places no Russian name. Read only by generate.ts, for a place with no name of its
 * own in that language (curated.ts and aliases.ts give the reviewed ones, which win); a spelling
 * in use that GeoNames lists beside the name is preferred to this one when they differ only a
 * little (spelling-in-use.ts), which is where usage departs from the letters (Цхалтубо, Сухуми,
 * Сигнахи).
 */

import { COMMON_LETTERS, eachWord, type Target } from './cyrillic-words.ts';

const VOWELS = new Set('aeiou');

/** The letters the national system writes with two Latin ones, read before single letters. */
const PAIRS: Readonly<Record<string, string>> = {
  kh: 'х',
  gh: 'г',
  ts: 'ц',
  dz: 'дз',
  ch: 'ч',
  sh: 'ш',
  zh: 'ж',
};

/** The letters; w and x stand for the в and х of other romanisations. */
const LETTERS: Readonly<Record<string, string>> = { ...COMMON_LETTERS, w: 'в', x: 'х' };

/** One word, lower case, without the apostrophes of the ejectives, in the target's letters. */
function word(latin: string, target: Target): string {
  let out = '';
  for (let at = 0; at < latin.length; at++) {
    const letter = latin[at] as string;
    const before = at === 0 ? '' : (latin[at - 1] as string);
    const pair = PAIRS[latin.slice(at, at + 2)];
    if (pair !== undefined) {
      out += pair;
      at++;
      continue;
    }
    if (letter === 'e') {
      // Russian э where e begins a word or follows a vowel (Эрети, Гаэнати); Ukrainian е.
      out += target === 'ru' && (before === '' || VOWELS.has(before)) ? 'э' : 'е';
      continue;
    }
    if (letter === 'i') {
      // Ukrainian і, and ї after a vowel (Кутаїсі); Russian и.
      out += target === 'ru' ? 'и' : VOWELS.has(before) ? 'ї' : 'і';
      continue;
    }
    if (letter === 'a' && before === 'i' && at === latin.length - 1 && target === 'uk') {
      // Ukrainian writes a final -ia as -ія (Самтредія, Местія); Russian keeps -иа (Самтредиа).
      out += 'я';
      continue;
    }
    out += LETTERS[letter] ?? letter;
  }
  return out;
}

/**
 * A Georgian place name in Russian or Ukrainian letters, each word capitalised, words of one name
 * joined as both languages join a foreign place's (Тетри-Цкаро); undefined when the name has a letter
 * the national system does not use (the y of a Russian romanisation: Stantsiya Novyy Afon), so
 * that no half-written name is shown.
 */
export function georgianInCyrillic(name: string, target: Target): string | undefined {
  const plain = name.toLowerCase().replace(/['’ʼ]/g, '');
  if (!/^[a-z]+(?:[\s-]+[a-z]+)*$/.test(plain) || /y|c(?!h)/.test(plain)) return undefined;
  return eachWord(plain, (part) => word(part, target), '-');
}
