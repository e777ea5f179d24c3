import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import { Conflict } from '../domain/errors.ts';
import { ISO_3166_ALPHA2 } from '../domain/iso-codes.ts';
import type { CityOf } from '../domain/overview.ts';
import {
  type ErasedRecord,
  erasedOfferSchema,
  erasedRequestSchema,
  type OfferRecord,
  offerRecordSchema,
  proposalRecordSchema,
  type RequestRecord,
  requestRecordSchema,
} from '../domain/records.ts';
import {
  endedAtSet,
  endedBy,
  keepingEnd,
  keepingPause,
  lifecycleDueAt,
  pausedAtSet,
} from '../domain/retention.ts';
import { tokenRecordSchema } from '../domain/tokens.ts';
import { inParallel } from '../in-parallel.ts';
import { auditEventSchema, auditPut } from './audit.ts';
import { batchGetItems } from './batch-get.ts';
import { type AddressBlock, blockIdentities, blockKeyOf, blockOf, storedBlockOf } from './blocks.ts';
import { isConditionFailure, isTransactionConflict } from './errors.ts';
import { forgetAtAfter, holderOf } from './forgetting.ts';
import { carryHoldsOnOffer, holdsOfCountry } from './holds.ts';
import { erasedItem, exportKeys, intakeRecordOf, offerItem, requestItem } from './items.ts';
import {
  AUDIT_PREFIX,
  forgetDueIndex,
  heldChangesDueIndex,
  offerKey,
  openByCountryPartition,
  PENDING_PROPOSAL_PARTITION,
  PK_PREFIX,
  proposalKey,
  proposalQueueIndex,
  recordOfPartition,
  requestKey,
  tokenKey,
} from './keys.ts';
import { lifecyclePut } from './lifecycle.ts';
import { mailboxLookupItem } from './mailbox-lookups.ts';
import { getOffer, saveOffer } from './offers.ts';
import { oweRecount } from './overview.ts';
import { phoneLookupItem } from './phone-lookups.ts';
import {
  forgetPairDetails,
  forgetPairPlace,
  offerProposalItem,
  proposalIdsOfOffer,
  renameProposalPlace,
} from './proposals.ts';
import { queryItems } from './query.ts';
import { renameProblemPlaces } from './queues.ts';
import { getRequest, saveRequest } from './requests.ts';
import { TTL_ATTRIBUTE } from './table.ts';
import { chatAddress, telegramLookupItems } from './telegram-lookups.ts';
import { transact } from './transact.ts';

/**
 * Brings the matching pool's index of stored open offers up to date after the way offerItem
 * keys them changed (as when the pool cells became finer): an open offer whose gsi1 keys differ
 * from what offerItem gives now is invisible to the candidate search, a bed nobody is offered.
 * It reads every country's open offers (gsi3, as the sweep does: no Scan, nothing but open
 * offers) and rewrites each stale one under its version, so a change racing this pass wins and
 * is itself written with the new keys. An open offer that may not be matched (isMatchable: a
 * host rejected before rejecting took its keys away) loses its pool and sweep keys.
 */
