/**
 * Which of the Cyrillic spellings GeoNames lists beside a place to show instead of the one written
 * by rule (georgian-cyrillic.ts, armenian-cyrillic.ts, kazakh-cyrillic.ts,
 * serbo-croatian-cyrillic.ts). Usage departs from the letters here and there, and a reader knows
 * the name as used: Цхалтубо, not Цкалтубо; Зестафони, not Зестапони; Сухуми, not Сохуми. GeoNames
 * does not say which language a spelling is in, so only a spelling near the written one is taken:
 * a far one may be another language's name or another place (a Bulgarian Вършац, an Ossetian
 * Знауыр, a name listed against the wrong village).
 */

import type { Target } from './cyrillic-words.ts';

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
 * The listed spelling in the target language nearest the written one, when it is near enough to be
 * the same name (nearness); otherwise the written one. A listed spelling differing only in case or in
 * how its words are joined is the written one. A spelling all in capitals or all in small letters is
 * a listing's, not a name's.
 */
export function spellingInUse(writtenByRule: string, listed: readonly string[], target: Target): string {
  const own = letters(writtenByRule);
  let nearest = writtenByRule;
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
  return nearest;
}

const UKRAINIAN_APOSTROPHE_AFTER = new Set('бпвмфр');

/**
 * The Ukrainian for a Georgian, Armenian or Kazakh name whose Russian spelling in use was taken from the
 * listed ones where no Ukrainian one is listed (Сухуми → Сухумі, Ехегнадзор → Єхегнадзор,
 * Шаумяни → Шаум’яні): the usage it shows is the name's, not Russian's, and Ukrainian writes such
 * names as Russian does but for its own vowels. Not for Slavic names, whose и Ukrainian keeps.
 */
export function ukrainianAfterRussian(russian: string): string {
  const all = [...russian];
  return all
    .map((letter, at) => {
      const lower = letter.toLowerCase();
      const before = at === 0 ? '' : (all[at - 1] as string).toLowerCase();
      const starts = before === '' || before === ' ' || before === '-';
      const afterVowel = 'аеёиоуыэюяії'.includes(before) && before !== '';
      let written: string;
      if (lower === 'и') written = afterVowel ? 'ї' : 'і';
      else if (lower === 'ы') written = 'и';
      else if (lower === 'э') written = 'е';
      else if (lower === 'е') written = starts || afterVowel ? 'є' : 'е';
      else if (lower === 'ё') written = afterVowel || starts ? 'йо' : 'ьо';
      else if ((lower === 'я' || lower === 'ю') && UKRAINIAN_APOSTROPHE_AFTER.has(before))
        written = `’${lower}`;
      else written = lower;
      return letter === lower ? written : (written[0] as string).toUpperCase() + written.slice(1);
    })
    .join('');
}
