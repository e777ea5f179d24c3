import { randomUUID } from 'node:crypto';
import { cancelRemaining, cancelStaleProposals } from '../approval/cancel.ts';
import { type AuditEvent, auditTrailPage, auditView, lookersOf } from '../data/audit.ts';
import type { AddressBlock } from '../data/blocks.ts';
import { offerKey, requestKey } from '../data/keys.ts';
import { addNote, type Note, notesOf } from '../data/notes.ts';
import { getOffer, saveOffer, setVerification } from '../data/offers.ts';
import { proposalsOfOffer, proposalsOfRequest } from '../data/proposals.ts';
import { getRequest, saveRequest } from '../data/requests.ts';
import { readChatUnreachable, type UnreachableChat } from '../data/telegram-lookups.ts';
import type { Deps } from '../deps.ts';
import { type CoordinatorScope, inScope } from '../domain/coordinator-scope.ts';
import { Conflict, NotFound } from '../domain/errors.ts';
import { canPause, canResume, confirmedOn, pausing, resumedAt } from '../domain/record-states.ts';
import type {
  ErasedRecord,
  OfferRecord,
  ProposalRecord,
  RequestRecord,
  Verification,
  VerificationMethod,
} from '../domain/records.ts';
import { endedAtSet, ending, isLive, pausedAtSet } from '../domain/retention.ts';
import { blockOfPerson } from './person.ts';

/**
 * A coordinator's view of one offer or request and what they may do with it. Every view and every
 * action is audited with the coordinator's address; a record outside their countries does not
 * exist for them (NotFound), whatever they do.
 */

export type RecordKind = 'offer' | 'request';
type IntakeRecord = OfferRecord | RequestRecord;

export interface RecordView {
  /** Once erased, only what erasure kept (records.ts ErasedRecord): its history and proposals stay. */
  readonly record: IntakeRecord | ErasedRecord;
  /** A page of its history, newest first: the newest, or those before the `before` asked for. */
  readonly history: AuditEvent[];
  /** Where the page of older history begins, when there is one. */
  readonly olderHistory: string | undefined;
  /** Whether this page of history is the newest. */
  readonly newestHistory: boolean;
  readonly proposals: ProposalRecord[];
  readonly notes: Note[];
  /** The block on the record's address or Telegram chat, when a coordinator blocked either. */
  readonly block: AddressBlock | undefined;
  /** Whether this coordinator may lift that block (mayLift). */
  readonly mayLiftBlock: boolean;
  /** Who has opened this record, the latest view of each first. */
  readonly lookedAt: { readonly by: string; readonly at: string }[];
  /** When its Telegram chat last refused a notice, if lately (data/telegram-lookups.ts markChatUnreachable). */
  readonly chatUnreachable: UnreachableChat | undefined;
}

const pkOf = (kind: RecordKind, id: string) => (kind === 'offer' ? offerKey(id).pk : requestKey(id).pk);

/** A record as a coordinator may see it: confirmed and in their countries, else NotFound. */
export async function scopedRecord(
  deps: Deps,
  scope: CoordinatorScope,
  kind: RecordKind,
  id: string,
): Promise<IntakeRecord | ErasedRecord> {
  const record = kind === 'offer' ? await getOffer(deps, id) : await getRequest(deps, id);
  // A record never confirmed is not the coordinators' business: its address may not be its owner's.
  // That holds too for one that ended unconfirmed (a block, its owner's withdrawal), as in the export.
  if (!record || confirmedOn(record) === undefined || !inScope(scope, record.country)) {
    throw new NotFound('There is nothing at this address.');
  }
  return record;
}

/**
 * A record a coordinator acts on (a status, a note, a host check, a proposal): as scopedRecord
 * finds it, and Conflict once erased, so that nothing about the person is written after their
 * data went.
 */
export async function scopedKeptRecord(
  deps: Deps,
  scope: CoordinatorScope,
  kind: RecordKind,
  id: string,
): Promise<IntakeRecord> {
  const record = await scopedRecord(deps, scope, kind, id);
  if (record.erasedAt !== undefined) throw new Conflict('This record is erased: nothing is left to act on.');
  return record;
}

const HISTORY = 100;

/**
 * Opens a record: its facts, a page of its history (the newest, or the one older than `before`),
 * its proposals and notes, and who has looked at it. The view itself is audited first.
 */
