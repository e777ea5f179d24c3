import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import { mailboxOf } from '../domain/email-address.ts';
import { Conflict, type RateLimited, TooManyRequests } from '../domain/errors.ts';
import { isConditionFailure, translateWriteError } from './errors.ts';
import { rateLimitKey, rateLimitPartition, rateLimitShardKey, rateLimitShardPrefix } from './keys.ts';
import { queryAll } from './query.ts';
import type { TransactItem } from './transact.ts';

export interface RateLimit {
  /** What is counted, e.g. `submit-ip`; part of the key, never personal data. */
  readonly scope: string;
  readonly limit: number;
  readonly windowSeconds: number;
  /** What the refusal tells the client. */
  readonly message: string;
  /** What the error page tells a person to wait with; submissions unless said. */
  readonly counted?: RateLimited;
}

const SUBMISSIONS_MESSAGE = 'Too many submissions in a short time. Please try again later.';

/**
 * Submission attempts per source address, valid or not (each may search the gazetteer):
 * generous, since a shelter's Wi-Fi may serve many people, some of whom fix a mistake or two.
 */
export const SUBMIT_PER_IP: RateLimit = {
  scope: 'submit-ip',
  limit: 60,
  windowSeconds: 3600,
  message: SUBMISSIONS_MESSAGE,
};
/**
 * Submissions per mailbox (domain/email-address.ts: case, +tags and Gmail's dots make no new
 * one): a person fixing a typo resubmits a few times, a bot many.
 */
export const SUBMIT_PER_EMAIL: RateLimit = {
  scope: 'submit-email',
  limit: 5,
  windowSeconds: 3600,
  message: SUBMISSIONS_MESSAGE,
  counted: 'mailbox-submissions',
};
/**
 * Submissions per Telegram chat (chatAddress), which may give no email at all: the mailbox's rule
 * and counter (the same scope, so erasing a chat forgets it as an address is forgotten), with the
 * chat's own page, since a Mini App sender never typed an address to blame.
 */
export const SUBMIT_PER_CHAT: RateLimit = { ...SUBMIT_PER_EMAIL, counted: 'chat-submissions' };
/**
 * Place completions per source address: the one unauthenticated read of the gazetteer. The forms
 * ask once per pause in typing, so even a shelter full of people typing stays far below this.
 */
export const PLACES_PER_IP: RateLimit = {
  scope: 'places-ip',
  limit: 120,
  windowSeconds: 60,
  message: 'Too many place lookups in a short time. Please try again in a minute.',
};

/**
 * Confirmation mail to unconfirmed addresses, from the whole service in an hour
 * (CONFIRM_MAILS_PER_HOUR): whatever the per-address limits let through, a flood of made-up
 * submissions cannot turn the sender into a source of spam and ruin its reputation.
 */
export const confirmMailCap = (perHour: number): RateLimit => ({
  scope: 'confirm-mail',
  limit: perHour,
  windowSeconds: 3600,
  message: 'Haven is receiving very many submissions just now. Please try again in an hour.',
  counted: 'all-submissions',
});

/**
 * The bot's messages, counted across every process that sends them. Telegram lets a bot send
 * about 30 messages a second to different chats and answers more with 429s that hold back every
 * chat; in AWS the mailer runs once per stream shard with a busy batch, and its sweep beside
 * them, so a limit kept in each process alone would not hold.
 */
export const TELEGRAM_SENDS: RateLimit = {
  scope: 'telegram-send',
  limit: 30,
  windowSeconds: 1,
  message: 'The bot has sent as many messages as Telegram allows in this second.',
};

/**
 * Takes a use of `rule` as takeRateLimit does, but waits for the next window instead of
 * refusing when this one is full: for work that must happen, only not all at once.
 */
export async function waitForRateLimit(
  deps: Deps,
  rule: RateLimit,
  subject: string,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  for (;;) {
    try {
      await takeRateLimit(deps, rule, subject);
      return;
    } catch (error) {
      if (!(error instanceof TooManyRequests)) throw error;
      const windowMs = rule.windowSeconds * 1000;
      await sleep(windowMs - (deps.now().getTime() % windowMs));
    }
  }
}