export async function reindexOpenOffers(
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<{ openOffers: number; rewritten: number }> {
  // Open but not matchable (a host rejected before rejection took the keys away): it leaves the
  // pool and the sweep's partition both.
  const { open, rewritten } = await rewriteStalePoolKeys(db, tableName, 'offer', 'leave-pool', (stored) =>
    offerItem(offerRecordSchema.parse(stored)),
  );
  return { openOffers: open, rewritten };
}

/**
 * Brings the pool's index of stored open requests up to date after the way requestItem keys them
 * changed. Session 19 re-keyed every open request with a city: from its record cell to its cell of
 * the requests' 112 km grid (`q<row>.<col>`), or to its country's WIDE cell when its radius is wider
 * than NEAR_REQUEST_KM. A request left under a key no offer reads is not found by an offer's run
 * (requestsReachingAny), only by the sweep, so this must run right after that release's deploy. As
 * reindexOpenOffers: every country's open requests (gsi3), each stale one rewritten under its version.
 */
export async function reindexOpenRequests(
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<{ openRequests: number; rewritten: number }> {
  // A request that may not be matched carries no pool keys to fix (its sweep key is not this pass's).
  const { open, rewritten } = await rewriteStalePoolKeys(db, tableName, 'request', 'keep', (stored) =>
    requestItem(requestRecordSchema.parse(stored)),
  );
  return { openRequests: open, rewritten };
}

type PoolKeysOf = (stored: Record<string, unknown>) => {
  pk: string;
  sk: string;
  version: number;
  gsi1pk?: string;
  gsi1sk?: string;
};

/**
 * Every country's open records of a kind (gsi3), each whose gsi1 keys differ from what `wantedOf`
 * gives now rewritten under its version and while open: a change racing the pass wins, and was
 * itself written with the current keys. A record `wantedOf` gives no pool keys either leaves the
 * pool and the sweep's partition (`leave-pool`) or is left as it is (`keep`).
 */
async function rewriteStalePoolKeys(
  db: DynamoDBDocumentClient,
  tableName: string,
  kind: 'offer' | 'request',
  unmatchable: 'leave-pool' | 'keep',
  wantedOf: PoolKeysOf,
): Promise<{ open: number; rewritten: number }> {
  let open = 0;
  let rewritten = 0;
  const condition = {
    ConditionExpression: '#version = :version AND #status = :open',
    ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
  };
  await inParallel([...ISO_3166_ALPHA2], 16, async (country) => {
    const stored = queryItems(db, {
      TableName: tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': openByCountryPartition(kind, country) },
    });
    for await (const item of stored) {
      open++;
      const wanted = wantedOf(item);
      if (wanted.gsi1pk === undefined && unmatchable === 'keep') continue;
      if (item.gsi1pk === wanted.gsi1pk && item.gsi1sk === wanted.gsi1sk) continue;
      const Key = { pk: wanted.pk, sk: wanted.sk };
      try {
        await db.send(
          new UpdateCommand(
            wanted.gsi1pk === undefined
              ? {
                  TableName: tableName,
                  Key,
                  UpdateExpression: 'REMOVE gsi1pk, gsi1sk, gsi3pk, gsi3sk',
                  ...condition,
                  ExpressionAttributeValues: { ':version': wanted.version, ':open': 'open' },
                }
              : {
                  TableName: tableName,
                  Key,
                  UpdateExpression: 'SET gsi1pk = :pk, gsi1sk = :sk',
                  ...condition,
                  ExpressionAttributeValues: {
                    ':pk': wanted.gsi1pk,
                    ':sk': wanted.gsi1sk,
                    ':version': wanted.version,
                    ':open': 'open',
                  },
                },
          ),
        );
        rewritten++;
      } catch (error) {
        // Changed since it was read: that write gave it the current keys.
        if (!isConditionFailure(error)) throw error;
      }
    }
  });
  return { open, rewritten };
}

/**
 * Makes every offer's map of its holds exact (carryHoldsOnOffer): every offer that is not closed
 * (open, paused, pending, open but unreachable or blocked), read by a Scan, as an operator command
 * after a release, and every offer with a hold (gsi3 `HOLD#`). An untrusted map is rebuilt and
 * trusted (`carried`); a trusted one is checked against the hold items and rebuilt where it
 * differs (`repaired`), so the re-index is also the map's check and repair. An offer whose version
 * kept moving is skipped (`busy`) and counted, for a later run.
 */
export async function carryHoldsOnOffers(
  deps: Deps,
): Promise<{ offers: number; carried: number; repaired: number; busy: number }> {
  const ids = new Set<string>();
  await inParallel([...ISO_3166_ALPHA2], 16, async (country) => {
    for (const id of (await holdsOfCountry(deps, country)).keys()) ids.add(id);
  });
  await scanPages(
    deps.db,
    deps.config.TABLE_NAME,
    {
      expression: '#kind = :offer AND #status <> :closed',
      names: { '#kind': 'kind', '#status': 'status' },
      values: { ':offer': 'offer', ':closed': 'closed' },
    },
    async (items) => {
      for (const item of items) ids.add(String(item.id));
    },
  );
  const done = { offers: ids.size, carried: 0, repaired: 0, busy: 0 };
  await inParallel([...ids], 16, async (id) => {
    const outcome = await carryHoldsOnOffer(deps, id);
    if (outcome === 'carried' || outcome === 'repaired' || outcome === 'busy') done[outcome]++;
  });
  return done;
}

const SEGMENTS = 4;

/**
 * Every item of the table that `filter` keeps, read by a parallel Scan, a page at a time. The one
 * Scan in the code base: operator commands that must see every stored record (closed ones too,
 * which no index lists) once after a release or a restore, never a request path; no function's role
 * may Scan.
 */
async function scanPages(
  db: DynamoDBDocumentClient,
  tableName: string,
  filter: { expression: string; names?: Record<string, string>; values: Record<string, unknown> },
  eachPage: (items: Record<string, unknown>[]) => Promise<void>,
): Promise<void> {
  await inParallel([...Array(SEGMENTS).keys()], SEGMENTS, async (segment) => {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new ScanCommand({
          TableName: tableName,
          Segment: segment,
          TotalSegments: SEGMENTS,
          FilterExpression: filter.expression,
          ExpressionAttributeNames: filter.names,
          ExpressionAttributeValues: filter.values,
          ExclusiveStartKey: startKey,
        }),
      );
      await eachPage(page.Items ?? []);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  });
}

/**
 * The offers and requests erased (or, never confirmed, deleted) at or after `since`, found by
 * their audit events in `tableName`. After a point-in-time restore to `since` the restored table
 * holds them again with their personal data and none of these events, so they are read from the
 * table as it was before the restore.
 */
export async function erasedSince(
  db: DynamoDBDocumentClient,
  tableName: string,
  since: Date,
): Promise<{ kind: 'offer' | 'request'; id: string }[]> {
  const found = new Map<string, { kind: 'offer' | 'request'; id: string }>();
  await scanAll(
    db,
    tableName,
    {
      expression: 'begins_with(sk, :audit) AND #at >= :since AND #action IN (:erased, :deleted)',
      names: { '#at': 'at', '#action': 'action' },
      values: {
        ':audit': AUDIT_PREFIX,
        ':since': since.toISOString(),
        ':erased': 'erased',
        ':deleted': 'deleted',
      },
    },
    async (item) => {
      const record = recordOfPartition(String(item.pk));
      if (record) found.set(`${record.kind}#${record.id}`, record);
    },
  );
  return [...found.values()];
}

/** scanPages, one item after the other. */
const scanAll = (
  db: DynamoDBDocumentClient,
  tableName: string,
  filter: Parameters<typeof scanPages>[2],
  each: (item: Record<string, unknown>) => Promise<void>,
) =>
  scanPages(db, tableName, filter, async (items) => {
    for (const item of items) await each(item);
  });

/**
 * Gives every stored offer and request with a phone number, a Telegram chat or an address spelled
 * otherwise than its mailbox the lookup items the coordinators' search, erasure, a chat's
 * de-duplication and a block on the mailbox read (records stored before those lookups existed
 * have none), counting those records. The Scan reads every record (a filter would not make it
 * cheaper, and no filter on the stored spelling catches every way of writing a mailbox, such as
 * `a.na@GMail.Com`): mailboxLookupItem decides. Each lookup is written only while the record still has the
 * version read and that lookup does not exist yet (read first, and checked again by the write): a
 * record written since carries its own, current ones, which this never overwrites.
 */
export async function backfillLookups(
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<{ records: number; written: number }> {
  let records = 0;
  let written = 0;
  await scanPages(
    db,
    tableName,
    {
      expression:
        '#kind IN (:offer, :request) AND attribute_exists(email) AND attribute_not_exists(erasedAt)',
      names: { '#kind': 'kind' },
      values: { ':offer': 'offer', ':request': 'request' },
    },
    async (items) => {
      const wanted = items.flatMap((item) => {
        const record = intakeRecordOf(item);
        const phone = phoneLookupItem(record);
        const mailbox = mailboxLookupItem(record);
        const lookups = [
          ...(phone ? [phone] : []),
          ...(mailbox ? [mailbox] : []),
          ...telegramLookupItems(record),
        ];
        if (lookups.length > 0) records++;
        return lookups.map((lookup) => ({ record, lookup }));
      });
      // Read first, a page at a time: once backfilled (every run after the first, and every
      // `npm start`), nearly all exist, and a transaction whose condition fails costs far more.
      const read = await batchGetItems(
        db,
        tableName,
        wanted.map(({ lookup }) => ({ pk: lookup.pk, sk: lookup.sk })),
        { projection: 'pk, sk', retries: BATCH_GET_RETRIES },
      );
      const present = new Set(read.map((item) => `${String(item.pk)}\n${String(item.sk)}`));
      for (const { record, lookup } of wanted) {
        if (present.has(`${lookup.pk}\n${lookup.sk}`)) continue;
        try {
          await transact(db, [
            {
              ConditionCheck: {
                TableName: tableName,
                Key: record.kind === 'offer' ? offerKey(record.id) : requestKey(record.id),
                ConditionExpression: '#version = :version',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':version': record.version },
              },
            },
            { Put: { TableName: tableName, Item: lookup, ConditionExpression: 'attribute_not_exists(pk)' } },
          ]);
          written++;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
    },
  );
  return { records, written };
}

/** Times the keys left unprocessed are asked again before the command gives up rather than wait on a table that stays busy. */
const BATCH_GET_RETRIES = 7;

/**
 * Gives every paused offer and request a lifecycle schedule no later than its pause horizon
 * (shared/domain/retention.ts pauseLapsesAt): a record paused before pauses had one got a
 * schedule only on its next write, and one nobody resumes never got that write. The schedule is
 * reckoned with the shortest horizon (MIN_PAUSE_DAYS), as this command does not know the
 * deployment's RETENTION_DAYS: an early schedule costs the sweep one read, which then reckons the
 * real one. A schedule already due sooner is kept.
 */
export async function backfillPauseHorizons(
  db: DynamoDBDocumentClient,
  tableName: string,
  now: Date,
): Promise<{ paused: number; scheduled: number }> {
  let paused = 0;
  let scheduled = 0;
  await scanAll(
    db,
    tableName,
    {
      expression: '#kind IN (:offer, :request) AND #status = :paused',
      names: { '#kind': 'kind', '#status': 'status' },
      values: { ':offer': 'offer', ':request': 'request', ':paused': 'paused' },
    },
    async (item) => {
      paused++;
      const record = intakeRecordOf(item);
      const dueAt = lifecycleDueAt(record, now, 0);
      if (dueAt === undefined) return;
      const { Put } = lifecyclePut(tableName, record.kind, record.id, dueAt);
      try {
        await db.send(
          new PutCommand({
            ...Put,
            ConditionExpression: 'attribute_not_exists(pk) OR dueAt > :at',
            ExpressionAttributeValues: { ':at': dueAt.toISOString() },
          }),
        );
        scheduled++;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },
  );
  return { paused, scheduled };
}

/** A record's own audit trail, newest first. */
async function* trailOf(deps: Deps, record: IntakeRecord) {
  const items = queryItems(deps.db, {
    TableName: deps.config.TABLE_NAME,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
    ExpressionAttributeValues: {
      ':pk': (record.kind === 'offer' ? offerKey(record.id) : requestKey(record.id)).pk,
      ':audit': AUDIT_PREFIX,
    },
    ScanIndexForward: false,
  });
  for await (const item of items) yield auditEventSchema.parse(item);
}

/**
 * The earlier of an event's time and the record's last write: a horizon cannot begin after the
 * record was last written, and an event that wrote nothing (a held resend) may come later.
 */
const boundedBy = (record: IntakeRecord, at: string) =>
  new Date(Math.min(Date.parse(at), Date.parse(record.updatedAt))).toISOString();

/**
 * When an ended record stored before records kept `endedAt` ended, from its own audit trail: the
 * latest event that moved it from a live status to closed, withdrawn or expired (the merge's
 * `merged` event included). Each such event is stamped in, or after, the write that ended the
 * record, so its `at` is never earlier than the end; `updatedAt` is a bound too, and a later write
 * (a host check, an address drop) only moved it later. Undefined when the trail no longer holds
 * the event (audit events go after a year).
 */
async function endedAtFromTrail(deps: Deps, record: IntakeRecord): Promise<string | undefined> {
  for await (const event of trailOf(deps, record)) {
    if (endedBy(record.kind, event)) return boundedBy(record, event.at);
  }
  return undefined;
}

/**
 * When the pause horizon of a paused record stored before records kept `pausedAt` began, from its
 * own audit trail: the latest event that names the status it left the record in (`to`). Every
 * write that begins the horizon (a pause by its owner, a coordinator or the unanswered "still
 * available?"; its owner's edit, confirmed or Mini App resend, "still looking?" yes while paused)
 * has been audited with `to` since the first release, and the writes of anyone else that leave it
 * paused (a host check, an unblock, an address drop) name none. So when that event left it
 * paused, it was stamped in, or after, the write that began the horizon, and no such write came
 * later: never earlier than the real start, and bounded by `updatedAt`. (A few events that write
 * nothing to the record name its status too, a resend held for confirmation or a block copied
 * across: one of those only makes the time later, never earlier.) Undefined when it did not (the
 * event of the latest pause is missing) or the trail holds none (audit events go after a year).
 */
async function pausedAtFromTrail(deps: Deps, record: IntakeRecord): Promise<string | undefined> {
  for await (const event of trailOf(deps, record)) {
    if (event.to === undefined) continue;
    return event.to === 'paused' ? boundedBy(record, event.at) : undefined;
  }
  return undefined;
}

/** What one backfill from the audit trail writes: one of the times a record keeps for reckoning its horizon. */
interface TrailBackfill {
  readonly field: 'endedAt' | 'pausedAt';
  /** The audit event's action. */
  readonly action: string;
  /** Whether the record, as read or read again, still lacks the time (and still has the status it is for). */
  readonly lacks: (record: IntakeRecord) => boolean;
  readonly fromTrail: (deps: Deps, record: IntakeRecord) => Promise<string | undefined>;
}

const ENDED_AT: TrailBackfill = {
  field: 'endedAt',
  action: 'ended-at-backfilled',
  lacks: (record) => record.endedAt === undefined,
  fromTrail: endedAtFromTrail,
};

const PAUSED_AT: TrailBackfill = {
  field: 'pausedAt',
  action: 'paused-at-backfilled',
  lacks: (record) => record.status === 'paused' && record.pausedAt === undefined,
  fromTrail: pausedAtFromTrail,
};

const BACKFILL_ATTEMPTS = 4;

/** Writes one record's time from its trail, reading it again when something wrote first. */
async function backfillFromTrail(
  deps: Deps,
  first: IntakeRecord,
  backfill: TrailBackfill,
): Promise<'written' | 'unknown' | 'kept'> {
  let record: IntakeRecord | ErasedRecord | undefined = first;
  for (let attempt = 1; ; attempt++) {
    if (record === undefined || record.erasedAt !== undefined || !backfill.lacks(record)) return 'kept';
    const at = await backfill.fromTrail(deps, record);
    if (at === undefined) return 'unknown';
    const next = {
      ...record,
      ...(backfill.field === 'endedAt' ? { endedAt: at } : { pausedAt: at }),
      updatedAt: deps.now().toISOString(),
      version: record.version + 1,
    };
    const change = {
      audit: { action: backfill.action, actor: 'process:reindex-command' as const, fields: [backfill.field] },
    };
    try {
      await (next.kind === 'offer'
        ? saveOffer(deps, next, record.version, change)
        : saveRequest(deps, next, record.version, change));
      return 'written';
    } catch (error) {
      if (!(error instanceof Conflict) || attempt >= BACKFILL_ATTEMPTS) throw error;
      record = record.kind === 'offer' ? await getOffer(deps, record.id) : await getRequest(deps, record.id);
    }
  }
}

/**
 * Gives every ended offer and request stored before records kept when they ended (`endedAt`) that
 * moment, from its audit trail (endedAtFromTrail), so that its erasure is reckoned from its end and
 * not from a later write; the write reschedules its erasure. Each is written only while it still has
 * the version read. One whose trail no longer tells is left as it is, reckoned from `updatedAt`, and
 * counted.
 */
export async function backfillEndedAt(
  deps: Deps,
): Promise<{ ended: number; written: number; unknown: number }> {
  const counts = { ended: 0, written: 0, unknown: 0 };
  await scanAll(
    deps.db,
    deps.config.TABLE_NAME,
    {
      expression:
        '#kind IN (:offer, :request) AND #status IN (:closed, :withdrawn, :expired) AND attribute_not_exists(endedAt) AND attribute_not_exists(erasedAt)',
      names: { '#kind': 'kind', '#status': 'status' },
      values: {
        ':offer': 'offer',
        ':request': 'request',
        ':closed': 'closed',
        ':withdrawn': 'withdrawn',
        ':expired': 'expired',
      },
    },
    async (item) => {
      counts.ended++;
      const done = await backfillFromTrail(deps, intakeRecordOf(item), ENDED_AT);
      if (done === 'written') counts.written++;
      if (done === 'unknown') counts.unknown++;
    },
  );
  return counts;
}

/**
 * Gives every paused offer and request stored before records kept when their pause horizon began
 * (`pausedAt`) that moment, from its audit trail (pausedAtFromTrail), so that it lapses from its
 * pause or its owner's last change and not from a later write of someone else; the write
 * reschedules its lapse. Each is written only while it is still paused without `pausedAt` at the
 * version read. One whose trail does not tell is left as it is, reckoned from `updatedAt`, and
 * counted: the first write of someone else to it keeps that (keepingPause).
 */
export async function backfillPausedAt(
  deps: Deps,
): Promise<{ paused: number; written: number; unknown: number }> {
  const counts = { paused: 0, written: 0, unknown: 0 };
  await scanAll(
    deps.db,
    deps.config.TABLE_NAME,
    {
      expression: '#kind IN (:offer, :request) AND #status = :paused AND attribute_not_exists(pausedAt)',
      names: { '#kind': 'kind', '#status': 'status' },
      values: { ':offer': 'offer', ':request': 'request', ':paused': 'paused' },
    },
    async (item) => {
      counts.paused++;
      const done = await backfillFromTrail(deps, intakeRecordOf(item), PAUSED_AT);
      if (done === 'written') counts.written++;
      if (done === 'unknown') counts.unknown++;
    },
  );
  return counts;
}

/**
 * Puts live records that nobody could reach once placed (no address, phone or Telegram
 * username), stored before their country's list of them existed, on that list (keys.ts
 * unreachableIndex; offerItem and requestItem write it with every change since), and takes
 * away the pool and sweep keys they were stored with (rules.ts isProposable: a proposal to one
 * could never be approved). Only a record without an address can be one, and such a record has
 * no other gsi2 keys; each is written only while it still has the version read, so a change
 * racing this pass wins.
 */
export async function queueUnreachableRecords(
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<{ withoutAddress: number; queued: number }> {
  let withoutAddress = 0;
  let queued = 0;
  await scanAll(
    db,
    tableName,
    {
      expression:
        '#kind IN (:offer, :request) AND email = :none AND attribute_not_exists(erasedAt) AND (attribute_not_exists(gsi2pk) OR attribute_exists(gsi1pk) OR attribute_exists(gsi3pk))',
      names: { '#kind': 'kind' },
      values: { ':offer': 'offer', ':request': 'request', ':none': '' },
    },
    async (item) => {
      withoutAddress++;
      const record = intakeRecordOf(item);
      const wanted: Record<string, unknown> =
        record.kind === 'offer' ? offerItem(record) : requestItem(record);
      if (wanted.gsi2pk === undefined || wanted.gsi2sk === undefined) return;
      const stale = ['gsi1pk', 'gsi1sk', 'gsi3pk', 'gsi3sk'].filter(
        (key) => item[key] !== undefined && wanted[key] === undefined,
      );
      if (item.gsi2pk === wanted.gsi2pk && stale.length === 0) return;
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: record.kind === 'offer' ? offerKey(record.id) : requestKey(record.id),
            UpdateExpression: `SET gsi2pk = :pk, gsi2sk = :sk${stale.length > 0 ? ` REMOVE ${stale.join(', ')}` : ''}`,
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: {
              ':pk': wanted.gsi2pk,
              ':sk': wanted.gsi2sk,
              ':version': record.version,
            },
          }),
        );
        queued++;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },
  );
  return { withoutAddress, queued };
}

/**
 * Gives every confirmed record that still holds personal data its place in its country's
 * export (gsi4, keys.ts recordsByCountryIndex): records stored before the export listed every
 * state have none, and the export would leave them out. Each is written only while it still has the
 * version read, so a change racing this pass (which writes the keys itself) wins.
 */
export async function backfillExportKeys(
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<{ records: number; written: number }> {
  let records = 0;
  let written = 0;
  await scanAll(
    db,
    tableName,
    {
      expression:
        '#kind IN (:offer, :request) AND #status <> :pending AND attribute_not_exists(gsi4pk) AND attribute_not_exists(erasedAt)',
      names: { '#kind': 'kind', '#status': 'status' },
      values: { ':offer': 'offer', ':request': 'request', ':pending': 'pending' },
    },
    async (item) => {
      const record = intakeRecordOf(item);
      const { gsi4pk, gsi4sk } = exportKeys(record);
      // Ended before its address was confirmed: it stays out of the export.
      if (gsi4pk === undefined) return;
      records++;
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: record.kind === 'offer' ? offerKey(record.id) : requestKey(record.id),
            UpdateExpression: 'SET gsi4pk = :pk, gsi4sk = :sk',
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':pk': gsi4pk, ':sk': gsi4sk, ':version': record.version },
          }),
        );
        written++;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },
  );
  return { records, written };
}

