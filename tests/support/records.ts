import { unlessErased } from '../../shared/data/intake-records.ts';
import type { ErasedRecord, OfferRecord, RequestRecord } from '../../shared/domain/records.ts';

/**
 * A record read by id (getOffer, getRequest) that the test expects stored and not erased: the
 * whole record, narrowed to its full type, so the test may read what the person gave. The test
 * fails here, saying which, when there is none or only what erasure kept of it.
 */
export function keptRecord<T extends OfferRecord | RequestRecord | ErasedRecord>(
  record: T | undefined,
): Exclude<T, ErasedRecord> {
  if (record === undefined) throw new Error('expected a stored record, found none');
  const kept = unlessErased(record);
  if (kept === undefined) throw new Error(`expected ${record.kind} ${record.id} kept, found it erased`);
  return kept;
}
