import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { simpleParser } from 'mailparser';
import { createDocumentClient, createDynamoClient } from '../../shared/data/client.ts';
import { heldBedsOf, holdItemSchema } from '../../shared/data/holds.ts';
import { todayIn } from '../../shared/domain/country-day.ts';
import { matchInTurns } from '../../shared/domain/matching/later-stays.ts';
import { checkPair, partySize } from '../../shared/domain/matching/rules.ts';
import type { Pool } from '../../shared/domain/matching/solver/pool.ts';
import {
  type OfferRecord,
  offerRecordSchema,
  type RequestRecord,
  requestRecordSchema,
} from '../../shared/domain/records.ts';
import { STREAM_CONSUMERS } from '../../shared/events.ts';
import { defaultMatcherOptions } from '../../shared/matching/matcher.ts';
import { daysFromNow } from '../support/dates.ts';
import { nightlyOptimumOf, nightlyPairsOf } from './nightly-optimum.ts';
import { type Confirmation, replayLive } from './surge-replay.ts';

/**
 * Drives `npm start` from outside as many people would: submissions through the JSON API from
 * distinct loopback addresses, each confirmed through the link in its mail, and reads what came
 * out (the caught mail, the table). Shared by the liveness test and `npm run bench:surge`.
 */

export interface Answer {
  readonly status: number;
  readonly body: string;
  /** The Retry-After header's seconds, when the answer carries one. */
  readonly retryAfter?: number;
}

/** One HTTP request from a given loopback source address (rate limits count per address). */
export function httpFrom(
  from: string,
  url: string,
  init: { method?: string; contentType?: string; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: init.method ?? 'GET',
        localAddress: from,
        headers: init.contentType ? { 'content-type': init.contentType } : {},
        timeout: 120_000,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        const retryAfter = Number(response.headers['retry-after']);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body,
            ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {}),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`${url}: no answer within 120 s`)));
    request.on('error', reject);
    request.end(init.body);
  });
}

/** The n-th distinct loopback address after 127.0.0.1 (127.1.0.1, 127.1.0.2, …). */
export const loopback = (n: number) =>
  `127.${1 + Math.floor(n / 65_000)}.${Math.floor((n % 65_000) / 250)}.${1 + (n % 250)}`;

/** A small seeded generator, so that a run can be repeated. */
export function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
    int: (from: number, to: number) => from + Math.floor(next() * (to - from + 1)),
    chance: (p: number) => next() < p,
  };
}

const CITIES = ['Istanbul', 'Ankara', 'İzmir', 'Bursa', 'Antalya'];
const HOUSEHOLDS = ['single_woman', 'women', 'couple', 'family', 'single_man', 'men'] as const;

export interface Submission {
  readonly kind: 'offer' | 'request';
  /** Unique and ASCII, so that it can be found in a mail's text. */
  readonly name: string;
  readonly email: string;
  readonly body: Record<string, unknown>;
}

/** Offers and requests in Turkey's five largest cities, mixed so that most requests fit some offer. */
export function generateSubmissions(offers: number, requests: number, seed = 17): Submission[] {
  const random = seeded(seed);
  const run = random.int(0, 1e9).toString(36);
  const out: Submission[] = [];
  for (let i = 0; i < offers; i++) {
    const name = `Host Hx${run}o${i}`;
    const from = random.int(1, 10);
    out.push({
      kind: 'offer',
      name,
      email: `host-${run}-${i}@example.org`,
      body: {
        name,
        email: `host-${run}-${i}@example.org`,
        phone: '+90 555 123 45 67',
        languages: random.chance(0.5) ? ['tr', 'en'] : ['tr', 'ru'],
        country: 'TR',
        city: random.pick(CITIES),
        availableFrom: daysFromNow(from),
        availableTo: daysFromNow(from + random.int(20, 90)),
        beds: random.int(1, 5),
        petsAllowed: random.chance(0.4),
        childrenAllowed: random.chance(0.7),
        stepFree: random.chance(0.3),
        multipleParties: random.chance(0.3),
        hostHousehold: random.pick(HOUSEHOLDS),
      },
    });
  }
  for (let i = 0; i < requests; i++) {
    const name = `Seeker Sx${run}r${i}`;
    const arrival = random.int(3, 14);
    out.push({
      kind: 'request',
      name,
      email: `seeker-${run}-${i}@example.org`,
      body: {
        name,
        email: `seeker-${run}-${i}@example.org`,
        phone: '+380 67 123 4567',
        languages: random.chance(0.5) ? ['uk', 'ru'] : ['ru', 'en'],
        country: 'TR',
        ...(random.chance(0.85) ? { city: random.pick(CITIES) } : {}),
        arrival: daysFromNow(arrival),
        departure: daysFromNow(arrival + random.int(7, 40)),
        adults: random.int(1, 2),
        children: random.chance(0.4) ? random.int(1, 2) : 0,
        pets: random.chance(0.15),
        needsStepFree: random.chance(0.1),
        safeHousehold: random.chance(0.3),
      },
    });
  }
  // Offers and requests arrive mixed, as people come.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [out[i], out[j]] = [out[j] as Submission, out[i] as Submission];
  }
  return out;
}

