/**
 * `npm run bench`: Haven's matcher against the obvious alternatives on seeded realistic pools,
 * and its reads against DynamoDB Local. BENCH_SIZES=S,M,L picks the in-memory sizes
 * (default all three; "none" skips; XL, a national pool, only when named: it needs minutes
 * and gigabytes, and reports our time and the process's peak memory only); BENCH_DYNAMO=1k,10k,100k the incremental-read sizes (default all; "none" skips).
 * BENCH_MILP_TIMEOUT_S (300) bounds SciPy's search for each optimum. The optimum night by night
 * is sought for the sizes BENCH_NIGHTLY names (default S; "S,M" adds M's, which HiGHS does not
 * prove), each country's search cut off at BENCH_NIGHTLY_PART_S (60) and then reported unproven
 * with its bound.
 * Prints a table; BENCH_OUT=latest.json (or another name) also keeps the results in
 * tests/bench/results/, which are tracked: a run writes them only when asked.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { matchNightByNight } from '../../shared/domain/matching/night-by-night.ts';
import type { AssignmentInput } from '../../shared/domain/matching/solver/input.ts';
import { assignmentInput, matchPool } from '../../shared/domain/matching/solver/match-pool.ts';
import type { Pool } from '../../shared/domain/matching/solver/pool.ts';
import { allPairs, greedy, runMunkres } from './baselines.ts';
import { benchDynamo, type DynamoResult } from './dynamo.ts';
import { generatePool } from './generate.ts';
import { nightlyOptimumOf, nightlyPairsOf } from './nightly-optimum.ts';
import { integerTotal, PYTHON, scipyAvailable, scipyOptimum } from './optimum.ts';

const SIZES = {
  S: { requests: 1_000, offers: 1_000 },
  M: { requests: 5_000, offers: 5_000 },
  L: { requests: 20_000, offers: 50_000 },
  // #UnterkunftUkraine's order: 160,000 hosts; what one sweep over a nation's pool must handle.
  XL: { requests: 100_000, offers: 160_000 },
} as const;
type Size = keyof typeof SIZES;

const MUNKRES_TIMEOUT_S = Number(process.env.BENCH_MUNKRES_TIMEOUT_S ?? 150);
/** SciPy's time for one optimum: on a busy machine M's needs more than the default to be proven. */
const MILP_TIMEOUT_S = Number(process.env.BENCH_MILP_TIMEOUT_S ?? 300);
/**
 * The sizes whose optimum night by night is sought: M's takes HiGHS minutes a country and is
 * not proven in them (unbounded, 25 minutes of the bench's run), so only when asked.
 */
const NIGHTLY_SIZES = new Set(
  (process.env.BENCH_NIGHTLY ?? 'S')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s !== 'none'),
);
/** The most one country's nightly optimum may take: beyond, it is reported unproven with its bound. */
const NIGHTLY_PART_S = Number(process.env.BENCH_NIGHTLY_PART_S ?? 60);
const here = fileURLToPath(new URL('.', import.meta.url));

const seconds = (from: number) => (performance.now() - from) / 1000;
const edgeScores = (input: AssignmentInput, edges: readonly number[]) =>
  edges.map((index) => input.edges.score[index] ?? 0);

interface SizeResult {
  size: Size;
  requests: number;
  offers: number;
  ours: {
    seconds: number;
    rounds: number;
    total: number;
    people: number;
    placements: number;
    exact: boolean;
    /** The solver's own proven upper bound (PoolMatch.bound): on L and XL, where no SciPy runs, how far the result may fall short. */
    bound: { people: number; total: number };
    components: number;
    largestComponent: number;
    pairsExamined: number;
    candidates: number;
    pruning: number;
    peakRssMb: number;
  };
  allPairsGreedy?: { seconds: number; ratio: number; total: number; placements: number };
  munkres?: {
    finished: boolean;
    seconds: number;
    ratio: number;
    total?: number;
    placements?: number;
    note: string;
  };
  quality?: {
    /** What the matcher proposes (matchNightByNight) against the optimum under rule 1 night by night (sizes in BENCH_NIGHTLY only). */
    nightly?: {
      source: string;
      people: number;
      total: number;
      placements: number;
      seconds: number;
      optimumPeople: number | null;
      optimum: number | null;
      optimumPlacements: number | null;
      optimal: boolean;
      peopleOptimal: boolean;
      /** SciPy's proven upper bound on the people any set places night by night. */
      peopleBound: number | null;
      /** SciPy's proven upper bound on the score of the sets placing the most people, when it has one. */
      scoreBound: number | null;
      milpSeconds: number;
    };
    /** matchPool, every offer seating one stay for all nights, against that model's optimum. */
    multiParty: {
      source: string;
      optimum: number;
      optimumPeople: number;
      optimumPlacements: number;
      ours: number;
      people: number;
      placements: number;
      greedy?: number;
      optimal: boolean;
      peopleOptimal: boolean;
      /** SciPy's proven upper bound on the people any solution places. */
      peopleBound: number;
      /** SciPy's proven upper bound on the score of the sets placing the most people, when it has one. */
      scoreBound?: number | undefined;
    };
    singleParty: {
      source: string;
      optimum: number;
      optimumPeople: number;
      optimumPlacements: number;
      ours: number;
      people: number;
      placements: number;
      greedy: number;
      greedyPlacements: number;
    };
  };
}

