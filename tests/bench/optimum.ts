/**
 * The reference optimum of a batch, from SciPy (optimum.py), for the benchmark and for the test
 * that pins it: both hand it the same JSON and read the same answer.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssignmentInput } from '../../shared/domain/matching/solver/input.ts';

/** Debian's Python, whose python3-scipy (≥ 1.9, for milp) .ci/run installs. */
export const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('optimum.py', import.meta.url));
const SCALE = 1_000_000;

/** A score in the solvers' whole millionths (at least one), so that totals compare with SciPy's exactly. */
export const millionths = (score: number) => Math.max(1, Math.round(score * SCALE));

/** A total as the solvers weigh it (see millionths). */
export const integerTotal = (scores: readonly number[]) =>
  scores.reduce((sum, score) => sum + millionths(score), 0) / SCALE;

/** The first `length` entries of a table column, as JSON takes them. */
const column = (values: Int32Array | Float64Array, length: number) => Array.from(values.subarray(0, length));

/** What optimum.py answers (see its docstring for what each bound means). */
export interface Optimum {
  readonly total: number;
  readonly people: number;
  readonly placements: number;
  readonly optimal: boolean;
  /** milp only: whether the first pass proved the most people, its bound, and the second pass's bound on score (only where the first proved). */
  readonly peopleOptimal?: boolean;
  readonly peopleBound?: number;
  readonly scoreBound?: number | null;
  readonly seconds: number;
}

/** Whether Debian's SciPy is there to ask. */
export function scipyAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import scipy.optimize, scipy.sparse.csgraph'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The optimum over these feasible pairs: `assignment` when every offer hosts one party (a
 * matching), `milp` when multi-party offers hold several (HiGHS, given `timeLimitS` in all).
 */
export function scipyOptimum(
  input: AssignmentInput,
  mode: 'assignment' | 'milp',
  timeLimitS: number,
): Optimum {
  const dir = mkdtempSync(join(tmpdir(), 'haven-optimum-'));
  const file = join(dir, 'pool.json');
  writeFileSync(
    file,
    JSON.stringify({
      mode,
      requests: input.partySizes.length,
      offers: input.offerBeds.length,
      r: column(input.edges.request, input.edges.length),
      o: column(input.edges.offer, input.edges.length),
      w: column(input.edges.score, input.edges.length).map(millionths),
      sizes: Array.from(input.partySizes),
      beds: Array.from(input.offerBeds),
      multi: Array.from(input.offerMultipleParties),
      timeLimit: timeLimitS,
    }),
  );
  let output: string;
  try {
    output = execFileSync(PYTHON, [SCRIPT, file], { maxBuffer: 1 << 26 }).toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // HiGHS may print progress lines of its own: the result is the last line.
  return JSON.parse(output.trim().split('\n').at(-1) ?? '') as Optimum;
}
