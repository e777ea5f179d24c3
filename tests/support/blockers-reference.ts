import { cellOf, cellsWithin } from '../../shared/domain/geo.ts';
import { checkPair, hasPlace, maxDistanceKmOf, OFFER_NEEDS } from '../../shared/domain/matching/rules.ts';
import { pairKey } from '../../shared/domain/matching/solver/pool.ts';
import {
  BLOCKERS,
  type Blocker,
  type LoadedPoolOffer,
  signatureOf,
  type WaitingPool,
} from '../../shared/domain/overview-blockers.ts';

const NEED_BLOCKERS: readonly Blocker[] = ['pets', 'children', 'stepFree', 'safeHousehold'];
/** The cap blockersOf puts on the offers it reads per request. */
const MOST_OFFERS_CHECKED = 4000;

/** The single rule checkPair names, as a blocker; 'several' when rules 2 and 5 miss more than one need. */
function blockerOfRules(
  rules: readonly string[],
  pair: LoadedPoolOffer,
  request: WaitingPool['requests'][number],
) {
  const needs = OFFER_NEEDS.flatMap((need, i) =>
    need.needs(request) && !need.gives(pair.offer) ? [NEED_BLOCKERS[i] as Blocker] : [],
  );
  const blockers = rules.flatMap((rule): Blocker[] =>
    rule === '1-capacity'
      ? ['capacity']
      : rule === '3-dates'
        ? ['dates']
        : rule === '6-declined'
          ? ['declined']
          : [],
  );
  const all = [
    ...new Set([
      ...blockers,
      ...(rules.some((r) => r === '2-accepts' || r === '5-safe-household') ? needs : []),
    ]),
  ];
  return all.length === 1 ? all[0] : undefined;
}

/**
 * Why each request waits, the slow and obvious way: checkPair on every open offer in its cells,
 * each broken rule named, the single rule most offers break alone. The reference blockersOf is
 * held to; with `memo`, requests alike (and with no declined pair) are worked out once, as the
 * sweep did before its bit checks: the benchmark's "before".
 */
export function referenceBlockers(pool: WaitingPool, today: number, memo = false) {
  const byCell = new Map<string, LoadedPoolOffer[]>();
  for (const pair of pool.offers) {
    const cell = cellOf(pair.offer);
    byCell.set(cell, [...(byCell.get(cell) ?? []), pair]);
  }
  const declinedRequests = new Set([...pool.declined].map((pair) => pair.split('|')[0]));
  const known = new Map<string, Blocker>();
  return (request: WaitingPool['requests'][number]): Blocker => {
    const signature = memo && !declinedRequests.has(request.id) ? signatureOf(request) : undefined;
    const found = signature === undefined ? undefined : known.get(signature);
    if (found) return found;
    const reach = hasPlace(request)
      ? cellsWithin(request, maxDistanceKmOf(request)).flatMap((cell) => byCell.get(cell) ?? [])
      : pool.offers;
    const blocker = blockerAmong(pool, request, reach, today);
    if (signature !== undefined) known.set(signature, blocker);
    return blocker;
  };
}

function blockerAmong(
  pool: WaitingPool,
  request: WaitingPool['requests'][number],
  reach: readonly LoadedPoolOffer[],
  today: number,
): Blocker {
  const alone = new Map<Blocker, number>();
  let inReach = 0;
  let checked = 0;
  for (const pair of reach) {
    if (pair.offer.status !== 'open' || pair.offer.blockedAt !== undefined) continue;
    if (checked++ >= MOST_OFFERS_CHECKED) break;
    const declined = pool.declined.has(pairKey(request.id, pair.offer.id));
    const { broken } = checkPair(pair.offer, request, { holds: pair.holds, declined, today });
    if (broken.includes('4-place')) continue;
    inReach++;
    if (broken.length === 0) return 'none';
    const blocker = blockerOfRules(broken, pair, request);
    if (blocker) alone.set(blocker, (alone.get(blocker) ?? 0) + 1);
  }
  if (inReach === 0) return 'place';
  let best: Blocker = 'several';
  let most = 0;
  for (const blocker of BLOCKERS)
    if ((alone.get(blocker) ?? 0) > most) {
      best = blocker;
      most = alone.get(blocker) ?? 0;
    }
  return best;
}
