import { randomUUID } from 'node:crypto';
import { cancelRemaining, cancelStaleProposals, type RemainingCancellations } from '../approval/cancel.ts';
import { reportPlacementProblem } from '../approval/check-in.ts';
import { type AuditActor, auditPut } from '../data/audit.ts';
import { type BlockSteps, blockStepsPut } from '../data/block-steps.ts';
import { blockIdentities, blocksOf, underProvedBlocks } from '../data/blocks.ts';
import { SWEEP_GRACE_MS } from '../data/due.ts';
import { offerKey, requestKey } from '../data/keys.ts';
import { getOffer, offerWrites } from '../data/offers.ts';
import { declinedPairsCarried, declinedPut } from '../data/proposals.ts';
import { recordUnchangedCheck } from '../data/record-writes.ts';
import { getRequest, requestWrites, stillPlacedCheck } from '../data/requests.ts';
import { chatAddress } from '../data/telegram-lookups.ts';
import {
  consumeTokenCondition,
  issueManageToken,
  tokenStillValidCondition,
  usableToken,
} from '../data/tokens.ts';
import type { TransactItem } from '../data/transact.ts';
import type { Deps } from '../deps.ts';
import type { IssueDetail } from '../domain/errors.ts';
import { BadRequest, Conflict, Gone, ValidationError } from '../domain/errors.ts';
import {
  DATE_FIELDS,
  dateOrderIssue,
  earliestToday,
  issuesFromZod,
  offerEditSchemaFor,
  requestEditSchemaFor,
  resubmitted,
  SENT_FIELDS,
} from '../domain/intake.ts';
import { canPause, canResume, pausing, resumedAt } from '../domain/record-states.ts';
import {
  type ErasedRecord,
  type Locale,
  type OfferRecord,
  offerRecordSchema,
  type RequestRecord,
  requestRecordSchema,
} from '../domain/records.ts';
import {
  endedAtSet,
  ending,
  erased,
  isLive,
  keepingConfirmHorizon,
  restartingPause,
  withoutPersonalData,
} from '../domain/retention.ts';
import { LINK_GONE_MESSAGE, type TokenPurpose, type TokenRecord } from '../domain/tokens.ts';
import { describeError } from '../log.ts';
import { renderPlacedAddressNotice } from '../mail/templates/received.ts';
import { cityOf, placeName, resolveCity } from '../places/gazetteer.ts';
import { availabilityCheckPut } from '../upkeep/availability.ts';
import { workBlockSteps } from '../upkeep/block-steps.ts';
import { saveRecord } from '../upkeep/blocking.ts';
import { eraseRecord } from '../upkeep/lifecycle.ts';
import { type PlacementView, placementsOf } from './placements.ts';
import { placedStayForAddress, repeatForAddress } from './repeats.ts';

/** How long links in the confirmation mail work. */
export const CONFIRM_LINK_VALID_MS = 7 * 86400_000;

const INTAKE_PURPOSES: readonly TokenPurpose[] = [
  'confirm-offer',
  'confirm-request',
  'manage-offer',
  'manage-request',
];

/** What a POST to a link may ask for. `update` is accepted as the manage page names it. */
export type LinkAction = 'confirm' | 'pause' | 'resume' | 'edit' | 'withdraw' | 'erase';
const ACTION_ALIASES: Readonly<Record<string, LinkAction>> = {
  confirm: 'confirm',
  pause: 'pause',
  resume: 'resume',
  edit: 'edit',
  update: 'edit',
  withdraw: 'withdraw',
  erase: 'erase',
};

type IntakeRecord = OfferRecord | RequestRecord;

/** What a GET of a link shows: what it does, the record it acts on, and the buttons that make sense now. */
export interface LinkView {
  readonly link: 'confirm' | 'manage';
  readonly kind: 'offer' | 'request';
  /** The record; for a confirm link that applies a resubmission, as it will be once confirmed. */
  readonly record: IntakeRecord;
  /** The actions a POST may carry now, in page order; empty for a closed record's manage link. */
  readonly actions: readonly LinkAction[];
  /** The record's language: the page may use it when the reader has not chosen one. */
  readonly locale: Locale;
  /** For a manage link: the placements whose stay has not ended, with the other side's contact. */
  readonly placements: readonly PlacementView[];
  /** For a tie's confirm link: the address already has a stay on those dates, so the press closes the request (closeAsPlacedRepeat). */
  readonly repeatsStay?: true;
}