/**
 * Gives pending proposals made before the coordinator workspace their offer's country and city,
 * and with them their place in the country's queue (gsi2 `QUEUE#PROPOSAL#<country>`): without a
 * country a proposal is in no coordinator's queue and no coordinator's scope. It reads the
 * pending proposals (gsi3, the expiry sweep's queue) and each one's offer; a proposal decided
 * meanwhile is left as it is.
 */
export async function backfillProposalCountries(
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<{ pending: number; written: number }> {
  let pending = 0;
  let written = 0;
  const proposals = queryItems(db, {
    TableName: tableName,
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': PENDING_PROPOSAL_PARTITION },
  });
  for await (const item of proposals) {
    pending++;
    const proposal = proposalRecordSchema.parse(item);
    if (proposal.country !== undefined) continue;
    const { Item: offer } = await db.send(
      new GetCommand({ TableName: tableName, Key: offerKey(proposal.offerId), ConsistentRead: true }),
    );
    if (offer === undefined) continue;
    const { country, city } = offerRecordSchema.parse(offer);
    const queue = proposalQueueIndex(country, proposal.createdAt, proposal.id);
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: proposalKey(proposal.id),
          UpdateExpression: 'SET country = :country, city = :city, gsi2pk = :queue, gsi2sk = :at',
          ConditionExpression: '#status = :pending AND attribute_not_exists(country)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':country': country,
            ':city': city,
            ':queue': queue.gsi2pk,
            ':at': queue.gsi2sk,
            ':pending': 'pending',
          },
        }),
      );
      written++;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  return { pending, written };
}

