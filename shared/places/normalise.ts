/**
 * How place names are compared: without case, diacritics, apostrophes, punctuation or extra
 * spaces, so "İstanbul", "istanbul" and "ISTANBUL " are one key, "P’ot’i" is "poti", and
 * Cyrillic letters keep their own.
 */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ŀ: 'l',
};

/** The comparison key of a place name. */
export function foldName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ıłøđðþæœßŀ]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .replace(/['’‘`ʼʻ´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Russian, Ukrainian and Belarusian letters as GeoNames' romanisations mostly spell them. Used
// only as a fallback after the alias table, so "Тбилиси" and "Бишкек" resolve without an alias.
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ye',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'yi',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ў: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  ә: 'a',
  ғ: 'g',
  қ: 'k',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
};

/** A Latin spelling of a Cyrillic name; names in other scripts come back unchanged. */
export function transliterate(name: string): string {
  return [...name.toLowerCase().normalize('NFC')].map((letter) => CYRILLIC[letter] ?? letter).join('');
}

// How a Russian or Ukrainian speaker writes a foreign name's sounds, reduced to the same letters
// as the Latin spelling: "Бешикташ" and "Beşiktaş", "Кадыкёй" and "Kadıköy", "Вождовац" and
// "Voždovac" meet. Only used after exact names fail, so its collisions cost little.
const SOUNDS: Readonly<Record<string, string>> = {
  ...CYRILLIC,
  е: 'e',
  ё: 'io',
  є: 'ie',
  ж: 'z',
  й: 'i',
  ї: 'ii',
  х: 'h',
  ц: 'c',
  ч: 'c',
  ш: 's',
  щ: 's',
  ы: 'i',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  ђ: 'dz',
  ј: 'i',
  љ: 'l',
  њ: 'n',
  ћ: 'c',
  џ: 'c',
};

const GLIDE = /i(?=[aeou])|(?<=[aeou])i/g;
const NOT_PLAIN = /[^a-z ]/;

/** The spelling-agnostic key of a name: equal for its Turkish, Serbian, Russian and plain Latin forms. */
export function soundKey(name: string): string {
  let latin = name.toLowerCase();
  if (NOT_PLAIN.test(latin)) {
    let mapped = '';
    for (const letter of latin.normalize('NFC').replace(/дж/g, 'c')) mapped += SOUNDS[letter] ?? letter;
    latin = foldName(mapped);
  }
  let key = latin
    .replace(/[\s-]+/g, '')
    .replace(/dzh|dj|dz|ch|ts|tz|c/g, 'c')
    .replace(/zh/g, 'z')
    .replace(/sch|sh/g, 's')
    .replace(/kh|h/g, '')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/x/g, 'ks')
    .replace(/[yj]/g, 'i');
  // A glide beside a vowel ("yu", "ёй", "ie") is spelled differently in every script: drop it.
  for (let previous = ''; previous !== key; ) {
    previous = key;
    key = key.replace(GLIDE, '');
  }
  return key.replace(/(.)\1+/g, '$1');
}
