import { readdir, readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { simpleParser } from 'mailparser';
import { createDocumentClient, createDynamoClient } from '../../shared/data/client.ts';
import { heldBedsOf, holdItemSchema } from '../../shared/data/holds.ts';
import { checkPair, partySize } from '../../shared/domain/matching/rules.ts';
import { matchPool } from '../../shared/domain/matching/solver/match-pool.ts';
import { offerRecordSchema, requestRecordSchema } from '../../shared/domain/records.ts';

/**
 * Drives `npm start` from outside as many people would: submissions through the JSON API from
 * distinct loopback addresses, each confirmed through the link in its mail, and reads what came
 * out (the caught mail, the table). Shared by the liveness test and `npm run bench:surge`.
 */

export interface Answer {
  readonly status: number;
  readonly body: string;
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
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
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

const day = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
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
        availableFrom: day(from),
        availableTo: day(from + random.int(20, 90)),
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
        arrival: day(arrival),
        departure: day(arrival + random.int(7, 40)),
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

/** Reads the mail catcher's directory as it fills: each .eml once. */
export function mailbox(dir: string) {
  const seen = new Set<string>();
  const mails: CaughtMail[] = [];
  async function refresh(): Promise<CaughtMail[]> {
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
      mails.push({ file, at, to, text: parsed.text ?? '' });
    }
    return mails;
  }
  return { mails, refresh };
}

/** The confirm path of the mail to that address, once it is there. */
export async function confirmPathFor(
  box: ReturnType<typeof mailbox>,
  email: string,
  timeoutMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = (await box.refresh()).find((m) => m.to.includes(email) && /\/confirm\//.test(m.text));
    const url = mail?.text.match(/https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/)?.[0];
    if (url) return new URL(url).pathname;
    if (Date.now() > deadline) throw new Error(`no confirm mail to ${email} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
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
 * People the surge placed (in proposals now pending) against the most people one batch solve of
 * the same pool places: every offer with all its beds, every request still wanting one.
 */
export function placedAgainstBatch(items: readonly Record<string, unknown>[]) {
  const offers = items
    .filter((i) => i.kind === 'offer' && i.status === 'open')
    .map((i) => ({ offer: offerRecordSchema.parse(i), holds: [] }));
  const requests = items
    .filter((i) => i.kind === 'request' && (i.status === 'open' || i.status === 'proposed'))
    .map((i) => requestRecordSchema.parse(i));
  const placed = requests
    .filter((request) => request.status === 'proposed')
    .reduce((sum, request) => sum + partySize(request), 0);
  // Before the surge's proposals, every one of these requests was open.
  const open = requests.map((request) => ({ ...request, status: 'open' as const }));
  const batch = matchPool({ offers, requests: open, declined: new Set() });
  return { placed, batchOptimum: batch.people, batchExact: batch.exact };
}

export const percentile = (values: readonly number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};
