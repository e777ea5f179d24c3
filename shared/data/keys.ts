/**
 * Every key string of the table lives here. Items carry generic pk/sk and gsiNpk/gsiNsk
 * attributes (see table.ts); this module decides what they mean for each entity.
 *
 * A partition that is read as a whole (a queue, a country's records, one address's records)
 * has its own name here (`…Partition`), and the item keys are built from it: a query names
 * the partition it reads, never an item key with empty fillers.
 */

/**
 * The pk prefixes of item families, for IAM conditions on leading keys: a function may touch
 * only the partitions that start with them.
 */
export const PK_PREFIX = {
  offer: 'OFFER#',
  proposal: 'PROPOSAL#',
  outbox: 'OUTBOX#',
  suppressed: 'SUPPRESSED#',
  blocked: 'BLOCKED#',
  overview: 'OVERVIEW#',
  chatUnreachable: 'CHAT-UNREACHABLE#',
} as const;

const RECORD_PREFIX = { offer: PK_PREFIX.offer, request: 'REQUEST#' } as const;
export const offerKey = (id: string) => ({ pk: `${RECORD_PREFIX.offer}${id}`, sk: 'OFFER' });
export const requestKey = (id: string) => ({ pk: `${RECORD_PREFIX.request}${id}`, sk: 'REQUEST' });

/** The offer or request a partition belongs to (an audit event lies in its record's), if any. */
export function recordOfPartition(pk: string): { kind: 'offer' | 'request'; id: string } | undefined {
  for (const kind of ['offer', 'request'] as const) {
    if (pk.startsWith(RECORD_PREFIX[kind])) return { kind, id: pk.slice(RECORD_PREFIX[kind].length) };
  }
  return undefined;
}
export const proposalKey = (id: string) => ({ pk: `${PK_PREFIX.proposal}${id}`, sk: 'PROPOSAL' });
export const tokenKey = (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'TOKEN' });
export const outboxKey = (id: string) => ({ pk: `${PK_PREFIX.outbox}${id}`, sk: 'OUTBOX' });
/** An address mail must not go to (it bounced for good, complained, or was refused), by its hash only. */
export const suppressionKey = (emailHash: string) => ({
  pk: `${PK_PREFIX.suppressed}${emailHash}`,
  sk: 'SUPPRESSED',
});
/** The address hash a suppression's pk is keyed by (suppressionKey). */
export const suppressionHashOf = (pk: string) => pk.slice(PK_PREFIX.suppressed.length);
/** An address a coordinator blocked, by its mailbox's hash only: what it sends is accepted and never matched. */
export const blockKey = (mailboxHash: string) => ({
  pk: `${PK_PREFIX.blocked}${mailboxHash}`,
  sk: 'BLOCKED',
});

/**
 * gsi3: the items derived from an address or a chat that outlive no record of it (a block, a
 * suppression), by the time the lifecycle next asks whether they may go (data/forgetting.ts).
 */
export const FORGET_DUE_PARTITION = 'FORGET#due';
export const forgetDueIndex = (forgetAt: string, pk: string) => ({
  gsi3pk: FORGET_DUE_PARTITION,
  gsi3sk: `${forgetAt}#${pk}`,
});

/** A Telegram update already taken in, by its update_id: Telegram redelivers until it gets a 200. */
export const telegramUpdateKey = (updateId: number) => ({ pk: `TGUPDATE#${updateId}`, sk: 'TGUPDATE' });

/** Audit events sit in the partition of the record they describe, oldest first. */
export const auditKey = (subjectPk: string, at: string, id: string) => ({
  pk: subjectPk,
  sk: `AUDIT#${at}#${id}`,
});
export const AUDIT_PREFIX = 'AUDIT#';

/**
 * A coordinator's latest view of a record, in its partition, one per coordinator: who has looked
 * at a record however long its trail (a record's page reads the trail a page at a time).
 */
export const lookKey = (subjectPk: string, coordinator: string) => ({
  pk: subjectPk,
  sk: `LOOKED#${coordinator}`,
});
export const LOOKED_PREFIX = 'LOOKED#';

/** Every rate-limit counter of one scope (for IAM: the mailer may touch only its own scope's). */
export const rateLimitScopePrefix = (scope: string) => `RATE#${scope}#`;

