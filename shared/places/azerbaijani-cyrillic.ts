/**
 * Azerbaijan's place names, as GeoNames writes them: in the Azerbaijani alphabet (Saatlı,
 * Qaraçuxur, Xaçmaz) or romanised from their Russian names (Yevlakh, Shamkhor, Agdzhabedy), in
 * Russian and Ukrainian letters: Саатлы / Саатли, Гарачухур, Хачмаз, Евлах / Євлах, Шамхор,
 * Агджабеды. GeoNames gives 184 of Azerbaijan's 187 places no Russian name; most list their
 * Russian name in use, which is taken where it lies near the written one (spelling-in-use.ts:
 * Шамхор → Шамкир, Шаки → Шеки). Read only by generate.ts, for a place with no name of its own in
 * that language (curated.ts and aliases.ts give the reviewed ones, which win).
 */

import {
  COMMON_LETTERS,
  CYRILLIC_VOWELS,
  eachWord,
  iotated,
  type Target,
  ukrainianI,
} from './cyrillic-words.ts';

/** Letters of a Russian name's romanisation written with several Latin ones, longest first. */
const GROUPS: readonly (readonly [string, string])[] = [
  ['dzh', 'дж'],
  ['shch', 'щ'],
  ['kh', 'х'],
  ['zh', 'ж'],
  ['ch', 'ч'],
  ['sh', 'ш'],
];

/**
 * The Azerbaijani letters and the rest. q and ğ are г, as the Russian names write them (Габала,
 * Агдам); c is дж (Гянджа), x is х, ə а. j is дж too: GeoNames writes it so in the English forms
 * it keeps (Jalilabad → Джалилабад), where the Azerbaijani ж is rare.
 */
const LETTERS: Readonly<Record<string, string>> = {
  ...COMMON_LETTERS,
  c: 'дж',
  ç: 'ч',
  ə: 'а',
  ğ: 'г',
  x: 'х',
  ı: 'ы',
  q: 'г',
  ş: 'ш',
};

const LATIN_VOWELS = new Set('aeiıouöüəy');

/** One word, lower case, in the target's letters. */
function word(latin: string, target: Target): string {
  // Every letter here is one UTF-16 unit, so a position in the letters is one in the string.
  const all = [...latin];
  let out = '';
  for (let at = 0; at < all.length; at++) {
    const letter = all[at] as string;
    const next = all[at + 1] ?? '';
    const afterVowel = CYRILLIC_VOWELS.has(out.at(-1) ?? '');
    const group = GROUPS.find(([spelling]) => latin.startsWith(spelling, at));
    if (group) {
      out += group[1];
      at += group[0].length - 1;
      continue;
    }
    if (letter === 'y') {
      const vowel = iotated(next, target, out);
      if (vowel !== undefined) {
        out += vowel;
        at++;
      } else if (out === '' || afterVowel) {
        out += 'й';
      } else {
        // Between consonants, y is how a romanisation writes ы (Agdzhabedy → Агджабеды).
        out += target === 'ru' ? 'ы' : 'и';
      }
      continue;
    }
    if (letter === 'ə' && (out.endsWith('г') || out.endsWith('к'))) {
      // ə after g and k is я (Гянджа, Кяльбаджар).
      out += 'я';
      continue;
    }
    if (letter === 'ö' || letter === 'ü') {
      // At the start of a word о, у; after a consonant ё, ю (in Ukrainian ьо, ю).
      const front = letter === 'ö' ? (target === 'ru' ? 'ё' : 'ьо') : 'ю';
      out += out === '' ? (letter === 'ö' ? 'о' : 'у') : front;
      continue;
    }
    if (letter === 'ı' && target === 'uk') {
      out += 'и';
      continue;
    }
    if (letter === 'e') {
      // Russian э at the start of a word; Ukrainian е.
      out += target === 'ru' && out === '' ? 'э' : 'е';
      continue;
    }
    if (letter === 'i') {
      out += target === 'ru' ? 'и' : ukrainianI(out, next !== '' && !LATIN_VOWELS.has(next));
      continue;
    }
    out += LETTERS[letter] ?? letter;
  }
  return out;
}

/**
 * An Azerbaijani place name in Russian or Ukrainian letters, each word capitalised and joined as
 * the Russian names join them (Али-Байрамлы); undefined when the name has a letter these rules do
 * not know (a w, a digit) or an English word GeoNames put in it (Sharur City), so that no
 * half-written name is shown.
 */
export function azerbaijaniInCyrillic(name: string, target: Target): string | undefined {
  // Not the Azerbaijani lower case: a romanised Russian name's I (Imishli) is i, not ı.
  const plain = name.replaceAll('İ', 'i').toLowerCase().replace(/['’]/g, '');
  if (!/^[a-zçəğıöşü]+(?:[\s-]+[a-zçəğıöşü]+)*$/.test(plain) || /w|\b(?:city|bank)\b/.test(plain)) {
    return undefined;
  }
  return eachWord(plain, (part) => word(part, target), '-');
}
