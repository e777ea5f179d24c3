/**
 * Kazakhstan's place names, as GeoNames romanises them (mostly from their Russian names: Rudnyy,
 * Shchuchinsk, Tyul’kubas; some from Kazakh: Qulsary, Zhezqazghan), in Russian and Ukrainian
 * letters: Рудный / Рудний, Щучинск / Щучинськ, Тюлькубас, Кульсары / Кульсари. GeoNames gives 286
 * of Kazakhstan's 324 places no Russian name. Read only by generate.ts, for a place with no name of
 * its own in that language (curated.ts and aliases.ts give the reviewed ones, which win); a
 * spelling in use that GeoNames lists beside the name is preferred to this one when they differ
 * only a little (spelling-in-use.ts), which most places have. A place whose Russian name is another
 * name altogether (Актау for Shevchenko) is named in aliases.ts.
 */

import { eachWord, type Target } from './cyrillic-words.ts';

/** What a letter written so far must be for the next y or i to be й: a vowel. */
const CYRILLIC_VOWELS = new Set('аеёиоуыэюяєії');

/** Letters written with several Latin ones, longest first. */
const GROUPS: readonly (readonly [string, string])[] = [
  ['shch', 'щ'],
  ['kh', 'х'],
  ['zh', 'ж'],
  ['ts', 'ц'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['gh', 'г'],
];

const CONSONANTS: Readonly<Record<string, string>> = {
  b: 'б',
  d: 'д',
  f: 'ф',
  g: 'г',
  h: 'х',
  j: 'дж',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  p: 'п',
  q: 'к',
  r: 'р',
  s: 'с',
  t: 'т',
  v: 'в',
  z: 'з',
};

/** y and the vowel after it: я, ю, е (є), ё (йо). */
const IOTATED: Readonly<Record<Target, Readonly<Record<string, string>>>> = {
  ru: { a: 'я', u: 'ю', e: 'е', o: 'ё' },
  uk: { a: 'я', u: 'ю', e: 'є', o: 'йо' },
};

/**
 * Ukrainian's own form of the Russian endings -ск, -ский, -ское, -ская, -ое, -ые, -ая (Щучинськ,
 * Кіровський, Ленінське, Лугове, Белі Води).
 */
const UKRAINIAN_ENDINGS: readonly (readonly [RegExp, string])[] = [
  [/sk$/, 'ськ'],
  [/skiy$/, 'ський'],
  [/sko(?:y)?e$/, 'ське'],
  [/skaya$/, 'ська'],
  [/oye$/, 'е'],
  [/yye$/, 'і'],
  [/aya$/, 'а'],
];

/** One word, lower case, in the target's letters. */
function word(latin: string, target: Target): string {
  if (target === 'uk') {
    for (const [ending, ukrainian] of UKRAINIAN_ENDINGS) {
      const found = ending.exec(latin);
      if (found) return letters(latin.slice(0, found.index), target) + ukrainian;
    }
  }
  return letters(latin, target);
}

function letters(latin: string, target: Target): string {
  let out = '';
  for (let at = 0; at < latin.length; at++) {
    const letter = latin[at] as string;
    const next = latin[at + 1] ?? '';
    const afterVowel = CYRILLIC_VOWELS.has(out.at(-1) ?? '');
    const group = GROUPS.find(([spelling]) => latin.startsWith(spelling, at));
    if (group) {
      out += group[1];
      at += group[0].length - 1;
      continue;
    }
    if (letter === '’') {
      // The romanised soft sign (Tyul’kubas).
      out += 'ь';
      continue;
    }
    if (letter === 'y') {
      const iotated = IOTATED[target][next];
      if (iotated !== undefined) {
        // Also after a consonant (Tyuratam → Тюратам): the romanisation writes a soft sign that parts
        // them as ’ (Ul’yanovka).
        out += iotated;
        at++;
      } else if (afterVowel) {
        out += 'й';
      } else if (next === 'y' && at + 2 === latin.length) {
        // yy at the end is the ending ый (Rudnyy; Ukrainian ий).
        out += target === 'ru' ? 'ый' : 'ий';
        at++;
      } else {
        // ы between consonants, after й (Мойынкум), and before the y of an iotated vowel (Белые).
        out += target === 'ru' ? 'ы' : 'и';
      }
      continue;
    }
    if (letter === 'e') {
      // Russian э where e begins a word (Экибастуз); Ukrainian е.
      out += target === 'ru' && at === 0 ? 'э' : 'е';
      continue;
    }
    if (letter === 'i') {
      // After a vowel, i is how a romanisation of the Russian name writes й (Baikonur → Байконур).
      out += afterVowel ? 'й' : target === 'ru' ? 'и' : 'і';
      continue;
    }
    out += { a: 'а', o: 'о', u: 'у' }[letter] ?? CONSONANTS[letter] ?? letter;
  }
  return out;
}

/**
 * A place name of Kazakhstan in Russian or Ukrainian letters, each word capitalised and separate,
 * as Kazakhstan's Russian names are written (Белые Воды); undefined when the name has a letter these
 * rules do not know (a c, w or x, a ū or ī of a Kazakh romanisation), so that no half-written name
 * is shown.
 */
export function kazakhInCyrillic(name: string, target: Target): string | undefined {
  const plain = name.toLowerCase().replace(/['ʼ]/g, '’');
  if (!/^[a-z’]+(?:[\s-]+[a-z’]+)*$/.test(plain) || /c(?!h)|[wx]/.test(plain)) return undefined;
  return eachWord(plain, (part) => word(part, target));
}