/** The windows of one limited subject (a hashed IP or email) in one scope. */
export const rateLimitPartition = (scope: string, subjectHash: string) =>
  `${rateLimitScopePrefix(scope)}${subjectHash}`;

/**
 * The family of item a partition key names, never its id or hash: `OFFER`, `TOKEN`, `EMAIL` …,
 * and for a rate-limit window its scope too (`RATE#submit-ip`). What a call is counted under when
 * the calls of a submission are tallied (tests/support/call-tally.ts).
 */
export function kindOfPartition(pk: string): string {
  const [family = '', scope = ''] = pk.split('#');
  return pk.startsWith(rateLimitScopePrefix(scope)) ? `${family}#${scope}` : family;
}

/** A fixed-window counter: one item per limited subject and window. */
export const rateLimitKey = (scope: string, subjectHash: string, windowStart: string) => ({
  pk: rateLimitPartition(scope, subjectHash),
  sk: `WINDOW#${windowStart}`,
});

/**
 * One of the counters a window that every submission shares is split into (rate-limits.ts,
 * sharedRateLimit): all of a window's in one partition, so one Query reads them together.
 */
export const rateLimitShardKey = (
  scope: string,
  subjectHash: string,
  windowStart: string,
  shard: number,
) => ({
  pk: rateLimitPartition(scope, subjectHash),
  sk: `${rateLimitShardPrefix(windowStart)}${shard}`,
});

/** The sort-key prefix of one window's shard counters. */
export const rateLimitShardPrefix = (windowStart: string) => `WINDOW#${windowStart}#SHARD#`;

/** The health probe reads this key; it never exists, which is fine: a read that answers is enough. */
export const healthKey = { pk: 'HEALTH', sk: 'HEALTH' } as const;

/** gsi3: unsent mail, oldest first, for the mailer's retry sweep. */
export const OUTBOX_PENDING_PARTITION = 'OUTBOX#pending';
export const outboxPendingIndex = (createdAt: string, id: string) => ({
  gsi3pk: OUTBOX_PENDING_PARTITION,
  gsi3sk: `${createdAt}#${id}`,
});

/** Beds as a fixed-width sort-key part, so `>= party size` is a key condition. */
export const bedsSortPart = (beds: number) => String(beds).padStart(2, '0');

/**
 * gsi1, the matching pool. Only open records carry these attributes (a sparse index), so a
 * paused offer or a placed request drops out of matching by losing them.
 * Offers: one partition per country and pool cell (poolGrid in shared/domain/geo.ts, finer than
 * a record's cell), sorted by beds, then the first night available: a request reads only offers
 * big enough for its party, best-fitting first, nearest partitions first, and can stop early
 * once nothing unread could score higher (see shared/matching/candidates.ts).
 */
export const offerPoolPartition = (country: string, poolCell: string) => `POOL#OFFER#${country}#${poolCell}`;
export const offerPoolIndex = (
  country: string,
  poolCell: string,
  beds: number,
  availableFrom: string,
  id: string,
) => ({
  gsi1pk: offerPoolPartition(country, poolCell),
  gsi1sk: `${bedsSortPart(beds)}#${availableFrom}#${id}`,
});

/**
 * Requests: one partition per country and pool cell (requestPoolCell in
 * shared/domain/matching/request-cells.ts: a record cell, or the country's WIDE or ANY cell),
 * sorted by arrival, so a changed offer reads the requests that could reach it in its dates.
 */
export const requestPoolPartition = (country: string, poolCell: string) =>
  `POOL#REQUEST#${country}#${poolCell}`;
export const requestPoolIndex = (country: string, poolCell: string, arrival: string, id: string) => ({
  gsi1pk: requestPoolPartition(country, poolCell),
  gsi1sk: `${arrival}#${id}`,
});

/** gsi2: records of one kind by the SHA-256 of the normalised email, for de-duplication and rate limits. */
export const emailPartition = (kind: 'offer' | 'request', emailHash: string) =>
  `EMAIL#${kind.toUpperCase()}#${emailHash}`;
export const emailIndex = (kind: 'offer' | 'request', emailHash: string, date: string, id: string) => ({
  gsi2pk: emailPartition(kind, emailHash),
  gsi2sk: `${date}#${id}`,
});

