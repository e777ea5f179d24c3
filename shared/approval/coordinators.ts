import type { Config } from '../config.ts';

/**
 * Who decides on proposals for offers in a country: COORDINATORS[country], else COORDINATORS['*'].
 * The config schema requires at least one address per entry, so an empty answer means the
 * operator configured neither the country nor a fallback, which the proposal must not hide.
 */
export function coordinatorsFor(config: Config, country: string): readonly string[] {
  const addresses = config.COORDINATORS[country.toUpperCase()] ?? config.COORDINATORS['*'];
  if (!addresses || addresses.length === 0) {
    throw new Error(`No coordinator is configured for ${country} and there is no '*' fallback`);
  }
  return addresses;
}
