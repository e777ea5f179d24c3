import { describe, expect, it } from 'vitest';
import { serboCroatianInCyrillic } from '../../shared/places/serbo-croatian-cyrillic.ts';

describe('a Serbian, Montenegrin, Bosnian or Croatian place name in Russian and Ukrainian letters', () => {
  it.each([
    // The largest places of Serbia GeoNames gave no Russian name.
    ['Čačak', 'Чачак', 'Чачак'],
    ['Leskovac', 'Лесковац', 'Лесковац'],
    ['Užice', 'Ужице', 'Ужице'],
    ['Šabac', 'Шабац', 'Шабац'],
    // lj and nj soften the vowel after them, and are ль, нь before a consonant or at the end.
    ['Kraljevo', 'Кралево', 'Кралєво'],
    ['Zrenjanin', 'Зренянин', 'Зренянин'],
    ['Vranje', 'Вране', 'Вранє'],
    ['Kanjiža', 'Канижа', 'Каніжа'],
    ['Ivanjica', 'Иваница', 'Іваниця'],
    ['Sečanj', 'Сечань', 'Сечань'],
    ['Ljubovija', 'Любовия', 'Любовія'],
    // j: я, е, ю at the start and after a vowel, ji и (ї) after a vowel, й before a consonant.
    ['Jagodina', 'Ягодина', 'Ягодина'],
    ['Kragujevac', 'Крагуевац', 'Крагуєвац'],
    ['Bajina Bašta', 'Баина-Башта', 'Баїна-Башта'],
    ['Priboj', 'Прибой', 'Прибой'],
    // Russian э at the start of a word; Ukrainian і there and before a vowel, и elsewhere.
    ['Ečka', 'Эчка', 'Ечка'],
    ['Dubrovnik', 'Дубровник', 'Дубровник'],
    // After i, and after other consonants (the ije of Bosnia, Montenegro and Croatia).
    ['Rijeka', 'Риека', 'Рієка'],
    ['Sjenica', 'Сеница', 'Сєниця'],
    ['Kozjak', 'Козьяк', 'Коз’як'],
    // ć and đ, dž and an alphabet's dj; the capital Đ GeoNames writes as an eth.
    ['Ćuprija', 'Чуприя', 'Чупрія'],
    ['Inđija', 'Инджия', 'Інджія'],
    ['Ðurđevo', 'Джурджево', 'Джурджево'],
    // Ukrainian -иця, -ич, -ичі; the words of one name joined.
    ['Sremska Mitrovica', 'Сремска-Митровица', 'Сремська Митровиця'],
    ['Slavonski Brod', 'Славонски-Брод', 'Славонський Брод'],
    ['Bosansko Grahovo', 'Босанско-Грахово', 'Босанське Грахово'],
    // A neuter adjective alone keeps -сько in Ukrainian; a feminine or masculine one is Ukrainian's.
    ['Jastrebarsko', 'Ястребарско', 'Ястребарсько'],
    ['Makarska', 'Макарска', 'Макарська'],
    ['Imotski', 'Имотски', 'Імотський'],
    ['Vinkovci', 'Винковци', 'Винковці'],
    // After r, je is рье (р’є).
    ['Međugorje', 'Меджугорье', 'Меджугор’є'],
    ['Tabanović', 'Табанович', 'Табанович'],
    ['Mrkonjić Grad', 'Мрконич-Град', 'Мрконич-Град'],
    ['Zavidovići', 'Завидовичи', 'Завидовичі'],
    ['Gornji Milanovac', 'Горни-Милановац', 'Горні-Милановац'],
  ])('%s: %s, %s', (name, ru, uk) => {
    expect([serboCroatianInCyrillic(name, 'ru'), serboCroatianInCyrillic(name, 'uk')]).toEqual([ru, uk]);
  });

  it('writes no name in Albanian or with a letter the alphabet does not use, rather than half of one', () => {
    expect(serboCroatianInCyrillic('Lagja e Poshtme', 'ru')).toBeUndefined();
    expect(serboCroatianInCyrillic('Sumulicë', 'uk')).toBeUndefined();
    expect(serboCroatianInCyrillic('Novi Sad 2', 'ru')).toBeUndefined();
    expect(serboCroatianInCyrillic('Podhum', 'ru')).toBe('Подхум');
  });
});
