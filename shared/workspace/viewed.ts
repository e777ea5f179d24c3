import { auditView } from '../data/audit.ts';
import { offerKey, requestKey } from '../data/keys.ts';
import type { Deps } from '../deps.ts';
import type { CoordinatorScope } from '../domain/coordinator-scope.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';

/**
 * A page that names people (name, place, status) shows each of them to the coordinator, so each
 * record's own trail gets a `coordinator.viewed` event with the coordinator's address, and they
 * are among its lookers, as the record page writes; `fields` says on which page they were seen.
 */
export async function auditViewed(
  deps: Deps,
  scope: CoordinatorScope,
  records: readonly (OfferRecord | RequestRecord)[],
  where: 'search' | 'candidates' | 'host-check',
): Promise<void> {
  await Promise.all(
    records.map((record) =>
      auditView(
        deps,
        (record.kind === 'offer' ? offerKey(record.id) : requestKey(record.id)).pk,
        scope.email,
        where,
      ),
    ),
  );
}
