/**
 * Place names of North Macedonia in Russian and Ukrainian letters. GeoNames romanises them two
 * ways, with the Serbo-Croatian letters (Kičevo, Šuto Orizare) and with digraphs (Shtip, Kochani,
 * Zhelino); read as the first, they are written as the Serbo-Croatian rule writes them (Штип,
 * Кочани, Крива-Паланка, Гевгелия / Гевгелія), which is how Russian and Ukrainian write
 * Macedonian names. Names with ѓ and ќ (Gjorče Petrov) are left to aliases.ts, as is the j after a
 * consonant that both languages part with ь or an apostrophe (Скопье / Скоп’є).
 * Read only by generate.ts.
 */

import type { Target } from './cyrillic-words.ts';
import { serboCroatianInCyrillic } from './serbo-croatian-cyrillic.ts';

export function macedonianInCyrillic(name: string, target: Target): string | undefined {
  const plain = name
    .replace(/dzh/gi, (found) => (found[0] === 'D' ? 'Dž' : 'dž'))
    .replace(/zh/gi, (found) => (found[0] === 'Z' ? 'Ž' : 'ž'))
    .replace(/sh/gi, (found) => (found[0] === 'S' ? 'Š' : 'š'))
    .replace(/ch/gi, (found) => (found[0] === 'C' ? 'Č' : 'č'));
  return serboCroatianInCyrillic(plain, target);
}

/** Russian letters as the Serbo-Croatian Latin alphabet writes the same sounds. */
const LATIN_OF_RUSSIAN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'jo',
  ж: 'ž',
  з: 'z',
  и: 'i',
  й: 'j',
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
  ф: 'f',
  х: 'h',
  ц: 'c',
  ч: 'č',
  ш: 'š',
  щ: 'šč',
  ы: 'i',
  э: 'e',
  ю: 'ju',
  я: 'ja',
};

/**
 * The Ukrainian for a place whose Russian spelling in use departs from the rule's: GeoNames' name
 * lost its diacritics (Radovis, Delcevo, Zelino), and the listed Russian spelling kept them
 * (Радовиш, Делчево, Желино). That spelling is read back into Latin letters and written by the
 * rule for Ukrainian, so both languages name the same town. A soft sign or a letter the reading
 * does not know leaves it to the rule's own Ukrainian.
 */
export function macedonianUkrainianAfterRussian(russian: string): string | undefined {
  let latin = '';
  for (const letter of russian) {
    const lower = letter.toLowerCase();
    const read = /[\s-]/.test(letter) ? letter : LATIN_OF_RUSSIAN[lower];
    if (read === undefined) return undefined;
    latin += letter === lower ? read : read.charAt(0).toUpperCase() + read.slice(1);
  }
  return serboCroatianInCyrillic(latin, 'uk');
}
