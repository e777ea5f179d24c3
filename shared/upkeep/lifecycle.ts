import { cancelRemaining, cancelStaleProposals } from '../approval/cancel.ts';
import { addressRegistryRelease, recordsOfAddress } from '../data/address-registry.ts';
import type { AuditActor } from '../data/audit.ts';
import { blockReleases } from '../data/blocks.ts';
import { unreadableFields } from '../data/due.ts';
import { isConditionFailure, isTransactionConflict } from '../data/errors.ts';
import { holdsOfOffer } from '../data/holds.ts';
import { saveErased } from '../data/intake-records.ts';
import { PERSONAL_ATTRIBUTES } from '../data/items.ts';
import { offerKey, requestKey } from '../data/keys.ts';
import {
  type DueLifecycle,
  dropLifecycle,
  dueLifecycles,
  readLifecycleDueAt,
  recordDeletion,
  rescheduleLifecycle,
} from '../data/lifecycle.ts';
import { aliasRecordIds, ofMailbox } from '../data/mailbox-lookups.ts';
import { deleteNotesOf } from '../data/notes.ts';
import { getOffer, noteOfferChange, offersByEmail, saveOffer } from '../data/offers.ts';
import {
  forgetPairDetails,
  forgetPairPlace,
  getProposal,
  proposalIdsOfOffer,
  proposalIdsOfRequest,
  proposalsOfOffer,
} from '../data/proposals.ts';
import { forgetRateLimits } from '../data/rate-limits.ts';
import { getRequest, noteRequestChange, requestsByEmail, saveRequest } from '../data/requests.ts';
import { suppressionRenewals } from '../data/suppressions.ts';
import { chatAddress, clearChatUnreachable, recordsByTelegram } from '../data/telegram-lookups.ts';
import { deleteTokens, dropLapsedChange, lapsedChanges, tokensOfSubject } from '../data/tokens.ts';
import type { Deps } from '../deps.ts';
import { dayStartsIn } from '../domain/country-day.ts';
import { mailboxOf } from '../domain/email-address.ts';
import { Conflict, ErasureOvertaken, Unavailable } from '../domain/errors.ts';
import { dayOf } from '../domain/matching/nights.ts';
import type { ErasedRecord, OfferRecord, RequestRecord } from '../domain/records.ts';
import {
  endedAtOf,
  endedAtSet,
  ending,
  erased,
  isLive,
  lifecycleStep,
  type StayEnd,
} from '../domain/retention.ts';
import { describeError } from '../log.ts';
import { cityOf } from '../places/gazetteer.ts';
import { saveRecord } from './blocking.ts';
import { forgetDue } from './forgetting.ts';

/**
 * Time acting on records (docs/product.md, "What a record goes through"): offers close after their last night,
 * requests expire after their departure, a paused record ends once left paused past its horizon
 * (shared/domain/retention.ts, pauseLapsesAt), personal data goes RETENTION_DAYS after a record ends
 * (or its placement's stay does), never-confirmed records go with their confirm link; and a
 * person or an operator can erase at once. Run every minute by the matcher's lifecycle task.
 */

type IntakeRecord = OfferRecord | RequestRecord;
const ACTOR: AuditActor = 'process:lifecycle';

const readRecord = (deps: Deps, kind: IntakeRecord['kind'], id: string) =>
  kind === 'offer' ? getOffer(deps, id) : getRequest(deps, id);

/** The morning a stay ending on `date` is over, where its offer lies. */
const stayOverAt = (country: string, date: string) => dayStartsIn(country, dayOf(date));

/**
 * When the stays tied to a record end: for a closed offer the last finite stay placed there
 * (one without end ends with the offer), for a placed request its approved proposal's
 * departure, or the closing of an offer that had no end either.
 */