/** What a POST did. An erasure leaves only what it keeps (records.ts ErasedRecord). */
export type LinkOutcome =
  | { readonly kind: 'offer' | 'request'; readonly done: 'erased'; readonly record: ErasedRecord }
  | {
      readonly kind: 'offer' | 'request';
      readonly done: 'confirmed' | 'paused' | 'resumed' | 'updated' | 'withdrawn';
      /** The record after the change. */
      readonly record: IntakeRecord;
      /** After a confirmation: a fresh private manage link, absolute, for the "thank you" page. */
      readonly manageUrl?: string;
      /** A tie press that found the stay already arranged for the address: the chat's request closed instead (closeAsPlacedRepeat). */
      readonly repeatsStay?: true;
    };

/** What a manage link's change did, for each action but erasure. */
type Changed = Exclude<LinkOutcome['done'], 'erased' | 'confirmed'>;

const live = isLive;

/** The manage actions a record allows in its state (the manage page shows exactly these). */
export function manageActions(record: IntakeRecord): LinkAction[] {
  // Until its data is erased, a person may always erase it at once.
  if (!live(record)) return ['erase'];
  const actions: LinkAction[] = [];
  if (canPause(record)) actions.push('pause');
  if (canResume(record)) actions.push('resume');
  actions.push('edit', 'withdraw', 'erase');
  return actions;
}

async function subjectOf(deps: Deps, token: TokenRecord): Promise<IntakeRecord | ErasedRecord> {
  const record =
    token.subjectKind === 'offer'
      ? await getOffer(deps, token.subjectId)
      : token.subjectKind === 'request'
        ? await getRequest(deps, token.subjectId)
        : undefined;
  if (!record) throw new Gone(LINK_GONE_MESSAGE);
  return record;
}

/**
 * The chat's record a confirm link merges into its subject (TokenRecord.mergeFrom), when there
 * is one; Gone once it has ended (withdrawn or erased by its chat): there is nothing left to merge.
 */
async function mergeSource(deps: Deps, token: TokenRecord): Promise<IntakeRecord | undefined> {
  if (token.mergeFrom === undefined) return undefined;
  const source =
    token.subjectKind === 'offer'
      ? await getOffer(deps, token.mergeFrom)
      : await getRequest(deps, token.mergeFrom);
  if (source === undefined || source.erasedAt !== undefined || !live(source))
    throw new Gone(LINK_GONE_MESSAGE);
  return source;
}

/**
 * The token as it applies now: a merge carries what the chat's record holds when the address
 * confirms (what the chat sent, and changed since), not a copy kept in the token.
 */
function effectiveToken(token: TokenRecord, source: IntakeRecord | undefined): TokenRecord {
  if (source === undefined) return token;
  const sent = source as Record<string, unknown>;
  const changes = Object.fromEntries(
    SENT_FIELDS[source.kind].flatMap((field) => (sent[field] === undefined ? [] : [[field, sent[field]]])),
  );
  return { ...token, changes };
}

/**
 * The link and record a press of a confirm link acts on. A link that ties an address to a chat's
 * record, pressed once the address has sent a live record of its own for the same dates (and,
 * for an offer, place) through the web form or another chat, merges the chat's record into that
 * one instead, as the address's merge link would have: one address stays one person whichever
 * of its links it presses last.
 */
async function pressed(
  deps: Deps,
  token: TokenRecord,
  record: IntakeRecord,
): Promise<{ token: TokenRecord; record: IntakeRecord; stay?: RequestRecord }> {
  const email = token.changes?.email;
  if (!token.addressChange || record.telegramChatId === undefined || typeof email !== 'string')
    return { token, record };
  const theirs = await repeatForAddress(deps, record, email);
  if (theirs !== undefined) {
    const { changes: _tie, addressChange: _tied, ...rest } = token;
    return { token: { ...rest, subjectId: theirs.id, mergeFrom: record.id }, record: theirs };
  }
  const stay = record.kind === 'request' ? await placedStayForAddress(deps, record, email) : undefined;
  return stay === undefined ? { token, record } : { token, record, stay };
}

