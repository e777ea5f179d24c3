/**
 * Armenian place names, as GeoNames romanises them (Ch’arents’avan, Yeghvard, Garrni, Vayk’), in
 * Russian and Ukrainian letters as the two languages write Armenian names: Чаренцаван, Егвард /
 * Єгвард, Гарни / Гарні, Абовян / Абов’ян. GeoNames gives 310 of Armenia's 332 places no Russian name. Read only
 * by generate.ts, for a place with no name of its own in that language (curated.ts and aliases.ts
 * give the reviewed ones, which win); a spelling in use that GeoNames lists beside the name is
 * preferred to this one when they differ only a little (spelling-in-use.ts): most of Armenia's
 * places have one, and usage departs from the letters here and there (Ехегнадзор, Дилижан).
 */

import { COMMON_LETTERS, eachWord, type Target, UKRAINIAN_APOSTROPHE_AFTER } from './cyrillic-words.ts';

const VOWELS = new Set('aeiou');
/** The first letters of the voiceless consonants (k, kh, p, t, ts, ch, s, sh, q, f). */
const VOICELESS = new Set('kptcsqf');

/** The letters written with two Latin ones, read before single letters. */
const PAIRS: Readonly<Record<string, string>> = {
  kh: 'х',
  zh: 'ж',
  ts: 'ц',
  dz: 'дз',
  ch: 'ч',
  sh: 'ш',
  rr: 'р',
};

/**
 * y and the vowel after it: я, ю, е (є), йо, и (ї); before a consonant or at the end, й (Вайк,
 * Айрум). In Ukrainian an apostrophe parts a labial or r from it (Абов’ян, Б’юракан).
 */
const IOTATED: Readonly<Record<Target, Readonly<Record<string, string>>>> = {
  ru: { a: 'я', u: 'ю', e: 'е', o: 'йо', i: 'и' },
  uk: { a: 'я', u: 'ю', e: 'є', o: 'йо', i: 'ї' },
};

/** One word, lower case, without the apostrophes of the aspirates, in the target's letters. */
function word(latin: string, target: Target): string {
  let out = '';
  for (let at = 0; at < latin.length; at++) {
    const letter = latin[at] as string;
    const before = at === 0 ? '' : (latin[at - 1] as string);
    const next = latin[at + 1] ?? '';
    if (letter === 'g' && next === 'h') {
      // gh is х at the end of a word and before a voiceless consonant (Тех, Цахкадзор), г before a
      // vowel or a voiced one (Вагаршапат, Егвард): usage is mixed, and this is its commoner half.
      const after = latin[at + 2] ?? '';
      out += after === '' || VOICELESS.has(after) ? 'х' : 'г';
      at++;
      continue;
    }
    const pair = PAIRS[letter + next];
    if (pair !== undefined) {
      out += pair;
      at++;
      continue;
    }
    if (letter === 'y') {
      const iotated = IOTATED[target][next];
      if (iotated !== undefined && target === 'uk' && UKRAINIAN_APOSTROPHE_AFTER.has(out.at(-1) ?? ''))
        out += '’';
      out += iotated ?? 'й';
      if (iotated !== undefined) at++;
      continue;
    }
    if (letter === 'h') {
      // Both languages leave out the Armenian h that is not part of a pair: Раздан, Ацаван, Шаумян.
      continue;
    }
    if (letter === 'e') {
      // Russian э where e begins a word or follows a vowel (Эчмиадзин, Эребуни); Ukrainian е.
      out += target === 'ru' && (before === '' || VOWELS.has(before)) ? 'э' : 'е';
      continue;
    }
    if (letter === 'i') {
      out += target === 'ru' ? 'и' : VOWELS.has(before) ? 'ї' : 'і';
      continue;
    }
    out += COMMON_LETTERS[letter] ?? letter;
  }
  return out;
}

/**
 * An Armenian place name in Russian or Ukrainian letters, each word capitalised, the words of one
 * name joined (Нор-Гехи); undefined when the name has a letter the romanisation does not use (a
 * c, w or x, a digit, an ë), so that no half-written name is shown.
 */
export function armenianInCyrillic(name: string, target: Target): string | undefined {
  const plain = name.toLowerCase().replace(/['’ʼ]/g, '');
  if (!/^[a-z]+(?:[\s-]+[a-z]+)*$/.test(plain) || /c(?!h)|[wx]/.test(plain)) return undefined;
  return eachWord(plain, (part) => word(part, target), '-');
}