async function stayEndOf(deps: Deps, record: IntakeRecord): Promise<StayEnd> {
  if (record.kind === 'offer') {
    if (record.status !== 'closed') return { at: undefined };
    const ends = (await holdsOfOffer(deps, record.id)).flatMap((hold) =>
      hold.nightsTo === undefined ? [] : [stayOverAt(record.country, hold.nightsTo).getTime()],
    );
    return { at: ends.length > 0 ? new Date(Math.max(...ends)) : undefined };
  }
  if (record.status !== 'placed') return { at: undefined };
  const proposals = await Promise.all(
    (await proposalIdsOfRequest(deps, record.id)).map((id) => getProposal(deps, id)),
  );
  const placement = proposals.find((proposal) => proposal?.status === 'approved');
  if (!placement) return { at: new Date(Date.parse(record.updatedAt)) };
  if (placement.nightsTo !== undefined) return { at: stayOverAt(record.country, placement.nightsTo) };
  const offer = await getOffer(deps, placement.offerId);
  return { at: offer?.status === 'closed' ? endedAtOf(offer) : undefined };
}

/**
 * An open or paused offer past its last night closes, as its host's withdrawal would; so does a
 * paused one left past its pause horizon (`pause-lapsed`).
 */
async function close(
  deps: Deps,
  offer: OfferRecord,
  action: 'ended' | 'pause-lapsed' = 'ended',
): Promise<void> {
  const at = deps.now().toISOString();
  const closed = ending(offer, {
    ...offer,
    status: 'closed',
    updatedAt: at,
    version: offer.version + 1,
  } satisfies OfferRecord);
  const { items, remaining } = await cancelStaleProposals(deps, offer, closed, ACTOR);
  await saveOffer(deps, closed, offer.version, {
    audit: {
      action,
      actor: ACTOR,
      from: offer.status,
      to: 'closed',
      fields: ['status', ...endedAtSet(offer, closed)],
    },
    extra: items,
  });
  await cancelRemaining(deps, remaining);
}

/**
 * An open request past its departure expires: nobody is still looking for those nights. So does
 * a paused one left past its pause horizon (`pause-lapsed`).
 */
async function expire(
  deps: Deps,
  request: RequestRecord,
  action: 'expired' | 'pause-lapsed' = 'expired',
): Promise<void> {
  const at = deps.now().toISOString();
  const expired = ending(request, {
    ...request,
    status: 'expired',
    updatedAt: at,
    version: request.version + 1,
  } satisfies RequestRecord);
  await saveRequest(deps, expired, request.version, {
    audit: {
      action,
      actor: ACTOR,
      from: request.status,
      to: 'expired',
      fields: ['status', ...endedAtSet(request, expired)],
    },
  });
}

/**
 * What lies beside a record and leads to the person: its links (and what they hold), the
 * coordinators' notes on it, the address's rate windows, and what the matcher wrote about its
 * pairs (every proposal of it: see proposalIdsOfOffer for an offer's).
 */
async function tidy(
  deps: Deps,
  record: Pick<IntakeRecord, 'kind' | 'id'>,
  addresses: readonly string[],
): Promise<void> {
  await deleteTokens(deps, await tokensOfSubject(deps, record.kind, record.id));
  await deleteNotesOf(deps, (record.kind === 'offer' ? offerKey(record.id) : requestKey(record.id)).pk);
  for (const address of addresses) await forgetRateLimits(deps, address);
  const proposals =
    record.kind === 'request'
      ? await proposalIdsOfRequest(deps, record.id)
      : await proposalIdsOfOffer(deps, record.id);
  for (const proposalId of proposals) {
    await forgetPairDetails(deps, proposalId);
    if (record.kind === 'offer') await forgetPairPlace(deps, proposalId, cityOf);
  }
}

/**
 * The mark of a record's chat refusing a notice (markChatUnreachable) goes with the record's
 * personal data, however long its own expiry: with RETENTION_DAYS below it, it would outlive them.
 * Another record of the same chat loses it too, and gets it back with the next refused notice.
 */
