import { dayOf } from './matching/nights.ts';
import { DAY_MS } from './time.ts';

/**
 * Which day it is where a country lies. A stay's nights are that country's calendar days, so
 * "today" for a stay (has it begun, has its last night passed, from which night can it start)
 * is counted there, not in UTC: at 01:00 in Istanbul the night of the day before has passed.
 */

/** Countries spanning several zones: the zone most of their people (and our volunteers) live in. */
const MAIN_TIME_ZONE: Readonly<Record<string, string>> = {
  AR: 'America/Buenos_Aires',
  AU: 'Australia/Sydney',
  BR: 'America/Sao_Paulo',
  CA: 'America/Toronto',
  CL: 'America/Santiago',
  CY: 'Asia/Nicosia',
  ES: 'Europe/Madrid',
  KZ: 'Asia/Almaty',
  MN: 'Asia/Ulaanbaatar',
  MX: 'America/Mexico_City',
  PT: 'Europe/Lisbon',
  RU: 'Europe/Moscow',
  US: 'America/New_York',
  UZ: 'Asia/Tashkent',
  // ICU lists no zone for Kosovo, and lists first an outlying zone for these three.
  XK: 'Europe/Belgrade',
  GL: 'America/Nuuk',
  PF: 'Pacific/Tahiti',
  PG: 'Pacific/Port_Moresby',
  // ICU 78 lists the old spelling first (Europe/Kiev); later ICUs may not.
  UA: 'Europe/Kyiv',
};

interface LocaleWithZones {
  readonly timeZones?: readonly string[];
  getTimeZones?(): readonly string[];
}

// Asked ICU for once per country: a matcher run asks for every request it reads.
const countryZones = new Map<string, string>();

/**
 * The time zone a coordinator of a country lives in (Europe/Istanbul for TR), from ICU's zones
 * of the region; UTC when the code names no country ICU knows.
 */
export function countryTimeZone(country: string): string {
  let zone = countryZones.get(country);
  if (zone === undefined) {
    zone = MAIN_TIME_ZONE[country] ?? regionZones(country)[0] ?? 'UTC';
    countryZones.set(country, zone);
  }
  return zone;
}

/** ICU's time zones of a country; none when the code names no country ICU knows. */
export function regionZones(country: string): readonly string[] {
  try {
    const region = new Intl.Locale(`und-${country}`) as unknown as LocaleWithZones;
    return region.getTimeZones?.() ?? region.timeZones ?? [];
  } catch {
    return [];
  }
}

// Built once per zone: building one costs more than the many days a matcher run reads with it.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone, to tell one local day from the next. */
export function dayInZone(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    // en-CA writes a day as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      timeZone,
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(date);
}

/** The day (YYYY-MM-DD) an instant falls on in a country: what "today" means for a stay there. */
export const dayInCountry = (iso: string, country: string): string =>
  dayInZone(iso, countryTimeZone(country));

/** Today's day number (nights.ts dayOf) where a country lies. */
export const todayIn = (country: string, now: Date): number =>
  dayOf(dayInCountry(now.toISOString(), country));

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far a zone's clock is ahead of UTC at an instant, in milliseconds ("GMT+03:00" → 3 h). */
function zoneOffsetMs(timeZone: string, at: number): number {
  let format = offsetFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const [, sign, hours, minutes] = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name) ?? [];
  if (sign === undefined) return 0;
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
}

/**
 * The instant a day (a day number) begins where a country lies: the morning a stay ending that day
 * is over there (todayIn reaches it then). Measured again at the guess, as a clock change may lie
 * between; where the clocks go forward at midnight (Chile, Paraguay, Cuba), that midnight never
 * comes, and the day begins at the hour the clocks jump to.
 */
export function dayStartsIn(country: string, day: number): Date {
  const timeZone = countryTimeZone(country);
  const midnightUtc = day * DAY_MS;
  const guess = midnightUtc - zoneOffsetMs(timeZone, midnightUtc);
  const starts = midnightUtc - zoneOffsetMs(timeZone, guess);
  // In that gap the second measure lands before the jump, on the day before; the first lands on it.
  return new Date(todayIn(country, new Date(starts)) >= day ? starts : guess);
}

/**
 * The instant the clocks where a country lies show `hour`:00 on a day (a day number), measured as
 * dayStartsIn measures midnight: on the day clocks change, midnight plus the hours is an hour off.
 */
export function hourIn(country: string, day: number, hour: number): Date {
  const timeZone = countryTimeZone(country);
  const wallClock = day * DAY_MS + hour * 3_600_000;
  const guess = wallClock - zoneOffsetMs(timeZone, wallClock);
  return new Date(wallClock - zoneOffsetMs(timeZone, guess));
}
