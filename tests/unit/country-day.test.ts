import { describe, expect, it } from 'vitest';
import { dayInCountry, dayStartsIn, hourIn, todayIn } from '../../shared/domain/country-day.ts';
import { dateOf, dayOf } from '../../shared/domain/matching/nights.ts';

describe('the day where a country lies', () => {
  it('turns over at local midnight, not at UTC midnight: 01:30 in Tbilisi is already the next day', () => {
    expect(dateOf(todayIn('GE', new Date('2026-12-05T19:59:59Z')))).toBe('2026-12-05');
    expect(dateOf(todayIn('GE', new Date('2026-12-05T21:30:00Z')))).toBe('2026-12-06');
    expect(dateOf(todayIn('TR', new Date('2026-12-05T21:00:00Z')))).toBe('2026-12-06');
    expect(dateOf(todayIn('TR', new Date('2026-12-05T20:59:59.999Z')))).toBe('2026-12-05');
  });

  it('is the UTC day in a country the code names no zone for', () => {
    expect(dateOf(todayIn('XZ', new Date('2026-12-05T23:59:00Z')))).toBe('2026-12-05');
    expect(dayStartsIn('XZ', dayOf('2026-12-06')).toISOString()).toBe('2026-12-06T00:00:00.000Z');
  });

  it('begins at local midnight on either side of a clock change', () => {
    // Germany moves to summer time at 01:00 UTC on 29 March 2026 and back at 01:00 UTC on 25 October.
    expect(dayStartsIn('DE', dayOf('2026-03-29')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(dayStartsIn('DE', dayOf('2026-03-30')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(dayStartsIn('DE', dayOf('2026-10-25')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(dayStartsIn('DE', dayOf('2026-10-26')).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(dayStartsIn('US', dayOf('2026-11-01')).toISOString()).toBe('2026-11-01T04:00:00.000Z');
    // Chile's clocks jump from 24:00 to 01:00 on 6 September 2026: that day begins at 04:00 UTC.
    expect(dayStartsIn('CL', dayOf('2026-09-06')).toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('finds nine in the morning on the days clocks change, not midnight plus nine hours', () => {
    expect(hourIn('DE', dayOf('2026-03-29'), 9).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(hourIn('DE', dayOf('2026-10-25'), 9).toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(hourIn('GE', dayOf('2026-12-05'), 9).toISOString()).toBe('2026-12-05T05:00:00.000Z');
    expect(hourIn('XK', dayOf('2026-12-05'), 9).toISOString()).toBe('2026-12-05T08:00:00.000Z');
  });

  it('starts each day at the first instant todayIn gives that day, in the countries Haven serves, those whose clocks jump at midnight, and a year of days', () => {
    for (const country of [
      'TR',
      'GE',
      'AM',
      'KZ',
      'RS',
      'DE',
      'PL',
      'UA',
      'MD',
      'US',
      'CL',
      'PY',
      'CU',
      'XZ',
    ]) {
      for (let day = dayOf('2026-01-01'); day < dayOf('2027-01-01'); day++) {
        const starts = dayStartsIn(country, day);
        expect(todayIn(country, starts)).toBe(day);
        expect(todayIn(country, new Date(starts.getTime() - 1))).toBe(day - 1);
        expect(dayInCountry(starts.toISOString(), country)).toBe(dateOf(day));
      }
    }
  });
});