/**
 * A chat's request whose typed address its owner confirms, when a stay is already arranged for
 * that address on overlapping dates (through the web form, or by a chat that holds the address):
 * it is no new need, as a send from an address that proved itself is not (intake/submit.ts), so
 * it closes instead of taking the address on, in the press's own transaction (its pending
 * proposal cancelled, as a withdrawal cancels it). Its chat is told, with no link: the stay may
 * be another chat's (a shared mailbox), and nothing of it, its manage link or its host's contact
 * goes to this chat. The address is not tied to the closed request either, so the chat has not
 * proved it and no later send from the chat is answered with the stay. The stay's trail says it
 * was sent again, as a resend over it says.
 */
async function closeAsPlacedRepeat(
  deps: Deps,
  token: TokenRecord,
  record: RequestRecord,
  stay: RequestRecord,
): Promise<LinkOutcome> {
  if (!live(record)) throw new Gone(LINK_GONE_MESSAGE);
  const now = deps.now();
  const table = deps.config.TABLE_NAME;
  const actor = `link:${token.purpose}` as const;
  const ended = ending(record, {
    ...record,
    status: 'withdrawn',
    updatedAt: now.toISOString(),
    version: record.version + 1,
  } satisfies RequestRecord);
  const { record: next, items, remaining } = await cancelStaleProposals(deps, record, ended, actor);
  try {
    await saveRecord(deps, next, record.version, {
      audit: {
        action: 'withdrawn-placed-repeat',
        actor,
        from: record.status,
        to: next.status,
        fields: changedFields(record, next),
      },
      mail: renderPlacedAddressNotice(next),
      link: consumeTokenCondition(table, token.hash, now),
      extra: [
        auditPut(
          table,
          {
            subjectPk: requestKey(stay.id).pk,
            action: 'resubmitted-placed',
            actor,
            from: stay.status,
            to: stay.status,
          },
          now,
        ),
        // The stay as read: one erased (or no longer placed) since fails the press, which reads again.
        stillPlacedCheck(table, stay.id),
        ...items,
      ],
    });
  } catch (error) {
    throw error instanceof Conflict ? new Overtaken(error) : error;
  }
  await cancelRemaining(deps, remaining);
  return { kind: 'request', done: 'withdrawn', record: withoutPersonalData(next), repeatsStay: true };
}

/** The record a confirm link would produce, or undefined when the link has nothing left to confirm. */
function confirmedState(record: IntakeRecord, token: TokenRecord, now: Date): IntakeRecord | undefined {
  const at = now.toISOString();
  if (token.changes === undefined && record.status !== 'pending') return undefined;
  if (token.changes !== undefined && !live(record)) return undefined;
  // Confirmed, it no longer goes with a confirm link (eraseBy, kept by an edit while pending).
  const { eraseBy: _horizon, ...current } = record;
  const opening = record.status === 'pending';
  const base = opening ? current : record;
  const merged = {
    // A tie carries the address alone; a resubmission or a merge what was sent, empty fields and all.
    ...(token.changes === undefined || token.addressChange
      ? { ...base, ...token.changes }
      : resubmitted(base, token.changes)),
    updatedAt: at,
    version: record.version + 1,
  };
  const next = {
    ...merged,
    ...(opening ? { status: 'open', confirmedAt: at } : {}),
    // Sending it again and confirming says it still holds, as the "still looking?" yes does.
    ...(record.kind === 'offer' || token.changes !== undefined ? { availabilityConfirmedAt: at } : {}),
  };
  // Its owner's change: one still paused begins its pause horizon again, as an edit does.
  return restartingPause(
    record.kind === 'offer' ? offerRecordSchema.parse(next) : requestRecordSchema.parse(next),
  );
}

async function openLink(deps: Deps, rawToken: string) {
  const token = await usableToken(deps, rawToken, INTAKE_PURPOSES);
  const record = await subjectOf(deps, token);
  const link: LinkView['link'] = token.purpose.startsWith('confirm-') ? 'confirm' : 'manage';
  return { token, record, link };
}

/**
 * A link whose record still holds its data. An erasure deletes its record's links after its
 * transaction: one opened in between finds nothing left to show or change.
 */
async function openKeptLink(deps: Deps, rawToken: string) {
  const { token, record, link } = await openLink(deps, rawToken);
  if (record.erasedAt !== undefined) throw new Gone(LINK_GONE_MESSAGE);
  return { token, record, link };
}

