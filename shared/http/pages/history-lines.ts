import type { AuditEvent } from '../../data/audit.ts';
import { dayInZone } from '../../domain/country-day.ts';
import { OFFER_STATUSES, REQUEST_STATUSES } from '../../domain/records.ts';
import type { MessageKey, Translate } from '../../i18n/index.ts';

/**
 * A record's audit trail as a coordinator reads it: each event a short sentence in their
 * language, and who did it in words. The trail keeps machine names (they outlive any wording);
 * this is the one place that turns them into speech.
 */

type Kind = 'offer' | 'request';
type EventWords = MessageKey | Readonly<Record<Kind, MessageKey>>;

const EVENTS: Readonly<Record<string, EventWords>> = {
  submitted: 'coordinator.history.event.submitted',
  'resubmitted-held': 'coordinator.history.event.resubmittedHeld',
  'resubmitted-placed': 'coordinator.history.event.resubmittedPlaced',
  'withdrawn-placed-repeat': 'coordinator.history.event.withdrawnPlacedRepeat',
  'submitted-telegram': 'coordinator.history.event.submittedTelegram',
  'resubmitted-telegram': 'coordinator.history.event.resubmittedTelegram',
  confirmed: 'coordinator.history.event.confirmed',
  'resubmission-confirmed': 'coordinator.history.event.resubmissionConfirmed',
  pause: 'coordinator.history.event.paused',
  resume: 'coordinator.history.event.resumed',
  withdraw: 'coordinator.history.event.withdrawn',
  'offer.beds-held': 'coordinator.history.event.bedsHeld',
  'offer.beds-released': 'coordinator.history.event.bedsReleased',
  'offer.beds-placed': 'coordinator.history.event.bedsPlaced',
  'offer.host-verified': 'coordinator.history.event.hostVerified',
  'offer.host-rejected': 'coordinator.history.event.hostRejected',
  'request.proposed': 'coordinator.history.event.proposed',
  'request.placed': 'coordinator.history.event.placed',
  'request.reopened': 'coordinator.history.event.reopened',
  'coordinator.viewed': 'coordinator.history.event.viewed',
  'coordinator.note-added': 'coordinator.history.event.noteAdded',
  'coordinator.pause': 'coordinator.history.event.paused',
  'coordinator.reopen': 'coordinator.history.event.resumed',
  'coordinator.close': 'coordinator.history.event.closed',
  'coordinator.blocked': 'coordinator.history.event.blocked',
  'coordinator.unblocked': 'coordinator.history.event.unblocked',
  'blocked-with-address': 'coordinator.history.event.blockedWithAddress',
  'blocked-with-chat': 'coordinator.history.event.blockedWithChat',
  'availability-asked': {
    offer: 'coordinator.history.event.asked.offer',
    request: 'coordinator.history.event.asked.request',
  },
  'availability-unanswered': {
    offer: 'coordinator.history.event.unanswered.offer',
    request: 'coordinator.history.event.unanswered.request',
  },
  'availability-confirmed': {
    offer: 'coordinator.history.event.stillOn.offer',
    request: 'coordinator.history.event.stillOn.request',
  },
  'availability-ended': {
    offer: 'coordinator.history.event.over.offer',
    request: 'coordinator.history.event.over.request',
  },
  ended: 'coordinator.history.event.ended',
  'pause-lapsed': {
    offer: 'coordinator.history.event.lapsed.offer',
    request: 'coordinator.history.event.lapsed.request',
  },
  expired: 'coordinator.history.event.expired',
  erased: 'coordinator.history.event.erased',
  'erase-pending-cancelled': 'coordinator.history.event.erasePendingCancelled',
  merged: 'coordinator.history.event.merged',
  'address-held': 'coordinator.history.event.addressHeld',
  'address-dropped': 'coordinator.history.event.addressDropped',
  'ended-at-backfilled': 'coordinator.history.event.endedAtBackfilled',
  'paused-at-backfilled': 'coordinator.history.event.pausedAtBackfilled',
  'place-renamed': 'coordinator.history.event.placeRenamed',
};

/** Events whose sentence does not say where the status went: the move is added in words. */
const MOVE_TOLD = new Set([
  'resubmission-confirmed',
  'erased',
  'merged',
  'blocked-with-address',
  'blocked-with-chat',
]);

/** A changed field under the name the record page gives it; internal fields (lat, cell …) are left out. */
const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  name: 'decision.fact.name',
  email: 'coordinator.record.email',
  phone: 'coordinator.record.phone',
  languages: 'decision.fact.languages',
  country: 'decision.fact.place',
  city: 'decision.fact.place',
  maxDistanceKm: 'decision.fact.distance',
  availableFrom: 'decision.fact.available',
  availableTo: 'decision.fact.available',
  arrival: 'decision.fact.dates',
  departure: 'decision.fact.dates',
  beds: 'decision.fact.beds',
  adults: 'decision.fact.party',
  children: 'decision.fact.party',
  petsAllowed: 'decision.fact.petsAllowed',
  childrenAllowed: 'decision.fact.childrenAllowed',
  stepFree: 'decision.fact.stepFree',
  multipleParties: 'decision.fact.multipleParties',
  hostHousehold: 'decision.fact.household',
  pets: 'decision.fact.pets',
  needsStepFree: 'decision.fact.needsStepFree',
  safeHousehold: 'decision.fact.safeHousehold',
  notes: 'decision.fact.notes',
};