/**
 * A record's phone lookup, beside it: one item per record at a fixed key, so every write of the
 * record rewrites it (or deletes it) without knowing the number it had before.
 */
export const phoneLookupKey = (kind: 'offer' | 'request', id: string) => ({
  pk: `${kind.toUpperCase()}#${id}`,
  sk: 'PHONE',
});

/**
 * A record's mailbox lookup, beside it, while its address is spelled otherwise than the mailbox
 * it delivers to (`ana+x@…`, `A.na@googlemail.com`): a block is on the mailbox, and finds the
 * records of every spelling of it through these (shared/data/mailbox-lookups.ts).
 */
export const mailboxLookupKey = (kind: 'offer' | 'request', id: string) => ({
  pk: `${kind.toUpperCase()}#${id}`,
  sk: 'MAILBOX',
});

/** gsi2 of a mailbox lookup: records of one kind by the SHA-256 of their mailbox (the block key's hash). */
export const mailboxPartition = (kind: 'offer' | 'request', mailboxHash: string) =>
  `MAILBOX#${kind.toUpperCase()}#${mailboxHash}`;
export const mailboxIndex = (kind: 'offer' | 'request', mailboxHash: string, id: string) => ({
  gsi2pk: mailboxPartition(kind, mailboxHash),
  gsi2sk: id,
});

/** gsi2 of a phone lookup: records by the SHA-256 of the normalised number, for the coordinators' search. */
export const phonePartition = (phoneHash: string) => `PHONE#${phoneHash}`;
export const phoneIndex = (phoneHash: string, kind: 'offer' | 'request', id: string) => ({
  gsi2pk: phonePartition(phoneHash),
  gsi2sk: `${kind.toUpperCase()}#${id}`,
});

/**
 * A record's Telegram lookups, beside it like its phone lookup: one by the chat it came from,
 * one by the username it gave, each at a fixed key so every write of the record rewrites them.
 */
export const telegramLookupKey = (kind: 'offer' | 'request', id: string, by: 'chat' | 'username') => ({
  pk: `${kind.toUpperCase()}#${id}`,
  sk: `TELEGRAM#${by.toUpperCase()}`,
});

/** That a chat refused a notice lately (data/telegram-lookups.ts markChatUnreachable), by its hash only. */
export const unreachableChatKey = (hash: string) => ({
  pk: `${PK_PREFIX.chatUnreachable}${hash}`,
  sk: 'CHAT-UNREACHABLE',
});

/** gsi2 of a Telegram lookup: records by the hash of a chat id or a lowercased username (erasure, search). */
export const telegramPartition = (by: 'chat' | 'username', hash: string) =>
  `TELEGRAM#${by.toUpperCase()}#${hash}`;
export const telegramIndex = (
  by: 'chat' | 'username',
  hash: string,
  kind: 'offer' | 'request',
  id: string,
) => ({
  gsi2pk: telegramPartition(by, hash),
  gsi2sk: `${kind.toUpperCase()}#${id}`,
});

/**
 * The live records of one kind from one address (by its hash): created and re-read only with
 * strongly consistent operations, so two simultaneous submissions cannot both create.
 */
export const addressRegistryKey = (kind: 'offer' | 'request', emailHash: string) => ({
  pk: `ADDRESS#${kind.toUpperCase()}#${emailHash}`,
  sk: 'REGISTRY',
});

/** gsi3: every open record of a kind in one country, for the periodic sweep. */
export const openByCountryPartition = (kind: 'offer' | 'request', country: string) =>
  `OPEN#${kind.toUpperCase()}#${country}`;
export const openByCountryIndex = (kind: 'offer' | 'request', country: string, date: string, id: string) => ({
  gsi3pk: openByCountryPartition(kind, country),
  gsi3sk: `${date}#${id}`,
});

/**
 * gsi3 for offers: every open offer of a country, sorted by beds like the pool, so a request
 * without a city reads its country best-fitting first, as one partition instead of every cell.
 */
export const openOfferByCountryIndex = (country: string, beds: number, availableFrom: string, id: string) =>
  openByCountryIndex('offer', country, `${bedsSortPart(beds)}#${availableFrom}`, id);