/**
 * For a press of "erase" on a manage link whose record is erased already (a second press after
 * the first erased, before its links went, or after a crash between the erasure and its
 * tidying): finishes what the erasure left (its links) and says true; false for any other link.
 */
export async function finishErasure(deps: Deps, rawToken: string): Promise<boolean> {
  try {
    const { token, record, link } = await openLink(deps, rawToken);
    if (link !== 'manage' || record.erasedAt === undefined) return false;
    await eraseRecord(deps, record, `link:${token.purpose}`);
    return true;
  } catch (error) {
    if (error instanceof Gone) return false;
    throw error;
  }
}

/**
 * For GET /confirm/{token} and GET /manage/{token}: what the link would do, acting on nothing.
 * A replayed, expired, altered or unknown token throws Gone with one message.
 */
export async function viewLink(deps: Deps, rawToken: string): Promise<LinkView> {
  const opened = await openKeptLink(deps, rawToken);
  const { link } = opened;
  if (link === 'confirm') {
    const { token, record, stay } = await pressed(deps, opened.token, opened.record);
    const applied = effectiveToken(token, await mergeSource(deps, token));
    const next = confirmedState(record, applied, deps.now());
    if (!next) throw new Gone(LINK_GONE_MESSAGE);
    const shown = applied.changes === undefined ? record : { ...next, status: record.status };
    return {
      link,
      kind: record.kind,
      record: shown as IntakeRecord,
      actions: ['confirm'],
      locale: record.locale,
      placements: [],
      ...(stay !== undefined && record.kind === 'request' ? { repeatsStay: true as const } : {}),
    };
  }
  const { record } = opened;
  // A record that has ended shows what it was, not who: nothing personal once it is over.
  const shown = live(record) ? record : withoutPersonalData(record);
  return {
    link,
    kind: record.kind,
    record: shown,
    actions: manageActions(record),
    locale: record.locale,
    placements: await placementsOf(deps, record),
  };
}

/**
 * For the manage page's "there is a problem" button: tells the coordinators about one of the
 * record's placements. Gone for a link that does not work; Conflict when the record has no such
 * placement (any more).
 */
export async function reportProblemByLink(deps: Deps, rawToken: string, proposalId: string): Promise<void> {
  const { token, record, link } = await openKeptLink(deps, rawToken);
  if (link !== 'manage') throw new Gone(LINK_GONE_MESSAGE);
  const reported = await reportPlacementProblem(deps, record, proposalId, `link:${token.purpose}`);
  if (!reported) throw new Conflict('There is no such placement.');
}

const changedFields = (before: IntakeRecord, after: IntakeRecord) =>
  // Both sides' keys: a field a resubmission cleared is gone from `after`.
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) =>
      !['version', 'updatedAt', 'factsVersion'].includes(key) &&
      JSON.stringify((before as Record<string, unknown>)[key]) !==
        JSON.stringify((after as Record<string, unknown>)[key]),
  );

/**
 * How many of a merged record's declined pairs its press carries itself: the press keeps room
 * for its own writes and its cancellations (approval/cancel.ts), and the step after it carries
 * any beyond these (upkeep/block-steps.ts).
 */
const DECLINES_CARRIED_IN_PRESS = 10;

/**
 * Confirms what a confirm link was sent for. A Telegram chat's record stays the chat's whatever
 * its address confirms (its notices go on to the chat), so the address gets no manage link to
 * it. Sending it again and confirming answers a pending "still looking?" (confirmedState). A
 * merge (TokenRecord.mergeFrom) then erases the chat's record it applied, or closes it when the
 * address or the chat is blocked (upkeep/block-steps.ts).
 */
