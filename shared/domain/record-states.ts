import type { OfferRecord, RequestRecord } from './records.ts';
import { restartingPause } from './retention.ts';

type IntakeRecord = OfferRecord | RequestRecord;

/**
 * Pausing and resuming, the same for an offer and a request, whoever asks (the person's manage
 * link, a coordinator): a paused record keeps everything it holds but is not matched until it
 * is resumed. An offer pauses while open; a request while open or awaiting a coordinator's
 * decision (its pending proposal is then cancelled by the change, see approval/cancel.ts).
 */
export function canPause(record: IntakeRecord): boolean {
  return record.kind === 'offer'
    ? record.status === 'open'
    : record.status === 'open' || record.status === 'proposed';
}

/** Whether the record is paused and may open again. */
export function canResume(record: IntakeRecord): boolean {
  return record.status === 'paused';
}

/**
 * The record paused at `at`, one version on, its pause horizon beginning then (`pausedAt`); call
 * only when canPause holds. Every path that pauses a record builds its next state through this.
 */
export function pausing<R extends IntakeRecord>(record: R, at: Date): R {
  return restartingPause({
    ...record,
    status: 'paused',
    updatedAt: at.toISOString(),
    version: record.version + 1,
  });
}

/**
 * The record open again at `at`, one version on; call only when canResume holds. Resuming
 * counts as the person saying it is still current ("still available?" / "still looking?").
 */
export function resumedAt<R extends IntakeRecord>(record: R, at: Date): R {
  const when = at.toISOString();
  // Open again, it has no pause horizon (restartingPause clears pausedAt).
  return restartingPause({
    ...record,
    status: 'open',
    updatedAt: when,
    version: record.version + 1,
    availabilityConfirmedAt: when,
  });
}

/** What says when, and whether, a record's address was confirmed. */
export interface ConfirmationFacts {
  readonly status?: string | undefined;
  readonly createdAt?: string | undefined;
  readonly confirmedAt?: string | undefined;
  readonly eraseBy?: string | undefined;
}

/**
 * When a record came in for the coordinators: when its address was confirmed. One stored before
 * `confirmedAt` existed and no longer pending, from its creation. One never confirmed not at all
 * (undefined): still pending, or ended by a block or its owner's withdrawal before its
 * confirmation, which then kept its confirm link's horizon (`eraseBy`, set only on a
 * never-confirmed record, cleared by the confirmation, kept by erasure).
 */
export function confirmedOn(record: ConfirmationFacts): string | undefined {
  if (record.confirmedAt !== undefined) return record.confirmedAt;
  return record.status === 'pending' || record.eraseBy !== undefined ? undefined : record.createdAt;
}