/**
 * Gives every proposal that left its hold before offers kept pointers to such proposals (declined,
 * expired, cancelled, approved) its offer's pointer (keys.ts offerProposalKey), so that erasing
 * the offer finds it; and takes from one whose offer is erased already what the matcher wrote
 * about the pair and its place below the city it counts under (forgetPairDetails,
 * forgetPairPlace), which that erasure could not find or did not yet do. Read first, a page at a
 * time, as the lookups are: once backfilled, every pointer exists and every offer is read once a
 * page, so a run after the first writes nothing.
 */
export async function pointOffersToTheirProposals(
  deps: Deps,
  countedCity: CityOf,
): Promise<{ decided: number; pointed: number; forgotten: number }> {
  const { db } = deps;
  const tableName = deps.config.TABLE_NAME;
  const done = { decided: 0, pointed: 0, forgotten: 0 };
  const keyOf = (item: Record<string, unknown>) => `${String(item.pk)}\n${String(item.sk)}`;
  await scanPages(
    db,
    tableName,
    {
      expression: '#kind = :proposal AND #status <> :pending',
      names: { '#kind': 'kind', '#status': 'status' },
      values: { ':proposal': 'proposal', ':pending': 'pending' },
    },
    async (items) => {
      const proposals = items.map((item) => proposalRecordSchema.parse(item));
      done.decided += proposals.length;
      const pointers = proposals.map((proposal) => offerProposalItem(proposal.offerId, proposal.id));
      const present = new Set(
        (
          await batchGetItems(db, tableName, pointers, { projection: 'pk, sk', retries: BATCH_GET_RETRIES })
        ).map(keyOf),
      );
      for (const pointer of pointers) {
        if (present.has(keyOf(pointer))) continue;
        // Unconditional: written meanwhile by a decision, it is the same item.
        await db.send(new PutCommand({ TableName: tableName, Item: pointer }));
        done.pointed++;
      }
      const unforgotten = proposals.filter(
        (proposal) =>
          proposal.explanation !== undefined ||
          proposal.distanceKm !== undefined ||
          (proposal.city !== undefined && proposal.cityCounted === undefined),
      );
      const offers = await batchGetItems(
        db,
        tableName,
        unforgotten.map((proposal) => offerKey(proposal.offerId)),
        { projection: 'pk, erasedAt', retries: BATCH_GET_RETRIES },
      );
      const notErased = new Set(
        offers.filter((offer) => offer.erasedAt === undefined).map((offer) => offer.pk),
      );
      for (const proposal of unforgotten) {
        if (notErased.has(offerKey(proposal.offerId).pk)) continue;
        await forgetPairDetails(deps, proposal.id);
        await forgetPairPlace(deps, proposal.id, countedCity);
        done.forgotten++;
      }
    },
  );
  return done;
}