async function confirm(deps: Deps, link: TokenRecord, record: IntakeRecord): Promise<LinkOutcome> {
  const now = deps.now();
  const source = await mergeSource(deps, link);
  const token = effectiveToken(link, source);
  const state = confirmedState(record, token, now);
  if (!state) throw new Gone(LINK_GONE_MESSAGE);
  const table = deps.config.TABLE_NAME;
  // An address a chat typed becomes the record's here, and with it the address's block: the
  // record is then stored as if the address had sent it (never matched), not a moment before.
  const takesAddress = token.addressChange === true || token.mergeFrom !== undefined;
  // The chat the press proves the address for: the record's own in a tie, the merged one's in a merge.
  const chat = source?.telegramChatId ?? state.telegramChatId;
  const blocks = takesAddress ? await blocksOf(deps, { email: state.email, telegramChatId: chat }) : [];
  const own = blockIdentities(state);
  const proved = blocks.find((found) => found.identity === state.email);
  const provingChat = blocks.find((found) => chat !== undefined && found.identity === chatAddress(chat));
  const {
    record: confirmed,
    checks,
    chatBlocked,
    addressBlocked,
    copied,
  } = underProvedBlocks(
    deps.config,
    state,
    blocks.filter((found) => own.includes(found.identity)),
    proved,
    provingChat,
    now.toISOString(),
  );
  // The chat and the address are now the blocked person's: what proves it must outlive the press
  // (upkeep/block-steps.ts, keepAsProof).
  const held = provingChat !== undefined && (proved?.block !== undefined || provingChat.block !== undefined);
  const actor = `link:${token.purpose}` as const;
  // The pairs the chat's record was declined in stay declined for the record it merges into
  // (rule 6), in the press itself so that no run in between proposes one; beyond the first
  // few (a record declined that often is rare), the press's step carries the rest.
  const declined = source ? await declinedPairsCarried(deps, source, record.id) : [];
  const carried = declined
    .slice(0, DECLINES_CARRIED_IN_PRESS)
    .map((pair) => declinedPut(table, pair.requestId, pair.offerId, now));
  // What the press does after its transaction, written in it so that no crash loses it: a merge
  // erases the chat's record it applied, or keeps it as proof when a block stands. A chat or
  // address blocked before the press had its records closed by that block, so only one the press
  // blocked just now has its earlier records closed.
  const steps =
    source || copied
      ? ({
          kind: 'block-steps',
          id: randomUUID(),
          recordKind: record.kind,
          confirmedId: record.id,
          actor,
          ...(source && held ? { proofOf: { id: source.id, email: state.email } } : {}),
          ...(source && !held ? { merged: { id: source.id } } : {}),
          ...(declined.length > carried.length ? { declinedLeft: true as const } : {}),
          ...(chatBlocked && chat !== undefined && copied ? { chat: { chatId: chat, ...copied } } : {}),
          ...(addressBlocked && copied ? { address: { email: state.email, ...copied } } : {}),
          dueAt: new Date(now.getTime() + SWEEP_GRACE_MS).toISOString(),
        } satisfies BlockSteps)
      : undefined;
  // The chat's record a merge applies closes in the press's own transaction, on the version the
  // press read: a send of its chat that lands first fails the press, which reads it again and
  // merges the newest; one that lands after finds it closed. One person, one live record; the
  // step after it only erases what it holds.
  const closing = source && !held ? await closeMerged(deps, source, actor, carried.length) : undefined;
  // A confirmed resubmission may change the facts of a record with a pending proposal, and a
  // blocked address taken on voids them all.
  const {
    record: next,
    items: cancellations,
    remaining,
  } = await cancelStaleProposals(deps, record, confirmed, actor, {
    spent: (closing?.items.length ?? 0) + carried.length,
  });
  const manage =
    next.telegramChatId === undefined ? issueManageToken(table, record.kind, record.id, now) : undefined;
  try {
    await saveRecord(deps, next, record.version, {
      audit: {
        action: token.changes === undefined ? 'confirmed' : 'resubmission-confirmed',
        actor,
        from: record.status,
        to: next.status,
        fields: changedFields(record, next),
      },
      link: consumeTokenCondition(table, token.hash, now),
      extra: [
        ...(manage ? [manage.put] : []),
        ...checks,
        ...(chatBlocked
          ? [pressBlockAudit(table, source ?? record, 'blocked-with-address', actor, now)]
          : []),
        ...(addressBlocked ? [pressBlockAudit(table, record, 'blocked-with-chat', actor, now)] : []),
        // What the chat sent is merged as it stands at the commit: an edit before it is read again.
        ...(closing ? closing.items : source ? [recordUnchangedCheck(table, source)] : []),
        ...carried,
        ...(steps ? [blockStepsPut(table, steps)] : []),
        ...cancellations,
        // A record that opens starts its "still available?" / "still looking?" schedule (upkeep/availability.ts).
        ...(record.status === 'pending' ? [availabilityCheckPut(table, next.id, now, next.kind)] : []),
      ],
    });
  } catch (error) {
    // The matcher proposed on the record or the chat's, its chat edited what it sent, or a
    // block landed since it was read: the press is read and applied again (actOnLink), as a
    // manage action is.
    throw error instanceof Conflict ? new Overtaken(error) : error;
  }
  await cancelRemaining(deps, remaining);
  if (closing) await cancelRemaining(deps, closing.remaining);
  // The press is in: steps that fail now stay queued, and the every-minute task works them.
  if (steps)
    await workBlockSteps(deps, steps).catch((error: unknown) =>
      deps.log.warn('intake.press-steps-failed', { id: steps.id, ...describeError(error) }),
    );
  return {
    kind: record.kind,
    done: 'confirmed',
    record: next,
    ...(manage ? { manageUrl: `${deps.config.PUBLIC_URL}/manage/${manage.raw}?lang=${record.locale}` } : {}),
  };
}

