import { describe, expect, it } from 'vitest';
import { turkishInCyrillic } from '../../shared/places/turkish-cyrillic.ts';

describe('a Turkish place name in Russian and Ukrainian letters', () => {
  it.each([
    // The largest places GeoNames gave no Cyrillic name, as the two languages write them.
    ['Kayseri', 'Кайсери', 'Кайсері'],
    ['Diyarbakır', 'Диярбакыр', 'Діярбакир'],
    ['Şanlıurfa', 'Шанлыурфа', 'Шанлиурфа'],
    ['Malatya', 'Малатья', 'Малатья'],
    ['Erzurum', 'Эрзурум', 'Ерзурум'],
    ['Kahramanmaraş', 'Кахраманмараш', 'Кахраманмараш'],
    ['Adapazarı', 'Адапазары', 'Адапазари'],
    ['İzmit', 'Измит', 'Ізміт'],
    ['Çorlu', 'Чорлу', 'Чорлу'],
  ])('%s: %s, %s', (name, ru, uk) => {
    expect([turkishInCyrillic(name, 'ru'), turkishInCyrillic(name, 'uk')]).toEqual([ru, uk]);
  });

  it.each([
    // y and a vowel: я, е (є) at the start or after a vowel; after a consonant softened, or in
    // Ukrainian parted by an apostrophe where the consonant cannot soften.
    ['Yenimahalle', 'Енимахалле', 'Єнімахалле'],
    ['Osmaniye', 'Османие', 'Османіє'],
    ['Adıyaman', 'Адыяман', 'Адияман'],
    ['Sakarya', 'Сакарья', 'Сакар’я'],
    ['Kütahya', 'Кютахья', 'Кютах’я'],
    ['Esenyurt', 'Эсеньюрт', 'Есеньюрт'],
    ['Yozgat', 'Йозгат', 'Йозгат'],
    ['Afyonkarahisar', 'Афьонкарахисар', 'Афьонкарахісар'],
    // e that begins a syllable: Russian э, Ukrainian е.
    ['Eskişehir', 'Эскишехир', 'Ескішехір'],
    ['Kocaeli', 'Коджаэли', 'Коджаелі'],
    // ö and ü: О and У at the start, softened after a consonant; l soft after a front vowel.
    ['Ölüdeniz', 'Олюдениз', 'Олюденіз'],
    ['Üsküdar', 'Ускюдар', 'Ускюдар'],
    ['Gölcük', 'Гёльджюк', 'Гьольджюк'],
    ['Bingöl', 'Бингёль', 'Бінгьоль'],
    ['Selçuk', 'Сельчук', 'Сельчук'],
    ['Nazilli', 'Назилли', 'Назіллі'],
    // A circumflex GeoNames leaves out, and no ы after ш in Russian.
    ['Elazığ', 'Элязыг', 'Елязиг'],
    ['Gölbaşı', 'Гёльбаши', 'Гьольбаши'],
    // Ukrainian ї after a vowel; every word capitalised.
    ['Siirt', 'Сиирт', 'Сіїрт'],
    ['Karadeniz Ereğli', 'Карадениз Эрегли', 'Караденіз Ереглі'],
  ])('%s: %s, %s', (name, ru, uk) => {
    expect([turkishInCyrillic(name, 'ru'), turkishInCyrillic(name, 'uk')]).toEqual([ru, uk]);
  });

  it('writes no name with a letter the rules do not know, rather than half of one', () => {
    expect(turkishInCyrillic('Köy 2', 'ru')).toBeUndefined();
    expect(turkishInCyrillic('Çamlıca (Üsküdar)', 'uk')).toBeUndefined();
  });
});
