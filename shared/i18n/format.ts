import { countryTimeZone, regionZones } from '../domain/country-day.ts';
import type { Locale } from '../domain/records.ts';

/**
 * Dates, instants, numbers, countries and languages as a reader of each locale writes them,
 * from the runtime's ICU data. Pages and mails both format through here, so a mail never says
 * "2026-12-10" or "TR" where the page says "10 декабря 2026 г." and "Турция".
 */

type Formatter = Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames | Intl.PluralRules;

// Built once per locale and kind: building one costs more than a page's whole text.
const cache = new Map<string, Formatter>();

function cached<T extends Formatter>(key: string, make: () => T): T {
  let value = cache.get(key);
  if (!value) {
    value = make();
    cache.set(key, value);
  }
  return value as T;
}

/** A calendar day ("10 December 2026", "10 декабря 2026 г.", "10 Aralık 2026"); not an instant, so no zone. */
export function formatDate(isoDate: string, locale: Locale): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return cached(
    `date:${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
  ).format(date);
}

/**
 * An instant in a named time zone, the zone said in brackets ("10 Aralık 2026 17:05 (Türkiye
 * saati)"): a deadline is read by someone who lives in that zone, not in UTC, and the brackets
 * keep the zone's name out of the sentence's grammar ("до 10 декабря … (время в Турции)"). The
 * zones of the countries the places cover most closely have our own names (ZONE_NAMES); a zone
 * given as a country's (countryZone) is named after the country (countryZoneName) when all the
 * country's zones show the same time (oneClock); others, ICU's, which name the zone.
 */
export function formatInstant(iso: string, locale: Locale, zone: string | CountryZone): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const timeZone = typeof zone === 'string' ? zone : zone.timeZone;
  const own =
    ZONE_NAMES[timeZone]?.[locale] ??
    (typeof zone === 'string' || timeZone === 'UTC' || !oneClock(zone.country, date)
      ? undefined
      : countryZoneName(zone.country, locale));
  const parts = cached(
    `instant:${locale}:${timeZone}:${own === undefined ? 'icu' : 'own'}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
        ...(own === undefined ? { timeZoneName: timeZone === 'UTC' ? 'short' : 'long' } : {}),
      }),
  ).formatToParts(date);
  const zoneName = own ?? parts.find((part) => part.type === 'timeZoneName')?.value;
  const moment = parts
    .filter((part) => part.type !== 'timeZoneName')
    .map((part) => part.value)
    .join('')
    .trim();
  return zoneName ? `${moment} (${zoneName})` : moment;
}

/**
 * Whether every zone of a country shows the same time at an instant (France; Germany's two), so
 * the country's name says which time it is. The United States, Russia, Canada, Australia,
 * Brazil, Mexico, and Portugal and Spain with their islands do not: "(United States time)"
 * would let a coordinator in Los Angeles read a deadline as their own, three hours off.
 */
function oneClock(country: string, date: Date): boolean {
  const zones = regionZones(country);
  const offset = (timeZone: string) =>
    cached(
      `offset:${timeZone}`,
      () => new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' }),
    )
      .formatToParts(date)
      .find((part) => part.type === 'timeZoneName')?.value;
  const first = zones.length > 0 ? offset(zones[0] as string) : undefined;
  return zones.every((timeZone) => offset(timeZone) === first);
}

/**
 * A zone named after a country, for a country only COORDINATORS lists (neither the places'
 * FIRST_DESTINATIONS nor DESTINATIONS): ICU would say "Orta Avrupa Yaz Saati" or "Западная
 * Европа, летнее время". English and Turkish put the country's name before the word for time as
 * they do for any country ("France time", "Fransa saati"). Russian and Ukrainian would
 * decline it ("время в Португалии"), and ICU gives a country's name in the nominative only, so
 * they name it where Russian and Ukrainian keep the nominative themselves, after a colon, as a
 * phone's settings say it ("часовой пояс: Франция"). "местное время, Франция" left the name
 * hanging undeclined after a comma.
 */
export function countryZoneName(country: string, locale: Locale): string {
  const name = countryName(country, locale);
  switch (locale) {
    case 'en':
      return `${name} time`;
    case 'tr':
      return `${name} saati`;
    case 'ru':
      return `часовой пояс: ${name}`;
    case 'uk':
      return `часовий пояс: ${name}`;
  }
}

/**
 * Our own names of the time zones of the countries Haven serves first and of its other
 * destinations (the places' FIRST_DESTINATIONS and DESTINATIONS, shared/places/generate.ts),
 * in each language. ICU's (Node 20's ICU 78) read
 * like a form's labels in Russian ("Грузия, стандартное время", "Центральная Европа,
 * стандартное время", a bare "Казахстан"), name standard or summer time where a reader wants
 * the country, and change with the runtime's version (the Lambdas run Node 22). These name the
 * country, right in winter and summer alike.
 */
