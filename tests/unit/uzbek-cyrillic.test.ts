import { describe, expect, it } from 'vitest';
import { uzbekInCyrillic } from '../../shared/places/uzbek-cyrillic.ts';

describe('an Uzbek place name in Russian and Ukrainian letters', () => {
  it.each([
    // Places GeoNames gave no Russian name of ours, letter by letter.
    ['Nukus', 'Нукус', 'Нукус'],
    ['Qarshi', 'Карши', 'Карші'],
    ['Chirchiq', 'Чирчик', 'Чирчик'],
    ['Xiva', 'Хива', 'Хіва'],
    ['Angren', 'Ангрен', 'Ангрен'],
    // o‘ and g‘, with either apostrophe GeoNames uses; y before a vowel and after one.
    ['Kattaqo’rg’on', 'Каттакургон', 'Каттакургон'],
    ['Qo‘qon', 'Кукон', 'Кукон'],
    ['Yangiyer', 'Янгиер', 'Янгієр'],
    ['Boysun', 'Бойсун', 'Бойсун'],
    ['Yangiyŭl', 'Янгиюл', 'Янгіюл'],
    // The ending -iy is и (і).
    ['Beruniy', 'Беруни', 'Беруні'],
    // The spellings of English and older romanisations GeoNames keeps.
    ['Bukhara', 'Бухара', 'Бухара'],
    ['Qŭnghirot', 'Кунгирот', 'Кунгірот'],
  ])('%s: %s, %s', (name, ru, uk) => {
    expect([uzbekInCyrillic(name, 'ru'), uzbekInCyrillic(name, 'uk')]).toEqual([ru, uk]);
  });

  it('leaves out the word for town, district or village GeoNames adds to a name', () => {
    expect(uzbekInCyrillic('Kogon Shahri', 'ru')).toBe('Когон');
    expect(uzbekInCyrillic('Zomin Shaharchasi', 'uk')).toBe('Зомін');
    expect(uzbekInCyrillic('Toyloq Qishlog’i', 'ru')).toBe('Тойлок');
  });

  it('writes no name romanised from Russian or with a letter Uzbek does not use, rather than half of one', () => {
    expect(uzbekInCyrillic('Novyy Turtkul’', 'ru')).toBeUndefined();
    expect(uzbekInCyrillic('Ŭrtaowul', 'uk')).toBeUndefined();
    expect(uzbekInCyrillic('Kyzyldzhar', 'ru')).toBeUndefined();
  });
});