/** The name a stored place must now go by, when another place took its name (places/gazetteer.ts renamedPlace). */
type RenamedPlace = (
  country: string,
  stored: string,
  where: { lat: number; lon: number },
) => Promise<string | undefined>;

/**
 * Renames the place of every offer and request whose stored name a place added to the gazetteer
 * since now stands for (places/gazetteer.ts renamedPlace): "Levent", stored when it was only the
 * village near Malatya, read as Istanbul's neighbourhood on its pages and mails and counted under
 * Istanbul, while the record lies, and is matched, by Malatya. It becomes "Levent, Malatya"
 * (audited `place-renamed`), and an offer's proposals and their reported problems with it (before
 * it: a run stopped between them finds the offer under its old name again). Each rename first
 * marks the overview's counters as owed a recount (data/overview.ts), which a stopped run leaves
 * for the next. Only `city` and the version move: the rename is nobody's change, so `updatedAt`,
 * from which an ended record's erasure may still be reckoned, and the erasure schedule, which
 * for a placed request the approval set from its stay, stay as they are.
 */
export async function renamePlacesTakenSince(
  deps: Deps,
  renamedPlace: RenamedPlace,
): Promise<{ placed: number; renamed: number; proposals: number }> {
  const counts = { placed: 0, renamed: 0, proposals: 0 };
  await scanAll(
    deps.db,
    deps.config.TABLE_NAME,
    {
      expression: '#kind IN (:offer, :request) AND attribute_exists(lat) AND attribute_not_exists(erasedAt)',
      names: { '#kind': 'kind' },
      values: { ':offer': 'offer', ':request': 'request' },
    },
    async (item) => {
      counts.placed++;
      const proposals = await renamePlace(deps, renamedPlace, intakeRecordOf(item));
      if (proposals === undefined) return;
      counts.renamed++;
      counts.proposals += proposals;
    },
  );
  return counts;
}