/**
 * The chat's record a merge applied, closed (withdrawn, out of the pool, its pending proposals
 * cancelled) as items of the press's transaction, conditioned on the version the press read.
 * Audited `merged`; its data goes in the press's step after it (upkeep/block-steps.ts).
 */
async function closeMerged(
  deps: Deps,
  source: IntakeRecord,
  actor: AuditActor,
  carried: number,
): Promise<{ items: TransactItem[]; remaining: RemainingCancellations }> {
  const now = deps.now();
  const table = deps.config.TABLE_NAME;
  const ended = ending(source, {
    ...source,
    status: source.kind === 'offer' ? 'closed' : 'withdrawn',
    updatedAt: now.toISOString(),
    version: source.version + 1,
  } as IntakeRecord);
  const own = [
    auditPut(
      table,
      {
        subjectPk: (source.kind === 'offer' ? offerKey(source.id) : requestKey(source.id)).pk,
        action: 'merged',
        actor,
        from: source.status,
        to: ended.status,
        fields: ['status', ...endedAtSet(source, ended)],
      },
      now,
    ),
  ];
  // Its audit event, its writes (six at most), the declined pairs the press carries and one item
  // kept for the queue item of the confirmed record's cancellations.
  const spent = own.length + 6 + carried + 1;
  const {
    record: next,
    items,
    remaining,
  } = await cancelStaleProposals(deps, source, ended, actor, { spent });
  const writes =
    next.kind === 'offer'
      ? offerWrites(deps, next, source.version)
      : requestWrites(deps, next, source.version);
  return { items: [...writes, ...own, ...items], remaining };
}

/**
 * Said on the record whose press copied a block: on the chat's (`blocked-with-address`) when the
 * chat took the address's, on the confirmed one (`blocked-with-chat`) when the address took the chat's.
 */
const pressBlockAudit = (
  table: string,
  of: IntakeRecord,
  action: 'blocked-with-address' | 'blocked-with-chat',
  actor: AuditActor,
  now: Date,
) =>
  auditPut(
    table,
    {
      subjectPk: (of.kind === 'offer' ? offerKey(of.id) : requestKey(of.id)).pk,
      action,
      actor,
      from: of.status,
      to: of.status,
    },
    now,
  );

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The place an edit moves the record to: resolved through the gazetteer as the forms do, or
 * undefined when the edit leaves it where it is. A request's city may be cleared (null): it is
 * then matched anywhere in its country.
 */
async function editedPlace(
  record: IntakeRecord,
  edit: Record<string, unknown>,
  issues: IssueDetail[],
): Promise<Record<string, unknown> | undefined> {
  const country = typeof edit.country === 'string' ? edit.country : record.country;
  const city = edit.city === undefined ? record.city : edit.city;
  const sameCountry = country === record.country;
  if (city === null || city === undefined) {
    if (record.kind === 'offer') return sameCountry ? undefined : { country };
    const cleared = { country, city: undefined, lat: undefined, lon: undefined, cell: undefined };
    return sameCountry && record.city === undefined ? undefined : cleared;
  }
  const typed = String(city);
  // The form shows the stored place in the reader's language; sent back unchanged, it stays.
  const unchanged =
    sameCountry &&
    record.city !== undefined &&
    (typed === record.city || typed === placeName(record.country, record.city, record.locale));
  if (unchanged) return undefined;
  const resolved = await resolveCity(country, typed, record.locale);
  if ('suggestions' in resolved) {
    issues.push({
      path: 'city',
      code: 'unknown_city',
      message: 'No such place in this country.',
      suggestions: resolved.suggestions,
    });
    return undefined;
  }
  return { country, city: resolved.name, lat: resolved.lat, lon: resolved.lon, cell: resolved.cell };
}

