/**
 * `npm run bench:surge`: a first day compressed. `npm start` on loopback; offers and requests
 * posted through the JSON API, each from its own loopback address, at SURGE_POST_RATE a second;
 * each confirmed through the link in its mail at SURGE_CONFIRM_RATE a second. Reports intake
 * latency, confirmation → proposal mail latency, time until quiet, pairs the rules allow that
 * were left unproposed, mails lost and duplicated. SURGE_OFFERS / SURGE_REQUESTS size it
 * (default 1,000 / 5,000; issue 17's liveness run is 40 / 60 at 8 confirmations a second).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/dynamo.ts';
import { npmStart } from '../support/npm-start.ts';
import { summariseProfile } from './cpu-profile.ts';
import { costOf } from './surge-cost.ts';
import {
  type Answer,
  type CaughtMail,
  confirm,
  confirmPathFor,
  generateSubmissions,
  httpFrom,
  loopback,
  mailbox,
  nightlyOptimum,
  percentile,
  placedAgainstBatch,
  placedReplayed,
  streamCaughtUp,
  unproposedPairs,
} from './surge-driver.ts';
import { type ProposalTimes, stagesOf } from './surge-stages.ts';

const env = process.env;
const OFFERS = Number(env.SURGE_OFFERS ?? 1000);
const REQUESTS = Number(env.SURGE_REQUESTS ?? 5000);
const POST_RATE = Number(env.SURGE_POST_RATE ?? 20);
const CONFIRM_RATE = Number(env.SURGE_CONFIRM_RATE ?? 20);
/** A DynamoDB call's time in AWS, for the Lambda estimate (its single-digit-millisecond latency). */
const AWS_CALL_MS = 6;
/**
 * Quiet: for this long after the last confirmation, no mail came and every stream consumer had
 * handled every record written (streamCaughtUp).
 */
const QUIET_MS = Number(env.SURGE_QUIET_MS ?? 20_000);
/**
 * How long a person waits for the confirmation mail before giving up on it. A real person
 * confirms whenever it arrives; a minute made the bench's confirmers give up on most of a full
 * surge while its mail queued, so the latency of that mail is reported on its own instead.
 */
const CONFIRM_WAIT_MS = Number(env.SURGE_CONFIRM_WAIT_MS ?? 15 * 60_000);
/** How long after the last confirmation the run waits for quiet before it reports what it has (`quiet: false`). */
const QUIET_GIVE_UP_MS = Number(env.SURGE_QUIET_GIVE_UP_MS ?? 15 * 60_000);
const COORDINATOR = 'coordinator@haven.test';
/** Time for the nightly optimum's solves at the end (a full surge's relaxation takes minutes). */
const OPTIMUM_SECONDS = Number(env.SURGE_OPTIMUM_SECONDS ?? 900);
/**
 * With SURGE_REPLAY=1, the run's own confirmations are replayed through the matcher's rules
 * (surge-replay.ts) one at a time and in batches of the live runs' mean size. Seconds for 200 +
 * 1,000; tens of minutes for a full surge, whose every offer solves its country's pool again.
 */
const REPLAY = env.SURGE_REPLAY === '1';

/** Where the server's probe (cpu-profile-hook.mjs) leaves its profile, call times and capacity; default a temporary directory. */
const PROBE_DIR = env.SURGE_CPU_PROF;

/** CPU seconds a process has used so far (user + system), from /proc. */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

const ratio = (part: number, whole: number) => Math.round((part / whole) * 10_000) / 10_000;

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - performance.now())));

