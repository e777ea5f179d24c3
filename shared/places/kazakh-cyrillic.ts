/**
 * Kazakhstan's and Kyrgyzstan's place names, as GeoNames romanises them (mostly from their
 * Russian names: Rudnyy, Shchuchinsk, Tyul’kubas, Kara-Balta; some from Kazakh: Qulsary,
 * Zhezqazghan), in Russian and Ukrainian letters: Рудный / Рудний, Щучинск / Щучинськ, Тюлькубас,
 * Кара-Балта, Кулсары / Кулсари. GeoNames gives 286 of Kazakhstan's 324 places, and 83 of
 * Kyrgyzstan's 87, no Russian name. Read only by generate.ts, for a place with no name of
 * its own in that language (curated.ts and aliases.ts give the reviewed ones, which win); a
 * spelling in use that GeoNames lists beside the name is preferred to this one when they differ
 * only a little (spelling-in-use.ts), which most places have. A place whose Russian name is another
 * name altogether (Актау for Shevchenko) is named in aliases.ts.
 */

import {
  COMMON_LETTERS,
  CYRILLIC_VOWELS,
  eachWord,
  iotated,
  slavicStemsKeptInUkrainian,
  type Target,
  ukrainianI,
  withEnding,
} from './cyrillic-words.ts';

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

const LATIN_VOWELS = new Set('aeiouy');

/**
 * Ukrainian's own forms of the Russian endings of a name (Щучинськ, Кіровський, Ленінське, Лугове,
 * Нижня, Верхні, Луговий), longest first.
 */
const UKRAINIAN_ENDINGS: readonly (readonly [RegExp, string])[] = [
  [/skaya$/, 'ська'],
  [/skiy$/, 'ський'],
  [/skoy$/, 'ський'],
  [/sko(?:y)?e$/, 'ське'],
  [/sk$/, 'ськ'],
  [/yaya$/, 'я'],
  [/aya$/, 'а'],
  [/o(?:y)?e$/, 'е'],
  [/yye$/, 'і'],
  [/iye$/, 'і'],
  [/oy$/, 'ий'],
];

/** One word, lower case, in the target's letters. */
function word(latin: string, target: Target): string {
  const write = (part: string) => letters(part, target);
  return target === 'uk'
    ? slavicStemsKeptInUkrainian(withEnding(latin, UKRAINIAN_ENDINGS, write))
    : write(latin);
}

function letters(latin: string, target: Target): string {
  let out = '';
  for (let at = 0; at < latin.length; at++) {
    const letter = latin[at] as string;
    const next = latin[at + 1] ?? '';
    // ts before k is т and с (Bratsk, Troyebratskiy), not ц.
    const group = GROUPS.find(
      ([spelling]) => latin.startsWith(spelling, at) && !(spelling === 'ts' && latin[at + 2] === 'k'),
    );
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
      const vowel = iotated(next, target, out);
      if (vowel !== undefined) {
        // Also after a consonant (Tyuratam → Тюратам): the romanisation writes a soft sign that parts
        // them as ’ (Ul’yanovka).
        out += vowel;
        at++;
      } else if (CYRILLIC_VOWELS.has(out.at(-1) ?? '')) {
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
      out += target === 'ru' ? 'и' : ukrainianI(out, next !== '' && !LATIN_VOWELS.has(next));
      continue;
    }
    out += COMMON_LETTERS[letter] ?? letter;
  }
  return out;
}

/**
 * A place name of Kazakhstan or Kyrgyzstan in Russian or Ukrainian letters, each word capitalised
 * and separate, as their Russian names are written (Белые Воды); undefined when the name has a
 * letter these rules do not know (a c, w or x, a ū or ī of a Kazakh romanisation), so that no
 * half-written name is shown.
 */
export function kazakhInCyrillic(name: string, target: Target): string | undefined {
  const plain = name.toLowerCase().replace(/['ʼ]/g, '’');
  if (!/^[a-z’]+(?:[\s-]+[a-z’]+)*$/.test(plain) || /c(?!h)|[wx]/.test(plain)) return undefined;
  return eachWord(plain, (part) => word(part, target));
}