/** Renames one record's place when another took its name; how many of its proposals were renamed with it. */
async function renamePlace(
  deps: Deps,
  renamedPlace: RenamedPlace,
  first: IntakeRecord,
): Promise<number | undefined> {
  const table = deps.config.TABLE_NAME;
  let record: IntakeRecord | ErasedRecord | undefined = first;
  let proposals = 0;
  for (let attempt = 1; ; attempt++) {
    if (record === undefined || record.erasedAt !== undefined) return undefined;
    const { city: from, lat, lon } = record;
    if (from === undefined || lat === undefined || lon === undefined) return undefined;
    const to = await renamedPlace(record.country, from, { lat, lon });
    if (to === undefined) return undefined;
    await oweRecount(deps);
    if (record.kind === 'offer') {
      for (const id of await proposalIdsOfOffer(deps, record.id)) {
        if (await renameProposalPlace(deps, id, from, to)) proposals++;
        await renameProblemPlaces(deps, id, from, to);
      }
    }
    const key = record.kind === 'offer' ? offerKey(record.id) : requestKey(record.id);
    // An offer's copy of its holds stays trusted when it was (holds.ts): only the version moves.
    const trusted = record.kind === 'offer' && record.holdsVersion === record.version;
    try {
      await transact(deps.db, [
        {
          Update: {
            TableName: table,
            Key: key,
            UpdateExpression: `SET city = :to, #version = :next${trusted ? ', #holdsVersion = :next' : ''}`,
            ConditionExpression: `#version = :version AND city = :from${trusted ? ' AND #holdsVersion = :version' : ''}`,
            ExpressionAttributeNames: {
              '#version': 'version',
              ...(trusted ? { '#holdsVersion': 'holdsVersion' } : {}),
            },
            ExpressionAttributeValues: {
              ':to': to,
              ':from': from,
              ':version': record.version,
              ':next': record.version + 1,
            },
          },
        },
        auditPut(
          table,
          { subjectPk: key.pk, action: 'place-renamed', actor: 'process:reindex-command', fields: ['city'] },
          deps.now(),
        ),
      ]);
      return proposals;
    } catch (error) {
      if (!(isConditionFailure(error) || isTransactionConflict(error)) || attempt >= BACKFILL_ATTEMPTS)
        throw error;
      record = record.kind === 'offer' ? await getOffer(deps, record.id) : await getRequest(deps, record.id);
    }
  }
}

/**
 * Puts the unspent tokens holding changes issued before the held-changes queue existed on it
 * (keys.ts heldChangesDueIndex), so that the lifecycle deletes what they hold when their link
 * expires, not at TTL a week later. Written only while the token is still unspent and unqueued.
 */
export async function queueHeldChanges(
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<{ tokens: number; queued: number }> {
  let tokens = 0;
  let queued = 0;
  await scanAll(
    db,
    tableName,
    {
      expression: '#kind = :token AND attribute_exists(changes) AND attribute_not_exists(usedAt)',
      names: { '#kind': 'kind' },
      values: { ':token': 'token' },
    },
    async (item) => {
      tokens++;
      if (item.gsi3pk !== undefined) return;
      const { hash, validUntil } = tokenRecordSchema.parse(item);
      const due = heldChangesDueIndex(validUntil, hash);
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: tokenKey(hash),
            UpdateExpression: 'SET gsi3pk = :pk, gsi3sk = :sk',
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(gsi3pk)',
            ExpressionAttributeValues: { ':pk': due.gsi3pk, ':sk': due.gsi3sk },
          }),
        );
        queued++;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },
  );
  return { tokens, queued };
}

type IntakeRecord = OfferRecord | RequestRecord;

/** What a record's audit trail says of the address it gives (see dropUnconfirmedChatAddresses). */
async function addressWitness(
  deps: Deps,
  record: IntakeRecord,
): Promise<'confirmed' | 'unconfirmed' | 'unknown'> {
  const trail = queryItems(deps.db, {
    TableName: deps.config.TABLE_NAME,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
    ExpressionAttributeValues: {
      ':pk': (record.kind === 'offer' ? offerKey(record.id) : requestKey(record.id)).pk,
      ':audit': AUDIT_PREFIX,
    },
  });
  let firstSend = false;
  for await (const item of trail) {
    const event = auditEventSchema.parse(item);
    if (event.actor.startsWith('link:confirm-')) return 'confirmed';
    if (event.action === 'submitted-telegram') firstSend = true;
  }
  return firstSend ? 'unconfirmed' : 'unknown';
}

const DROP_ATTEMPTS = 4;