/**
 * An edit as the record will take it, or every problem with it at once: the fields' own, a
 * changed date in the past, the dates out of order and a place that does not resolve.
 */
async function validateEdit(
  record: IntakeRecord,
  changes: unknown,
  today: string,
): Promise<Record<string, unknown>> {
  const input = isObject(changes) ? changes : {};
  const schema = record.kind === 'offer' ? offerEditSchemaFor(undefined) : requestEditSchemaFor(undefined);
  const parsed = schema.safeParse(input);
  const issues: IssueDetail[] = parsed.success
    ? []
    : issuesFromZod(parsed.error, input).map((issue) =>
        // An emptied number reads as missing, as on the intake forms.
        input[issue.path] === '' ? { ...issue, message: 'Required', code: 'required' } : issue,
      );
  const edit: Record<string, unknown> = parsed.success ? { ...parsed.data } : {};
  // A field sent back as it is stays out of the change (the form lists languages in its own order).
  for (const [field, value] of Object.entries(edit)) {
    const before = (record as Record<string, unknown>)[field];
    const same =
      field === 'languages' && Array.isArray(value) && Array.isArray(before)
        ? value.length === before.length && value.every((code) => before.includes(code))
        : JSON.stringify(value ?? undefined) === JSON.stringify(before);
    if (same) delete edit[field];
  }
  // A running stay keeps its first date: only a date that changes must not lie in the past.
  for (const field of DATE_FIELDS[record.kind]) {
    const value = input[field];
    const before = (record as Record<string, unknown>)[field];
    const wellFormed = typeof value === 'string' && !issues.some((issue) => issue.path === field);
    if (wellFormed && value !== before && value < today) {
      issues.push({ path: field, message: 'Must not be in the past', code: 'date_in_past' });
    }
  }
  const order = dateOrderIssue(record.kind, input, record);
  if (order && !issues.some((issue) => issue.path === order.path)) issues.push(order);
  const wellPlaced = !issues.some((issue) => issue.path === 'country' || issue.path === 'city');
  const place = wellPlaced ? await editedPlace(record, parsed.success ? edit : input, issues) : undefined;
  if (issues.length > 0) throw new ValidationError('The changes are not valid.', { issues });
  const { country: _country, city: _city, ...rest } = edit;
  // null clears an optional field: the stay becomes open-ended, the phone or notes go.
  return {
    ...Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, value ?? undefined])),
    ...place,
  };
}

function nextState(record: IntakeRecord, action: LinkAction, changes: unknown, now: Date): IntakeRecord {
  const at = now.toISOString();
  const base = { ...record, updatedAt: at, version: record.version + 1 };
  const invalid = () => new Conflict('That is not possible in the current state. Please reload the page.');
  switch (action) {
    case 'pause':
      if (!canPause(record)) throw invalid();
      return pausing(record, now);
    case 'resume':
      if (!canResume(record)) throw invalid();
      return resumedAt(record, now);
    case 'withdraw':
      // Never confirmed, it goes with its confirm link (eraseBy), not RETENTION_DAYS after this.
      return ending(
        record,
        record.kind === 'offer'
          ? { ...(base as OfferRecord), status: 'closed' }
          : { ...(base as RequestRecord), status: 'withdrawn' },
      );
    case 'edit': {
      const edited = { ...base, ...(changes as Record<string, unknown>) } as IntakeRecord;
      // Changing it is the clearest sign it still holds: an open "still looking?" is answered,
      // and a paused one begins its pause horizon again (restartingPause).
      // A form sent back unchanged changes nothing, that date included.
      // A pending record keeps its confirm link's horizon: the edit sends no new link.
      const next =
        changedFields(record, edited).length > 0
          ? keepingConfirmHorizon(record, restartingPause({ ...edited, availabilityConfirmedAt: at }))
          : edited;
      return record.kind === 'offer' ? offerRecordSchema.parse(next) : requestRecordSchema.parse(next);
    }
    default:
      throw invalid();
  }
}

