import { describe, expect, it } from 'vitest';
import { cellOf } from '../../shared/domain/geo.ts';
import { CITY_ALIASES } from '../../shared/places/aliases.ts';
import { completeCity, resolveCity } from '../../shared/places/gazetteer.ts';
import { foldName, transliterate } from '../../shared/places/normalise.ts';

async function resolvedName(country: string, name: string) {
  const result = await resolveCity(country, name);
  return 'name' in result ? result.name : undefined;
}

describe('the offline gazetteer', () => {
  it('treats İstanbul, Istanbul, ISTANBUL and Стамбул as one place with coordinates and a cell', async () => {
    const spellings = ['İstanbul', 'Istanbul', ' ISTANBUL ', 'istanbul', 'Стамбул'];
    const results = await Promise.all(spellings.map((name) => resolveCity('TR', name)));
    for (const result of results) expect(result).toEqual(results[0]);
    expect(results[0]).toMatchObject({ name: 'Istanbul', country: 'TR' });
    const place = results[0] as { lat: number; lon: number; cell: string };
    expect(place.lat).toBeCloseTo(41.01, 1);
    expect(place.lon).toBeCloseTo(28.95, 1);
    expect(place.cell).toBe(cellOf(place));
  });

  it.each([
    ['TR', 'Анталья', 'Antalya'],
    ['TR', 'Измир', 'İzmir'],
    ['TR', 'izmir', 'İzmir'],
    ['TR', 'Анкара', 'Ankara'],
    ['GE', 'Тбилиси', 'Tbilisi'],
    ['GE', 'Батуми', 'Batumi'],
    ['GE', 'Кутаиси', 'Kutaisi'],
    ['AM', 'Ереван', 'Yerevan'],
    ['AM', 'Гюмри', 'Gyumri'],
    ['KZ', 'Алматы', 'Almaty'],
    ['KZ', 'Астана', 'Nur-Sultan'],
    ['KZ', 'Шымкент', 'Shymkent'],
    ['RS', 'Белград', 'Belgrade'],
    ['RS', 'Нови-Сад', 'Novi Sad'],
    ['KG', 'Бишкек', 'Bishkek'],
    ['UZ', 'Ташкент', 'Tashkent'],
    ['AZ', 'Баку', 'Baku'],
    ['MD', 'Кишинёв', 'Chisinau'],
    ['MD', 'Chișinău', 'Chisinau'],
    ['PL', 'Варшава', 'Warsaw'],
    ['DE', 'Берлин', 'Berlin'],
    ['LT', 'Вильнюс', 'Vilnius'],
    ['LV', 'Рига', 'Riga'],
    ['CZ', 'Прага', 'Prague'],
    ['ME', 'Будва', 'Budva'],
    ['ME', 'Подгорица', 'Podgorica'],
    ['GE', 'Poti', 'P’ot’i'],
    ['DE', 'koln', 'Köln'],
  ])('resolves %s %s to %s', async (country, typed, expected) => {
    expect(await resolvedName(country, typed)).toBe(expected);
  });

  it('resolves every alias to a place that exists', async () => {
    for (const [country, aliases] of Object.entries(CITY_ALIASES)) {
      for (const [alias, target] of Object.entries(aliases)) {
        expect(await resolvedName(country, alias), `${country} ${alias}`).toBe(target);
      }
    }
  });

  it('suggests the nearest spellings in that country for a misspelling', async () => {
    expect(await resolveCity('TR', 'Istanbull')).toEqual({ suggestions: ['Istanbul'] });
    const antalia = await resolveCity('TR', 'Antalia');
    expect('suggestions' in antalia && antalia.suggestions[0]).toBe('Antalya');
    const tbilisy = await resolveCity('GE', 'Тбилисси');
    expect('suggestions' in tbilisy && tbilisy.suggestions).toContain('Tbilisi');
  });

  it('does not find a city in another country', async () => {
    expect(await resolvedName('DE', 'Istanbul')).toBeUndefined();
  });

  it('answers unknown countries and nonsense with no suggestions', async () => {
    expect(await resolveCity('AQ', 'Anything')).toEqual({ suggestions: [] });
    expect(await resolveCity('TR', 'qqqqqqqqqqqqqqqq')).toEqual({ suggestions: [] });
  });

  it('completes prefixes, most populous first, also in Cyrillic', async () => {
    expect((await completeCity('TR', 'an', 3))[0]).toBe('Ankara');
    expect(await completeCity('TR', 'Стам')).toContain('Istanbul');
    expect(await completeCity('GE', 'Тби')).toContain('Tbilisi');
    expect(await completeCity('RS', 'sad')).toContain('Novi Sad');
    expect(await completeCity('TR', 'a', 5)).toHaveLength(5);
    expect(await completeCity('TR', '   ')).toEqual([]);
  });

  it('folds case, diacritics and apostrophes, and transliterates Cyrillic', () => {
    expect(foldName('İSTANBUL')).toBe('istanbul');
    expect(foldName('Łódź')).toBe('lodz');
    expect(foldName('P’ot’i')).toBe('poti');
    expect(foldName('Frankfurt-am-Main')).toBe('frankfurt am main');
    expect(transliterate('Бишкек')).toBe('bishkek');
  });
});