/**
 * gsi4: every confirmed record of a kind in one country, whatever its state since, until its
 * personal data is erased, for the coordinators' export, in the order their addresses were
 * confirmed: records confirmed later come after every part already cut. The key changes only
 * when the record moves to another country.
 */
export const recordsByCountryPartition = (kind: 'offer' | 'request', country: string) =>
  `RECORDS#${kind.toUpperCase()}#${country}`;
export const recordsByCountryIndex = (
  kind: 'offer' | 'request',
  country: string,
  confirmedAt: string,
  id: string,
) => ({
  gsi4pk: recordsByCountryPartition(kind, country),
  gsi4sk: `${confirmedAt}#${id}`,
});

/** Beds held by a pending or approved proposal, in the offer's partition: one Query reads an offer's holds. */
export const holdKey = (offerId: string, proposalId: string) => ({
  pk: `OFFER#${offerId}`,
  sk: `HOLD#${proposalId}`,
});
export const HOLD_PREFIX = 'HOLD#';

/** gsi3: every hold in one country, so the sweep reads a country's holds as one partition. */
export const holdsByCountryPartition = (country: string) => `HOLD#${country}`;
export const holdsByCountryIndex = (country: string, offerId: string, proposalId: string) => ({
  gsi3pk: holdsByCountryPartition(country),
  gsi3sk: `${offerId}#${proposalId}`,
});

/** A pair once declined is never proposed again: remembered in the request's partition. */
export const declinedKey = (requestId: string, offerId: string) => ({
  pk: `REQUEST#${requestId}`,
  sk: `DECLINED#${offerId}`,
});
export const DECLINED_PREFIX = 'DECLINED#';

/** gsi3: pending proposals by the time a decision is due, for the expiry sweep. */
export const PENDING_PROPOSAL_PARTITION = 'PROPOSAL#pending';
export const pendingProposalIndex = (decisionDueAt: string, id: string) => ({
  gsi3pk: PENDING_PROPOSAL_PARTITION,
  gsi3sk: `${decisionDueAt}#${id}`,
});

/** The hashes of a proposal's approve and decline tokens, so a decision can spend both at once. */
export const proposalLinksKey = (proposalId: string) => ({ pk: `PROPOSAL#${proposalId}`, sk: 'LINKS' });

/** Where a record's partition keeps its pointers to proposals (requestProposalKey, offerProposalKey). */
export const PROPOSAL_POINTER_PREFIX = 'PROPOSAL#';

/** A pointer from a request to each proposal made for it, so withdrawing the request finds its pending one. */
export const requestProposalKey = (requestId: string, proposalId: string) => ({
  pk: requestKey(requestId).pk,
  sk: `${PROPOSAL_POINTER_PREFIX}${proposalId}`,
});

/**
 * A pointer from an offer to each of its proposals that no longer holds its beds (declined,
 * expired, cancelled) or holds them as a placement (approved, whose hold expires after the stay),
 * so erasing the offer finds them: a pending one is found by its hold.
 */
export const offerProposalKey = (offerId: string, proposalId: string) => ({
  pk: offerKey(offerId).pk,
  sk: `${PROPOSAL_POINTER_PREFIX}${proposalId}`,
});

/** A placement's check-in on day 3 or day 30 of the stay, beside its proposal. */
export const checkInKey = (proposalId: string, day: number) => ({
  pk: `PROPOSAL#${proposalId}`,
  sk: `CHECKIN#${day}`,
});

/** gsi3: check-ins not yet sent, by the instant they go out (check-ins.ts checkInSendAt). */
export const CHECK_IN_DUE_PARTITION = 'CHECKIN#due';
export const checkInDueIndex = (sendAt: string, proposalId: string, day: number) => ({
  gsi3pk: CHECK_IN_DUE_PARTITION,
  gsi3sk: `${sendAt}#${proposalId}#${day}`,
});

/** An offer's "still available?" (a request's "still looking?") schedule, beside it: when to ask next, or until when an answer is awaited. */
export const availabilityCheckKey = (id: string, kind: 'offer' | 'request' = 'offer') => ({
  pk: `${kind.toUpperCase()}#${id}`,
  sk: 'AVAILABILITY',
});