/**
 * Writes the record without its address unless its trail shows someone confirmed it, reading
 * record and trail again when something wrote first (the matcher, or a press confirming it).
 * A record stored blocked keeps its block only when its chat is blocked: a block through the
 * typed address goes with the address, and the record joins the pool (`unblocked`).
 */
async function dropIfUnconfirmed(
  deps: Deps,
  first: IntakeRecord,
): Promise<'dropped' | 'unblocked' | 'kept' | 'unknown'> {
  let record: IntakeRecord | ErasedRecord | undefined = first;
  for (let attempt = 1; ; attempt++) {
    if (
      record === undefined ||
      record.erasedAt !== undefined ||
      record.email === '' ||
      record.telegramChatId === undefined
    )
      return 'kept';
    const witness = await addressWitness(deps, record);
    if (witness === 'confirmed') return 'kept';
    const chatBlocked =
      record.blockedAt !== undefined &&
      (await blockOf(deps, chatAddress(record.telegramChatId))) !== undefined;
    const { blockedAt, ...rest } = record;
    // A trail too old to tell cannot show the address was never confirmed either: the record
    // keeps a block it was stored with rather than join the pool on missing evidence.
    const unblocks = blockedAt !== undefined && !chatBlocked && witness !== 'unknown';
    // An ended record keeps when it ended: dropping the address does not move its erasure; a
    // paused one keeps when its pause began, so it lapses no later.
    const written = {
      ...(unblocks ? rest : record),
      email: '',
      updatedAt: deps.now().toISOString(),
      version: record.version + 1,
    } as IntakeRecord;
    const next = keepingPause(record, keepingEnd(record, written));
    const change = {
      audit: {
        action: 'address-dropped',
        actor: 'process:reindex-command' as const,
        fields: [
          ...(unblocks ? ['email', 'blockedAt'] : ['email']),
          ...endedAtSet(record, next),
          ...pausedAtSet(record, next),
        ],
      },
    };
    try {
      await (next.kind === 'offer'
        ? saveOffer(deps, next, record.version, change)
        : saveRequest(deps, next, record.version, change));
      if (witness === 'unknown') return 'unknown';
      return unblocks ? 'unblocked' : 'dropped';
    } catch (error) {
      if (!(error instanceof Conflict) || attempt >= DROP_ATTEMPTS) throw error;
      record = record.kind === 'offer' ? await getOffer(deps, record.id) : await getRequest(deps, record.id);
    }
  }
}

/**
 * Takes the address off every Telegram chat's record that gives one nobody confirmed. Before
 * a typed address waited for its owner's press (shared/intake/submit.ts storeFromTelegram), a
 * Mini App record kept it at once, and with it the mail its notices fall back on, the contact
 * a placement shows the other side and the address's block. An address is the record's once
 * someone pressed a confirm link about the record (a tie, a merge, a web send it repeats),
 * which its audit trail keeps (actor `link:confirm-…`). Audit events live a year: a trail that
 * no longer reaches back to the record's first send (`submitted-telegram`) cannot tell
 * (`unknown`), and the record loses its address too: an address held on a chat's record is proof
 * that the chat is the address's person (a block on one reaches the other), and one nobody can
 * show was confirmed must prove nothing. Such a record keeps its `blockedAt`, though: nobody can
 * show it was not confirmed either, and unblocking on missing evidence would fail open. The record's email index goes with the address.
 */
export async function dropUnconfirmedChatAddresses(
  deps: Deps,
): Promise<{ records: number; dropped: number; unblocked: number; unknown: number }> {
  const counts = { records: 0, dropped: 0, unblocked: 0, unknown: 0 };
  await eachChatRecordWithAddress(deps, async (record) => {
    counts.records++;
    const outcome = await dropIfUnconfirmed(deps, record);
    if (outcome !== 'kept') counts[outcome]++;
  });
  return counts;
}

/**
 * Every Telegram chat's record that holds an address and is not erased, as stored: what ties a
 * chat to an address (once dropUnconfirmedChatAddresses has run, only ones someone confirmed).
 */
export function eachChatRecordWithAddress(deps: Deps, each: (record: IntakeRecord) => Promise<void>) {
  return scanAll(
    deps.db,
    deps.config.TABLE_NAME,
    {
      expression:
        '#kind IN (:offer, :request) AND attribute_exists(telegramChatId) AND email <> :none AND attribute_not_exists(erasedAt)',
      names: { '#kind': 'kind' },
      values: { ':offer': 'offer', ':request': 'request', ':none': '' },
    },
    (item) => each(intakeRecordOf(item)),
  );
}

/**
 * Suppressions written before they went with the person (data/forgetting.ts) had a year-long TTL
 * and no place on `FORGET#due`: each without `forgetAt` goes on the queue RETENTION_DAYS after it
 * was written (now when it says not when), and every one loses its TTL: the lifecycle asks then
 * whether a record of the address still holds data. One done already is left alone.
 */
export async function queueSuppressions(deps: Deps, now: Date): Promise<number> {
  const { db, config } = deps;
  const table = config.TABLE_NAME;
  let suppressions = 0;
  await scanAll(
    db,
    table,
    {
      expression:
        'begins_with(pk, :suppressed) AND (attribute_not_exists(forgetAt) OR attribute_exists(#ttl))',
      names: { '#ttl': TTL_ATTRIBUTE },
      values: { ':suppressed': PK_PREFIX.suppressed },
    },
    async (item) => {
      const pk = String(item.pk);
      const since = typeof item.createdAt === 'string' ? item.createdAt : now.toISOString();
      const forgetAt = forgetAtAfter(config, since);
      const { gsi3pk, gsi3sk } = forgetDueIndex(forgetAt, pk);
      const queue = item.forgetAt === undefined;
      await db
        .send(
          new UpdateCommand({
            TableName: table,
            Key: { pk, sk: item.sk },
            UpdateExpression: queue
              ? 'SET forgetAt = :forgetAt, gsi3pk = :queue, gsi3sk = :sk, revision = if_not_exists(revision, :zero) REMOVE #ttl'
              : 'REMOVE #ttl',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
            ...(queue
              ? {
                  ExpressionAttributeValues: {
                    ':forgetAt': forgetAt,
                    ':queue': gsi3pk,
                    ':sk': gsi3sk,
                    ':zero': 0,
                  },
                }
              : {}),
          }),
        )
        .then(() => suppressions++, unlessGone);
    },
  );
  return suppressions;
}

