/**
 * Uzbekistan's place names, in the Uzbek Latin alphabet GeoNames writes them in (Qo‘qon, Jizzax,
 * Urganch, Kattaqo’rg’on Shahri), in Russian and Ukrainian letters: Кукон, Джиззах, Урганч,
 * Каттакургон. GeoNames gives 205 of Uzbekistan's 211 places no Russian name. The Russian names in
 * use are often the Soviet ones, which the Uzbek letters do not give (Коканд, Термез); where
 * GeoNames lists one near the written name it is preferred (spelling-in-use.ts: Урганч → Ургенч,
 * Маргилон → Маргилан, Каттакургон → Каттакурган). Read only by generate.ts, for a place with no name of its own in that
 * language (curated.ts and aliases.ts give the reviewed ones, which win).
 */

import {
  COMMON_LETTERS,
  CYRILLIC_VOWELS,
  eachWord,
  iotated,
  type Target,
  ukrainianI,
} from './cyrillic-words.ts';

/**
 * The Uzbek letters written with two Latin ones (o‘ and g‘ with either apostrophe), read first, and
 * those of English or older spellings GeoNames keeps (Bukhara, Qŭnghirot).
 */
const GROUPS: readonly (readonly [string, string])[] = [
  ['o’', 'у'],
  ['g’', 'г'],
  ['sh', 'ш'],
  ['ch', 'ч'],
  ['kh', 'х'],
  ['gh', 'г'],
  ['zh', 'ж'],
];

const LETTERS: Readonly<Record<string, string>> = { ...COMMON_LETTERS, ŭ: 'у', x: 'х' };

const LATIN_VOWELS = new Set('aeiouŭ');

/** One word, lower case, its apostrophes as ’, in the target's letters. */
function word(latin: string, target: Target): string {
  const all = [...latin];
  let out = '';
  for (let at = 0; at < all.length; at++) {
    const letter = all[at] as string;
    const next = all[at + 1] ?? '';
    const afterVowel = out === '' || CYRILLIC_VOWELS.has(out.at(-1) ?? '');
    const group = GROUPS.find(([spelling]) => letter + next === spelling);
    if (group) {
      out += group[1];
      at++;
      continue;
    }
    if (letter === '’') continue; // the tutuq belgisi, a glottal stop the two languages do not write
    if (letter === 'y') {
      const vowel = iotated(next, target, out);
      out += vowel ?? 'й';
      if (vowel !== undefined) at++;
      continue;
    }
    if (letter === 'e') {
      // Russian э where e begins a word or follows a vowel; Ukrainian е.
      out += target === 'ru' && afterVowel ? 'э' : 'е';
      continue;
    }
    if (letter === 'i' && next === 'y' && at + 2 === all.length) {
      // The ending -iy is и (Beruniy → Беруни).
      out += target === 'ru' ? 'и' : 'і';
      break;
    }
    if (letter === 'i') {
      const nextIsConsonant = next !== '' && next !== '’' && !LATIN_VOWELS.has(next);
      out += target === 'ru' ? 'и' : afterVowel && out !== '' ? 'ї' : ukrainianI(out, nextIsConsonant);
      continue;
    }
    out += LETTERS[letter] ?? letter;
  }
  return out;
}

/**
 * An Uzbek place name in Russian or Ukrainian letters, each word capitalised, without the word for
 * town, district or village that GeoNames adds to some (Kogon Shahri → Когон, Nishon Tumani →
 * Нишон, Toyloq Qishlog’i → Тойлок); undefined when the name has a
 * letter the Uzbek alphabet does not use (c alone, w) or is romanised from a Russian name (the yy
 * of Novyy Turtkul’, the dzh and y between consonants of Kyzyldzhar), so that no half-written name
 * is shown.
 */
export function uzbekInCyrillic(name: string, target: Target): string | undefined {
  const plain = name
    .toLowerCase()
    .replace(/['‘’ʻʼ`]/g, '’')
    .replace(/\s+(?:shahri|shahar|shaharchasi|tumani|qishlog’i)$/, '');
  if (
    !/^[a-zŭ’]+(?:[\s-]+[a-zŭ’]+)*$/.test(plain) ||
    /c(?!h)|w|yy|dzh|[^aeiouŭ\s-]y[^aeiouŭ\s-]/.test(plain)
  ) {
    return undefined;
  }
  return eachWord(plain, (part) => word(part, target));
}
