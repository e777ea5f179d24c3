import { describe, expect, it } from 'vitest';
import { georgianInCyrillic } from '../../shared/places/georgian-cyrillic.ts';

describe('a Georgian place name in Russian and Ukrainian letters', () => {
  it.each([
    // Places GeoNames gave no Russian name, as the two languages write them.
    // Ukrainian writes a final -ia as -ія.
    ['Samtredia', 'Самтредиа', 'Самтредія'],
    ['Khashuri', 'Хашури', 'Хашурі'],
    ['Marneuli', 'Марнеули', 'Марнеулі'],
    ['Telavi', 'Телави', 'Телаві'],
    // The national system's pairs of letters: kh, gh, ts, dz, ch, sh, zh, and j.
    ['Akhaltsikhe', 'Ахалцихе', 'Ахалціхе'],
    ['Mtskheta', 'Мцхета', 'Мцхета'],
    ['Aghaiani', 'Агаиани', 'Агаїані'],
    ['Asp’indza', 'Аспиндза', 'Аспіндза'],
    ['Sach’khere', 'Сачхере', 'Сачхере'],
    ['Abasha', 'Абаша', 'Абаша'],
    ['Zhinvali', 'Жинвали', 'Жінвалі'],
    ['Sagarejo', 'Сагареджо', 'Сагареджо'],
    // The apostrophes of the ejectives are not letters; q is к.
    ['Ts’khinvali', 'Цхинвали', 'Цхінвалі'],
    ['T’q’ibuli', 'Ткибули', 'Ткібулі'],
    ["Tqvarch'eli", 'Ткварчели', 'Ткварчелі'],
    // Russian э where e begins a word; Ukrainian ї after a vowel.
    ['Eredvi', 'Эредви', 'Ередві'],
    ['Kutaisi', 'Кутаиси', 'Кутаїсі'],
    // Two words are one name.
    ['Tetri Ts’q’aro', 'Тетри-Цкаро', 'Тетрі-Цкаро'],
  ])('%s: %s, %s', (name, ru, uk) => {
    expect([georgianInCyrillic(name, 'ru'), georgianInCyrillic(name, 'uk')]).toEqual([ru, uk]);
  });

  it('writes no name spelt in another romanisation or with a letter it does not know, rather than half of one', () => {
    expect(georgianInCyrillic('Stantsiya Novyy Afon', 'ru')).toBeUndefined();
    expect(georgianInCyrillic('Tsnori 2', 'uk')).toBeUndefined();
    expect(georgianInCyrillic('Cnori', 'ru')).toBeUndefined();
  });
});