const ZONE_NAMES: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  'Europe/Istanbul': { en: 'Türkiye time', ru: 'время в Турции', uk: 'час у Туреччині', tr: 'Türkiye saati' },
  'Asia/Tbilisi': { en: 'Georgia time', ru: 'время в Грузии', uk: 'час у Грузії', tr: 'Gürcistan saati' },
  'Asia/Yerevan': { en: 'Armenia time', ru: 'время в Армении', uk: 'час у Вірменії', tr: 'Ermenistan saati' },
  'Asia/Almaty': {
    en: 'Kazakhstan time',
    ru: 'время в Казахстане',
    uk: 'час у Казахстані',
    tr: 'Kazakistan saati',
  },
  'Europe/Belgrade': { en: 'Serbia time', ru: 'время в Сербии', uk: 'час у Сербії', tr: 'Sırbistan saati' },
  'Asia/Baku': {
    en: 'Azerbaijan time',
    ru: 'время в Азербайджане',
    uk: 'час в Азербайджані',
    tr: 'Azerbaycan saati',
  },
  'Europe/Tirane': { en: 'Albania time', ru: 'время в Албании', uk: 'час в Албанії', tr: 'Arnavutluk saati' },
  'Europe/Sarajevo': {
    en: 'Bosnia and Herzegovina time',
    ru: 'время в Боснии и Герцеговине',
    uk: 'час у Боснії і Герцеговині',
    tr: 'Bosna-Hersek saati',
  },
  'Asia/Nicosia': { en: 'Cyprus time', ru: 'время на Кипре', uk: 'час на Кіпрі', tr: 'Kıbrıs saati' },
  'Asia/Jerusalem': { en: 'Israel time', ru: 'время в Израиле', uk: 'час в Ізраїлі', tr: 'İsrail saati' },
  'Asia/Bishkek': {
    en: 'Kyrgyzstan time',
    ru: 'время в Киргизии',
    uk: 'час у Киргизстані',
    tr: 'Kırgızistan saati',
  },
  'Europe/Chisinau': { en: 'Moldova time', ru: 'время в Молдове', uk: 'час у Молдові', tr: 'Moldova saati' },
  'Europe/Podgorica': {
    en: 'Montenegro time',
    ru: 'время в Черногории',
    uk: 'час у Чорногорії',
    tr: 'Karadağ saati',
  },
  'Europe/Skopje': {
    en: 'North Macedonia time',
    ru: 'время в Северной Македонии',
    uk: 'час у Північній Македонії',
    tr: 'Kuzey Makedonya saati',
  },
  'Asia/Tashkent': {
    en: 'Uzbekistan time',
    ru: 'время в Узбекистане',
    uk: 'час в Узбекистані',
    tr: 'Özbekistan saati',
  },
  // The places' other destinations (DESTINATIONS in shared/places/generate.ts).
  'Europe/Vienna': { en: 'Austria time', ru: 'время в Австрии', uk: 'час в Австрії', tr: 'Avusturya saati' },
  'Europe/Sofia': {
    en: 'Bulgaria time',
    ru: 'время в Болгарии',
    uk: 'час у Болгарії',
    tr: 'Bulgaristan saati',
  },
  'Europe/Prague': { en: 'Czechia time', ru: 'время в Чехии', uk: 'час у Чехії', tr: 'Çekya saati' },
  'Europe/Berlin': { en: 'Germany time', ru: 'время в Германии', uk: 'час у Німеччині', tr: 'Almanya saati' },
  'Europe/Tallinn': { en: 'Estonia time', ru: 'время в Эстонии', uk: 'час в Естонії', tr: 'Estonya saati' },
  'Europe/Helsinki': {
    en: 'Finland time',
    ru: 'время в Финляндии',
    uk: 'час у Фінляндії',
    tr: 'Finlandiya saati',
  },
  'Europe/Athens': { en: 'Greece time', ru: 'время в Греции', uk: 'час у Греції', tr: 'Yunanistan saati' },
  'Europe/Zagreb': {
    en: 'Croatia time',
    ru: 'время в Хорватии',
    uk: 'час у Хорватії',
    tr: 'Hırvatistan saati',
  },
  'Europe/Budapest': {
    en: 'Hungary time',
    ru: 'время в Венгрии',
    uk: 'час в Угорщині',
    tr: 'Macaristan saati',
  },
  'Europe/Vilnius': { en: 'Lithuania time', ru: 'время в Литве', uk: 'час у Литві', tr: 'Litvanya saati' },
  'Europe/Riga': { en: 'Latvia time', ru: 'время в Латвии', uk: 'час у Латвії', tr: 'Letonya saati' },
  'Europe/Warsaw': { en: 'Poland time', ru: 'время в Польше', uk: 'час у Польщі', tr: 'Polonya saati' },
  'Europe/Bucharest': { en: 'Romania time', ru: 'время в Румынии', uk: 'час у Румунії', tr: 'Romanya saati' },
  'Europe/Ljubljana': {
    en: 'Slovenia time',
    ru: 'время в Словении',
    uk: 'час у Словенії',
    tr: 'Slovenya saati',
  },
  'Europe/Bratislava': {
    en: 'Slovakia time',
    ru: 'время в Словакии',
    uk: 'час у Словаччині',
    tr: 'Slovakya saati',
  },
  'Europe/Kyiv': { en: 'Ukraine time', ru: 'время в Украине', uk: 'час в Україні', tr: 'Ukrayna saati' },
};