async function forgetRefusedChat(deps: Deps, record: IntakeRecord): Promise<void> {
  if (record.telegramChatId !== undefined) await clearChatUnreachable(deps, record.telegramChatId);
}

/** What a person's records are filed and counted under: the email address, and the chat they came from. */
const addressesOf = (record: IntakeRecord) => [
  ...(record.email === '' ? [] : [record.email]),
  ...(record.telegramChatId === undefined ? [] : [chatAddress(record.telegramChatId)]),
];

/**
 * How often an erasure is tried on the record as it is now: each try re-reads it after a write
 * that landed between its read and its transaction (the matcher proposing on it, a block lifted,
 * the address sending again), which that transaction refuses.
 */
const ERASE_ATTEMPTS = 5;

/**
 * How an erasure ended: `erased` (personal data gone, the record kept for counting), `deleted`
 * (a record never confirmed, gone entirely), `already` (someone else erased or deleted it
 * first), `kept` (read again, it was no longer due: see EraseOptions.stillDue).
 */
type Erasure = 'erased' | 'deleted' | 'already' | 'kept';

interface EraseOptions {
  /** `merged`: the record was merged into its address's (intake/links.ts); its rate windows stay. */
  readonly action?: 'erased' | 'merged';
  /**
   * Whether the record, read again after a write overtook the erasure, is still to be erased as it
   * now is; by default it is (a person's own "erase now", an operator's request).
   */
  readonly stillDue?: (record: IntakeRecord) => Promise<boolean> | boolean;
}

/**
 * Whether another write overtook an erasure: it changed what the erasure read (Conflict), or its
 * transaction met the erasure's at the same moment (a TransactionConflict, which the data layer
 * reports as Unavailable). Either way the record as it is now is read and erased again.
 */
const overtook = (error: unknown) =>
  error instanceof Conflict || (error instanceof Unavailable && isTransactionConflict(error.cause));

/**
 * Erases a record's personal data (eraseOnce), reading it again and trying once more whenever a
 * write overtook it, up to ERASE_ATTEMPTS: the sweep finishes in one run what it started, and a
 * person's "erase now" erases rather than asking them to try again. Throws ErasureOvertaken
 * when every try was overtaken.
 */
export async function eraseRecord(
  deps: Deps,
  record: IntakeRecord | ErasedRecord,
  actor: AuditActor,
  { action = 'erased', stillDue }: EraseOptions = {},
): Promise<Erasure> {
  let current = record;
  for (let attempt = 1; ; attempt++) {
    try {
      return await eraseOnce(deps, current, actor, action);
    } catch (error) {
      if (!overtook(error)) throw error;
      if (attempt >= ERASE_ATTEMPTS)
        throw new ErasureOvertaken('Another write overtook every try of this erasure.', { cause: error });
      deps.log.warn('erase.overtaken', { kind: current.kind, id: current.id, attempt });
      const fresh = await readRecord(deps, current.kind, current.id);
      if (fresh === undefined) return 'already';
      if (fresh.erasedAt === undefined && stillDue !== undefined && !(await stillDue(fresh))) return 'kept';
      current = fresh;
    }
  }
}

/**
 * Erases a record's personal data in one transaction: the record keeps only what the overview
 * counts it by (records.ts ErasedRecord) and loses name, email, phone, notes, its Telegram chat,
 * its lookups and every fact of its stay; its id leaves the registries of its address and chat (each goes once empty). A record still live is first
 * withdrawn, its pending proposals cancelled and their coordinators told, in the same
 * transaction. A record never confirmed goes entirely. Then its links are deleted. A record
 * `merged` into its address's (intake/links.ts) is erased alike, and its address's rate windows
 * stay: they still count for the record it was merged into. Conflict when anything it read was
 * written since.
 */
