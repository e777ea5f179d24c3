import { type OfferRecord, type RequestRecord, reachable } from './records.ts';

/**
 * A record that may be proposed (or is) and that nobody could reach once placed: open (a
 * request also while proposed), neither blocked nor a rejected host's, with no address, phone
 * number or Telegram username. Approval refuses its placements (approval/service.ts), so the
 * coordinators are shown it before they try: in their queue (keys.ts unreachableIndex) and on
 * its page. A paused one waits there no more: nothing is proposed to it until it reopens.
 */
export function awaitsContact(record: OfferRecord | RequestRecord): boolean {
  const proposable = record.status === 'open' || (record.kind === 'request' && record.status === 'proposed');
  if (!proposable || record.blockedAt !== undefined || record.erasedAt !== undefined) return false;
  if (record.kind === 'offer' && record.verification?.state === 'rejected') return false;
  return !reachable(record);
}