function runOurs(pool: Pool) {
  const started = performance.now();
  const matched = matchPool(pool);
  return {
    pairs: matched.candidates,
    pairsExamined: matched.pairsExamined,
    matched,
    rounds: matched.rounds,
    seconds: seconds(started),
    // The process's peak so far (pool generation included): run XL alone to read it for XL.
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/**
 * Runs every in-memory contender once on a small pool of another seed, so that no timing
 * includes compiling the code it shares with the others (the first to run would pay for all).
 */
function warmUp() {
  const small = generatePool({ seed: 1, requests: 300, offers: 300, multipleParties: true });
  const pool: Pool = {
    offers: small.offers.map((offer) => ({ offer, holds: [] })),
    requests: small.requests,
    declined: new Set(),
  };
  matchPool(pool);
  greedy(assignmentInput(pool, allPairs(pool)));
}

async function benchSize(size: Size, withScipy: boolean): Promise<SizeResult> {
  const { requests: n, offers: m } = SIZES[size];
  const generated = generatePool({ seed: 20260301, requests: n, offers: m, multipleParties: true });
  const pool: Pool = {
    offers: generated.offers.map((offer) => ({ offer, holds: [] })),
    requests: generated.requests,
    declined: new Set(),
  };
  const ours = runOurs(pool);
  const result: SizeResult = {
    size,
    requests: n,
    offers: m,
    ours: {
      seconds: ours.seconds,
      rounds: ours.rounds,
      total: ours.matched.total,
      people: ours.matched.people,
      placements: ours.matched.chosen.length,
      exact: ours.matched.exact,
      bound: ours.matched.bound,
      components: ours.matched.components,
      largestComponent: ours.matched.largestComponent,
      pairsExamined: ours.pairsExamined,
      candidates: ours.pairs,
      pruning: ours.pairsExamined / (n * m),
      peakRssMb: ours.peakRssMb,
    },
  };
  console.error(
    `[${size}] ours ${ours.seconds.toFixed(2)} s, ${ours.pairs} candidate pairs, ${ours.rounds} rounds, exact ${ours.matched.exact}, peak RSS ${ours.peakRssMb} MB; ${ours.matched.people} people at ${ours.matched.total.toFixed(4)}, bound ${ours.matched.bound.people} at ${ours.matched.bound.total.toFixed(4)}`,
  );
  if (size === 'L' || size === 'XL') return result;

  const started = performance.now();
  const every = allPairs(pool);
  const allPairsSeconds = seconds(started);
  const everyInput = assignmentInput(pool, every);
  const greedyStarted = performance.now();
  const greedyResult = greedy(everyInput);
  const greedySeconds = allPairsSeconds + seconds(greedyStarted);
  result.allPairsGreedy = {
    seconds: greedySeconds,
    ratio: greedySeconds / ours.seconds,
    total: greedyResult.total,
    placements: greedyResult.edges.length,
  };
  console.error(
    `[${size}] all pairs + greedy ${greedySeconds.toFixed(2)} s (${every.length} feasible pairs)`,
  );

  const munkres = await runMunkres(n, m, every, MUNKRES_TIMEOUT_S);
  const munkresSeconds = allPairsSeconds + munkres.seconds;
  result.munkres = {
    ...munkres,
    seconds: munkresSeconds,
    ratio: munkresSeconds / ours.seconds,
    note: munkres.finished
      ? 'dense n×m matrix, one party per offer'
      : `stopped at the ${MUNKRES_TIMEOUT_S} s time box; the ratio is a lower bound`,
  };
  console.error(
    `[${size}] all pairs + munkres ${munkres.finished ? '' : '≥ '}${munkresSeconds.toFixed(2)} s`,
  );

  if (withScipy) {
    const nightly = NIGHTLY_SIZES.has(size) ? benchNightly(size, pool, every) : undefined;
    // The optimum over every feasible pair, not only those our search read: the search's
    // pruning is proven for single-party offers and for the relaxation, so this checks it too.
    const exactMulti = scipyOptimum(everyInput, 'milp', MILP_TIMEOUT_S);
    const single = generatePool({ seed: 20260301, requests: n, offers: m, multipleParties: false });
    const singlePool: Pool = {
      offers: single.offers.map((offer) => ({ offer, holds: [] })),
      requests: single.requests,
      declined: new Set(),
    };
    const singleOurs = runOurs(singlePool);
    const singleInput = assignmentInput(singlePool, allPairs(singlePool));
    const singleGreedy = greedy(singleInput);
    const singleOptimum = scipyOptimum(singleInput, 'assignment', MILP_TIMEOUT_S);
    result.quality = {
      ...(nightly ? { nightly } : {}),
      multiParty: {
        source: 'scipy.optimize.milp (HiGHS)',
        optimum: exactMulti.total,
        optimumPeople: exactMulti.people,
        optimumPlacements: exactMulti.placements,
        ours: integerTotal(ours.matched.chosen.map((pair) => pair.score)),
        people: ours.matched.people,
        placements: ours.matched.chosen.length,
        greedy: integerTotal(edgeScores(everyInput, greedyResult.edges)),
        optimal: exactMulti.optimal,
        peopleOptimal: exactMulti.peopleOptimal ?? exactMulti.optimal,
        peopleBound: exactMulti.peopleBound ?? exactMulti.people,
        scoreBound: exactMulti.scoreBound ?? undefined,
      },
      singleParty: {
        source: 'scipy.sparse.csgraph.min_weight_full_bipartite_matching',
        optimum: singleOptimum.total,
        optimumPeople: singleOptimum.people,
        optimumPlacements: singleOptimum.placements,
        ours: integerTotal(singleOurs.matched.chosen.map((pair) => pair.score)),
        people: singleOurs.matched.people,
        placements: singleOurs.matched.chosen.length,
        greedy: integerTotal(edgeScores(singleInput, singleGreedy.edges)),
        greedyPlacements: singleGreedy.edges.length,
      },
    };
  }
  return result;
}

/** matchNightByNight on this pool against the optimum night by night, each country's search bounded. */
function benchNightly(size: Size, pool: Pool, every: ReturnType<typeof allPairs>) {
  const started = performance.now();
  const nightly = matchNightByNight(pool);
  const nightlySeconds = seconds(started);
  const optimum = nightlyOptimumOf(nightlyPairsOf(pool, every), MILP_TIMEOUT_S, {
    scores: true,
    milpPairs: every.length,
    partTimeLimitS: NIGHTLY_PART_S,
  });
  console.error(
    `[${size}] night by night ${nightly.people} people in ${nightlySeconds.toFixed(2)} s; nightly optimum ${optimum.people} (bound ${optimum.bound}, ${optimum.optimal ? 'proven' : 'not proven'}) in ${optimum.seconds} s`,
  );
  return {
    source: 'tests/bench/nightly-optimum.py, scipy.optimize.milp (HiGHS)',
    people: nightly.people,
    total: integerTotal(nightly.chosen.map((pair) => pair.score)),
    placements: nightly.chosen.length,
    seconds: nightlySeconds,
    optimumPeople: optimum.people,
    optimum: optimum.total ?? null,
    optimumPlacements: optimum.chosen?.length ?? null,
    optimal: optimum.optimal,
    peopleOptimal: optimum.peopleOptimal,
    peopleBound: optimum.bound,
    scoreBound: optimum.scoreBound ?? null,
    milpSeconds: optimum.seconds,
  };
}

const fmt = (value: number | undefined, digits = 3) => (value === undefined ? 'n/a' : value.toFixed(digits));

/** An optimum as the ratios read it: one stay per offer (multiParty) or night by night. */
interface Against {
  readonly people: number;
  readonly optimumPeople: number | null;
  readonly optimum: number | null;
  readonly optimal: boolean;
  readonly peopleOptimal: boolean;
  readonly peopleBound: number | null;
  readonly scoreBound?: number | null | undefined;
}

/**
 * People ÷ the most any solution places; when SciPy could not prove that most, ÷ its proven
 * bound instead, marked ≥ (the true ratio is at least that).
 */
function peopleRatio(against: Against) {
  if (against.peopleOptimal && against.optimumPeople) return fmt(against.people / against.optimumPeople, 4);
  return against.peopleBound ? `≥${fmt(against.people / against.peopleBound, 4)}` : 'unproven';
}

/**
 * A total ÷ the optimum's. Unproven, ÷ the second pass's bound, marked ≥: that pass bounds the
 * score of the sets placing the most people only when the first proved the most, so without it
 * there is no bound to give ("unproven").
 */
function scoreRatio(against: Against, total: number) {
  if (against.optimal && against.optimum) return fmt(total / against.optimum, 4);
  return against.scoreBound ? `≥${fmt(total / against.scoreBound, 4)}` : 'unproven';
}

/** The nightly optimum's seconds; where a country was cut off, "unproven" and the bound on people it left. */
function nightlySecondsCell(nightly: NonNullable<NonNullable<SizeResult['quality']>['nightly']>) {
  if (nightly.optimal) return fmt(nightly.milpSeconds, 0);
  if (nightly.peopleOptimal) return `${fmt(nightly.milpSeconds, 0)} (score unproven)`;
  const bound = nightly.peopleBound === null ? '' : `: ≤ ${nightly.peopleBound} people`;
  return `${fmt(nightly.milpSeconds, 0)} (unproven${bound})`;
}

function printTable(results: SizeResult[], dynamo: DynamoResult[]) {
  const lines: string[] = [];
  lines.push(
    '| size | ours (s) | peak RSS (MB) | all-pairs+greedy (s, ×ours) | all-pairs+munkres (s, ×ours) | pairs scored ÷ n·m | people ÷ max (night by night) | score ÷ opt (night by night) | nightly optimum (s) | people ÷ max (one stay per offer) | score ÷ opt (one stay per offer) | people ÷ max (single) | score ÷ opt (single) | greedy score ÷ opt (multi / single) |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const q = r.quality;
    lines.push(
      `| ${r.size} ${r.requests}×${r.offers} | ${fmt(r.ours.seconds, 2)} | ${r.ours.peakRssMb} | ${r.allPairsGreedy ? `${fmt(r.allPairsGreedy.seconds, 2)} (×${fmt(r.allPairsGreedy.ratio, 1)})` : 'n/a'} | ${
        r.munkres
          ? `${r.munkres.finished ? '' : '≥'}${fmt(r.munkres.seconds, 1)} (×${r.munkres.finished ? '' : '≥'}${fmt(r.munkres.ratio, 0)})`
          : 'n/a'
      } | ${fmt(r.ours.pruning, 4)} | ${q?.nightly ? peopleRatio(q.nightly) : 'n/a'} | ${q?.nightly ? scoreRatio(q.nightly, q.nightly.total) : 'n/a'} | ${
        q?.nightly ? nightlySecondsCell(q.nightly) : 'n/a'
      } | ${q ? peopleRatio(q.multiParty) : 'n/a'} | ${q ? scoreRatio(q.multiParty, q.multiParty.ours) : 'n/a'} | ${
        q ? fmt(q.singleParty.people / q.singleParty.optimumPeople, 4) : 'n/a'
      } | ${q ? fmt(q.singleParty.ours / q.singleParty.optimum, 4) : 'n/a'} | ${
        q
          ? `${scoreRatio(q.multiParty, q.multiParty.greedy ?? 0)} / ${fmt(q.singleParty.greedy / q.singleParty.optimum, 4)}`
          : 'n/a'
      } |`,
    );
  }
  if (dynamo.length > 0) {
    lines.push('');
    lines.push(
      '| open offers | probes | queries (median / max) | items read (median / max) | ms per match (median) |',
    );
    lines.push('|---|---|---|---|---|');
    for (const d of dynamo) {
      lines.push(
        `| ${d.offers} | ${d.probes.length} | ${d.queries.median} / ${d.queries.max} | ${d.items.median} / ${d.items.max} | ${fmt(d.milliseconds.median, 0)} |`,
      );
    }
  }
  console.log(lines.join('\n'));
  return lines.join('\n');
}

async function main() {
  const sizes = (process.env.BENCH_SIZES ?? 'S,M,L')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s !== 'none') as Size[];
  const dynamoSizes = (process.env.BENCH_DYNAMO ?? '1k,10k,100k')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s !== 'none')
    .map((s) => Number(s.replace(/k$/i, '000')));
  const withScipy = scipyAvailable();
  if (!withScipy)
    console.error(
      `SciPy not found for ${PYTHON}: the optimum is not reported (apt-get install python3-scipy)`,
    );
  const started = performance.now();
  warmUp();
  const results: SizeResult[] = [];
  for (const size of sizes) results.push(await benchSize(size, withScipy));
  const dynamo = dynamoSizes.length > 0 ? await benchDynamo(dynamoSizes) : [];
  const table = printTable(results, dynamo);
  const out = process.env.BENCH_OUT;
  if (!out) {
    console.error(
      `bench finished in ${seconds(started).toFixed(0)} s; BENCH_OUT=latest.json keeps the results`,
    );
    return;
  }
  const outDir = join(here, 'results');
  if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
  const report = {
    at: new Date().toISOString(),
    node: process.version,
    seconds: seconds(started),
    sizes: results,
    dynamo,
    table,
  };
  writeFileSync(join(outDir, out), `${JSON.stringify(report, null, 2)}\n`);
  console.error(`bench finished in ${seconds(started).toFixed(0)} s; results in tests/bench/results/${out}`);
}

await main();
