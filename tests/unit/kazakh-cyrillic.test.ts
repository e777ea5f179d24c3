import { describe, expect, it } from 'vitest';
import { kazakhInCyrillic } from '../../shared/places/kazakh-cyrillic.ts';

describe('a place name of Kazakhstan or Kyrgyzstan in Russian and Ukrainian letters', () => {
  it.each([
    // Places GeoNames gave no Russian name of ours, as the two languages write them.
    ['Temirtau', 'Темиртау', 'Теміртау'],
    ['Kokshetau', 'Кокшетау', 'Кокшетау'],
    ['Ekibastuz', 'Экибастуз', 'Екібастуз'],
    // y: ы between consonants (и in Ukrainian), й after a vowel, я, ю, е (є) before a vowel, and
    // the ending ый (ий).
    ['Taldykorgan', 'Талдыкорган', 'Талдикорган'],
    ['Altay', 'Алтай', 'Алтай'],
    ['Yereymentau', 'Ерейментау', 'Єрейментау'],
    ['Rudnyy', 'Рудный', 'Рудний'],
    // The groups of letters, the romanised soft sign, and q and gh of a Kazakh romanisation.
    ['Tyul’kubas', 'Тюлькубас', 'Тюлькубас'],
    ['Zhezqazghan', 'Жезказган', 'Жезказган'],
    ['Khromtau', 'Хромтау', 'Хромтау'],
    // Ukrainian's own forms of the Russian endings, and its и after ч, ш, щ and the like.
    ['Shchuchinsk', 'Щучинск', 'Щучинськ'],
    ['Kirovskiy', 'Кировский', 'Кіровський'],
    ['Leninskoye', 'Ленинское', 'Ленінське'],
    ['Zavodskoy', 'Заводской', 'Заводський'],
    ['Lugovoy', 'Луговой', 'Луговий'],
    ['Peremetnoe', 'Переметное', 'Переметне'],
    // Slavic stems keep their и in Ukrainian, as its own words do (нижня, долина, при-).
    ['Nizhnyaya Ala-Archa', 'Нижняя Ала-Арча', 'Нижня Ала-Арча'],
    ['Priozersk', 'Приозерск', 'Приозерськ'],
    ['Novodolinskiy', 'Новодолинский', 'Новодолинський'],
    ['Dolinka', 'Долинка', 'Долинка'],
    ['Smirnovo', 'Смирново', 'Смирново'],
    ['Lisakovsk', 'Лисаковск', 'Лисаковськ'],
    // ts before k is т and с; Ukrainian ьо after a consonant.
    ['Troyebratskiy', 'Троебратский', 'Троєбратський'],
    ['Fyodorovka', 'Фёдоровка', 'Фьодоровка'],
    // Kyrgyzstan's, romanised the same way.
    ['Kara-Balta', 'Кара-Балта', 'Кара-Балта'],
    ['Tokmok', 'Токмок', 'Токмок'],
  ])('%s: %s, %s', (name, ru, uk) => {
    expect([kazakhInCyrillic(name, 'ru'), kazakhInCyrillic(name, 'uk')]).toEqual([ru, uk]);
  });

  it('writes the Russian names of two words apart, as Kazakhstan writes them', () => {
    expect(kazakhInCyrillic('Belyye Vody', 'ru')).toBe('Белые Воды');
    expect(kazakhInCyrillic('Maloye Ganyushkino', 'ru')).toBe('Малое Ганюшкино');
  });

  it('writes no name with a letter it does not know, rather than half of one', () => {
    expect(kazakhInCyrillic('Atasū', 'ru')).toBeUndefined();
    expect(kazakhInCyrillic('Kīevka', 'uk')).toBeUndefined();
  });
});
