/**
 * Place names of Serbia, Montenegro, Bosnia and Croatia, in the Latin alphabet the four share
 * (Čačak, Kraljevo, Zaječar, Rijeka), in Russian and Ukrainian letters as the two languages'
 * practical transcription writes them: Чачак, Кралево / Кралєво, Крагуевац / Крагуєвац, Риека / Рієка,
 * Ужице / Ужице, Иваница / Іваниця.
 * GeoNames gives 424 of Serbia's 469 places, and every place of the other three, no Russian name.
 * Read only by generate.ts, for a place with no name of its own in that language (curated.ts and
 * aliases.ts give the reviewed ones, which win); a spelling in use that GeoNames lists beside the
 * name is preferred to this one when they differ only a little (spelling-in-use.ts).
 */

import { COMMON_LETTERS, eachWord, type Target, withEnding } from './cyrillic-words.ts';

const VOWELS = new Set('aeiou');

/** The letters; j is read before it comes to these, and e and i have their own rules for Ukrainian. */
const LETTERS: Readonly<Record<string, string>> = {
  ...COMMON_LETTERS,
  c: 'ц',
  č: 'ч',
  ć: 'ч',
  đ: 'дж',
  e: 'е',
  i: 'и',
  š: 'ш',
  ž: 'ж',
};

/**
 * j and the vowel after it, at the start of a word and after a vowel: я, е (є), ю, йо, and ji is и
 * (ї) (Крагуевац / Крагуєвац, Баина-Башта / Баїна-Башта, Риека / Рієка). After a consonant but r,
 * je is е (є) too (Сеница / Сєниця: the ije of Bosnia, Montenegro and Croatia after b, d, s, v), and
 * the others are parted from it by ь (’).
 */
const IOTATED: Readonly<Record<Target, Readonly<Record<string, string>>>> = {
  ru: { a: 'я', e: 'е', u: 'ю', o: 'йо', i: 'и' },
  uk: { a: 'я', e: 'є', u: 'ю', o: 'йо', i: 'ї' },
};

/** lj and nj soften the vowel after them (Кралево, Зренянин / Кралєво, Зренянін); before a consonant, ль, нь. */
const SOFTENED: Readonly<Record<Target, Readonly<Record<string, string>>>> = {
  ru: { a: 'я', e: 'е', u: 'ю', o: 'ё', i: 'и' },
  uk: { a: 'я', e: 'є', u: 'ю', o: 'ьо', i: 'і' },
};

/**
 * Ukrainian's own forms of the Slavic endings -ica, -ić, -ići, -ci, -ska, -ski, -sko (Раковиця,
 * Мрконич, Завидовичі, Вінковці, Сремська, Славонський, Босанське); a softened consonant before
 * -ica and -ić is written hard (Іваниця).
 */
const UKRAINIAN_ENDINGS: readonly (readonly [RegExp, string])[] = [
  [/(?:(?<=[ln])j)?ica$/, 'иця'],
  [/(?:(?<=[ln])j)?i[ćč]$/, 'ич'],
  [/(?:(?<=[ln])j)?i[ćč]i$/, 'ичі'],
  [/ci$/, 'ці'],
  [/ska$/, 'ська'],
  [/ski$/, 'ський'],
  [/sko$/, 'ське'],
];

/** One word, lower case, in the target's letters. */
function word(latin: string, target: Target): string {
  const write = (part: string) => letters(part, target);
  return target === 'uk' ? withEnding(latin, UKRAINIAN_ENDINGS, write) : write(latin);
}

function letters(latin: string, target: Target): string {
  const all = [...latin];
  let out = '';
  for (let at = 0; at < all.length; at++) {
    const letter = all[at] as string;
    const before = at === 0 ? '' : (all[at - 1] as string);
    const next = all[at + 1] ?? '';
    if ((letter === 'l' || letter === 'n') && next === 'j') {
      const softened = SOFTENED[target][all[at + 2] ?? ''];
      out += (letter === 'l' ? 'л' : 'н') + (softened ?? 'ь');
      at += softened === undefined ? 1 : 2;
      continue;
    }
    if (letter === 'd' && (next === 'ž' || next === 'j')) {
      // dž is one letter (џ); dj is how an alphabet without đ writes it (Djakovo).
      out += 'дж';
      at++;
      continue;
    }
    if (letter === 'j') {
      const iotated = IOTATED[target][next];
      // After r, je is рье, р’є (Меджугорье / Меджугор’є); after other consonants е, є.
      if (iotated === undefined) out += 'й';
      else if (before === '' || VOWELS.has(before) || (next === 'e' && before !== 'r')) out += iotated;
      else out += (target === 'ru' ? 'ь' : '’') + iotated;
      if (iotated !== undefined) at++;
      continue;
    }
    if (letter === 'e' && before === '' && target === 'ru') {
      // Russian э at the start of a word (Эчка, Элемир).
      out += 'э';
      continue;
    }
    if (letter === 'i' && target === 'uk') {
      // Ukrainian writes the Slavic и as и (Ужице, Ягодина, Дубровник), but і at the start of a word
      // and before a vowel (Інджія, Рієка), and ї after one.
      out += VOWELS.has(before) ? 'ї' : before === '' || VOWELS.has(next) || next === 'j' ? 'і' : 'и';
      continue;
    }
    out += LETTERS[letter] ?? letter;
  }
  return out;
}

/**
 * A place name in Russian or Ukrainian letters, each word capitalised, the words of one name joined
 * as both languages join a foreign place's (Нови-Пазар, Бачка-Паланка); undefined when the name has
 * a letter the alphabet does not use (q, w, x, y, an ü) or is written in Albanian (Lagja e Poshtme,
 * with its sh and its e between words), so that no half-written name is shown.
 */
export function serboCroatianInCyrillic(name: string, target: Target): string | undefined {
  // GeoNames writes a capital Đ as an eth (Ðurđevo), whose small letter is not đ.
  const plain = name.toLowerCase().replaceAll('ð', 'đ');
  if (!/^[a-zčćđšž]+(?:[\s-]+[a-zčćđšž]+)*$/.test(plain) || /[qwxy]|[sz]h|gj|(?:^|\s)e(?:\s|$)/.test(plain)) {
    return undefined;
  }
  const joined = eachWord(plain, (part) => word(part, target), '-');
  if (target === 'ru') return joined;
  // A town named by a neuter adjective alone keeps its -sko as Ukrainian writes such names
  // (Ястребарсько, Врбовсько); beside a noun it is Ukrainian's own adjective (Босанське Грахово).
  if (/^[a-zčćđšž]+sko$/.test(plain)) return joined.replace(/ське$/, 'сько');
  // An adjective Ukrainian has made its own stands apart from its noun (Славонський Брод).
  return joined.replace(/(ськ(?:а|е|ий))-/g, '$1 ');
}
