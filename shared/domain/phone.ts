import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * How a phone number is compared when a coordinator looks someone up: people write the same
 * number as "0555 123 45 67", "+90 555 123 45 67" or "0090 555 1234567". A number valid in the
 * record's country (or with its country code) becomes its E.164 form; anything else its digits.
 */
export function normalisePhone(phone: string, region: string | undefined): string {
  const known = region !== undefined && isSupportedCountry(region) ? (region as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(phone, known);
  if (parsed?.isValid()) return parsed.number;
  return phone.replace(/\D/g, '');
}

/** What a search term looks like when it is a phone number rather than an address or reference. */
export const looksLikePhone = (term: string) =>
  /^\+?[0-9 ().-]+$/.test(term) && term.replace(/\D/g, '').length >= 6;

/**
 * The forms a number typed into the search box may have been stored under: as written in each
 * of `regions` (the coordinator's countries), and its bare digits.
 */
export function phoneSearchForms(term: string, regions: readonly string[]): string[] {
  const forms = new Set(regions.map((region) => normalisePhone(term, region)));
  forms.add(normalisePhone(term, undefined));
  return [...forms].filter((form) => form.replace(/\D/g, '').length >= 6);
}
