import { describe, expect, it } from 'vitest';
import { azerbaijaniInCyrillic } from '../../shared/places/azerbaijani-cyrillic.ts';

describe('an Azerbaijani place name in Russian and Ukrainian letters', () => {
  it.each([
    // In the Azerbaijani alphabet: ı, ç, ş, q and ğ as г, x as х, c as дж, ə as а (я after g, k).
    ['Saatlı', 'Саатлы', 'Саатли'],
    ['Qaraçuxur', 'Гарачухур', 'Гарачухур'],
    ['Xaçmaz', 'Хачмаз', 'Хачмаз'],
    ['Ağdam', 'Агдам', 'Агдам'],
    ['Xocalı', 'Ходжалы', 'Ходжали'],
    ['Bərdə', 'Барда', 'Барда'],
    ['Gəncə', 'Гянджа', 'Гянджа'],
    ['Göygöl', 'Гёйгёл', 'Гьойгьол'],
    // Romanised from the Russian name: kh, zh, dzh, j as дж, y as ы between consonants.
    ['Yevlakh', 'Евлах', 'Євлах'],
    ['Agdzhabedy', 'Агджабеды', 'Агджабеди'],
    ['Jalilabad', 'Джалилабад', 'Джалілабад'],
    ['Imishli', 'Имишли', 'Імішлі'],
    ['Ashagy Aylis', 'Ашагы-Айлис', 'Ашаги-Айліс'],
  ])('%s: %s, %s', (name, ru, uk) => {
    expect([azerbaijaniInCyrillic(name, 'ru'), azerbaijaniInCyrillic(name, 'uk')]).toEqual([ru, uk]);
  });

  it('writes no name with an English word or a letter it does not know, rather than half of one', () => {
    expect(azerbaijaniInCyrillic('Sharur City', 'ru')).toBeUndefined();
    expect(azerbaijaniInCyrillic('Severo-Vostotchnyi Bank', 'uk')).toBeUndefined();
    expect(azerbaijaniInCyrillic('Xırdalan 2', 'ru')).toBeUndefined();
  });
});