const DONE: Readonly<Record<Exclude<LinkAction, 'confirm' | 'erase'>, Changed>> = {
  pause: 'paused',
  resume: 'resumed',
  edit: 'updated',
  withdraw: 'withdrawn',
};

/**
 * For POST /confirm/{token} and POST /manage/{token}: performs the action the clicked button
 * named. Confirm links work once; manage links until the record closes. Unknown, altered,
 * expired and spent tokens throw the same Gone; an action the record's state does not allow
 * throws Conflict; invalid edits throw ValidationError with issues per field.
 */
export async function actOnLink(
  deps: Deps,
  rawToken: string,
  action: string,
  changes?: unknown,
): Promise<LinkOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await actOnce(deps, rawToken, action, changes);
    } catch (error) {
      if (!(error instanceof Overtaken)) throw error;
      if (attempt >= ACT_ATTEMPTS) throw error.conflict;
    }
  }
}

/**
 * The matcher bumps an offer's version whenever it proposes on it, so a person pressing Withdraw
 * or Pause while that happens would lose the race and read "nothing was changed". The action is
 * what they asked of the record as it is now, so it is read and applied again.
 */
const ACT_ATTEMPTS = 4;

class Overtaken extends Error {
  override readonly name = 'Overtaken';
  constructor(readonly conflict: Conflict) {
    super(conflict.message, { cause: conflict });
  }
}

async function actOnce(
  deps: Deps,
  rawToken: string,
  action: string,
  changes?: unknown,
): Promise<LinkOutcome> {
  const { token, record, link } = await openLink(deps, rawToken);
  const wanted = Object.hasOwn(ACTION_ALIASES, action) ? ACTION_ALIASES[action] : undefined;
  if (wanted === undefined || (link === 'confirm') !== (wanted === 'confirm')) {
    throw new BadRequest('This link cannot do that.');
  }
  const actor = `link:${token.purpose}` as const;
  // A second press (another tab, a double tap) after the first erased, before its links went, or
  // a press after a crash between the erasure and its tidying: the data is gone, as asked, and
  // the erasure finishes what the first left (its links). Any other press finds nothing left.
  if (record.erasedAt !== undefined) {
    if (wanted !== 'erase') throw new Gone(LINK_GONE_MESSAGE);
    await eraseRecord(deps, record, actor);
    return { kind: record.kind, done: 'erased', record };
  }
  if (wanted === 'confirm') {
    const acted = await pressed(deps, token, record);
    if (acted.stay !== undefined && acted.record.kind === 'request')
      return closeAsPlacedRepeat(deps, acted.token, acted.record, acted.stay);
    return confirm(deps, acted.token, acted.record);
  }
  if (!manageActions(record).includes(wanted)) {
    throw new Conflict('This can no longer be changed in its current state.');
  }
  const now = deps.now();
  if (wanted === 'erase') {
    // One transaction: withdrawn if still live, pending proposals cancelled (coordinators told),
    // data gone; read again and tried again when a write overtakes it (upkeep/lifecycle.ts).
    await eraseRecord(deps, record, actor);
    return { kind: record.kind, done: 'erased', record: erased(record, now, cityOf) };
  }
  // A withdrawal, a pause or an edit of the facts a coordinator decides on cancels the record's
  // pending proposals in its own transaction (approval/cancel.ts).
  const edit = wanted === 'edit' ? await validateEdit(record, changes, earliestToday(now)) : undefined;
  const {
    record: next,
    items: cancellations,
    remaining,
  } = await cancelStaleProposals(deps, record, nextState(record, wanted, edit, now), actor);
  const fields = changedFields(record, next);
  if (fields.length > 0) {
    try {
      await saveRecord(deps, next, record.version, {
        audit: { action: wanted, actor, from: record.status, to: next.status, fields },
        link: tokenStillValidCondition(deps.config.TABLE_NAME, token.hash, now),
        extra: cancellations,
      });
    } catch (error) {
      throw error instanceof Conflict ? new Overtaken(error) : error;
    }
    await cancelRemaining(deps, remaining);
  }
  const after = fields.length > 0 ? next : record;
  // A withdrawn record is shown, like any ended one, without its personal data.
  return { kind: record.kind, done: DONE[wanted], record: live(after) ? after : withoutPersonalData(after) };
}