// Subjects (IP addresses, emails) are personal data: only their hash reaches a key.
const hashSubject = (subject: string) =>
  createHash('sha256').update(subject.trim().toLowerCase()).digest('hex');

function windowOf(rule: RateLimit, now: Date) {
  const windowMs = rule.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const refusal = () =>
    new TooManyRequests(rule.message, Math.ceil((start + windowMs - now.getTime()) / 1000), rule.counted);
  return { start, windowMs, refusal };
}

/**
 * The conditional update that counts one use of a window (or of one shard of it, holding `limit`
 * of the window's uses); its condition fails once that counter is full.
 */
function countingUpdate(
  table: string,
  rule: RateLimit,
  subject: string,
  now: Date,
  shard?: { readonly index: number; readonly limit: number },
) {
  const { start: windowStart, windowMs, refusal } = windowOf(rule, now);
  const at = new Date(windowStart).toISOString();
  const update = {
    TableName: table,
    Key:
      shard === undefined
        ? rateLimitKey(rule.scope, hashSubject(subject), at)
        : rateLimitShardKey(rule.scope, hashSubject(subject), at, shard.index),
    UpdateExpression: 'ADD #count :one SET expiresAt = if_not_exists(expiresAt, :expiresAt), kind = :kind',
    ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
    ExpressionAttributeNames: { '#count': 'count' },
    ExpressionAttributeValues: {
      ':one': 1,
      ':limit': shard?.limit ?? rule.limit,
      ':kind': 'rate-limit',
      ':expiresAt': Math.floor((windowStart + windowMs) / 1000) + 60,
    },
  };
  return { update, refusal };
}

/**
 * Counts one use against a fixed window and refuses (TooManyRequests) once the window is full.
 * One conditional update per check: the counter item expires by TTL after its window.
 */
export async function takeRateLimit(deps: Deps, rule: RateLimit, subject: string): Promise<void> {
  const { update, refusal } = countingUpdate(deps.config.TABLE_NAME, rule, subject, deps.now());
  try {
    await deps.db.send(new UpdateCommand(update));
  } catch (error) {
    if (isConditionFailure(error)) throw refusal();
    translateWriteError(error, 'rate limit');
  }
}

/**
 * One use of a window, to be counted in the transaction of the write it limits (record-writes.ts)
 * instead of in a write of its own: a submission then commits once, not once per limit, and a
 * write that loses a race counts nothing. Only for windows of one subject (an address, a
 * mailbox): a window that every write shares would make every transaction collide.
 */
export interface RateLimitUse {
  readonly item: TransactItem;
  /** What the write throws when this window's condition failed. */
  readonly refusal: () => TooManyRequests | Conflict;
}

/** See RateLimitUse. */
export function rateLimitUse(deps: Deps, rule: RateLimit, subject: string): RateLimitUse {
  const { update, refusal } = countingUpdate(deps.config.TABLE_NAME, rule, subject, deps.now());
  return { item: { Update: update }, refusal };
}

/**
 * Counters a shared window is split into. Every submission counts against the hourly cap on
 * confirmation mail: as one counter it was a write of its own per submission (in a transaction
 * it would make every submission collide), and on a surge the slowest of them, all queueing for
 * one item (p50 3.3 s on a laptop, where the other writes took 1 s). Split, it rides in each
 * submission's own transaction, and two submissions meet on a counter one time in sixteen.
 */
const SHARED_WINDOW_SHARDS = 16;

/**
 * A window every submission shares (the hourly cap on confirmation mail), counted exactly in the
 * transaction of each write it limits. The limit is split over shard counters that together hold
 * exactly `rule.limit`; a write counts against one shard picked at random. A shard that turned
 * out full makes the write fail as a Conflict, so the caller reads again and retries: then the
 * shards' counts are read (one Query) and a shard with room is picked, and only when none has
 * any is the write refused. So the window admits exactly its limit, never more, and refuses
 * nothing while any shard has room. One per submission: it remembers what it learnt.
 */
