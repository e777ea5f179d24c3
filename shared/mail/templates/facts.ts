import type { Locale, OfferRecord, RequestRecord } from '../../domain/records.ts';
import { countryName, formatDate, formatSpan } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/index.ts';
import { placeName } from '../../places/gazetteer.ts';
import type { Row } from './layout.tsx';

/**
 * The facts every mail and decision page states the same way, in the reader's language: a place
 * ("Кадыкёй, Стамбул, Турция"), a stay ("10 декабря 2026 г. – 2 января 2027 г."), a party
 * ("2 взрослых и 1 ребёнок").
 */

/** A record's place in the reader's language, with the country's name; a request may name only the country. */
export function placeText(country: string, city: string | undefined, locale: Locale, t: Translate): string {
  const countryText = countryName(country, locale);
  return city
    ? `${placeName(country, city, locale)}, ${countryText}`
    : t('place.anywhere', { country: countryText });
}

/** A stay from its first day to its last, or from its first day with no end yet. */
export function spanText(from: string, to: string | undefined, locale: Locale, t: Translate): string {
  return to
    ? formatSpan(formatDate(from, locale), formatDate(to, locale), locale)
    : t('mail.dates.from', { from: formatDate(from, locale) });
}

/** Who is coming, as a person says it: "2 adults and 1 child", "1 взрослый". */
export const partyText = (adults: number, children: number, t: Translate) =>
  t('party.summary', { adults, children });

/** Where a record stands, as a coordinator says it ("ищет жильё"), never the stored value ("open"). */
export const statusText = (
  record: Pick<OfferRecord, 'kind' | 'status'> | Pick<RequestRecord, 'kind' | 'status'>,
  t: Translate,
) =>
  record.kind === 'offer'
    ? t(`record.status.offer.${record.status}`)
    : t(`record.status.request.${record.status}`);

/**
 * What a host or seeker told us, as their mails list it: the place as stored (the name it resolved
 * to, which may not be what was typed), the dates, and the beds or the party.
 */
export function recordFacts(record: OfferRecord | RequestRecord, t: Translate): Row[] {
  const { locale } = record;
  if (record.kind === 'offer') {
    return [
      [t('mail.fact.place'), placeText(record.country, record.city, locale, t)],
      [t('mail.fact.dates'), spanText(record.availableFrom, record.availableTo, locale, t)],
      [t('mail.fact.beds'), String(record.beds)],
    ];
  }
  return [
    [t('mail.fact.place'), placeText(record.country, record.city, locale, t)],
    [t('mail.fact.dates'), spanText(record.arrival, record.departure, locale, t)],
    [t('mail.fact.party'), partyText(record.adults, record.children, t)],
  ];
}