async function eraseOnce(
  deps: Deps,
  record: IntakeRecord | ErasedRecord,
  actor: AuditActor,
  action: 'erased' | 'merged',
): Promise<Erasure> {
  if (record.erasedAt !== undefined) {
    await tidy(deps, record, []);
    return 'already';
  }
  const now = deps.now();
  const table = deps.config.TABLE_NAME;
  const at = now.toISOString();
  const [registries, blocks, suppression] = await Promise.all([
    Promise.all(
      addressesOf(record).map((address) => addressRegistryRelease(deps, record.kind, address, record.id)),
    ),
    // The blocks and the suppression derived from the address go RETENTION_DAYS after this.
    blockReleases(deps, record, at),
    suppressionRenewals(deps, record.email, at),
  ]);
  const released = [...registries.filter((release) => release !== undefined), ...blocks, ...suppression];
  if (record.status === 'pending') {
    const change = {
      audit: { action: 'deleted', actor, from: 'pending' },
      extra: [...recordDeletion(table, record), ...released],
    };
    await (record.kind === 'offer'
      ? noteOfferChange(deps, record.id, change)
      : noteRequestChange(deps, record.id, change));
    await tidy(deps, record, addressesOf(record));
    await forgetRefusedChat(deps, record);
    return 'deleted';
  }
  const written = { ...record, updatedAt: at, version: record.version + 1 };
  // A live record erased at its person's request ends with it; an ended one keeps when it ended.
  const ended = isLive(record)
    ? ending(record, { ...written, status: record.kind === 'offer' ? 'closed' : 'withdrawn' } as IntakeRecord)
    : written;
  const { record: next, items, remaining } = await cancelStaleProposals(deps, record, ended, actor);
  if (remaining.transactions.length > 0) {
    // More pending proposals than one transaction holds (a multi-party offer): it is withdrawn
    // first, as its host's withdrawal would be, and the rest are cancelled on the offer as it
    // still is (each releases its beds from the offer's map, which erasure takes away); then it
    // is erased as it now stands, with nothing pending. Its links stay until then. A record that
    // had ended already (a try before this one withdrew it, and cancellations failed) is not
    // withdrawn again: its trail says only that its pending proposals went.
    const live = isLive(record);
    await saveRecord(deps, next, record.version, {
      audit: {
        action: live ? 'withdraw' : 'erase-pending-cancelled',
        actor,
        from: record.status,
        to: next.status,
        fields: live ? ['status', ...endedAtSet(record, next)] : [],
      },
      extra: items,
    });
    await cancelRemaining(deps, remaining);
    // A cancellation that failed (logged, and queued for the sweep) leaves a proposal pending
    // that needs the offer as it is: the erasure waits for the next try.
    const stillPending = (await proposalsOfOffer(deps, record.id)).some(
      (proposal) => proposal.status === 'pending',
    );
    if (stillPending)
      throw new Unavailable('It is withdrawn; a proposal on it is still being cancelled. Try again.');
    const withdrawn = await readRecord(deps, record.kind, record.id);
    return withdrawn === undefined ? 'already' : eraseOnce(deps, withdrawn, actor, action);
  }
  const fields = [
    ...PERSONAL_ATTRIBUTES.filter((field) => (record as Record<string, unknown>)[field] !== undefined),
    ...endedAtSet(record, next),
  ];
  await saveErased(deps, erased(next, now, cityOf), record.version, {
    audit: { action, actor, from: record.status, to: next.status, fields },
    extra: [...items, ...released],
  });
  await cancelRemaining(deps, remaining);
  await tidy(deps, record, action === 'merged' ? [] : addressesOf(record));
  // A merged record's chat goes on as the address's person; any other takes its mark with it.
  if (action !== 'merged') await forgetRefusedChat(deps, record);
  return 'erased';
}