/** A share in [0, 1] as a whole percentage: "66%", "66 %" in Russian, "%66" in Turkish. */
export function formatPercent(share: number, locale: Locale): string {
  return cached(
    `percent:${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
  ).format(share);
}

/** A count as the reader writes it: "12,345", "12 345", "12.345". */
export function formatCount(value: number, locale: Locale): string {
  return cached(`count:${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}

/** The plural category ("one", "few", "many", "other") of a count in the locale, for the catalogs' plural forms. */
export function pluralCategory(value: number, locale: Locale): Intl.LDMLPluralRule {
  return cached(`plural:${locale}`, () => new Intl.PluralRules(locale)).select(value);
}

/**
 * The dash between the two ends of a span of days. Both ends are written in words with spaces
 * ("10 апреля 2026 г."), and when an end of a range holds a space, Russian and Ukrainian
 * typography set the range with a spaced dash (тире), the em dash their catalogs use for every
 * spaced dash; English and Turkish write a spaced en dash. The space before the Russian and
 * Ukrainian dash does not break, so no line starts with it.
 */
const SPAN_DASH: Readonly<Record<Locale, string>> = {
  en: ' – ',
  tr: ' – ',
  ru: '\u00a0— ',
  uk: '\u00a0— ',
};

/** A span from one written day to another: "10 April 2026 – 20 May 2026", "10 апреля 2026 г. — 20 мая 2026 г." (no break before «—»). */
export function formatSpan(from: string, to: string, locale: Locale): string {
  return `${from}${SPAN_DASH[locale]}${to}`;
}

/** A day on a chart's axis or in its table, short: "3 Dec", "3 дек.", "3 Ara". */
export function formatShortDate(isoDate: string, locale: Locale): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return cached(
    `short-date:${locale}`,
    () => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
  ).format(date);
}

/** A number of days, whole: "5 days", "5 дней", "5 днів", "5 gün". */
export function formatDays(days: number, locale: Locale): string {
  return cached(
    `days:${locale}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: 'day',
        unitDisplay: 'long',
        maximumFractionDigits: 0,
      }),
  ).format(days);
}

/** A distance in kilometres, one decimal at most: "49.4 km", "49,4 км". */
export function formatKm(km: number, locale: Locale): string {
  return cached(
    `km:${locale}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: 'kilometer',
        unitDisplay: 'short',
        maximumFractionDigits: 1,
      }),
  ).format(km);
}

/** A country's name in the reader's language ("Турция" for TR); the code itself when ICU has none. */
export function countryName(code: string, locale: Locale): string {
  try {
    return (
      cached(`region:${locale}`, () => new Intl.DisplayNames([locale], { type: 'region' })).of(code) ?? code
    );
  } catch {
    return code;
  }
}

/** A language's name in the reader's language, capitalised as a list entry: "Gürcüce" for `ka` in Turkish. */
export function languageName(code: string, locale: Locale): string {
  try {
    const name = cached(
      `language:${locale}`,
      () => new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }),
    ).of(code);
    return name ? name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) : code;
  } catch {
    return code;
  }
}

/**
 * Languages as a list the locale writes: "Russian, English, and Turkish", "Русский, английский и
 * турецкий" as a value of its own, "русский, английский и турецкий" `within` a sentence.
 */
export function languageList(codes: readonly string[], locale: Locale, within = false): string {
  const names = codes.map((code, index) => {
    const name = languageName(code, locale);
    // Mid-sentence, Russian and Ukrainian write language names in lower case; English and Turkish do not.
    return (index > 0 || within) && (locale === 'ru' || locale === 'uk')
      ? name.toLocaleLowerCase(locale)
      : name;
  });
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}

/** A country's time zone (countryTimeZone) with the country, which names it where we have no name of our own. */
export interface CountryZone {
  readonly timeZone: string;
  readonly country: string;
}

export const countryZone = (country: string): CountryZone => ({
  timeZone: countryTimeZone(country),
  country,
});
