/**
 * What the rules that write place names in Russian and Ukrainian letters share (turkish-,
 * georgian-, armenian-, azerbaijani-, kazakh-, uzbek- and serbo-croatian-cyrillic.ts): the two
 * languages, and how a name's words are capitalised and joined.
 */

/** The languages a place's name is written in by rule. */
export type Target = 'ru' | 'uk';

/** The Latin letters every rule here writes alike; each rule adds its own and overrides these. */
export const COMMON_LETTERS: Readonly<Record<string, string>> = {
  a: 'а',
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
  o: 'о',
  p: 'п',
  q: 'к',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  v: 'в',
  z: 'з',
};

/**
 * A word written by `letters`, but where one of `endings` ends it (and is not all of it), its stem
 * written by `letters` and the ending as given: a language's own form of a foreign ending.
 */
export function withEnding(
  latin: string,
  endings: readonly (readonly [RegExp, string])[],
  letters: (latin: string) => string,
): string {
  for (const [ending, written] of endings) {
    const found = ending.exec(latin);
    if (found && found.index > 0) return letters(latin.slice(0, found.index)) + written;
  }
  return letters(latin);
}

const capitalised = (text: string) =>
  text === '' ? text : (text[0] as string).toUpperCase() + text.slice(1);

/**
 * Each word of a lower-case name written by `write`, capitalised. With `joiner`, the words are
 * joined by it, as Russian and Ukrainian join the words of a foreign place's name (Тетри-Цкаро,
 * Нови-Пазар); without, what parted them stays (Белые Воды, Карадениз Эрегли).
 */
export function eachWord(plain: string, write: (word: string) => string, joiner?: string): string {
  const parts = plain.split(/([\s-]+)/);
  return parts.map((part, index) => (index % 2 === 1 ? (joiner ?? part) : capitalised(write(part)))).join('');
}

/** The vowels of both alphabets: what a letter written so far must be for a y or i after it to be й. */
export const CYRILLIC_VOWELS = new Set('аеёиоуыэюяєії');

/** The consonants after which Ukrainian parts я, ю, є from them with an apostrophe (Абов’ян, Б’юракан). */
export const UKRAINIAN_APOSTROPHE_AFTER = new Set('бпвмфр');

/**
 * The Ukrainian і that is и after д, т, з, с, ц, ж, ч, ш, щ, р before a consonant, as in words
 * Ukrainian took from other languages (Чирчик, Щучинськ, Шахрисабз); elsewhere і.
 */
export function ukrainianI(writtenSoFar: string, nextIsConsonant: boolean): string {
  return nextIsConsonant && 'дтзсцжчшщр'.includes(writtenSoFar.at(-1) ?? ' ') ? 'и' : 'і';
}

/**
 * Slavic stems of names Russian speakers gave places in Kazakhstan and Kyrgyzstan, whose и
 * Ukrainian keeps as its own words do (нижня, долина, the prefix при-, Смирнов, Лисаков), where
 * ukrainianI would write і: Нижня Ала-Арча, Приозерськ, Новодолинський, Смирново, Лисаковськ.
 */
/** Each matches the stem's letters before and after its и as two groups. */
const SLAVIC_STEMS_WITH_I: readonly RegExp[] = [
  /^(н)і(жн)/iu,
  /^(пр)і()/iu,
  /(дол)і(н)/iu,
  /^(см)і(рн)/iu,
  /^(л)і(сак)/iu,
];

/** A word written in Ukrainian letters with the и of its Slavic stem back (SLAVIC_STEMS_WITH_I). */
export function slavicStemsKeptInUkrainian(word: string): string {
  return SLAVIC_STEMS_WITH_I.reduce(
    (written, stem) => written.replace(stem, (_, before: string, after: string) => `${before}и${after}`),
    word,
  );
}

/**
 * y and the vowel after it, as Kazakhstan's, Kyrgyzstan's and Uzbekistan's names are romanised: я,
 * ю, е (є), ё (йо; in Ukrainian ьо after a consonant: Федьоровка); undefined for any other letter.
 */
export function iotated(vowel: string, target: Target, writtenSoFar: string): string | undefined {
  if (vowel === 'a') return 'я';
  if (vowel === 'u' || vowel === 'ŭ') return 'ю';
  if (vowel === 'e') return target === 'ru' ? 'е' : 'є';
  if (vowel !== 'o') return undefined;
  if (target === 'ru') return 'ё';
  return writtenSoFar === '' || CYRILLIC_VOWELS.has(writtenSoFar.at(-1) ?? '') ? 'йо' : 'ьо';
}