export interface SharedRateLimit {
  /** A use to count in the limited write's transaction; TooManyRequests when the window is full. */
  use(): Promise<RateLimitUse>;
  /** Refuses (TooManyRequests) when the window is full, counting nothing. */
  refuseWhenFull(): Promise<void>;
}

/** See SharedRateLimit. */
export function sharedRateLimit(deps: Deps, rule: RateLimit, subject: string): SharedRateLimit {
  const shards = Math.min(SHARED_WINDOW_SHARDS, rule.limit);
  const shardLimit = (index: number) =>
    Math.floor(rule.limit / shards) + (index < rule.limit % shards ? 1 : 0);
  const indexes = Array.from({ length: shards }, (_, index) => index);
  let countsNeeded = false;

  /** The shards with room now, read consistently in one Query. */
  async function roomy(): Promise<number[]> {
    const { start } = windowOf(rule, deps.now());
    const prefix = rateLimitShardPrefix(new Date(start).toISOString());
    const items = await queryAll(deps.db, {
      TableName: deps.config.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': rateLimitPartition(rule.scope, hashSubject(subject)),
        ':prefix': prefix,
      },
      ProjectionExpression: 'sk, #count',
      ExpressionAttributeNames: { '#count': 'count' },
      ConsistentRead: true,
    }).catch((error: unknown) => translateWriteError(error, 'rate limit'));
    const counts = new Map(items.map((item) => [String(item.sk).slice(prefix.length), Number(item.count)]));
    return indexes.filter((index) => (counts.get(String(index)) ?? 0) < shardLimit(index));
  }

  return {
    async use() {
      const candidates = countsNeeded ? await roomy() : indexes;
      const index = candidates[Math.floor(Math.random() * candidates.length)];
      if (index === undefined) throw windowOf(rule, deps.now()).refusal();
      const { update } = countingUpdate(deps.config.TABLE_NAME, rule, subject, deps.now(), {
        index,
        limit: shardLimit(index),
      });
      const refusal = () => {
        countsNeeded = true;
        return new Conflict('A share of a shared limit was used up at the same time; try another.');
      };
      return { item: { Update: update }, refusal };
    },
    async refuseWhenFull() {
      if ((await roomy()).length === 0) throw windowOf(rule, deps.now()).refusal();
    },
  };
}

/** Refuses (TooManyRequests) as takeRateLimit would when the window is full, without counting a use. */
export async function refuseWhenFull(deps: Deps, rule: RateLimit, subject: string): Promise<void> {
  const { start, refusal } = windowOf(rule, deps.now());
  const { Item } = await deps.db
    .send(
      new GetCommand({
        TableName: deps.config.TABLE_NAME,
        Key: rateLimitKey(rule.scope, hashSubject(subject), new Date(start).toISOString()),
        ConsistentRead: true,
      }),
    )
    .catch((error: unknown) => translateWriteError(error, 'rate limit'));
  if (typeof Item?.count === 'number' && Item.count >= rule.limit) throw refusal();
}

/** The limits whose subject is an email address: their window items carry the address's hash. */
const PER_EMAIL: readonly RateLimit[] = [SUBMIT_PER_EMAIL];

/**
 * Deletes the counting windows of an address (a Query per limit on its key), so an erased
 * person leaves no hash of their address behind; TTL would remove them only lazily.
 */
export async function forgetRateLimits(deps: Deps, email: string): Promise<void> {
  const table = deps.config.TABLE_NAME;
  // Counted per mailbox (see SUBMIT_PER_EMAIL), so forgotten per mailbox.
  const subject = mailboxOf(email);
  for (const rule of PER_EMAIL) {
    const windows = await queryAll(deps.db, {
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': rateLimitPartition(rule.scope, hashSubject(subject)) },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    });
    for (const window of windows) {
      await deps.db.send(new DeleteCommand({ TableName: table, Key: { pk: window.pk, sk: window.sk } }));
    }
  }
}
