import { describe, expect, it } from 'vitest';
import { countryTimeZone } from '../../shared/domain/country-day.ts';
import { LOCALES } from '../../shared/domain/records.ts';
import {
  countryName,
  countryZone,
  countryZoneName,
  formatDate,
  formatInstant,
  formatKm,
  formatPercent,
  formatSpan,
  languageList,
} from '../../shared/i18n/format.ts';
import { translator } from '../../shared/i18n/index.ts';

describe('formats as each reader writes them', () => {
  it('writes a calendar day with the month’s name, not as ISO', () => {
    expect(formatDate('2026-12-10', 'ru')).toBe('10 декабря 2026 г.');
    expect(formatDate('2026-12-10', 'tr')).toBe('10 Aralık 2026');
    expect(formatDate('2026-12-10', 'uk')).toBe('10 грудня 2026 р.');
    expect(formatDate('2026-12-10', 'en')).toBe('December 10, 2026');
  });

  it('writes shares and distances with the locale’s signs and decimal marks', () => {
    expect(formatPercent(0.66, 'tr')).toBe('%66');
    expect(formatPercent(0.66, 'en')).toBe('66%');
    expect(formatKm(49.4, 'tr')).toBe('49,4 km');
    expect(formatKm(49.4, 'ru')).toBe('49,4 км');
    expect(formatKm(49.4, 'en')).toBe('49.4 km');
  });

  it('names countries and languages instead of printing their codes', () => {
    expect(countryName('TR', 'ru')).toBe('Турция');
    expect(countryName('GE', 'tr')).toBe('Gürcistan');
    expect(languageList(['ru', 'en', 'tr'], 'ru')).toBe('Русский, английский и турецкий');
    expect(languageList(['ru', 'en', 'tr'], 'tr')).toBe('Rusça, İngilizce ve Türkçe');
  });

  it('gives an instant in the zone of the coordinator’s country, the zone named', () => {
    expect(countryTimeZone('TR')).toBe('Europe/Istanbul');
    expect(countryTimeZone('GE')).toBe('Asia/Tbilisi');
    expect(countryTimeZone('RU')).toBe('Europe/Moscow');
    expect(countryTimeZone('ZZ')).toBe('UTC');
    expect(formatInstant('2026-12-10T14:05:00Z', 'tr', 'Europe/Istanbul')).toBe(
      '10 Aralık 2026 17:05 (Türkiye saati)',
    );
    expect(formatInstant('2026-12-10T14:05:00Z', 'ru', 'Europe/Istanbul')).toBe(
      '10 декабря 2026\u202fг. в 17:05 (время в Турции)',
    );
    expect(formatInstant('2026-12-10T14:05:00Z', 'en', 'UTC')).toBe('December 10, 2026 at 14:05 (UTC)');
  });

  it('names the zone of each country the places cover in the reader’s own language, never as an offset, in English or as standard or summer time', () => {
    const zoneOf = (text: string) => /\(([^()]+)\)$/.exec(text)?.[1] ?? '';
    // The places' FIRST_DESTINATIONS and DESTINATIONS (shared/places/generate.ts).
    const countries = [
      ...'TR GE AM KZ RS AL AZ BA CY IL KG MD ME MK UZ'.split(' '),
      ...'AT BG CZ DE EE FI GR HR HU LT LV PL RO SI SK UA'.split(' '),
    ];
    for (const locale of LOCALES) {
      const names = countries.map((country) =>
        zoneOf(formatInstant('2026-07-10T14:05:00Z', locale, countryTimeZone(country))),
      );
      for (const name of names) expect(name).not.toMatch(/GMT|UTC|\d/);
      // Each country's zone its own name: a coordinator in Tbilisi is not told the time in Yerevan.
      expect(new Set(names).size).toBe(countries.length);
      // Ours, which name the country, not ICU's ("Центральная Европа, стандартное время", "Orta Avrupa Yaz Saati").
      for (const name of names) {
        if (locale === 'ru') expect(name).toMatch(/^время (в|на) [а-яё ]+$/i);
        if (locale === 'uk') expect(name).toMatch(/^час (у|в|на) [а-яіїєґ’ ]+$/i);
        if (locale === 'tr') expect(name).toMatch(/^[^ ]+( [^ ]+)? saati$/);
        if (locale === 'en') expect(name).toMatch(/^[A-Z][A-Za-zü ]+ time$/);
      }
    }
    expect(countryTimeZone('UA')).toBe('Europe/Kyiv');
    expect(formatInstant('2026-07-10T14:05:00Z', 'tr', countryTimeZone('PL'))).toBe(
      '10 Temmuz 2026 16:05 (Polonya saati)',
    );
    expect(formatInstant('2026-07-10T14:05:00Z', 'ru', countryTimeZone('DE'))).toBe(
      '10 июля 2026\u202fг. в 16:05 (время в Германии)',
    );
    expect(formatInstant('2026-12-10T14:05:00Z', 'uk', countryTimeZone('TR'))).toBe(
      '10 грудня 2026\u202fр. о 17:05 (час у Туреччині)',
    );
    expect(formatInstant('2026-12-10T14:05:00Z', 'tr', countryTimeZone('GE'))).toBe(
      '10 Aralık 2026 18:05 (Gürcistan saati)',
    );
    // Summer or winter, the same name: Serbia keeps daylight saving time.
    expect(formatInstant('2026-07-10T14:05:00Z', 'en', countryTimeZone('RS'))).toBe(
      'July 10, 2026 at 16:05 (Serbia time)',
    );
  });

  it('names the zone of a country only COORDINATORS lists after the country, in a form that needs no declension, summer or winter', () => {
    const zoneOf = (text: string) => /\(([^()]+)\)$/.exec(text)?.[1] ?? '';
    const inFrance = (iso: string, locale: (typeof LOCALES)[number]) =>
      formatInstant(iso, locale, countryZone('FR'));
    expect(inFrance('2026-07-10T14:05:00Z', 'en')).toBe('July 10, 2026 at 16:05 (France time)');
    expect(inFrance('2026-07-10T14:05:00Z', 'tr')).toBe('10 Temmuz 2026 16:05 (Fransa saati)');
    expect(inFrance('2026-07-10T14:05:00Z', 'ru')).toBe(
      '10 июля 2026\u202fг. в 16:05 (часовой пояс: Франция)',
    );
    expect(inFrance('2026-12-10T14:05:00Z', 'uk')).toBe(
      '10 грудня 2026\u202fр. о 15:05 (часовий пояс: Франція)',
    );
    // ICU's would be "Orta Avrupa Yaz Saati", "Центральная Европа, летнее время", "British Summer Time".
    for (const country of ['FR', 'IT', 'NL', 'GB', 'IE']) {
      for (const locale of LOCALES) {
        for (const iso of ['2026-01-10T14:05:00Z', '2026-07-10T14:05:00Z']) {
          const name = zoneOf(formatInstant(iso, locale, countryZone(country)));
          expect(name).toContain(countryName(country, locale));
          expect(name).not.toMatch(/Saati$|Standart|Yaz|стандартное|летнее|Standard|Daylight|GMT|\d/);
        }
      }
    }
    // Our own names stay where we have them; no country, no name of ours.
    expect(zoneOf(formatInstant('2026-07-10T14:05:00Z', 'ru', countryZone('DE')))).toBe('время в Германии');
    expect(formatInstant('2026-12-10T14:05:00Z', 'en', countryZone('ZZ'))).toBe(
      'December 10, 2026 at 14:05 (UTC)',
    );
  });

  it('keeps the name of the zone itself for a country whose zones show different times, never “(United States time)”', () => {
    expect(formatInstant('2026-01-10T14:05:00Z', 'en', countryZone('US'))).toBe(
      'January 10, 2026 at 09:05 (Eastern Standard Time)',
    );
    // Portugal and Spain count too: the Azores and the Canaries are an hour behind.
    for (const country of ['US', 'RU', 'CA', 'AU', 'BR', 'MX', 'PT', 'ES']) {
      const { timeZone } = countryZone(country);
      for (const locale of LOCALES) {
        for (const iso of ['2026-01-10T14:05:00Z', '2026-07-10T14:05:00Z']) {
          const text = formatInstant(iso, locale, countryZone(country));
          expect(text).toBe(formatInstant(iso, locale, timeZone));
          expect(text).not.toContain(`(${countryZoneName(country, locale)})`);
        }
      }
    }
  });
});

