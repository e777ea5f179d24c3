/**
 * Where a surge's confirmation → proposal mail seconds go, from the server's log (its
 * `matcher.batch`, `matcher.solved` and `matcher.proposed` lines) and the caught mail: for each
 * proposal, the wait for the matcher run that proposed it (the run already going when it became
 * possible, then the runs that passed it by: its stream record not yet read, or it in no pool),
 * that run's reads and solve up to the turn that chose the pair, its write queue, and the mail's
 * way to the catcher.
 */
import { percentile } from './surge-driver.ts';

interface LogLine {
  readonly event: string;
  readonly at: number;
  readonly fields: Record<string, unknown>;
}

function logLines(output: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{"level"')) continue;
    try {
      const fields = JSON.parse(line) as Record<string, unknown>;
      lines.push({ event: String(fields.event), at: Date.parse(String(fields.time)), fields });
    } catch {
      // A line cut by a concurrent write says nothing usable.
    }
  }
  return lines;
}

export interface ProposalTimes {
  /** When the later of its two sides was confirmed (ms since the epoch). */
  readonly ready: number;
  readonly requestId: string;
  /** When its mail reached the catcher. */
  readonly mailAt: number;
}

const summary = (values: number[]) => ({
  p50: Math.round(percentile(values, 50)),
  p90: Math.round(percentile(values, 90)),
  p99: Math.round(percentile(values, 99)),
});

const behindSummary = (values: number[]) =>
  values.length === 0
    ? undefined
    : { p50: percentile(values, 50), p90: percentile(values, 90), max: Math.max(...values) };

/** Each stage's p50/p90/p99 in ms, and how the matcher's runs went (how many, how long, how many turns). */
export function stagesOf(output: string, proposals: readonly ProposalTimes[]) {
  const lines = logLines(output);
  const runs = lines
    .filter((line) => line.event === 'matcher.batch')
    .map((line) => ({
      start: line.at - Number(line.fields.ms),
      end: line.at,
      requests: Number(line.fields.requests),
      behindS: Number(line.fields.behindS),
    }))
    .sort((a, b) => a.end - b.end);
  const solves = lines.filter((line) => line.event === 'matcher.solved').sort((a, b) => a.at - b.at);
  const written = new Map<string, number>();
  for (const line of lines)
    if (line.event === 'matcher.proposed') written.set(String(line.fields.requestId), line.at);
  const stages = {
    runGoing: [] as number[],
    runsPassed: [] as number[],
    readAndSolve: [] as number[],
    readsBeforeSolve: [] as number[],
    solve: [] as number[],
    writeQueue: [] as number[],
    mail: [] as number[],
  };
  for (const proposal of proposals) {
    const at = written.get(proposal.requestId);
    if (at === undefined) continue;
    const run = runs.find((r) => r.end >= at);
    if (!run || run.start < proposal.ready) continue;
    const going = runs.find((r) => r.start < proposal.ready && r.end > proposal.ready);
    const free = going?.end ?? proposal.ready;
    stages.runGoing.push(free - proposal.ready);
    stages.runsPassed.push(run.start - free);
    const runSolves = solves.filter((line) => line.at >= run.start && line.at <= at);
    const solved = runSolves.at(-1)?.at ?? run.start;
    stages.readAndSolve.push(solved - run.start);
    // Split by the solves' own time (matcher.solved's ms, where logged): the reads before the
    // run's first solve began, and the solve that chose the pair.
    const [firstSolve] = runSolves;
    const chosenMs = Number(runSolves.at(-1)?.fields.ms);
    if (firstSolve && Number.isFinite(chosenMs)) {
      stages.readsBeforeSolve.push(firstSolve.at - Number(firstSolve.fields.ms) - run.start);
      stages.solve.push(chosenMs);
    }
    stages.writeQueue.push(at - solved);
    stages.mail.push(proposal.mailAt - at);
  }
  const runMs = runs.map((run) => run.end - run.start);
  // The slowest proposal's way: how many runs ended between its confirmation and its own run's start.
  let slowest: { ms: number; ready: number; runStart: number; at: number; runsBefore: number } | undefined;
  for (const proposal of proposals) {
    const at = written.get(proposal.requestId);
    if (at === undefined) continue;
    const ms = proposal.mailAt - proposal.ready;
    if (slowest !== undefined && ms <= slowest.ms) continue;
    // The same proposals as the stages above: one whose run began before it was ready was written
    // by an earlier run's records (a run's proposals are by its own reads).
    const run = runs.find((r) => r.end >= at);
    if (!run || run.start < proposal.ready) continue;
    const runsBefore = runs.filter((r) => r.end > proposal.ready && r.end <= run.start).length;
    slowest = { ms, ready: proposal.ready, runStart: run.start, at, runsBefore };
  }
  // A turn's write phase: from its solve to the run's next line that is not a proposal.
  let phaseProposals = 0;
  let phaseMs = 0;
  const matcherLines = lines
    .filter((line) => /^matcher\.(solved|batch|proposed)$/.test(line.event))
    .sort((a, b) => a.at - b.at);
  matcherLines.forEach((line, i) => {
    if (line.event !== 'matcher.solved' || Number(line.fields.chosen) === 0) return;
    const end = matcherLines.slice(i + 1).find((next) => next.event !== 'matcher.proposed');
    if (!end) return;
    phaseProposals += matcherLines
      .slice(i + 1)
      .filter((next) => next.event === 'matcher.proposed' && next.at <= end.at).length;
    phaseMs += end.at - line.at;
  });
  return {
    proposalsTraced: stages.mail.length,
    // The run already going when the pair became possible, then the runs (and the gaps between
    // them) that did not propose it, up to the one that did.
    runGoingMs: summary(stages.runGoing),
    runsPassedMs: summary(stages.runsPassed),
    readAndSolveMs: summary(stages.readAndSolve),
    // Of which (from servers that log each solve's ms): the reads before the run's first solve, and the solve itself.
    readsBeforeSolveMs: stages.readsBeforeSolve.length > 0 ? summary(stages.readsBeforeSolve) : undefined,
    solveMs: stages.solve.length > 0 ? summary(stages.solve) : undefined,
    writeQueueMs: summary(stages.writeQueue),
    mailMs: summary(stages.mail),
    // Proposals a second while the matcher writes: what the table lets it do.
    proposalsPerWriteSecond: phaseMs > 0 ? Math.round((phaseProposals / phaseMs) * 10_000) / 10 : undefined,
    matcherRuns: {
      count: runs.length,
      // Runs with any request to match (the others had only their own proposals' records).
      matching: runs.filter((run) => run.requests > 0).length,
      ms: { ...summary(runMs), max: Math.max(0, ...runMs) },
      requests: summary(runs.map((run) => run.requests)),
      // How far behind the table the matcher's stream ran: each run's oldest record's age.
      behindS: behindSummary(runs.map((run) => run.behindS).filter(Number.isFinite)),
      solves: solves.length,
      solveRequests: summary(solves.map((line) => Number(line.fields.requests))),
      // Runs that failed (a thrown batch, tried again by the stream) and writes tried again.
      failed: lines.filter((line) => line.event === 'matcher.failed').length,
      writeRetries: lines.filter((line) => /^matcher\.(write|group)-retry$/.test(line.event)).length,
    },
    longestRuns: longestRuns(lines, runs, 8),
    slowestProposal: slowest && {
      ms: Math.round(slowest.ms),
      // From its later confirmation to the start of the run that proposed it, and how many runs ended in between.
      toRunStartMs: Math.round(slowest.runStart - slowest.ready),
      runsBefore: slowest.runsBefore,
      writtenAfterRunStartMs: Math.round(slowest.at - slowest.runStart),
    },
  };
}