/** gsi3: availability checks by the time their next step is due (ask, or pause the offer / expire the request). */
export const AVAILABILITY_DUE_PARTITION = 'AVAILABILITY#due';
export const availabilityDueIndex = (dueAt: string, id: string) => ({
  gsi3pk: AVAILABILITY_DUE_PARTITION,
  gsi3sk: `${dueAt}#${id}`,
});

/** A coordinator's session, under the SHA-256 of the cookie's value: a leaked table holds no working session. */
export const sessionKey = (hash: string) => ({ pk: `SESSION#${hash}`, sk: 'SESSION' });

/**
 * What a sign-in for an address that is no coordinator's writes in place of the link, its mail
 * and its audit event (see writeSignInDecoy): one partition per address, one item per part.
 */
export const signInDecoyKey = (emailHash: string, part: number) => ({
  pk: `SIGNIN-DECOY#${emailHash}`,
  sk: `PART#${part}`,
});

/** A coordinator's own partition (by the address's hash), where their sign-ins and sign-outs are audited. */
export const coordinatorKey = (emailHash: string) => ({ pk: `COORDINATOR#${emailHash}`, sk: 'COORDINATOR' });

/** gsi2 of a pending proposal: the coordinators' queue of one country, oldest first. */
export const proposalQueuePartition = (country: string) => `QUEUE#PROPOSAL#${country}`;
export const proposalQueueIndex = (country: string, createdAt: string, id: string) => ({
  gsi2pk: proposalQueuePartition(country),
  gsi2sk: `${createdAt}#${id}`,
});

/**
 * gsi2 of a live offer or request nobody could reach once placed (domain/unreachable.ts): the
 * coordinators' list of them in one country, oldest first. Only a record without an address
 * carries it, so it never meets the record's email index on the same item.
 */
export const unreachablePartition = (country: string) => `UNREACHABLE#${country}`;
export const unreachableIndex = (
  country: string,
  createdAt: string,
  kind: 'offer' | 'request',
  id: string,
) => ({
  gsi2pk: unreachablePartition(country),
  gsi2sk: `${createdAt}#${kind.toUpperCase()}#${id}`,
});

/** A problem reported from a placement's check-in link, beside its proposal. */
export const problemKey = (proposalId: string, reportedAt: string, side: string) => ({
  pk: `PROPOSAL#${proposalId}`,
  sk: `${PROBLEM_PREFIX}${reportedAt}#${side}`,
});

export const PROBLEM_PREFIX = 'PROBLEM#';

/**
 * The mark that one side of a placement has a problem nobody has dealt with yet, beside its
 * proposal: a report while it stands tells the coordinators nothing new, so it writes nothing.
 */
export const openProblemKey = (proposalId: string, side: string) => ({
  pk: `PROPOSAL#${proposalId}`,
  sk: `OPEN-PROBLEM#${side}`,
});

/** gsi3 of a problem nobody has dealt with yet: the country's queue, oldest first. */
export const problemQueuePartition = (country: string) => `PROBLEM#${country}`;
export const problemQueueIndex = (country: string, reportedAt: string, proposalId: string, side: string) => ({
  gsi3pk: problemQueuePartition(country),
  gsi3sk: `${reportedAt}#${proposalId}#${side}`,
});

/** A coordinator's internal note, in the partition of the record it is about, oldest first. */
export const noteKey = (subjectPk: string, at: string, id: string) => ({
  pk: subjectPk,
  sk: `NOTE#${at}#${id}`,
});
export const NOTE_PREFIX = 'NOTE#';

/** A record's lifecycle schedule, beside it: when time next does something to it (close, expire, erase). */
export const lifecycleKey = (kind: 'offer' | 'request', id: string) => ({
  pk: `${kind.toUpperCase()}#${id}`,
  sk: 'LIFECYCLE',
});

/** gsi3: lifecycle schedules by the time their next step is due (close, expire, erase, delete). */
export const LIFECYCLE_DUE_PARTITION = 'LIFECYCLE#due';
export const lifecycleDueIndex = (dueAt: string, kind: 'offer' | 'request', id: string) => ({
  gsi3pk: LIFECYCLE_DUE_PARTITION,
  gsi3sk: `${dueAt}#${kind}#${id}`,
});

