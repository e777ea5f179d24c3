/**
 * The most people a pool places under rule 1 night by night, from SciPy (surge-optimum.py): the
 * surge bench's reference, and what the test pinning the script hands it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkPair,
  type MatchOffer,
  type MatchRequest,
  partySize,
} from '../../shared/domain/matching/rules.ts';
import { PYTHON } from './optimum.ts';

const SCRIPT = fileURLToPath(new URL('surge-optimum.py', import.meta.url));

/** The allowed pairs (request r, offer o, the stay's nights [start, end)), party sizes, beds. */
export interface NightlyPairs {
  readonly r: number[];
  readonly o: number[];
  readonly start: number[];
  readonly end: number[];
  readonly size: readonly number[];
  readonly beds: readonly number[];
  readonly multi: readonly boolean[];
}

/** Every pair of a pool the rules allow with nothing held, with its stay: what the nightly optimum chooses from. */
export function nightlyPairsOf(
  offers: readonly MatchOffer[],
  requests: readonly MatchRequest[],
): NightlyPairs {
  const input: NightlyPairs = {
    r: [],
    o: [],
    start: [],
    end: [],
    size: requests.map(partySize),
    beds: offers.map((offer) => offer.beds),
    multi: offers.map((offer) => offer.multipleParties),
  };
  offers.forEach((offer, o) => {
    requests.forEach((request, r) => {
      const check = checkPair(offer, request, { holds: [], declined: false });
      if (check.broken.length > 0) return;
      input.r.push(r);
      input.o.push(o);
      input.start.push(check.stay.from);
      input.end.push(check.stay.to);
    });
  });
  return input;
}

/** What surge-optimum.py answers (see its docstring). */
export interface NightlyOptimum {
  readonly pairs: number;
  readonly relaxedBound: number | null;
  readonly people: number | null;
  readonly bound: number | null;
  readonly optimal: boolean;
  readonly seconds: number;
}

/** Asks surge-optimum.py, giving HiGHS `timeLimitS` in all. */
export function nightlyOptimumOf(input: NightlyPairs, timeLimitS: number): NightlyOptimum {
  const dir = mkdtempSync(join(tmpdir(), 'haven-nightly-'));
  try {
    writeFileSync(join(dir, 'pairs.json'), JSON.stringify({ ...input, timeLimit: timeLimitS }));
    const output = execFileSync(PYTHON, [SCRIPT, join(dir, 'pairs.json')], { maxBuffer: 1 << 26 });
    // HiGHS may print progress lines of its own: the answer is the last line.
    return JSON.parse(output.toString().trim().split('\n').at(-1) ?? '') as NightlyOptimum;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
