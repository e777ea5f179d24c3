import type { Deps } from '../deps.ts';
import { todayIn } from '../domain/country-day.ts';
import {
  erasedOfferSchema,
  type OfferRecord,
  offerRecordSchema,
  type Verification,
} from '../domain/records.ts';
import { keepingPause, pausedAtSet } from '../domain/retention.ts';
import type { AuditActor } from './audit.ts';
import { withHoldsKept } from './holds.ts';
import { type RecordChange, recordStore } from './intake-records.ts';
import { offerItem } from './items.ts';
import { offerKey } from './keys.ts';
import type { TransactItem } from './transact.ts';

const offers = recordStore('offer', offerKey, offerRecordSchema, erasedOfferSchema, offerItem);

/** Reads one offer, consistently and parsed; undefined when there is none. */
export const getOffer = offers.get;

/** Every offer ever made from one address, for de-duplication. */
export const offersByEmail = offers.byEmail;

/**
 * Stores an offer in its next state, with everything its change writes, in one transaction. A
 * new offer carries its (empty) holds on its item from the start, trusted; a stored one's trusted
 * map loses the holds the change's own items release (a cancellation carried in it), so map and
 * hold items agree, and stays trusted; an untrusted map is left as it is (withHoldsKept).
 */
export const saveOffer = (
  deps: Deps,
  next: OfferRecord,
  expectedVersion: number | undefined,
  change: RecordChange,
): Promise<void> =>
  offers.save(
    deps,
    withHoldsKept(next, expectedVersion, change.extra ?? [], todayIn(next.country, deps.now())),
    expectedVersion,
    change,
  );

/**
 * What saving a offer writes, as items of another record's change (intake/links.ts, a merge):
 * `next` as cancelStaleProposals returned it (without the holds its cancellations release).
 */
export const offerWrites = (deps: Deps, next: OfferRecord, expectedVersion: number): TransactItem[] =>
  offers.writes(
    deps,
    withHoldsKept(next, expectedVersion, [], todayIn(next.country, deps.now())),
    expectedVersion,
  );

/** Writes what a change about an offer issues (tokens, mail, audit) while the offer itself stays as it is. */
export const noteOfferChange = offers.note;

/**
 * Records a coordinator's check of the host on the offer, under its version, with the audit
 * event and what the check ends (`extra`: a rejection's cancelled proposals). The check is not
 * the host's change: a paused offer keeps when its pause began (keepingPause), so it lapses no later.
 */
export function setVerification(
  deps: Deps,
  offer: OfferRecord,
  verification: Verification,
  actor: AuditActor,
  extra: readonly TransactItem[] = [],
): Promise<void> {
  const next: OfferRecord = keepingPause(offer, {
    ...offer,
    verification,
    version: offer.version + 1,
    updatedAt: deps.now().toISOString(),
  });
  return saveOffer(deps, next, offer.version, {
    audit: {
      action: `offer.host-${verification.state}`,
      actor,
      fields: ['verification', ...pausedAtSet(offer, next)],
    },
    extra,
  });
}