/** gsi2: the action tokens issued for one record, so its links die with it. */
export const tokenSubjectPartition = (kind: string, id: string) => `TOKENS#${kind.toUpperCase()}#${id}`;
export const tokenSubjectIndex = (kind: string, id: string, hash: string) => ({
  gsi2pk: tokenSubjectPartition(kind, id),
  gsi2sk: hash,
});

/**
 * gsi3: tokens holding changes nobody has confirmed (an address a chat typed, the fields of a
 * resubmission), by the time their link stops working, so the lifecycle deletes what they hold
 * then instead of at TTL. Spending the token takes it off the queue.
 */
export const HELD_CHANGES_DUE_PARTITION = 'HELD-CHANGES#due';
export const heldChangesDueIndex = (validUntil: string, hash: string) => ({
  gsi3pk: HELD_CHANGES_DUE_PARTITION,
  gsi3sk: `${validUntil}#${hash}`,
});

/**
 * What a press that copied a block across (shared/intake/links.ts) still has to do after its
 * transaction: keep the merged record as proof, close what the newly blocked chat or address
 * sent before. Written in that transaction and deleted once done, so a crash in between leaves
 * it waiting for the sweep (shared/upkeep/block-steps.ts) instead of losing the steps.
 */
export const blockStepsKey = (id: string) => ({ pk: `BLOCK-STEPS#${id}`, sk: 'BLOCK-STEPS' });

/** gsi3: a press's block steps not yet done, by the time the sweep may take them over. */
export const BLOCK_STEPS_DUE_PARTITION = 'BLOCK-STEPS#due';
export const blockStepsDueIndex = (dueAt: string, id: string) => ({
  gsi3pk: BLOCK_STEPS_DUE_PARTITION,
  gsi3sk: `${dueAt}#${id}`,
});

/**
 * The proposal cancellations a change of a record had no room for in its own transaction
 * (shared/approval/cancel.ts): written in that transaction and deleted once each is done, so a
 * crash or a throttle after it leaves them waiting for the sweep instead of pending for days.
 */
export const cancellationsKey = (id: string) => ({ pk: `CANCELLATIONS#${id}`, sk: 'CANCELLATIONS' });

/** gsi3: cancellations not yet done, by the time the sweep may take them over. */
export const CANCELLATIONS_DUE_PARTITION = 'CANCELLATIONS#due';
export const cancellationsDueIndex = (dueAt: string, id: string) => ({
  gsi3pk: CANCELLATIONS_DUE_PARTITION,
  gsi3sk: `${dueAt}#${id}`,
});

/** The overview's counters of one country (shared/domain/overview.ts names the sks: TOTAL, CITY#…, MONTH#…). */
export const overviewPartition = (country: string) => `${PK_PREFIX.overview}${country}`;
/** The country an overview partition (overviewPartition) belongs to. */
export const countryOfOverviewPartition = (pk: string) => pk.slice(PK_PREFIX.overview.length);
export const overviewKey = (country: string, sk: string) => ({ pk: overviewPartition(country), sk });
export const OVERVIEW_CITY_PREFIX = 'CITY#';
export const OVERVIEW_MONTH_PREFIX = 'MONTH#';
export const OVERVIEW_TOTAL_SK = 'TOTAL';

/** Why the waiting requests of a country are not matched, as the matcher's sweep last found. */
export const overviewBlockersKey = (country: string) => overviewKey(country, 'BLOCKERS');

/**
 * The overview rebuild's lock (held while it reads the records and replaces the counters; the
 * stream consumer's transactions check it) and the time its last read began (records older
 * than that are in the rebuilt counters).
 */
export const overviewRebuildLockKey = { pk: 'OVERVIEW#REBUILD', sk: 'LOCK' } as const;
export const overviewRebuildCutKey = { pk: 'OVERVIEW#REBUILD', sk: 'CUT' } as const;
/** When the last rename of a stored place began (reindex.ts renamePlacesTakenSince): the counters owe a recount after it. */
export const overviewRecountOwedKey = { pk: 'OVERVIEW#REBUILD', sk: 'OWED' } as const;

/**
 * A stream record the overview's counters have taken in, written in the same transaction as
 * its counts, so a record delivered again counts once. Kept two days (TTL): the stream holds a
 * record for one.
 */
export const overviewSeenKey = (eventId: string) => ({ pk: `OVERVIEW#SEEN#${eventId}`, sk: 'SEEN' });
