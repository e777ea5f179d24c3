/**
 * Turkish place names in Russian and Ukrainian letters, as the two languages' practical
 * transcription writes them (Кайсери / Кайсері, Диярбакыр / Діярбакир, Сакарья / Сакар’я). GeoNames
 * gives most Turkish places no Russian or Ukrainian name: 2,067 of Turkey's 2,224, Kayseri and
 * Diyarbakır among them, were shown to Russian and Ukrainian readers in Latin letters. Read only by
 * generate.ts, for a place with no name of its own in that language (curated.ts and aliases.ts
 * give the reviewed ones, which win).
 */

import { COMMON_LETTERS, eachWord, type Target } from './cyrillic-words.ts';

const VOWELS = new Set('aâeıiîoöuüû');
const FRONT = new Set('eiîöü');

/** Names GeoNames writes without the circumflex that makes their l or k soft. */
const RESPELLED: Readonly<Record<string, string>> = { elazığ: 'elâzığ' };

/** Russian letters for the Turkish ones. */
const RUSSIAN_LETTERS: Readonly<Record<string, string>> = {
  ...COMMON_LETTERS,
  â: 'а',
  c: 'дж',
  ç: 'ч',
  ğ: 'г',
  ı: 'ы',
  i: 'и',
  î: 'и',
  j: 'ж',
  ş: 'ш',
  û: 'у',
  w: 'в',
  x: 'кс',
};

/** Letters whose Cyrillic does not depend on what is around them; Ukrainian differs only in ı, i, î. */
const PLAIN: Readonly<Record<Target, Readonly<Record<string, string>>>> = {
  ru: RUSSIAN_LETTERS,
  uk: { ...RUSSIAN_LETTERS, ı: 'и', i: 'і', î: 'і' },
};

/** Ukrainian softens only these before я, ю, є; after any other consonant an apostrophe parts them (Сакар’я). */
const UK_SOFTENED = new Set('дтзслнц');

/**
 * y and the vowel after it, at the start of a word or after a vowel: я, ю, е (є), йо. After a
 * consonant the same vowel softens it (ья, ью), or in Ukrainian, after a consonant it cannot
 * soften, takes an apostrophe (Сакар’я).
 */
const IOTATED: Readonly<Record<Target, Readonly<Record<string, string>>>> = {
  ru: { a: 'я', â: 'я', u: 'ю', ü: 'ю', û: 'ю', e: 'е', o: 'йо', ö: 'йо' },
  uk: { a: 'я', â: 'я', u: 'ю', ü: 'ю', û: 'ю', e: 'є', i: 'ї', î: 'ї', o: 'йо', ö: 'йо' },
};

/** What parts a consonant from the iotated vowel after it (Конья, Кютахья; Малатья, Кютах’я). */
function glue(target: Target, consonant: string, vowel: string): string {
  if (target === 'ru') return 'ь';
  return UK_SOFTENED.has(PLAIN.uk[consonant] ?? '') && vowel !== 'ї' ? 'ь' : '’';
}

/** e, ö and ü, which change with what comes before them. */
function frontVowel(letter: string, before: string, target: Target): string {
  const initial = before === '';
  const afterVowel = initial || VOWELS.has(before);
  if (letter === 'e') {
    // Russian э where e begins a syllable (Эскишехир, Коджаэли); Ukrainian е (Ескішехір, Коджаелі).
    return target === 'ru' && afterVowel ? 'э' : 'е';
  }
  // At the start of a word Ö and Ü are О and У (Олюдениз, Ускюдар); after a consonant ё (ьо), ю.
  if (initial) return letter === 'ö' ? 'о' : 'у';
  if (letter === 'ü') return 'ю';
  if (target === 'ru') return 'ё';
  return afterVowel ? 'йо' : 'ьо';
}

/** One word, lower case, in the target's letters. */
function word(latin: string, target: Target): string {
  const letters = [...latin];
  let out = '';
  for (let at = 0; at < letters.length; at++) {
    const letter = letters[at] as string;
    const before = at === 0 ? '' : (letters[at - 1] as string);
    const afterVowel = before === '' || VOWELS.has(before);
    const next = letters[at + 1] ?? '';
    if (letter === 'y') {
      const iotated = IOTATED[target][next];
      if (iotated === undefined) {
        out += 'й';
        continue;
      }
      if (afterVowel) out += iotated;
      else if (iotated === 'йо') out += 'ьо';
      else out += glue(target, before, iotated) + iotated;
      at++;
      continue;
    }
    if (letter === 'e' || letter === 'ö' || letter === 'ü') {
      out += frontVowel(letter, before, target);
      continue;
    }
    if (target === 'uk' && (letter === 'i' || letter === 'î') && before !== '' && VOWELS.has(before)) {
      out += 'ї';
      continue;
    }
    if (letter === 'l' && FRONT.has(before) && next !== '' && !VOWELS.has(next) && !'ly'.includes(next)) {
      // l after a front vowel and before a consonant is soft: Сельчук, Эльбистан, Гёльджюк.
      out += 'ль';
      continue;
    }
    if (letter === 'l' && FRONT.has(before) && next === '' && (before === 'ö' || before === 'ü')) {
      // and at the end after ö, ü: Бингёль, Инегёль.
      out += 'ль';
      continue;
    }
    if ((letter === 'k' || letter === 'g' || letter === 'l') && next === 'â') {
      // kâ, gâ, lâ are soft: Кягытхане, Элязыг.
      out += `${PLAIN[target][letter]}я`;
      at++;
      continue;
    }
    if (letter === 'ı' && target === 'ru' && 'şçcj'.includes(before)) {
      // Russian writes no ы after ш, ч, ж: Гёльбаши, Каршияка.
      out += 'и';
      continue;
    }
    out += PLAIN[target][letter] ?? letter;
  }
  return out;
}

/**
 * A Turkish place name in Russian or Ukrainian letters, each word capitalised; undefined when the
 * name has a letter neither the Turkish alphabet nor these rules know (a digit, a foreign letter),
 * so that no half-written name is shown.
 */
export function turkishInCyrillic(name: string, target: Target): string | undefined {
  const result = eachWord(name.toLocaleLowerCase('tr'), (part) => word(RESPELLED[part] ?? part, target));
  return /^[\p{Script=Cyrillic}\s’-]+$/u.test(result) ? result : undefined;
}
