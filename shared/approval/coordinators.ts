import type { Config } from '../config.ts';
import type { Locale } from '../domain/records.ts';
import type { Logger } from '../log.ts';

function listedFor(config: Config, country: string): readonly string[] | undefined {
  return config.COORDINATORS[country.toUpperCase()] ?? config.COORDINATORS['*'];
}

/**
 * Whether anyone decides on proposals in this country. Without `*` in COORDINATORS, a country
 * nobody is listed for gets no proposals: its people wait, open, until a coordinator is listed,
 * rather than having their beds held by proposals nobody can see.
 */
export function hasCoordinators(config: Config, country: string): boolean {
  return (listedFor(config, country)?.length ?? 0) > 0;
}

/**
 * Who decides on a proposal being made for an offer in a country: COORDINATORS[country], else
 * COORDINATORS['*']. Only for making proposals: the matcher proposes only where
 * `hasCoordinators`, so an empty answer means the country was removed while the matcher ran,
 * and the proposal must not be written for nobody to see. What becomes of a proposal later is
 * told through coordinatorsToTell.
 */
export function coordinatorsFor(config: Config, country: string): readonly string[] {
  const addresses = listedFor(config, country);
  if (!addresses || addresses.length === 0) {
    throw new Error(`No coordinator is configured for ${country} and there is no '*' fallback`);
  }
  return addresses;
}

/**
 * Whom to tell of what became of a proposal or a stay (a proposal void, a problem reported):
 * COORDINATORS[country], else COORDINATORS['*']. Where the operator removed a country that still
 * has proposals or stays, nobody is left to mail: the person's own act (a withdrawal, a report of
 * a problem, which the workspace's problem queue keeps) still goes through rather than failing
 * with an error they can do nothing about, and the log raises the alarm for the operator.
 */
export function coordinatorsToTell(config: Config, log: Logger, country: string): readonly string[] {
  const addresses = listedFor(config, country) ?? [];
  if (addresses.length === 0) log.error('coordinators.none_listed', { country });
  return addresses;
}

/** The languages the operator listed for a country's coordinators (COORDINATOR_LANGUAGES), else `*`'s, if any. */
export const coordinatorLanguages = (config: Config, country: string): readonly Locale[] | undefined =>
  config.COORDINATOR_LANGUAGES[country.toUpperCase()] ?? config.COORDINATOR_LANGUAGES['*'];