export interface LifecycleReport {
  due: number;
  closed: number;
  expired: number;
  erased: number;
  deleted: number;
  rescheduled: number;
  ended: number;
  /**
   * Read again after a write overtook its erasure, no longer due (a never-confirmed record sent
   * again waits for its new confirm link); its schedule says when to look again.
   */
  kept: number;
  /** Changed by someone else between the read and the write; still due, so the next run retries. */
  skipped: number;
  failed: number;
  /** Tokens deleted with the changes they held because nobody confirmed them in time. */
  lapsedChanges: number;
  /** Lapsed tokens that could not be read or deleted (each logged); the next run tries again. */
  lapsedChangesFailed: number;
  /** Blocks and suppressions past their horizon that nothing held any more, deleted (upkeep/forgetting.ts). */
  forgotten: number;
  /** Blocks and suppressions past their horizon that a record still holds, looked at again later. */
  stillHeld: number;
}

type Outcome = Exclude<
  keyof LifecycleReport,
  'due' | 'failed' | 'skipped' | 'lapsedChanges' | 'lapsedChangesFailed' | 'forgotten' | 'stillHeld'
>;

/** Whether time, asked again about a record as it now is, still erases or deletes it. */
async function stillErasable(deps: Deps, record: IntakeRecord): Promise<boolean> {
  const step = lifecycleStep(record, deps.now(), deps.config.RETENTION_DAYS, await stayEndOf(deps, record));
  return step.kind === 'erase' || step.kind === 'delete';
}

/**
 * One due schedule: read the record, do what time asks of it, and again on what that wrote (an
 * offer closed with RETENTION_DAYS=0 is erased in the same run), until it has to wait.
 */
async function step(deps: Deps, due: DueLifecycle, report: LifecycleReport): Promise<void> {
  let current = due;
  for (let pass = 0; pass < 4; pass++) {
    const now = deps.now();
    const record = await readRecord(deps, current.recordKind, current.recordId);
    if (record?.erasedAt !== undefined) {
      // What was written beside it after its erasure (a link issued meanwhile) goes too.
      await tidy(deps, record, []);
      await dropLifecycle(deps, current);
      report.ended++;
      return;
    }
    const next = record
      ? lifecycleStep(record, now, deps.config.RETENTION_DAYS, await stayEndOf(deps, record))
      : ({ kind: 'none' } as const);
    let outcome: Outcome | undefined;
    if (!record || next.kind === 'none') {
      await dropLifecycle(deps, current);
      report.ended++;
      return;
    }
    switch (next.kind) {
      case 'wait':
        await rescheduleLifecycle(deps, current, next.until);
        report.rescheduled++;
        return;
      case 'close':
        await close(deps, record as OfferRecord);
        outcome = 'closed';
        break;
      case 'expire':
        await expire(deps, record as RequestRecord);
        outcome = 'expired';
        break;
      case 'lapse':
        if (record.kind === 'offer') await close(deps, record, 'pause-lapsed');
        else await expire(deps, record, 'pause-lapsed');
        outcome = record.kind === 'offer' ? 'closed' : 'expired';
        break;
      case 'erase':
      case 'delete': {
        // The write that overtook it may have made it due no more (a never-confirmed record sent again).
        const erasure = await eraseRecord(deps, record, ACTOR, {
          stillDue: (fresh) => stillErasable(deps, fresh),
        });
        if (erasure === 'deleted') {
          report.deleted++;
          return;
        }
        // `already` (its owner erased it first) is counted as ended by the next pass, which tidies it.
        if (erasure !== 'already') report[erasure]++;
        break;
      }
    }
    if (outcome !== undefined) report[outcome]++;
    const dueAt = await readLifecycleDueAt(deps, current.recordKind, current.recordId);
    if (dueAt === undefined || Date.parse(dueAt) > deps.now().getTime()) return;
    current = { ...current, dueAt };
  }
}

