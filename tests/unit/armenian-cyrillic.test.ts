import { describe, expect, it } from 'vitest';
import { armenianInCyrillic } from '../../shared/places/armenian-cyrillic.ts';

describe('an Armenian place name in Russian and Ukrainian letters', () => {
  it.each([
    // Places GeoNames gave no Russian name of ours, as the two languages write them.
    ['Abovyan', 'Абовян', 'Абов’ян'],
    ['Kapan', 'Капан', 'Капан'],
    ['Ijevan', 'Иджеван', 'Іджеван'],
    ['Goris', 'Горис', 'Горіс'],
    // The pairs of letters, and the apostrophes of the aspirates that are not letters.
    ['Ch’arents’avan', 'Чаренцаван', 'Чаренцаван'],
    ['Akht’ala', 'Ахтала', 'Ахтала'],
    ['Lchashen', 'Лчашен', 'Лчашен'],
    ['Tsovinar', 'Цовинар', 'Цовінар'],
    ['Garrni', 'Гарни', 'Гарні'],
    // gh: г before a vowel or a voiced consonant, х at the end and before a voiceless one.
    ['Vagharshapat', 'Вагаршапат', 'Вагаршапат'],
    ['Yeghvard', 'Егвард', 'Єгвард'],
    ['Tsaghkadzor', 'Цахкадзор', 'Цахкадзор'],
    ['Tegh', 'Тех', 'Тех'],
    // y: я, ю, е (є) before a vowel (in Ukrainian after a labial or r with an apostrophe), й before
    // a consonant; the h that is not in a pair is left out.
    ['Byureghavan', 'Бюрегаван', 'Б’юрегаван'],
    ['Noyemberyan', 'Ноемберян', 'Ноємбер’ян'],
    ['Mayisyan', 'Маисян', 'Маїсян'],
    ['Vayk’', 'Вайк', 'Вайк'],
    ['Hrazdan', 'Раздан', 'Раздан'],
    ['Shahumyan', 'Шаумян', 'Шаум’ян'],
    // Russian э at the start; two words are one name.
    ['Erebuni', 'Эребуни', 'Еребуні'],
    ['Verin Artashat', 'Верин-Арташат', 'Верін-Арташат'],
  ])('%s: %s, %s', (name, ru, uk) => {
    expect([armenianInCyrillic(name, 'ru'), armenianInCyrillic(name, 'uk')]).toEqual([ru, uk]);
  });

  it('writes no name with a letter the romanisation does not use, rather than half of one', () => {
    expect(armenianInCyrillic('Lusakert 2', 'ru')).toBeUndefined();
    expect(armenianInCyrillic('Cornelius', 'uk')).toBeUndefined();
  });
});
