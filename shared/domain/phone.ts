import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  type CountryCode,
  isSupportedCountry,
  type MetadataJson,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/core';

let metadata: MetadataJson | undefined;

/**
 * Every country's numbering plan (80 KB of JSON), read on the first number rather than compiled
 * into every cold start: from node_modules here, from the copy beside a Lambda bundle there.
 */
function phoneMetadata(): MetadataJson {
  metadata ??= JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve('libphonenumber-js/metadata.min.json'), 'utf8'),
  ) as MetadataJson;
  return metadata;
}

/**
 * How a phone number is compared when a coordinator looks someone up: people write the same
 * number as "0555 123 45 67", "+90 555 123 45 67" or "0090 555 1234567". A number valid in the
 * record's country (or with its country code) becomes its E.164 form; anything else its digits.
 */
export function normalisePhone(phone: string, region: string | undefined): string {
  const plans = phoneMetadata();
  // Checked against the plans on the next line: a code they do not know is not used.
  const country = region as CountryCode | undefined;
  const known = country !== undefined && isSupportedCountry(country, plans) ? country : undefined;
  const parsed = known
    ? parsePhoneNumberFromString(phone, known, plans)
    : parsePhoneNumberFromString(phone, plans);
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
