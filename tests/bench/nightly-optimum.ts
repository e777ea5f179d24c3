/**
 * The optimum of a pool under rule 1 night by night, from SciPy (nightly-optimum.py): the
 * reference of the benchmark's S and M and of the surge bench, and what the test pinning the
 * script hands it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stayOf } from '../../shared/domain/matching/nights.ts';
import { partySize } from '../../shared/domain/matching/rules.ts';
import type { PairTable } from '../../shared/domain/matching/solver/pair-table.ts';
import type { Pool } from '../../shared/domain/matching/solver/pool.ts';
import { allPairs } from './baselines.ts';
import { millionths, PYTHON } from './optimum.ts';

const SCRIPT = fileURLToPath(new URL('nightly-optimum.py', import.meta.url));
/** The night an open-ended stay in an offer without an end runs to: past every other. */
const OPEN_END = 1e9;

/** The allowed pairs (request r, offer o, the stay's nights [start, end)), party sizes, beds. */
export interface NightlyPairs {
  readonly r: number[];
  readonly o: number[];
  readonly start: number[];
  readonly end: number[];
  readonly size: readonly number[];
  readonly beds: readonly number[];
  readonly multi: readonly boolean[];
  /** Each pair's score in whole millionths: given, the optimum takes the highest score among the sets placing the most people. */
  readonly w?: number[];
  /** Beds the offers' proposals hold: [offer, first night, morning of departure, beds]. */
  readonly holds?: [number, number, number, number][];
}

const day = (night: number) => (Number.isFinite(night) ? night : OPEN_END);

/**
 * Every pair the rules allow in this pool (its holds and declines counted; `pairs` when the
 * caller has them already), with its stay and score: what the nightly optimum chooses from.
 */
export function nightlyPairsOf(pool: Pool, pairs: PairTable = allPairs(pool)): NightlyPairs {
  const input = {
    r: [] as number[],
    o: [] as number[],
    start: [] as number[],
    end: [] as number[],
    w: [] as number[],
    size: pool.requests.map(partySize),
    beds: pool.offers.map(({ offer }) => offer.beds),
    multi: pool.offers.map(({ offer }) => offer.multipleParties),
    holds: pool.offers.flatMap(({ holds }, o) =>
      holds.map((hold): [number, number, number, number] => [
        o,
        hold.nights.from,
        day(hold.nights.to),
        hold.beds,
      ]),
    ),
  };
  for (let index = 0; index < pairs.length; index++) {
    const pair = pairs.fields(index);
    const stay = stayOf(
      pool.requests[pair.request] as Pool['requests'][number],
      (pool.offers[pair.offer] as Pool['offers'][number]).offer,
    );
    input.r.push(pair.request);
    input.o.push(pair.offer);
    input.start.push(stay.from);
    input.end.push(day(stay.to));
    input.w.push(millionths(pair.score));
  }
  return input;
}

/** What nightly-optimum.py answers (see its docstring). */
export interface NightlyOptimum {
  readonly pairs: number;
  readonly people: number | null;
  readonly bound: number | null;
  readonly peopleOptimal: boolean;
  readonly optimal: boolean;
  /** The pairs (indices into the input) of the best set found. */
  readonly chosen?: number[];
  readonly total?: number;
  readonly scoreBound?: number | null;
  readonly slowestPart?: number;
  readonly seconds: number;
}

/**
 * Asks nightly-optimum.py, giving HiGHS `timeLimitS` in all: people only, or with `scores` the
 * highest score among the sets placing the most; `milpPairs` lifts the script's limit on the
 * pairs it solves exactly; `partTimeLimitS` cuts off any one part (country) at that, unproven.
 */
export function nightlyOptimumOf(
  input: NightlyPairs,
  timeLimitS: number,
  options: { scores?: boolean; milpPairs?: number; partTimeLimitS?: number } = {},
): NightlyOptimum {
  const dir = mkdtempSync(join(tmpdir(), 'haven-nightly-'));
  try {
    const { w, ...rest } = input;
    writeFileSync(
      join(dir, 'pairs.json'),
      JSON.stringify({
        ...rest,
        ...(options.scores ? { w } : {}),
        milpPairs: options.milpPairs,
        timeLimit: timeLimitS,
        partTimeLimit: options.partTimeLimitS,
      }),
    );
    const output = execFileSync(PYTHON, [SCRIPT, join(dir, 'pairs.json')], { maxBuffer: 1 << 28 });
    // HiGHS may print progress lines of its own: the answer is the last line.
    return JSON.parse(output.toString().trim().split('\n').at(-1) ?? '') as NightlyOptimum;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