export interface CaughtMail {
  readonly file: string;
  /** When the catcher wrote it (from its file name), ms since the epoch. */
  readonly at: number;
  readonly to: string;
  readonly text: string;
}

/**
 * Reads the mail catcher's directory as it fills: each .eml once. Callers that ask at the same
 * time share one read of the directory, and a recipient's mails are looked up, not searched: in
 * a full surge a thousand confirmers wait at once, and each reading and searching 12,000 mails
 * for itself ten times a second took the cores the server needed.
 */
export function mailbox(dir: string) {
  const seen = new Set<string>();
  const mails: CaughtMail[] = [];
  const byRecipient = new Map<string, CaughtMail[]>();
  let reading: Promise<CaughtMail[]> | undefined;
  async function read(): Promise<CaughtMail[]> {
    let files: string[];
    try {
      files = await readdir(dir);
    } catch {
      return mails;
    }
    for (const file of files.sort()) {
      if (!file.endsWith('.eml') || seen.has(file)) continue;
      seen.add(file);
      const parsed = await simpleParser(await readFile(join(dir, file)));
      const stamp = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(file);
      const at = stamp ? Date.parse(`${stamp[1]}T${stamp[2]}:${stamp[3]}:${stamp[4]}.${stamp[5]}Z`) : 0;
      const to = Array.isArray(parsed.to) ? parsed.to.map((t) => t.text).join(', ') : (parsed.to?.text ?? '');
      const mail = { file, at, to, text: parsed.text ?? '' };
      mails.push(mail);
      for (const address of to.split(/,\s*/)) {
        const bare = /<([^>]+)>/.exec(address)?.[1] ?? address.trim();
        byRecipient.set(bare, [...(byRecipient.get(bare) ?? []), mail]);
      }
    }
    return mails;
  }
  function refresh(): Promise<CaughtMail[]> {
    reading ??= read().finally(() => {
      reading = undefined;
    });
    return reading;
  }
  /** The mails caught so far to that address. */
  const to = (address: string): readonly CaughtMail[] => byRecipient.get(address) ?? [];
  return { mails, refresh, to };
}