/**
 * The lifecycle sweep: every schedule due now, from its gsi3 queue, oldest first, then the
 * changes whose confirm link lapsed (data/tokens.ts, lapsedChanges), then the blocks and
 * suppressions past their horizon (upkeep/forgetting.ts), after the erasures that renew them. It never relies on
 * TTL: DynamoDB deletes expired items only within days, and until then they are read. One item
 * that cannot be read or acted on is logged (`lifecycle.failed`, which raises an alarm) and
 * counted, and the next still has its turn: thrown, it would fail every run and hold back
 * everything queued behind it.
 */
export async function runLifecycle(deps: Deps): Promise<LifecycleReport> {
  const report: LifecycleReport = {
    due: 0,
    closed: 0,
    expired: 0,
    erased: 0,
    deleted: 0,
    rescheduled: 0,
    ended: 0,
    kept: 0,
    skipped: 0,
    failed: 0,
    lapsedChanges: 0,
    lapsedChangesFailed: 0,
    forgotten: 0,
    stillHeld: 0,
  };
  for await (const due of dueLifecycles(deps, deps.now())) {
    report.due++;
    if ('unreadable' in due) {
      report.failed++;
      deps.log.error('lifecycle.failed', unreadableFields(due));
      continue;
    }
    try {
      await step(deps, due.value, report);
    } catch (error) {
      if (error instanceof Conflict || isConditionFailure(error)) {
        report.skipped++;
        continue;
      }
      report.failed++;
      deps.log.error('lifecycle.failed', {
        kind: due.value.recordKind,
        id: due.value.recordId,
        ...describeError(error),
      });
    }
  }
  const now = deps.now();
  for await (const lapsed of lapsedChanges(deps, now)) {
    if ('unreadable' in lapsed) {
      report.lapsedChangesFailed++;
      deps.log.error('lifecycle.failed', unreadableFields(lapsed));
      continue;
    }
    const token = lapsed.value;
    try {
      if (await dropLapsedChange(deps, token, now)) report.lapsedChanges++;
    } catch (error) {
      report.lapsedChangesFailed++;
      deps.log.error('lifecycle.failed', {
        queue: 'held-changes',
        kind: token.subjectKind,
        id: token.subjectId,
        ...describeError(error),
      });
    }
  }
  const forgetting = await forgetDue(deps);
  report.forgotten = forgetting.forgotten;
  report.stillHeld = forgetting.held;
  report.skipped += forgetting.skipped;
  report.failed += forgetting.failed;
  return report;
}

/**
 * Whom an operator names in a data-subject request: an email address, or a Telegram chat id or
 * username. A block reaches further: every spelling of the mailbox an address delivers to
 * (`mailbox`, as data/blocks.ts keys it), since `ana+x@` reaches the inbox `ana@` does.
 */
export type Person =
  | { readonly email: string }
  | { readonly mailbox: string }
  | { readonly telegram: 'chat' | 'username'; readonly value: string };

/**
 * For an operator answering a data-subject request: erases every offer and request of one
 * person, live or not, found by their address or by their Telegram chat or username (through
 * the lookups beside the records). Each record is on its own: one that cannot be erased now (a
 * multi-party offer whose last cancellation failed answers Unavailable, see eraseOnce) is logged
 * (`erase.failed`) and counted, and the person's other records are still erased; running it
 * again erases those not yet erased. Returns how many records it erased, and how many failed.
 */
export async function erasePerson(
  deps: Deps,
  person: Person,
): Promise<{ offers: number; requests: number; failed: number }> {
  const actor: AuditActor = 'process:erase-command';
  const report = { offers: 0, requests: 0, failed: 0 };
  const records = [
    ...(await recordsOfPerson(deps, 'offer', person)),
    ...(await recordsOfPerson(deps, 'request', person)),
  ];
  for (const record of records) {
    try {
      await eraseRecord(deps, record, actor);
      report[record.kind === 'offer' ? 'offers' : 'requests']++;
    } catch (error) {
      report.failed++;
      deps.log.error('erase.failed', { kind: record.kind, id: record.id, ...describeError(error) });
    }
  }
  if ('email' in person) await forgetRateLimits(deps, person.email);
  if ('telegram' in person && person.telegram === 'chat')
    await forgetRateLimits(deps, chatAddress(person.value));
  return report;
}

