import { checkInDates } from '../data/check-ins.ts';
import { getOffer } from '../data/offers.ts';
import { proposalsOfOffer, proposalsOfRequest } from '../data/proposals.ts';
import { getRequest } from '../data/requests.ts';
import type { Deps } from '../deps.ts';
import { earliestToday } from '../domain/intake.ts';
import type { OfferRecord, ProposalRecord, RequestRecord } from '../domain/records.ts';

/** The other side of a placement, as the placement mail gave it to this side. */
export interface PlacedWith {
  readonly name: string;
  readonly email: string;
  readonly phone?: string | undefined;
  readonly languages: readonly string[];
  /** The host's place, for the seeker. */
  readonly country?: string;
  readonly city?: string;
  /** The guests' party, for the host. */
  readonly adults?: number;
  readonly children?: number;
}

/** One placement as a manage page shows it: who, when, and when Haven will ask how it goes. */
export interface PlacementView {
  readonly proposalId: string;
  readonly nightsFrom: string;
  readonly nightsTo?: string | undefined;
  /** Absent once the other side erased their data: the stay, and this side's way to the coordinators, go on. */
  readonly with?: PlacedWith;
  readonly checkIns: readonly { readonly day: number; readonly dueOn: string }[];
}

const guestOf = (request: RequestRecord): PlacedWith => ({
  name: request.name,
  email: request.email,
  phone: request.phone,
  languages: request.languages,
  adults: request.adults,
  children: request.children,
});

const hostOf = (offer: OfferRecord): PlacedWith => ({
  name: offer.name,
  email: offer.email,
  phone: offer.phone,
  languages: offer.languages,
  country: offer.country,
  city: offer.city,
});

const view = (proposal: ProposalRecord, other: PlacedWith | undefined): PlacementView => ({
  proposalId: proposal.id,
  nightsFrom: proposal.nightsFrom,
  nightsTo: proposal.nightsTo,
  ...(other === undefined ? {} : { with: other }),
  checkIns: checkInDates(proposal),
});

/**
 * The approved placements of the record a manage link belongs to whose stay has not ended, with
 * the other side's contact: what a host or a seeker needs after the coordinator said yes. Once the
 * other side's data is erased the placement stays, without a contact: its problem button is how
 * this side still reaches the coordinators.
 */
export async function placementsOf(
  deps: Deps,
  record: OfferRecord | RequestRecord,
): Promise<PlacementView[]> {
  if (record.kind === 'request' && record.status !== 'placed') return [];
  const today = earliestToday(deps.now());
  const current = (proposal: ProposalRecord) =>
    proposal.status === 'approved' && (proposal.nightsTo === undefined || proposal.nightsTo >= today);
  if (record.kind === 'request') {
    const placed = (await proposalsOfRequest(deps, record.id)).filter(current);
    const found = await Promise.all(
      placed.map(async (proposal) => ({ proposal, offer: await getOffer(deps, proposal.offerId) })),
    );
    return found.flatMap(({ proposal, offer }) =>
      offer ? [view(proposal, offer.erasedAt === undefined ? hostOf(offer) : undefined)] : [],
    );
  }
  const placed = (await proposalsOfOffer(deps, record.id)).filter(current);
  const found = await Promise.all(
    placed.map(async (proposal) => ({ proposal, request: await getRequest(deps, proposal.requestId) })),
  );
  return found
    .flatMap(({ proposal, request }) =>
      request ? [view(proposal, request.erasedAt === undefined ? guestOf(request) : undefined)] : [],
    )
    .sort((a, b) => a.nightsFrom.localeCompare(b.nightsFrom));
}