export async function viewRecord(
  deps: Deps,
  scope: CoordinatorScope,
  kind: RecordKind,
  id: string,
  before?: string,
): Promise<RecordView> {
  const record = await scopedRecord(deps, scope, kind, id);
  const subjectPk = pkOf(kind, id);
  await auditView(deps, subjectPk, scope.email);
  const chat = record.erasedAt === undefined ? record.telegramChatId : undefined;
  const [trail, proposals, notes, held, looks, chatUnreachable] = await Promise.all([
    auditTrailPage(deps, subjectPk, HISTORY, before),
    kind === 'offer' ? proposalsOfOffer(deps, id) : proposalsOfRequest(deps, id),
    notesOf(deps, subjectPk),
    record.erasedAt === undefined ? blockOfPerson(deps, scope, record) : undefined,
    lookersOf(deps, subjectPk),
    chat === undefined ? undefined : readChatUnreachable(deps, chat),
  ]);
  // Views from before each coordinator's latest was kept on its own are still in the trail.
  const lookedAt = new Map<string, string>();
  const saw = (by: string, at: string) => {
    const known = lookedAt.get(by);
    if (known === undefined || at > known) lookedAt.set(by, at);
  };
  for (const look of looks) saw(look.by, look.at);
  for (const event of trail.events) {
    if (event.action === 'coordinator.viewed' && event.actor.startsWith('coordinator:'))
      saw(event.actor.slice('coordinator:'.length), event.at);
  }
  return {
    record,
    history: trail.events,
    olderHistory: trail.older,
    newestHistory: trail.newest,
    proposals,
    notes,
    block: held?.block,
    mayLiftBlock: held?.mayLiftBlock ?? true,
    lookedAt: [...lookedAt].map(([by, at]) => ({ by, at })).sort((a, b) => b.at.localeCompare(a.at)),
    chatUnreachable,
  };
}

export const RECORD_ACTIONS = ['pause', 'reopen', 'close'] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

/** The actions a record's state allows a coordinator: the person's own rules for pausing. */
export function recordActions(record: IntakeRecord | ErasedRecord): RecordAction[] {
  // What erasure left of a record is nobody's to act on any more.
  if (record.erasedAt !== undefined) return [];
  if (canPause(record)) return ['pause', 'close'];
  if (canResume(record)) return ['reopen', 'close'];
  return [];
}

function nextState(record: IntakeRecord, action: RecordAction, now: Date): IntakeRecord {
  if (action === 'pause') return pausing(record, now);
  if (action === 'reopen') return resumedAt(record, now);
  const base = { ...record, updatedAt: now.toISOString(), version: record.version + 1 };
  return ending(
    record,
    record.kind === 'offer'
      ? { ...(base as OfferRecord), status: 'closed' }
      : { ...(base as RequestRecord), status: 'withdrawn' },
  );
}

/**
 * Pauses, reopens or closes a record as its owner's manage link would (pending proposals are
 * cancelled in the same transaction), audited with the coordinator's address.
 */
export async function actOnRecord(
  deps: Deps,
  scope: CoordinatorScope,
  kind: RecordKind,
  id: string,
  action: RecordAction,
): Promise<void> {
  const record = await scopedKeptRecord(deps, scope, kind, id);
  if (!recordActions(record).includes(action)) {
    throw new Conflict('That is not possible in the current state. Please reload the page.');
  }
  const actor = `coordinator:${scope.email}` as const;
  const {
    record: next,
    items,
    remaining,
  } = await cancelStaleProposals(deps, record, nextState(record, action, deps.now()), actor);
  const change = {
    audit: {
      action: `coordinator.${action}`,
      actor,
      from: record.status,
      to: next.status,
      fields: ['status', ...endedAtSet(record, next), ...pausedAtSet(record, next)],
    },
    extra: items,
  };
  if (next.kind === 'offer') await saveOffer(deps, next, record.version, change);
  else await saveRequest(deps, next, record.version, change);
  await cancelRemaining(deps, remaining);
}

/** Adds an internal note: seen by coordinators on the record page, never mailed to anyone. */
export async function noteOnRecord(
  deps: Deps,
  scope: CoordinatorScope,
  kind: RecordKind,
  id: string,
  text: string,
): Promise<void> {
  await scopedKeptRecord(deps, scope, kind, id);
  await addNote(deps, pkOf(kind, id), {
    id: randomUUID(),
    text,
    by: scope.email,
    at: deps.now().toISOString(),
  });
}

/**
 * Records how a coordinator checked a host (or why they rejected them). A rejected host's offer
 * leaves the pool (isMatchable) and its pending proposals are cancelled in the same
 * transaction, their coordinators told, as a withdrawal would. A closed offer is not checked
 * (Conflict): nothing is proposed from it again, so a check would decide nothing, and it would
 * add a coordinator's words about a host whose data is on its way out. A host who offers again
 * comes back as a new offer, checked then; one not to be trusted again is blocked.
 */
export async function verifyHost(
  deps: Deps,
  scope: CoordinatorScope,
  offerId: string,
  check:
    | { readonly outcome: 'verified'; readonly method: VerificationMethod }
    | { readonly outcome: 'rejected'; readonly reason: string },
): Promise<void> {
  const offer = await scopedKeptRecord(deps, scope, 'offer', offerId);
  if (offer.kind !== 'offer') throw new NotFound('There is nothing at this address.');
  if (!isLive(offer)) throw new Conflict('This offer has closed: there is no host left to check.');
  const at = deps.now().toISOString();
  const verification: Verification =
    check.outcome === 'verified'
      ? { state: 'verified', by: scope.email, at, method: check.method }
      : { state: 'rejected', by: scope.email, at, reason: check.reason };
  const actor = `coordinator:${scope.email}` as const;
  const { items, remaining } = await cancelStaleProposals(deps, offer, { ...offer, verification }, actor);
  await setVerification(deps, offer, verification, actor, items);
  await cancelRemaining(deps, remaining);
}
