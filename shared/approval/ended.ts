import type { ProposalContext } from '../data/proposal-context.ts';
import type { RenderedMail } from '../domain/mail.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';
import { renderProposalEndedNotice } from '../mail/templates/proposal-ended.ts';

/** Whose own change ended a proposal; none for a coordinator's decline or an expiry. */
export type EndedBy = 'offer' | 'request' | undefined;

/** Only a chat is told (PRODUCT "Contract: Telegram"), and never a blocked record's. */
const told = (record: OfferRecord | RequestRecord) =>
  record.telegramChatId !== undefined && record.blockedAt === undefined;

/**
 * The notices of a pending proposal that ends without a placement (declined, expired or
 * cancelled): each side that came through the bot learns that it did not work out, in the same
 * transaction as the change (the outbox sends each exactly once). The side whose own change
 * ended it (a withdrawal, a pause, an edit, a block, a rejected host) knows already, or must not
 * be told. The request is open again in every case where its seeker is told.
 */
export function proposalEndedNotices(
  ctx: Pick<ProposalContext, 'offer' | 'request'>,
  endedBy: EndedBy,
): RenderedMail[] {
  const seeker: RequestRecord = { ...ctx.request, status: 'open' };
  return [
    ...(endedBy !== 'request' && told(seeker) ? [renderProposalEndedNotice(seeker)] : []),
    ...(endedBy !== 'offer' && told(ctx.offer) ? [renderProposalEndedNotice(ctx.offer)] : []),
  ];
}
