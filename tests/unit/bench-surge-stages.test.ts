import { describe, expect, it } from 'vitest';
import { stagesOf } from '../bench/surge-stages.ts';

/** A server log line as shared/log.ts writes it, `seconds` after a fixed start. */
const at = (seconds: number) => Date.UTC(2027, 2, 1) + seconds * 1000;
const line = (seconds: number, event: string, fields: Record<string, unknown>) =>
  JSON.stringify({ level: 'info', event, time: new Date(at(seconds)).toISOString(), ...fields });

// Two runs: 8–10 s, and 17–20 s, which solves once and then filters to nobody (matcher.placeable).
const output = [
  line(9.8, 'matcher.proposed', { requestId: 'early' }),
  line(10, 'matcher.batch', { ms: 2000, requests: 2, proposed: 1, queries: 4, items: 9, behindS: 1 }),
  line(18.5, 'matcher.solved', { turn: 1, requests: 3, chosen: 1, ms: 500 }),
  line(19, 'matcher.proposed', { requestId: 'later' }),
  line(19.5, 'matcher.placeable', { turn: 2, placeable: 0, ms: 100 }),
  line(20, 'matcher.batch', { ms: 3000, requests: 3, proposed: 1, queries: 5, items: 12, behindS: 9 }),
].join('\n');
const proposals = [
  // Written by the run that began before it was ready: none of its stages, nor the slowest.
  { requestId: 'early', ready: at(9.5), mailAt: at(60) },
  { requestId: 'later', ready: at(9), mailAt: at(21) },
];

describe('surge stages from a server log', () => {
  it('takes the slowest proposal among those its run began after, never one with a negative wait', () => {
    expect(stagesOf(output, proposals).slowestProposal).toEqual({
      ms: 12_000,
      toRunStartMs: 8000,
      runsBefore: 1,
      writtenAfterRunStartMs: 2000,
    });
  });

  it('counts a filter no solve followed as solving in a long run, after the reads before it', () => {
    const [longest] = stagesOf(output, proposals).longestRuns;
    expect(longest).toMatchObject({ ms: 3000, readsBeforeSolveMs: 1000, solves: 1, solveMs: 600 });
  });

  it('splits the wait for the proposing run into the run already going and the runs that passed it by', () => {
    // Three runs: 30–32 s, going when the pair became possible at 31 s; 33–35 s, which passed
    // it by; 40–43 s, which proposed it.
    const passedBy = [
      line(32, 'matcher.batch', { ms: 2000, requests: 1, proposed: 0, queries: 1, items: 1, behindS: 0.5 }),
      line(35, 'matcher.batch', { ms: 2000, requests: 1, proposed: 0, queries: 1, items: 1, behindS: 4 }),
      line(42, 'matcher.proposed', { requestId: 'passed' }),
      line(43, 'matcher.batch', { ms: 3000, requests: 1, proposed: 1, queries: 1, items: 1, behindS: 9 }),
    ].join('\n');
    const stages = stagesOf(passedBy, [{ requestId: 'passed', ready: at(31), mailAt: at(44) }]);
    expect(stages.runGoingMs).toEqual({ p50: 1000, p90: 1000, p99: 1000 });
    expect(stages.runsPassedMs).toEqual({ p50: 8000, p90: 8000, p99: 8000 });
    expect(stages.matcherRuns.behindS).toEqual({ p50: 4, p90: 9, max: 9 });
  });
});
