/**
 * Which of the Cyrillic spellings GeoNames lists beside a place to show instead of the one written
 * by rule (georgian-, armenian-, azerbaijani-, kazakh-, uzbek- and serbo-croatian-cyrillic.ts). Usage departs from the letters here and there, and a reader knows
 * the name as used: Цхалтубо, not Цкалтубо; Зестафони, not Зестапони; Сухуми, not Сохуми. GeoNames
 * does not say which language a spelling is in, so only a spelling near the written one is taken:
 * a far one may be another language's name or another place (a Bulgarian Вършац, an Ossetian
 * Знауыр, a name listed against the wrong village).
 */

import {
  CYRILLIC_VOWELS,
  slavicStemsKeptInUkrainian,
  type Target,
  UKRAINIAN_APOSTROPHE_AFTER,
  ukrainianI,
} from './cyrillic-words.ts';

/** Letters Russian uses; ъ is left out, as Russian names of places seldom have it and Bulgarian ones often do. */
const RUSSIAN = /^[абвгдеёжзийклмнопрстуфхцчшщыьэюя]+(?:[ -][абвгдеёжзийклмнопрстуфхцчшщыьэюя]+)*$/iu;
/** Letters Ukrainian uses. */
const UKRAINIAN = /^[абвгґдеєжзиіїйклмнопрстуфхцчшщьюя’']+(?:[ -][абвгґдеєжзиіїйклмнопрстуфхцчшщьюя’']+)*$/iu;
/**
 * What makes a spelling surely Ukrainian: a letter only Ukrainian has, or і beside и. Belarusian
 * has і but no и (Вараждзін), Russian neither.
 */
const surelyUkrainian = (spelling: string) =>
  /[ґєї]/iu.test(spelling) || (/і/iu.test(spelling) && /и/iu.test(spelling));

const written = (spelling: string, target: Target) =>
  target === 'ru' ? RUSSIAN.test(spelling) : UKRAINIAN.test(spelling) && surelyUkrainian(spelling);

/**
 * A name as its letters: case, the separators between its words and Ukrainian's choice between ґ
 * and г for a foreign g are a matter of style, not of usage.
 */
const letters = (spelling: string) =>
  spelling.toLowerCase().replace(/[ -]+/g, '-').replace(/'/g, '’').replaceAll('ґ', 'г');

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      next.push(Math.min(substitution, (row[j] as number) + 1, (next[j - 1] as number) + 1));
    }
    row = next;
  }
  return row[b.length] as number;
}

/**
 * How far a listed spelling is from the written one, or undefined when it is too far to be the same
 * name: word by word, at most one letter in four of each word, two only between the same first and
 * last letters, and two in all (Шаумяни for Шаумиани; not Неркин-Геташен, Lower Getashen, for
 * Верин-Геташен, Upper; not Дзорагет for Дзорагюх; not Доньи Миловац, another word, for
 * Дони-Милановац); or, where one of them joins two words the other parts, that alone
 * (Дедоплис-Цкаро for Дедоплисцкаро).
 */
function nearness(own: string, spelling: string): number | undefined {
  const whole = editDistance(own, spelling);
  const ownWords = own.split('-');
  const words = spelling.split('-');
  if (ownWords.length !== words.length) return whole <= 1 ? whole : undefined;
  let total = 0;
  for (const [index, word] of ownWords.entries()) {
    const other = words[index] as string;
    const distance = editDistance(word, other);
    if (distance > Math.max(1, Math.floor([...word].length / 4))) return undefined;
    if (distance > 1 && (word.at(0) !== other.at(0) || word.at(-1) !== other.at(-1))) return undefined;
    total += distance;
  }
  return total <= 2 ? total : undefined;
}

/**
 * The listed spelling in the target language nearest the written one, when one is near enough to be
 * the same name (nearness), else undefined; the written one itself when a listed spelling differs
 * from it only in case or in how its words are joined. A spelling all in capitals or all in small
 * letters is a listing's, not a name's. A listed spelling of as many words keeps the written one's
 * joins (Нор-Гехи, not Нор Гехи, beside Нор-Норк).
 */