/** The confirm path of the mail to that address, once it is there. */
export async function confirmPathFor(
  box: ReturnType<typeof mailbox>,
  email: string,
  timeoutMs: number,
): Promise<{ path: string; mailAt: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await box.refresh();
    const mail = box.to(email).find((m) => /\/confirm\//.test(m.text));
    const url = mail?.text.match(/https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/)?.[0];
    if (mail && url) return { path: new URL(url).pathname, mailAt: mail.at };
    if (Date.now() > deadline) throw new Error(`no confirm mail to ${email} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Confirms as a person does: open the link, press the button. */
export async function confirm(baseUrl: string, from: string, path: string): Promise<void> {
  const page = await httpFrom(from, `${baseUrl}${path}`);
  if (page.status !== 200) throw new Error(`confirm page: ${page.status}`);
  const done = await httpFrom(from, `${baseUrl}${path}`, {
    method: 'POST',
    contentType: 'application/x-www-form-urlencoded',
    body: 'decision=confirm',
  });
  if (done.status !== 303) throw new Error(`confirm: ${done.status}`);
}

/**
 * Whether every stream consumer of `npm start` has handled every record written so far: for each
 * consumer and shard, nothing follows the sequence number its checkpoint file (infra/local
 * stream-poller.ts, saved once a page is handled) names. Mail that stopped coming says little
 * while a matcher batch is still working on a CPU-starved table; this says the work is done.
 */
export async function streamCaughtUp(
  endpoint: string,
  dataDir: string,
  tableName = 'haven',
): Promise<boolean> {
  const file = join(dataDir, `stream-checkpoints-${tableName}.json`);
  const checkpoints = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Record<
    string,
    { sequenceNumber?: string; finished?: boolean }
  >;
  const dynamo = createDynamoClient({ region: 'local', endpoint });
  const streams = new DynamoDBStreamsClient({
    region: 'local',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    const streamArn = Table?.LatestStreamArn as string;
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      for (const consumer of Object.keys(STREAM_CONSUMERS)) {
        const state = checkpoints[`${consumer}/${shard.ShardId}`];
        if (state?.finished) continue;
        const { ShardIterator } = await streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shard.ShardId,
            ...(state?.sequenceNumber
              ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: state.sequenceNumber }
              : { ShardIteratorType: 'TRIM_HORIZON' }),
          }),
        );
        const page = await streams.send(new GetRecordsCommand({ ShardIterator, Limit: 1 }));
        if ((page.Records ?? []).length > 0) return false;
      }
    }
    return true;
  } finally {
    dynamo.destroy();
    streams.destroy();
  }
}

/** Pairs of an open request and an open offer that every hard rule allows now (a full read of the table). */
export async function unproposedPairs(endpoint: string, tableName = 'haven') {
  const db = createDocumentClient(createDynamoClient({ region: 'local', endpoint }));
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  db.destroy();
  const offers = items
    .filter((i) => i.kind === 'offer' && i.status === 'open')
    .map((i) => offerRecordSchema.parse(i));
  const requests = items
    .filter((i) => i.kind === 'request' && i.status === 'open')
    .map((i) => requestRecordSchema.parse(i));
  const holds = items.filter((i) => String(i.sk).startsWith('HOLD#'));
  const declined = new Set(
    items
      .filter((i) => String(i.sk).startsWith('DECLINED#'))
      .map((i) => `${String(i.pk).slice(8)}|${i.offerId}`),
  );
  const pairs: { offerId: string; requestId: string }[] = [];
  for (const offer of offers) {
    const held = holds
      .filter((h) => h.pk === `OFFER#${offer.id}`)
      .map((h) => heldBedsOf(holdItemSchema.parse(h)));
    for (const request of requests) {
      const check = checkPair(offer, request, {
        holds: held,
        declined: declined.has(`${request.id}|${offer.id}`),
      });
      if (check.broken.length === 0) pairs.push({ offerId: offer.id, requestId: request.id });
    }
  }
  const proposals = items.filter((i) => i.kind === 'proposal') as { requestId: string; offerId: string }[];
  return { pairs, offers: offers.length, requests: requests.length, proposals, items };
}

/**
 * The surge's pool as if every confirmation had come at once: each open offer with all its beds,
 * every request still wanting one (before the surge's proposals, all of them were open).
 */
function poolAtOnce(items: readonly Record<string, unknown>[]) {
  const offers = items
    .filter((i) => i.kind === 'offer' && i.status === 'open')
    .map((i) => offerRecordSchema.parse(i));
  const requests = items
    .filter((i) => i.kind === 'request' && (i.status === 'open' || i.status === 'proposed'))
    .map((i) => requestRecordSchema.parse(i));
  const placed = requests
    .filter((request) => request.status === 'proposed')
    .reduce((sum, request) => sum + partySize(request), 0);
  const pool: Pool<OfferRecord, RequestRecord> = {
    offers: offers.map((offer) => ({ offer, holds: [] })),
    requests: requests.map((request) => ({ ...request, status: 'open' as const })),
    declined: new Set(),
  };
  return { pool, placed };
}

/**
 * People the surge placed (in proposals now pending) against what matching the same pool at once
 * places, solved in turns as the matcher does (later-stays.ts). One solve alone seats each offer
 * once for all nights: fewer people than the stream places when a later stay follows an earlier
 * one (the full surge read 1.10 against it).
 */
export function placedAgainstBatch(items: readonly Record<string, unknown>[]) {
  const { pool, placed } = poolAtOnce(items);
  const batch = matchInTurns(pool);
  return { placed, batchOptimum: batch.people, batchExact: batch.exact, batchTurns: batch.turns };
}

/**
 * People the live matcher would have placed with the same pool in the order it was confirmed,
 * replayed without a table (surge-replay.ts) in stream batches of each `window`: what the live
 * run's placement is held against, to tell the order's cost from the table's timing.
 */
export function placedReplayed(
  items: readonly Record<string, unknown>[],
  confirmedAt: ReadonlyMap<string, number>,
  windows: readonly number[],
) {
  const { pool } = poolAtOnce(items);
  const at = (record: { name: string }) => confirmedAt.get(record.name) ?? Number.POSITIVE_INFINITY;
  const confirmations: Confirmation[] = [
    ...pool.offers.map(({ offer }) => ({ kind: 'offer', offer }) as const),
    ...pool.requests.map((request) => ({ kind: 'request', request }) as const),
  ].sort(
    (a, b) => at(a.kind === 'offer' ? a.offer : a.request) - at(b.kind === 'offer' ? b.offer : b.request),
  );
  const today = todayIn('TR', new Date());
  return windows.map((window) => ({
    window,
    people: replayLive(confirmations, window, defaultMatcherOptions, today).people,
  }));
}

/**
 * The most people the same pool places under rule 1 night by night (nightly-optimum.py): what no
 * matcher, streaming or not, can beat. Undefined where SciPy is missing.
 */
export function nightlyOptimum(items: readonly Record<string, unknown>[], timeLimitS: number) {
  try {
    return nightlyOptimumOf(nightlyPairsOf(poolAtOnce(items).pool), timeLimitS);
  } catch (error) {
    console.error(`no nightly optimum: ${(error as Error).message.slice(0, 300)}`);
    return undefined;
  }
}

export const percentile = (values: readonly number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};