describe('a span of days', () => {
  // Both ends hold spaces ("10 апреля 2026 г."): ru and uk set such a range with a spaced
  // dash, the em dash of their catalogs; en and tr with a spaced en dash.
  it('takes the dash each language sets between two written days, and never starts a line with ru/uk’s', () => {
    const span = (locale: 'en' | 'ru' | 'uk' | 'tr') =>
      formatSpan(formatDate('2026-04-10', locale), formatDate('2026-05-20', locale), locale);
    expect(span('ru')).toMatch(/^10 апреля 2026\sг\.\u00a0— 20 мая 2026\sг\.$/u);
    expect(span('uk')).toMatch(/^10 квітня 2026\sр\.\u00a0— 20 травня 2026\sр\.$/u);
    expect(span('en')).toBe('April 10, 2026 – May 20, 2026');
    expect(span('tr')).toBe('10 Nisan 2026 – 20 Mayıs 2026');
  });
});

describe('the overview charts’ text alternatives, as a screen reader says them', () => {
  it('say one offer, one request and one person in English, never “1 offers”', () => {
    const en = translator('en');
    expect(en('overview.chart.intake.alt', { days: 14, offers: 1, requests: 1, people: 1 })).toBe(
      'In the last 14 days: 1 offer, 1 request for 1 person.',
    );
    expect(en('overview.chart.supply.alt', { city: 'Kadıköy', people: 1, beds: 1 })).toBe(
      'Most people wait in Kadıköy: 1 person, 1 bed offered.',
    );
    expect(en('overview.chart.placements.alt', { days: 14, people: 1, day: '3 Dec', most: '1' })).toBe(
      'In the last 14 days 1 person found a place; the most on 3 Dec: 1.',
    );
  });

  // "За последние 28 дн." is how a form abbreviates, not how a sentence is read aloud.
  it('say the days of a chart in full, in the form the count takes', () => {
    expect(translator('ru')('overview.chart.placements.none', { days: 28 })).toBe(
      'За последние 28 дней никого не расселили.',
    );
    expect(translator('ru')('overview.chart.placements.none', { days: 21 })).toBe(
      'За последние 21 день никого не расселили.',
    );
    expect(
      translator('uk')('overview.chart.intake.alt', { days: 3, offers: 1, requests: 2, people: 5 }),
    ).toBe('За останні 3 дні: пропозицій\u00a0— 1, запитів\u00a0— 2, людей у запитах\u00a0— 5.');
    expect(translator('tr')('overview.chart.placements.none', { days: 28 })).toBe(
      'Son 28 günde kimse yerleşmedi.',
    );
    expect(translator('en')('overview.chart.placements.none', { days: 28 })).toBe(
      'Nobody was placed in the last 28 days.',
    );
  });

  it('write large counts as each language groups digits', () => {
    expect(translator('ru')('overview.chart.supply.alt', { city: 'Стамбул', people: 1234, beds: 2 })).toBe(
      'Больше всего ждут в городе Стамбул: людей\u00a0— 1\u00a0234, мест предложено\u00a0— 2.',
    );
    expect(translator('en')('overview.chart.supply.alt', { city: 'Istanbul', people: 1234, beds: 2 })).toBe(
      'Most people wait in Istanbul: 1,234 people, 2 beds offered.',
    );
  });
});