export function listedSpelling(
  writtenByRule: string,
  listed: readonly string[],
  target: Target,
): string | undefined {
  const own = letters(writtenByRule);
  let nearest: string | undefined;
  let nearestDistance = Number.POSITIVE_INFINITY;
  for (const spelling of listed) {
    if (!written(spelling, target)) continue;
    if (spelling === spelling.toUpperCase() || spelling === spelling.toLowerCase()) continue;
    const distance = nearness(own, letters(spelling));
    if (distance === 0) return writtenByRule;
    if (distance !== undefined && distance < nearestDistance) {
      nearest = spelling;
      nearestDistance = distance;
    }
  }
  if (nearest === undefined) return undefined;
  const words = nearest.split(/[ -]+/);
  const joins = writtenByRule.match(/[ -]+/g) ?? [];
  return joins.length === words.length - 1
    ? words.map((word, index) => (index === 0 ? word : `${joins[index - 1]}${word}`)).join('')
    : nearest;
}

/** The listed spelling near the written one (listedSpelling), or the written one. */
export const spellingInUse = (writtenByRule: string, listed: readonly string[], target: Target): string =>
  listedSpelling(writtenByRule, listed, target) ?? writtenByRule;

/** Ukrainian's own forms of the Russian endings of a name (Петропавловськ, Ленінське, Лугове, Луговий, Нижня, Верхнє). */
const UKRAINIAN_ENDINGS: readonly (readonly [RegExp, string])[] = [
  [/ская$/, 'ська'],
  [/ский$/, 'ський'],
  [/цкий$/, 'цький'],
  [/ское$/, 'ське'],
  [/цкое$/, 'цьке'],
  [/ск$/, 'ськ'],
  [/яя$/, 'я'],
  [/ая$/, 'а'],
  [/ее$/, 'є'],
  [/ое$/, 'е'],
  [/[ыи]е$/, 'і'],
  [/ой$/, 'ий'],
];

/** One word of a Russian name in Ukrainian letters, without its ending. */
function ukrainianLetters(word: string): string {
  const all = [...word];
  return all
    .map((letter, at) => {
      const lower = letter.toLowerCase();
      const before = at === 0 ? '' : (all[at - 1] as string).toLowerCase();
      const afterVowel = before !== '' && CYRILLIC_VOWELS.has(before);
      const next = (all[at + 1] ?? '').toLowerCase();
      const nextIsConsonant = next !== '' && !CYRILLIC_VOWELS.has(next) && next !== 'ь' && next !== 'й';
      let written: string;
      if (lower === 'и')
        written = afterVowel ? 'ї' : ukrainianI(all.slice(0, at).join('').toLowerCase(), nextIsConsonant);
      else if (lower === 'ы') written = 'и';
      else if (lower === 'э') written = 'е';
      else if (lower === 'е') written = before === '' || afterVowel ? 'є' : 'е';
      else if (lower === 'ё') written = before === '' || afterVowel ? 'йо' : 'ьо';
      else if ((lower === 'я' || lower === 'ю') && UKRAINIAN_APOSTROPHE_AFTER.has(before))
        written = `’${lower}`;
      // Russian's soft sign that parts я or ю from a labial or р is Ukrainian's apostrophe (Сирдар’я).
      else if (lower === 'ь' && (next === 'я' || next === 'ю') && UKRAINIAN_APOSTROPHE_AFTER.has(before))
        written = '’';
      else written = lower;
      return letter === lower ? written : (written[0] as string).toUpperCase() + written.slice(1);
    })
    .join('');
}

/**
 * The Ukrainian for a name whose Russian spelling in use is not what the rule writes (taken from the
 * listed ones or from aliases.ts) where no Ukrainian one is listed: Сухуми → Сухумі, Ехегнадзор →
 * Єхегнадзор, Шаумяни → Шаум’яні, Петропавловск → Петропавловськ. The usage it shows is the name's,
 * not Russian's, and Ukrainian writes such names as Russian does but for its own vowels and endings.
 * Not for Serbian and the like, whose и Ukrainian keeps (Ужице).
 */
export function ukrainianAfterRussian(russian: string): string {
  return russian
    .split(/([ -]+)/)
    .map((word, index) => {
      if (index % 2 === 1) return word;
      for (const [ending, ukrainian] of UKRAINIAN_ENDINGS) {
        const found = ending.exec(word);
        if (found && found.index > 0)
          return slavicStemsKeptInUkrainian(ukrainianLetters(word.slice(0, found.index)) + ukrainian);
      }
      return slavicStemsKeptInUkrainian(ukrainianLetters(word));
    })
    .join('');
}