const LINKS: Readonly<Record<string, MessageKey>> = {
  'confirm-offer': 'coordinator.history.by.confirmLink',
  'confirm-request': 'coordinator.history.by.confirmLink',
  'manage-offer': 'coordinator.history.by.manageLink',
  'manage-request': 'coordinator.history.by.manageLink',
  approve: 'coordinator.history.by.approveLink',
  decline: 'coordinator.history.by.declineLink',
  'availability-yes': 'coordinator.history.by.reminderLink',
  'availability-no': 'coordinator.history.by.reminderLink',
  'check-in': 'coordinator.history.by.problemLink',
};

const PROCESSES: Readonly<Record<string, MessageKey>> = {
  matcher: 'coordinator.history.by.matcher',
  'erase-command': 'coordinator.history.by.operator',
  // `npm run reindex` (and `npm start`): an older record brought under today's rules, such as a
  // block from weeks ago closing a record sent under another spelling of its mailbox.
  'reindex-command': 'coordinator.history.by.migration',
};

function statusWords(kind: Kind, status: string, t: Translate): string {
  if (kind === 'offer' && (OFFER_STATUSES as readonly string[]).includes(status)) {
    return t(`record.status.offer.${status as (typeof OFFER_STATUSES)[number]}`);
  }
  if (kind === 'request' && (REQUEST_STATUSES as readonly string[]).includes(status)) {
    return t(`record.status.request.${status as (typeof REQUEST_STATUSES)[number]}`);
  }
  return status;
}

/** Who did something: a coordinator by their address, the person by which link, or Haven itself. */
export function actorText(actor: string, t: Translate): string {
  const [kind = '', ...rest] = actor.split(':');
  const detail = rest.join(':');
  if (kind === 'coordinator') return detail;
  const named = kind === 'link' ? LINKS[detail] : kind === 'process' ? PROCESSES[detail] : undefined;
  if (named) return t(named);
  if (kind === 'link') return t('coordinator.history.link');
  if (kind === 'process') return t('coordinator.history.process');
  return t('coordinator.history.owner');
}

/**
 * One line of a record's history: an event, or one coordinator's views in a row on one day taken
 * together, dated at the latest, so a record opened ten times while someone worked on it takes
 * one line and the rest of its history stays in sight. Views on other days stay lines of their
 * own: the history is where a coordinator sees who opened a person's contact details, and when.
 */
export interface HistoryLine {
  readonly event: AuditEvent;
  readonly times: number;
}

/**
 * The history's lines, newest first as the trail is: runs of one coordinator's views on one
 * calendar day in `timeZone` (the record's country's, in which the page dates them) folded into one.
 */
export function historyLines(history: readonly AuditEvent[], timeZone: string): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const event of history) {
    const last = lines.at(-1);
    const sameViewer =
      last !== undefined &&
      event.action === 'coordinator.viewed' &&
      last.event.action === event.action &&
      last.event.actor === event.actor &&
      dayInZone(last.event.at, timeZone) === dayInZone(event.at, timeZone);
    if (sameViewer) lines[lines.length - 1] = { event: last.event, times: last.times + 1 };
    else lines.push({ event, times: 1 });
  }
  return lines;
}

/** A history line as a sentence: the event's, or how many times its coordinator opened the record. */
export function lineText(line: HistoryLine, kind: Kind, t: Translate): string {
  return line.times > 1
    ? t('coordinator.history.event.viewedTimes', { count: line.times })
    : eventText(line.event, kind, t);
}

/** What an event did, as a sentence: what happened, which facts changed, where the status went. */
export function eventText(event: AuditEvent, kind: Kind, t: Translate): string {
  const words = EVENTS[event.action];
  const labels = [
    ...new Set(
      (event.fields ?? []).flatMap((field) => (FIELD_LABELS[field] ? [t(FIELD_LABELS[field])] : [])),
    ),
  ];
  const sentence =
    words === undefined
      ? labels.length > 0
        ? t('coordinator.history.event.changedFields', { fields: labels.join(', ') })
        : t('coordinator.history.event.changed')
      : t(typeof words === 'string' ? words : words[kind]);
  const { from, to } = event;
  const moved = (words === undefined || MOVE_TOLD.has(event.action)) && from && to && from !== to;
  // The arrow reads the same in every language; the statuses themselves are in words.
  return moved ? `${sentence} (${statusWords(kind, from, t)} → ${statusWords(kind, to, t)})` : sentence;
}
