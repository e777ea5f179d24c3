/**
 * Who a coordinator is and which countries they see, from the COORDINATORS map alone: the map is
 * the one list of coordinators, so removing an address from it ends that person's access at
 * their next request (every request re-derives the scope).
 */
export type CoordinatorMap = Readonly<Record<string, readonly string[]>>;

export interface CoordinatorScope {
  /** The address as COORDINATORS lists it, lower-cased: what the audit trail records. */
  readonly email: string;
  /** `*` for every country, else the country codes the address is listed under. */
  readonly countries: '*' | readonly string[];
}

/** Addresses compare as people type them: case and surrounding spaces do not matter. */
export const normaliseAddress = (email: string) => email.trim().toLowerCase();

/** The scope of an address, or undefined when COORDINATORS does not list it. */
export function coordinatorScope(map: CoordinatorMap, email: string): CoordinatorScope | undefined {
  const wanted = normaliseAddress(email);
  const listed = Object.entries(map).filter(([, addresses]) =>
    addresses.some((address) => normaliseAddress(address) === wanted),
  );
  if (listed.length === 0) return undefined;
  const codes = listed.map(([code]) => code);
  return { email: wanted, countries: codes.includes('*') ? '*' : codes.sort() };
}

/** Whether a record of `country` is within the scope; anything else answers as if it did not exist. */
export function inScope(scope: CoordinatorScope, country: string): boolean {
  return scope.countries === '*' || scope.countries.includes(country.toUpperCase());
}

/**
 * Whether a coordinator may lift a block another set: a block keeps a person away from every
 * country, so only someone whose countries cover all of the blocker's may undo it (the blocker
 * themself, a coordinator of every country). A blocker no longer listed leaves it to anyone who
 * sees the record.
 */
export function mayLift(map: CoordinatorMap, scope: CoordinatorScope, blockedBy: string): boolean {
  if (scope.countries === '*' || normaliseAddress(blockedBy) === scope.email) return true;
  const blocker = coordinatorScope(map, blockedBy);
  if (blocker === undefined) return true;
  if (blocker.countries === '*') return false;
  return blocker.countries.every((country) => inScope(scope, country));
}
