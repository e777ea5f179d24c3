import { describe, expect, it } from 'vitest';
import type { RenderedMail } from '../../shared/domain/mail.ts';
import {
  LOCALES,
  type Locale,
  type OfferRecord,
  type ProposalRecord,
  type RequestRecord,
  VOID_REASONS,
} from '../../shared/domain/records.ts';
import {
  renderAvailabilityMail,
  renderAvailabilityPausedMail,
  renderStillLookingMail,
} from '../../shared/mail/templates/availability.ts';
import { renderCheckInMail, renderProblemReportMail } from '../../shared/mail/templates/check-in.ts';
import { renderConfirmMail } from '../../shared/mail/templates/confirm.ts';
import { renderHostPlacementMail, renderSeekerPlacementMail } from '../../shared/mail/templates/placement.ts';
import { renderProposalMail } from '../../shared/mail/templates/proposal.ts';
import { renderProposalVoidMail } from '../../shared/mail/templates/proposal-void.ts';
import { renderReceivedNotice } from '../../shared/mail/templates/received.ts';
import { renderSignInMail } from '../../shared/mail/templates/sign-in.ts';

const STAMP = '2026-04-01T09:30:00.000Z';
const URL = 'https://haven.example.org/link';

const offer: OfferRecord = {
  id: 'offer-1',
  kind: 'offer',
  status: 'open',
  locale: 'en',
  createdAt: STAMP,
  updatedAt: STAMP,
  version: 2,
  name: 'Ayşe',
  email: 'ayse@example.org',
  phone: '+90 555 123 45 67',
  languages: ['tr'],
  country: 'TR',
  city: 'Istanbul',
  lat: 41.01,
  lon: 28.97,
  cell: 'c',
  availableFrom: '2026-04-05',
  availableTo: '2026-06-30',
  beds: 4,
  petsAllowed: true,
  childrenAllowed: true,
  stepFree: false,
  multipleParties: false,
  hostHousehold: 'family',
  notes: 'Third floor',
};

const request: RequestRecord = {
  id: 'request-1',
  kind: 'request',
  status: 'open',
  locale: 'en',
  createdAt: STAMP,
  updatedAt: STAMP,
  version: 3,
  name: 'Olena',
  email: 'olena@example.org',
  phone: '+380 67 123 4567',
  languages: ['uk'],
  country: 'TR',
  city: 'Istanbul',
  lat: 41.0,
  lon: 28.9,
  cell: 'c',
  maxDistanceKm: 50,
  arrival: '2026-04-10',
  departure: '2026-05-20',
  adults: 1,
  children: 2,
  pets: false,
  needsStepFree: false,
  safeHousehold: true,
  notes: 'A cat carrier',
};

const proposal: ProposalRecord = {
  id: 'proposal-1',
  kind: 'proposal',
  status: 'pending',
  offerId: offer.id,
  requestId: request.id,
  score: 0.87,
  breakdown: { coverage: 1, distance: 0.9, fit: 0.75, languages: 0.6 },
  explanation: {
    coverage: { nightsCovered: 40, nightsRequested: 40, openEnded: false },
    distance: { km: 6.2, maxKm: 50 },
    fit: { party: 3, beds: 4 },
    languages: { shared: [] },
    weights: { coverage: 0.35, distance: 0.3, fit: 0.25, languages: 0.1 },
  },
  distanceKm: 6.2,
  partySize: 3,
  nightsFrom: '2026-04-10',
  nightsTo: '2026-05-20',
  createdAt: STAMP,
  updatedAt: STAMP,
  decisionDueAt: '2026-04-04T09:30:00.000Z',
  version: 0,
};

/** Every mail Haven sends, each variant once, with the reader (or, for coordinators, the host) in `locale`. */
function everyMail(locale: Locale): RenderedMail[] {
  const host = { ...offer, locale };
  const seeker = { ...request, locale };
  const links = { approveUrl: URL, declineUrl: URL };
  const to = ['coordinator@example.org'];
  return [
    ...[host, seeker].flatMap((record) => [
      ...(['new', 'held', 'address'] as const).map((variant) =>
        renderConfirmMail({ record, variant, confirmUrl: URL, manageUrl: URL }),
      ),
      ...(['opened', 'updated'] as const).map((outcome) => renderReceivedNotice(record, URL, outcome, true)),
    ]),
    renderSignInMail('coordinator@example.org', URL, new Date(STAMP), locale),
    renderAvailabilityMail(host, URL, URL),
    renderAvailabilityPausedMail(host, URL, STAMP.slice(0, 10)),
    renderStillLookingMail(seeker, URL, URL),
    renderCheckInMail('host', 3, proposal, host, seeker.name, URL),
    renderCheckInMail('seeker', 30, proposal, seeker, host.name, URL),
    // Once the other side erased their data.
    renderCheckInMail('host', 3, proposal, host, undefined, URL),
    renderCheckInMail('seeker', 30, proposal, seeker, undefined, URL),
    renderProblemReportMail('seeker', proposal, host, seeker, new Date(STAMP), to, undefined, URL),
    renderHostPlacementMail(proposal, host, seeker),
    renderSeekerPlacementMail(proposal, host, seeker),
    renderProposalMail(proposal, host, seeker, links, to, undefined),
    ...VOID_REASONS.map((reason) => renderProposalVoidMail(proposal, host, seeker, reason, to, undefined)),
  ];
}

describe('mail paragraphs', () => {
  // A template puts a message in a paragraph of its own (greeting, intro, buttons, facts), so
  // the message cannot lean on a sentence before it: a lower-case start reads as a fragment.
  it.each(LOCALES)('in %s, each paragraph of every mail starts with a capital letter', (locale) => {
    const mails = everyMail(locale);
    const paragraphs = mails.flatMap((mail) =>
      mail.text.split('\n\n').map((text) => ({ template: mail.template, text })),
    );
    expect(paragraphs.length).toBeGreaterThanOrEqual(mails.length * 3);
    const fragments = paragraphs.filter(({ text }) =>
      /^\p{Ll}/u.test(/[\p{L}\p{N}].*/su.exec(text)?.[0] ?? ''),
    );
    expect(fragments.map(({ template, text }) => `${template}: ${text.slice(0, 60)}`)).toEqual([]);
  });
});
