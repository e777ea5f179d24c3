/**
 * `npm run bench:surge-offline`: the surge's pool (surge-driver.ts's submissions, SURGE_OFFERS /
 * SURGE_REQUESTS / SURGE_SEED) matched at once as the matcher matches it (matchInTurns), with no
 * server: people placed against the most any set of pairs places night by night
 * (nightly-optimum.py), and the time it took. Seconds where the live surge takes a quarter hour.
 */

import { todayIn } from '../../shared/domain/country-day.ts';
import { matchInTurns } from '../../shared/domain/matching/later-stays.ts';
import { matchPool } from '../../shared/domain/matching/solver/match-pool.ts';
import { defaultMatcherOptions } from '../../shared/matching/matcher.ts';
import { nightlyOptimumOf, nightlyPairsOf } from './nightly-optimum.ts';
import { surgePool } from './surge-pool.ts';
import { replayLive } from './surge-replay.ts';

const env = process.env;
const OFFERS = Number(env.SURGE_OFFERS ?? 40);
const REQUESTS = Number(env.SURGE_REQUESTS ?? 60);
const SEEDS = (env.SURGE_SEEDS ?? '17').split(',').map(Number);
const OPTIMUM_SECONDS = Number(env.SURGE_OPTIMUM_SECONDS ?? 300);

const ratio = (a: number, b: number) => Math.round((a / b) * 10_000) / 10_000;

/**
 * With SURGE_WINDOWS (say `1,5,20,100,all`): the live matcher replayed (surge-replay.ts), the
 * confirmations in arrival order matched in stream batches of that many, against the same pool
 * matched at once, instead of the optimum. SURGE_LAG: confirmations the table shows before their
 * own batch runs (the stream running behind; 0, the default, keeps up). SURGE_AROUND_FRESH=0
 * replays the matcher from before its runs matched around fresh offers.
 */
const WINDOWS = env.SURGE_WINDOWS?.split(',');
const LAG = Number(env.SURGE_LAG ?? 0);
const AROUND_FRESH = env.SURGE_AROUND_FRESH !== '0';

for (const seed of SEEDS) {
  const { offers, requests, confirmations } = await surgePool(OFFERS, REQUESTS, seed);
  const pool = {
    offers: offers.map((offer) => ({ offer, holds: [] })),
    requests,
    declined: new Set<string>(),
  };
  let started = performance.now();
  const once = matchPool(pool);
  const onceMs = performance.now() - started;
  started = performance.now();
  const turns = matchInTurns(pool);
  const turnsMs = performance.now() - started;
  if (WINDOWS) {
    const today = todayIn('TR', new Date());
    for (const window of WINDOWS) {
      started = performance.now();
      const live = replayLive(
        confirmations,
        window === 'all' ? confirmations.length : Number(window),
        defaultMatcherOptions,
        today,
        { lag: LAG, aroundFresh: AROUND_FRESH },
      );
      console.log(
        JSON.stringify({
          seed,
          offers: OFFERS,
          requests: REQUESTS,
          window,
          lag: LAG,
          aroundFresh: AROUND_FRESH,
          atOnce: turns.people,
          live: live.people,
          liveOfAtOnce: ratio(live.people, turns.people),
          runs: live.runs,
          solves: live.solves,
          ms: Math.round(performance.now() - started),
        }),
      );
    }
    continue;
  }
  const optimum = nightlyOptimumOf(nightlyPairsOf(pool), OPTIMUM_SECONDS);
  const best = optimum.optimal ? (optimum.people ?? 0) : (optimum.bound ?? 0);
  console.log(
    JSON.stringify({
      seed,
      offers: OFFERS,
      requests: REQUESTS,
      pairs: optimum.pairs,
      oneSolve: { people: once.people, ms: Math.round(onceMs) },
      inTurns: { people: turns.people, turns: turns.turns, ms: Math.round(turnsMs) },
      nightly: { people: optimum.people, bound: optimum.bound, optimal: optimum.optimal },
      placedOfNightly: ratio(turns.people, best),
    }),
  );
}
