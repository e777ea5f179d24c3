import { type OfferRecord, type RequestRecord, reachable } from './records.ts';

/** Neither blocked nor a rejected host's: a record a coordinator may still place. */
const placeable = (record: OfferRecord | RequestRecord) =>
  record.blockedAt === undefined && !(record.kind === 'offer' && record.verification?.state === 'rejected');

/**
 * A record that would be matched (or was proposed) but that nobody could reach once placed:
 * open (a request also while proposed), placeable, with no address, phone number or Telegram
 * username. It is out of the pool until one is added (matching/rules.ts isProposable), and
 * approval refuses a placement made before (approval/service.ts), so the coordinators are shown
 * it in their queue (keys.ts unreachableIndex). A paused one waits there no more: nothing
 * would be proposed to it until it reopens.
 */
export function awaitsContact(record: OfferRecord | RequestRecord): boolean {
  const proposable = record.status === 'open' || (record.kind === 'request' && record.status === 'proposed');
  return proposable && placeable(record) && !reachable(record);
}

/**
 * A live record (open, proposed or paused) nobody could reach once placed: its page says so,
 * so that a coordinator about to reopen a paused one knows it would still not be matched.
 */
export function liveWithoutContact(record: OfferRecord | RequestRecord): boolean {
  return (awaitsContact(record) || record.status === 'paused') && placeable(record) && !reachable(record);
}