async function surge(dataDir: string) {
  const probeDir = PROBE_DIR ?? dataDir;
  const port = await freePort();
  const haven = await npmStart(
    {
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      COORDINATORS: JSON.stringify({ '*': [COORDINATOR] }),
      // The periodic sweep would hide what the stream path leaves behind.
      MATCHER_SWEEP_SECONDS: '86400',
      // A group expecting a surge raises the hourly cap on confirmation mail (default 500).
      CONFIRM_MAILS_PER_HOUR: String(10 * (OFFERS + REQUESTS)),
      SURGE_CPU_PROF: probeDir,
      NODE_OPTIONS: `--import ${new URL('./cpu-profile-hook.mjs', import.meta.url).pathname}`,
    },
    join(dataDir, 'server.log'),
  );
  const cpuAtStart = {
    server: cpuSeconds(haven.serverPid),
    dynamo: cpuSeconds(haven.javaPid),
    bench: cpuSeconds(process.pid),
  };
  const box = mailbox(join(dataDir, 'mail'));
  const submissions = generateSubmissions(OFFERS, REQUESTS, Number(env.SURGE_SEED ?? 17));
  const intakeMs: number[] = [];
  /** A submission's first try until its last answer, waits for Retry-After included. */
  const answeredMs: number[] = [];
  /** Every API request's time (intake, confirm pages and posts): the API function's Lambda time. */
  const apiMs: number[] = [];
  const confirmedAt = new Map<string, number>();
  /** When each submission was sent (ms since the epoch), and submission → confirmation mail. */
  const postedAt = new Map<number, number>();
  const confirmMailMs: number[] = [];
  const failures: string[] = [];
  let busy = 0;
  /** Submissions answered 201, by index: only those are confirmed. */
  const accepted = new Set<number>();
  let result: Record<string, unknown> = {};
  let stages: () => ReturnType<typeof stagesOf> | undefined = () => undefined;
  try {
    const started = performance.now();
    const posted = submissions.map(async (submission, i) => {
      await sleepUntil(started + (i * 1000) / POST_RATE);
      const from = loopback(i);
      postedAt.set(i, Date.now());
      let answer: Answer | undefined;
      // A client told the service is busy (503) tries again when its Retry-After says (else a
      // little later, doubling), five times at most.
      const first = performance.now();
      for (let attempt = 0; ; attempt++) {
        const t = performance.now();
        try {
          answer = await httpFrom(from, `${haven.baseUrl}/api/v1/${submission.kind}s`, {
            method: 'POST',
            contentType: 'application/json',
            body: JSON.stringify(submission.body),
          });
        } catch (error) {
          // No answer within the client's patience: the person gave up, the run goes on.
          answer = { status: 0, body: (error as Error).message };
        }
        intakeMs.push(performance.now() - t);
        apiMs.push(performance.now() - t);
        if (answer.status !== 503 || attempt >= 5) break;
        busy++;
        await new Promise((r) => setTimeout(r, (answer?.retryAfter ?? 0.5 * 2 ** attempt) * 1000));
      }
      answeredMs.push(performance.now() - first);
      if (answer.status === 201) accepted.add(i);
      else failures.push(`${submission.kind} ${i}: ${answer.status} ${answer.body.slice(0, 200)}`);
    });
    await Promise.all(posted);
    const confirmStart = performance.now();
    await Promise.all(
      submissions.map(async (submission, i) => {
        if (!accepted.has(i)) return;
        await sleepUntil(confirmStart + (i * 1000) / CONFIRM_RATE);
        try {
          const { path, mailAt } = await confirmPathFor(box, submission.email, CONFIRM_WAIT_MS);
          confirmMailMs.push(mailAt - (postedAt.get(i) as number));
          const t = performance.now();
          await confirm(haven.baseUrl, loopback(i), path);
          // Two requests: the page, then the button.
          apiMs.push(performance.now() - t, 0);
          confirmedAt.set(submission.name, Date.now());
        } catch (error) {
          failures.push(`${submission.name}: ${(error as Error).message}`);
        }
      }),
    );
    const lastConfirm = Date.now();
    let lastCount = -1;
    /** The last moment a mail came or a stream consumer still had records to handle. */
    let lastBusy = Date.now();
    while (Date.now() - lastBusy < QUIET_MS && Date.now() - lastConfirm < QUIET_GIVE_UP_MS) {
      const count = (await box.refresh()).length;
      const caughtUp = await streamCaughtUp(haven.dynamoEndpoint, dataDir);
      if (count !== lastCount || !caughtUp) {
        lastCount = count;
        lastBusy = Date.now();
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const mails = await box.refresh();
    const proposals = mails.filter(
      (m: CaughtMail) => m.to.includes(COORDINATOR) && /\/approve\//.test(m.text),
    );
    const table = await unproposedPairs(haven.dynamoEndpoint);
    const requestIdOf = new Map(
      table.items
        .filter((item) => item.kind === 'request')
        .map((item) => [String(item.name), String(item.id)]),
    );
    const latencies: number[] = [];
    const traced: ProposalTimes[] = [];
    for (const mail of proposals) {
      const host = /Host Hx\S+/.exec(mail.text)?.[0];
      const seeker = /Seeker Sx\S+/.exec(mail.text)?.[0];
      const ready = Math.max(confirmedAt.get(host ?? '') ?? 0, confirmedAt.get(seeker ?? '') ?? 0);
      if (ready > 0) latencies.push(mail.at - ready);
      const requestId = requestIdOf.get(seeker ?? '');
      if (ready > 0 && requestId) traced.push({ ready, requestId, mailAt: mail.at });
    }
    stages = () => stagesOf(haven.output(), traced);
    const outbox = table.items.filter((item) => item.kind === 'outbox');
    const files = new Map<string, number>();
    for (const mail of mails) {
      const id = /-([0-9a-f-]{36})\.eml$/.exec(mail.file)?.[1] ?? mail.file;
      files.set(id, (files.get(id) ?? 0) + 1);
    }
    const lost = outbox.filter((item) => !files.has(String(item.id))).length;
    const duplicated = [...files.values()].reduce((sum, n) => sum + n - 1, 0);
    const lastProposal = Math.max(0, ...proposals.map((m) => m.at));
    const cpu = {
      server: cpuSeconds(haven.serverPid) - cpuAtStart.server,
      dynamo: cpuSeconds(haven.javaPid) - cpuAtStart.dynamo,
      bench: cpuSeconds(process.pid) - cpuAtStart.bench,
    };
    const placement = placedAgainstBatch(table.items);
    const nightly = nightlyOptimum(table.items, OPTIMUM_SECONDS);
    const matching = stages()?.matcherRuns.matching ?? 0;
    const replayed = REPLAY
      ? placedReplayed(table.items, confirmedAt, [
          1,
          Math.max(1, Math.round(confirmedAt.size / Math.max(1, matching))),
        ])
      : undefined;
    result = {
      offers: OFFERS,
      requests: REQUESTS,
      postRate: POST_RATE,
      confirmRate: CONFIRM_RATE,
      intakeBusy: busy,
      intakeAccepted: accepted.size,
      intakeMs: { p50: Math.round(percentile(intakeMs, 50)), p99: Math.round(percentile(intakeMs, 99)) },
      intakeAnsweredMs: {
        p50: Math.round(percentile(answeredMs, 50)),
        p99: Math.round(percentile(answeredMs, 99)),
      },
      confirmed: confirmedAt.size,
      submissionToConfirmMailMs: {
        p50: Math.round(percentile(confirmMailMs, 50)),
        p90: Math.round(percentile(confirmMailMs, 90)),
        p99: Math.round(percentile(confirmMailMs, 99)),
        max: Math.round(Math.max(...confirmMailMs)),
      },
      // Intake without a 201 and confirmations that failed.
      failures: failures.length,
      proposals: proposals.length,
      confirmationToProposalMs: {
        p50: Math.round(percentile(latencies, 50)),
        p90: Math.round(percentile(latencies, 90)),
        p99: Math.round(percentile(latencies, 99)),
        max: Math.round(Math.max(...latencies)),
      },
      lastProposalAfterLastConfirmationMs: Math.max(0, lastProposal - lastConfirm),
      quiet: Date.now() - lastBusy >= QUIET_MS,
      quietAfterLastConfirmationMs: lastBusy - lastConfirm,
      peoplePlaced: placement.placed,
      // The same pool matched at once, solved in turns as the matcher does (later-stays.ts).
      batchOptimumPeople: placement.batchOptimum,
      // Whether each of the batch's solves proved its optimum (multi-party offers may leave one unproven).
      batchOptimumProven: placement.batchExact,
      batchTurns: placement.batchTurns,
      placedOfBatchOptimum: ratio(placement.placed, placement.batchOptimum),
      // The same confirmations replayed through the matcher's rules one at a time and in batches
      // of the run's mean size: what arrival order alone costs (docs/matching.md, "Live").
      replayed,
      // The most any set of pairs places night by night (nightly-optimum.py): proven in small pools;
      // in large ones only bounded, so placed ÷ bound is at most placed ÷ optimum.
      nightlyOptimum: nightly,
      placedOfNightlyOptimum: nightly?.optimal ? ratio(placement.placed, nightly.people ?? 0) : undefined,
      placedOfNightlyBoundAtLeast: nightly?.bound ? ratio(placement.placed, nightly.bound) : undefined,
      unproposedAllowedPairs: table.pairs.length,
      openRequestsLeft: table.requests,
      mailsLost: lost,
      mailsDuplicated: duplicated,
      cpuSeconds: {
        server: Math.round(cpu.server * 10) / 10,
        dynamoLocal: Math.round(cpu.dynamo * 10) / 10,
        bench: Math.round(cpu.bench * 10) / 10,
      },
      wallSeconds: Math.round((performance.now() - started) / 100) / 10,
      mails: mails.length,
      apiRequests: apiMs.length,
    };
    if (failures.length > 0) console.log(failures.slice(0, 5).join('\n'));
  } finally {
    await haven.stop();
    if (env.SURGE_LOG) await writeFile(env.SURGE_LOG, haven.output());
  }
  console.log(
    JSON.stringify(
      { ...result, stages: stages(), ...probed(probeDir, haven.serverPid, haven.output(), apiMs, result) },
      null,
      2,
    ),
  );
}

/** What the server's probe and its last log lines tell: where the time went and what the day costs. */
function probed(
  dir: string,
  pid: number | undefined,
  output: string,
  apiMs: readonly number[],
  result: Record<string, unknown>,
) {
  const read = (name: string) => {
    const file = join(dir, `${pid}.${name}`);
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  };
  const capacity = (read('capacity.json') ?? { read: 0, write: 0 }) as { read: number; write: number };
  const handled = (consumer: string) => {
    const line = output
      .split('\n')
      .find((l) => l.includes('"stream.handled"') && l.includes(`"${consumer}"`));
    const used = line ? (JSON.parse(line) as { invocations: number; ms: number }) : undefined;
    return { invocations: used?.invocations ?? 0, ms: used?.ms ?? 0 };
  };
  // Proposal mails the matcher handed off (mail/handoff.ts): under npm start sent beside it, in
  // AWS each hand-off an async invocation of the mailer.
  const handOffs = output
    .split('\n')
    .filter((l) => l.includes('"mail.handoff_done"'))
    .map((l) => (JSON.parse(l) as { ms: number }).ms);
  const streamMailer = handled('mailer');
  const usage = {
    readUnits: capacity.read,
    writeUnits: capacity.write,
    api: { requests: apiMs.length, ms: apiMs.reduce((a, b) => a + b, 0) },
    matcher: handled('matcher'),
    mailer: {
      invocations: streamMailer.invocations + handOffs.length,
      ms: streamMailer.ms + handOffs.reduce((a, b) => a + b, 0),
    },
    mails: Number(result.mails ?? 0),
  };
  const submissions = OFFERS + REQUESTS;
  const profile = existsSync(join(dir, `${pid}.cpuprofile`))
    ? summariseProfile(join(dir, `${pid}.cpuprofile`), 8)
    : undefined;
  const calls = (read('calls.json') ?? {}) as Record<string, { calls: number }>;
  // In AWS a function's time is its CPU plus its waits on DynamoDB, single-digit milliseconds
  // each (AWS_CALL_MS); against DynamoDB Local the waits are 10–1,000 times longer and mostly
  // queueing. Stream reads are Lambda's own polling, not the function's.
  const dataCalls = Object.entries(calls)
    .filter(
      ([name]) =>
        !/^(GetRecords|DescribeStream|GetShardIterator|ListTables|DescribeTable|CreateTable|UpdateTimeToLive)/.test(
          name,
        ),
    )
    .reduce((sum, [, c]) => sum + c.calls, 0);
  // Writes are what DynamoDB Local commits one at a time to its disk: they set a surge's pace here.
  const writeCalls = Object.entries(calls)
    .filter(([name]) => /^(TransactWrite|Update|Put|Delete)Command/.test(name))
    .reduce((sum, [, c]) => sum + c.calls, 0);
  const busyMs = profile ? profile.totalMs - profile.idleMs : 0;
  const localMs = usage.api.ms + usage.matcher.ms + usage.mailer.ms;
  const awsMs = busyMs + dataCalls * AWS_CALL_MS;
  const inAws = <T extends { ms: number }>(used: T): T => ({
    ...used,
    ms: localMs > 0 ? (used.ms / localMs) * awsMs : 0,
  });
  const aws = { ...usage, api: inAws(usage.api), matcher: inAws(usage.matcher), mailer: inAws(usage.mailer) };
  return {
    consumedCapacity: { read: Math.round(capacity.read), write: Math.round(capacity.write) },
    perSubmission: {
      readUnits: Math.round((capacity.read / submissions) * 10) / 10,
      writeUnits: Math.round((capacity.write / submissions) * 10) / 10,
      lambdaMsHere: Math.round(localMs / submissions),
      lambdaMsInAws: Math.round(awsMs / submissions),
      dataCalls: Math.round((dataCalls / submissions) * 100) / 100,
      writeCalls: Math.round((writeCalls / submissions) * 100) / 100,
    },
    lambda: {
      api: usage.api,
      matcher: usage.matcher,
      // Of the mailer's invocations, those the matcher's hand-offs make (one a proposal transaction).
      mailer: { ...usage.mailer, handOffs: handOffs.length },
      serverBusyMs: busyMs,
      dataCalls,
    },
    costUsd: { inAws: costOf(aws), withLambdaTimesAsHere: costOf(usage) },
    cpuProfile: profile,
    dynamoCalls: calls,
  };
}

/**
 * The run's folder (the database, the caught mail, the server's log and profiles) holds six
 * thousand people's made-up details and half a gigabyte: it goes when the run ends, kept only
 * with SURGE_KEEP_DATA=1 for reading back what happened.
 */
const dataDir = await mkdtemp(join(tmpdir(), 'haven-surge-'));
try {
  await surge(dataDir);
} finally {
  if (env.SURGE_KEEP_DATA === '1') console.error(`kept ${dataDir}`);
  else await rm(dataDir, { recursive: true, force: true });
}