/** A block as the reindex found it, with every record not erased that it is about. */
export interface StandingBlock {
  readonly key: { readonly pk: string; readonly sk: string };
  readonly block: AddressBlock;
  /** False for a block written before blocks listed their holders. */
  readonly listsHolders: boolean;
  readonly holders: ReadonlySet<string>;
  /** One of its records' identities (blockIdentities) filed under it; undefined when it has none. */
  readonly identity: string | undefined;
  readonly records: IntakeRecord[];
}

/**
 * Every block standing, each with the records not erased whose address's mailbox (in any spelling)
 * or chat it is on: one Scan of the blocks, then one of the records, keeping only those of a
 * blocked person (a block set between the two lists its own; a record erased after its read is a
 * stale holder the lifecycle drops).
 */
export async function standingBlocks(deps: Deps): Promise<StandingBlock[]> {
  const { db, config } = deps;
  const table = config.TABLE_NAME;
  // Filled in as the records are read: its identity is the first one found of it.
  const found = new Map<string, { -readonly [K in keyof StandingBlock]: StandingBlock[K] }>();
  await scanAll(
    db,
    table,
    {
      expression: 'begins_with(pk, :blocked)',
      values: { ':blocked': PK_PREFIX.blocked },
    },
    async (item) => {
      const key = { pk: String(item.pk), sk: String(item.sk) };
      found.set(key.pk, { key, ...storedBlockOf(item), identity: undefined, records: [] });
    },
  );
  if (found.size === 0) return [];
  await scanAll(
    db,
    table,
    {
      expression: '#kind IN (:offer, :request) AND attribute_not_exists(erasedAt)',
      names: { '#kind': 'kind' },
      values: { ':offer': 'offer', ':request': 'request' },
    },
    async (item) => {
      // Who the record is, from the raw item: only a blocked person's records are parsed and kept.
      const who = {
        email: typeof item.email === 'string' ? item.email : '',
        telegramChatId: typeof item.telegramChatId === 'string' ? item.telegramChatId : undefined,
      };
      let record: IntakeRecord | undefined;
      for (const identity of blockIdentities(who)) {
        const standing = found.get(blockKeyOf(identity).pk);
        if (standing === undefined) continue;
        record ??= intakeRecordOf(item);
        standing.identity ??= identity;
        standing.records.push(record);
      }
    },
  );
  return [...found.values()];
}

/**
 * For a block written before blocks listed their holders (it stood for ever): it takes as holders
 * the records found of it and goes on the queue RETENTION_DAYS after it was set. False when it was
 * lifted, or listed, since it was read.
 */
export async function listBlockHolders(deps: Deps, standing: StandingBlock): Promise<boolean> {
  const { db, config } = deps;
  const { pk, sk } = standing.key;
  const found = new Set(standing.records.map((record) => holderOf(record)));
  const forgetAt = forgetAtAfter(config, standing.block.at);
  const { gsi3pk, gsi3sk } = forgetDueIndex(forgetAt, pk);
  return db
    .send(
      new UpdateCommand({
        TableName: config.TABLE_NAME,
        Key: { pk, sk },
        UpdateExpression: `SET listsHolders = :true, forgetAt = :forgetAt, gsi3pk = :queue, gsi3sk = :sk ADD revision :one${found.size > 0 ? ', holders :found' : ''}`,
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(listsHolders)',
        ExpressionAttributeValues: {
          ':true': true,
          ':forgetAt': forgetAt,
          ':queue': gsi3pk,
          ':sk': gsi3sk,
          ':one': 1,
          ...(found.size > 0 ? { ':found': found } : {}),
        },
      }),
    )
    .then(
      () => true,
      (error: unknown) => {
        unlessGone(error);
        return false;
      },
    );
}

/** A conditional write that found its item gone, or done by a run in between: nothing to do. */
function unlessGone(error: unknown) {
  if (!isConditionFailure(error)) throw error;
}

/**
 * What an item erased before erasure kept only the counts holds in today's shape: a request's
 * people as one number and its place as the city it counts under (`countedCity`), and nothing
 * else of the record (records.ts ErasedRecord); one already in that shape comes back as it is.
 */
function erasedRecordOf(item: Record<string, unknown>, countedCity: CityOf): ErasedRecord {
  if (item.kind === 'offer') return erasedOfferSchema.parse(item);
  const request = erasedRequestSchema.parse(item);
  if (item.people !== undefined || request.city === undefined) return request;
  // Its place as given, a district perhaps, where today's erasure keeps the city it counts under.
  return { ...request, city: countedCity(request.country, request.city) };
}

/** Whether a stored item holds exactly the attributes wanted (an undefined one is not written). */
function sameItem(stored: Record<string, unknown>, wanted: Record<string, unknown>): boolean {
  const written = Object.entries(wanted).filter(([, value]) => value !== undefined);
  return (
    Object.keys(stored).length === written.length && written.every(([name, value]) => stored[name] === value)
  );
}

/**
 * Takes from every record erased before erasure kept only what the overview counts (PRODUCT.md,
 * "What remains afterwards is anonymous counts") what it kept beyond that: its stay's dates, its
 * party, needs, languages and household, its point on the map, a district. The overview counts
 * such an item the same before and after, so its counters do not move. Each is written only
 * while it still has the version read.
 */
export async function coarsenErasedRecords(
  db: DynamoDBDocumentClient,
  tableName: string,
  countedCity: CityOf,
): Promise<{ erased: number; coarsened: number }> {
  let erased = 0;
  let coarsened = 0;
  await scanAll(
    db,
    tableName,
    {
      expression: '#kind IN (:offer, :request) AND attribute_exists(erasedAt)',
      names: { '#kind': 'kind' },
      values: { ':offer': 'offer', ':request': 'request' },
    },
    async (item) => {
      erased++;
      const wanted = erasedItem(erasedRecordOf(item, countedCity));
      if (sameItem(item, wanted)) return;
      try {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: wanted,
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': item.version },
          }),
        );
        coarsened++;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },
  );
  return { erased, coarsened };
}