/**
 * For an operator after a point-in-time restore: erases again the records erased since the
 * restore point, which the restore brought back (data/reindex.ts, erasedSince). A record already
 * erased in the restored table only loses its links again. Each record is on its own: one that
 * live traffic changed meanwhile (Conflict) or that fails is logged and counted, and the others
 * are still erased; running it again picks it up. Returns how many it found, and how many failed.
 */
export async function eraseAgain(
  deps: Deps,
  records: readonly { kind: IntakeRecord['kind']; id: string }[],
): Promise<{ found: number; failed: number }> {
  const report = { found: 0, failed: 0 };
  for (const { kind, id } of records) {
    try {
      const record = await readRecord(deps, kind, id);
      if (record === undefined) continue;
      report.found++;
      await eraseRecord(deps, record, 'process:erase-command');
    } catch (error) {
      report.failed++;
      deps.log.error('erase.failed', { kind, id, ...describeError(error) });
    }
  }
  return report;
}

/** Every record of a kind of one person (see Person), live or not, not yet erased. */
export async function recordsOfPerson(deps: Deps, kind: IntakeRecord['kind'], person: Person) {
  if ('email' in person) return recordsFrom(deps, kind, person.email);
  if ('mailbox' in person) return recordsOfMailbox(deps, kind, person.mailbox);
  const refs = await recordsByTelegram(deps, person.telegram, person.value, kind);
  const chat = person.telegram === 'chat' ? await recordsFrom(deps, kind, chatAddress(person.value)) : [];
  return stillPersonal(deps, kind, [...refs.map((ref) => ref.id), ...chat.map((record) => record.id)]);
}

/** The records with these ids as stored now, each once, leaving out those already erased. */
async function stillPersonal(deps: Deps, kind: IntakeRecord['kind'], ids: readonly string[]) {
  const fresh = await Promise.all([...new Set(ids)].map((id) => readRecord(deps, kind, id)));
  return fresh.filter(
    (record): record is IntakeRecord => record !== undefined && record.erasedAt === undefined,
  );
}

/**
 * Every record of a kind from any spelling of an address's mailbox, not yet erased: the address's
 * own (recordsFrom), the mailbox's as spelled, and the other spellings' (their mailbox lookups).
 */
async function recordsOfMailbox(deps: Deps, kind: IntakeRecord['kind'], email: string) {
  const mailbox = mailboxOf(email);
  const [spelled, plain, aliases] = await Promise.all([
    recordsFrom(deps, kind, email),
    mailbox === email.trim().toLowerCase() ? [] : recordsFrom(deps, kind, mailbox),
    aliasRecordIds(deps, kind, mailbox),
  ]);
  const found = await stillPersonal(
    deps,
    kind,
    [...spelled, ...plain].map((record) => record.id).concat(aliases),
  );
  // An address written past its lookup (an operator's pass) no longer names the mailbox.
  const own = new Set(spelled.map((record) => record.id));
  return found.filter((record) => own.has(record.id) || ofMailbox(record, mailbox));
}

/** Every record of a kind from an address (or a chat's, see chatAddress): the registry's and the email index's, not yet erased. */
export async function recordsFrom(
  deps: Deps,
  kind: IntakeRecord['kind'],
  email: string,
): Promise<IntakeRecord[]> {
  const byIndex: IntakeRecord[] =
    kind === 'offer' ? await offersByEmail(deps, email) : await requestsByEmail(deps, email);
  const registered = await recordsOfAddress<IntakeRecord | ErasedRecord>(
    deps,
    kind,
    email,
    (id) => readRecord(deps, kind, id),
    async () => [],
  );
  return stillPersonal(
    deps,
    kind,
    [...byIndex, ...registered.records].map((record) => record.id),
  );
}