/**
 * The `count` longest matcher runs, each split by its own log lines: its reads before its first
 * solve, its solves (how many, their requests, their ms), the rest (writes, reads between turns and
 * rounds, and the wait for its last mails), how much of that came after its last proposal, and
 * what its batch read and proposed.
 */
function longestRuns(
  lines: readonly LogLine[],
  runs: readonly { start: number; end: number }[],
  count: number,
) {
  const matcher = lines.filter((line) =>
    /^matcher\.(solved|placeable|proposed|around-fresh|batch)$/.test(line.event),
  );
  return [...runs]
    .sort((a, b) => b.end - b.start - (a.end - a.start))
    .slice(0, count)
    .map((run) => {
      const within = matcher.filter((line) => line.at >= run.start && line.at <= run.end);
      const solves = within.filter((line) => line.event === 'matcher.solved');
      // A filter no solve followed (matcher.placeable) counts as solving, as one a solve did.
      const timed = within.filter((line) => /^matcher\.(solved|placeable)$/.test(line.event));
      const proposed = within.filter((line) => line.event === 'matcher.proposed');
      const batch = within.find((line) => line.event === 'matcher.batch' && line.at === run.end);
      const [first] = timed;
      const readsMs = first ? first.at - Number(first.fields.ms) - run.start : run.end - run.start;
      const solveMs = timed.reduce((sum, line) => sum + Number(line.fields.ms), 0);
      const lastWork = Math.max(
        run.start,
        ...timed.map((line) => line.at),
        ...proposed.map((line) => line.at),
      );
      return {
        ms: Math.round(run.end - run.start),
        readsBeforeSolveMs: Math.round(readsMs),
        solves: solves.length,
        solveMs,
        solveRequests: solves.map((line) => Number(line.fields.requests)),
        chosen: solves.map((line) => Number(line.fields.chosen)),
        otherMs: Math.round(run.end - run.start - readsMs - solveMs),
        afterLastProposalMs: Math.round(run.end - lastWork),
        aroundFresh: within.filter((line) => line.event === 'matcher.around-fresh').length,
        requests: Number(batch?.fields.requests),
        proposed: Number(batch?.fields.proposed),
        queries: Number(batch?.fields.queries),
        items: Number(batch?.fields.items),
      };
    });
}
