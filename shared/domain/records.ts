import * as z from 'zod';
import { lazySchema } from './lazy-schema.ts';

/**
 * The records as Haven stores them. Every read from the table is parsed with these schemas, so
 * a malformed item fails loudly at the edge of the data layer instead of deep in matching.
 */
export const LOCALES = ['en', 'ru', 'uk', 'tr'] as const;
export const localeSchema = lazySchema(() => z.enum(LOCALES));
export type Locale = z.infer<typeof localeSchema>;

export const isoDateSchema = lazySchema(() => z.iso.date());

/**
 * What an id of a record or proposal can look like (UUIDs, and the short ids of tests and
 * imports): anything else names nothing, and must never reach a key (DynamoDB refuses keys
 * over 2 KB, which would answer 500).
 */
export const WELL_FORMED_ID = /^[A-Za-z0-9_-]{1,100}$/;

export const OFFER_STATUSES = ['pending', 'open', 'paused', 'closed'] as const;
export const REQUEST_STATUSES = [
  'pending',
  'open',
  'paused',
  'proposed',
  'placed',
  'withdrawn',
  'expired',
] as const;
export const PROPOSAL_STATUSES = ['pending', 'approved', 'declined', 'expired', 'cancelled'] as const;
/** Why a pending proposal became void (the coordinators' mail says which: mail/templates/proposal-void.ts). */
export const VOID_REASONS = [
  'expired',
  'offer-withdrawn',
  'request-withdrawn',
  'offer-closed',
  'request-closed',
  'offer-blocked',
  'request-blocked',
  'offer-ended',
  'offer-paused',
  'offer-rejected',
  'request-paused',
  'offer-changed',
  'request-changed',
  'request-unanswered',
] as const;
export type VoidReason = (typeof VOID_REASONS)[number];
export const HOST_HOUSEHOLDS = [
  'single_man',
  'single_woman',
  'men',
  'women',
  'couple',
  'family',
  'other',
] as const;

export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export type HostHousehold = (typeof HOST_HOUSEHOLDS)[number];

const placeFields = () => ({
  country: z.string().length(2),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  cell: z.string().min(1),
});

const recordMeta = () => ({
  id: z.string().min(1),
  locale: localeSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  confirmedAt: z.iso.datetime().optional(),
  /** Never set on a record as the person gave it: an erased one is an ErasedRecord. */
  erasedAt: z.undefined().optional(),
  /** Set when it was sent from an address a coordinator had blocked: it is never matched (workspace/block.ts). */
  blockedAt: z.iso.datetime().optional(),
  /**
   * When its last confirm link expires, or expired, kept while the address is unconfirmed by a
   * write that moves `updatedAt` without sending a new link: its owner's edit, a lifted block
   * letting it into the pool, or a block's or its owner's withdrawal ending it. Its personal data
   * goes then at the latest, as a never-confirmed record's does, however long RETENTION_DAYS is
   * (retention.ts lifecycleStep).
   */
  eraseBy: z.iso.datetime().optional(),
  /**
   * When it ended (an offer closed, a request withdrawn or expired), set by the write that ended
   * it: its erasure is reckoned from here (retention.ts lifecycleStep), so no later write to it (a
   * host check, an unblock) keeps its personal data longer. Records that ended before it was
   * kept have none, and are reckoned from `updatedAt` as before.
   */
  endedAt: z.iso.datetime().optional(),
  /**
   * While it is paused, when its pause horizon began: set by every write that pauses it (its
   * owner, a coordinator, the unanswered "still available?") and again by its owner's own changes
   * while paused; cleared when it opens again or ends. It lapses from here (retention.ts
   * pauseLapsesAt), so nobody else's write to it (a host check, an unblock) keeps its personal
   * data longer. Records paused before it was kept have none, and are reckoned from `updatedAt`.
   */
  pausedAt: z.iso.datetime().optional(),
  version: z.number().int().min(0),
  /**
   * Counts the changes of what a coordinator decides on and of the contact details a placement
   * hands over (approval/cancel.ts); absent is 0. Unlike `version`, which every new proposal
   * on an offer moves, it tells whether the record is still what a proposal was made from.
   */
  factsVersion: z.number().int().min(0).optional(),
  /**
   * The private chat of a person who came through the Telegram bot: their notices go there
   * (email, if they gave one, only when the chat cannot be reached). Personal data: erased with the rest.
   */
  telegramChatId: z
    .string()
    .regex(/^-?\d{1,20}$/)
    .optional(),
  /** Their Telegram username when they have one: the other side's way to reach them after a placement. */
  telegramUsername: z
    .string()
    .regex(/^[A-Za-z0-9_]{3,32}$/)
    .optional(),
});
/** A record that came through Telegram may have neither. */
const personName = lazySchema(() => z.string().default(''));
const personEmail = lazySchema(() => z.string().default(''));

/** How a coordinator checked a host: a phone call, an identity document seen, a visit. */
export const VERIFICATION_METHODS = ['phone', 'id', 'visit'] as const;

/** A coordinator's check of a host; an offer without one is unverified. */
export const verificationSchema = lazySchema(() =>
  z.discriminatedUnion('state', [
    z.object({
      state: z.literal('verified'),
      by: z.string().min(3),
      at: z.iso.datetime(),
      method: z.enum(VERIFICATION_METHODS),
    }),
    z.object({
      state: z.literal('rejected'),
      by: z.string().min(3),
      at: z.iso.datetime(),
      // A coordinator's words about the host, so erasure takes them with the host's name.
      reason: z.string().min(1).max(1000).optional(),
    }),
  ]),
);
export type Verification = z.infer<typeof verificationSchema>;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** One hold as the offer's item carries it: beds for nights [nightsFrom, nightsTo). */
export const heldEntrySchema = lazySchema(() =>
  z.object({
    beds: z.number().int().min(1),
    nightsFrom: isoDateSchema,
    /** The morning of departure; absent for an open-ended stay at an offer without end. */
    nightsTo: isoDateSchema.optional(),
  }),
);
export type HeldEntry = z.infer<typeof heldEntrySchema>;

export const offerRecordSchema = lazySchema(() =>
  z.object({
    ...recordMeta(),
    kind: z.literal('offer'),
    status: z.enum(OFFER_STATUSES),
    name: personName,
    email: personEmail,
    phone: z.string().optional(),
    languages: z.array(z.string()),
    ...placeFields(),
    city: z.string(),
    availableFrom: isoDateSchema,
    availableTo: isoDateSchema.optional(),
    beds: z.number().int().min(1).max(50),
    petsAllowed: z.boolean(),
    childrenAllowed: z.boolean(),
    stepFree: z.boolean(),
    multipleParties: z.boolean(),
    hostHousehold: z.enum(HOST_HOUSEHOLDS).optional(),
    notes: z.string().optional(),
    availabilityConfirmedAt: z.iso.datetime().optional(),
    verification: verificationSchema.optional(),
    /**
     * A copy of the beds its pending and approved proposals hold, by proposal id, kept in the
     * transactions that put or delete the hold items (shared/data/holds.ts), so a read of the
     * offer brings its holds. Trusted only while `holdsVersion` equals `version`.
     */
    holds: z.record(z.string(), heldEntrySchema).optional(),
    /**
     * The version at which `holds` was last made exact (at creation, by a write that kept it, or
     * by the re-index). Any other write that moves the version (code from before the map, during
     * a deploy) leaves it behind, and the map is then not trusted: readers read the hold items.
     */
    holdsVersion: z.number().int().optional(),
  }),
);
export type OfferRecord = z.infer<typeof offerRecordSchema>;

export const requestRecordSchema = lazySchema(() =>
  z.object({
    ...recordMeta(),
    kind: z.literal('request'),
    status: z.enum(REQUEST_STATUSES),
    name: personName,
    email: personEmail,
    phone: z.string().optional(),
    languages: z.array(z.string()),
    country: z.string().length(2),
    city: z.string().optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    cell: z.string().optional(),
    maxDistanceKm: z.number().min(1).max(1000),
    arrival: isoDateSchema,
    departure: isoDateSchema.optional(),
    adults: z.number().int().min(1),
    children: z.number().int().min(0),
    pets: z.boolean(),
    needsStepFree: z.boolean(),
    safeHousehold: z.boolean(),
    notes: z.string().optional(),
    /** When the seeker last answered "still looking?" with yes. */
    availabilityConfirmedAt: z.iso.datetime().optional(),
    /** When a coordinator approved its placement: the overview counts waits up to here. */
    placedAt: z.iso.datetime().optional(),
  }),
);
export type RequestRecord = z.infer<typeof requestRecordSchema>;

/**
 * When and what its erasure left of a record: only the counts and the facts that say it existed (PRODUCT.md,
 * "What remains afterwards is anonymous counts"). The overview counts each record by its country,
 * its status, the day it came in (`confirmedAt`, or for one stored before that field `createdAt`
 * unless `eraseBy` says it was never confirmed), and a request also by its people, where it was
 * placed (`city`: the city it counts under, never a district) and when (`placedAt`);
 * shared/domain/overview.ts contributionOf. Nothing the person said about themselves or their
 * stay is kept: no dates, needs, languages, household or point on the map.
 */
const erasedMeta = () => ({
  id: z.string().min(1),
  country: z.string().length(2),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  confirmedAt: z.iso.datetime().optional(),
  eraseBy: z.iso.datetime().optional(),
  endedAt: z.iso.datetime().optional(),
  erasedAt: z.iso.datetime(),
  version: z.number().int().min(0),
});

export const erasedOfferSchema = lazySchema(() =>
  z.object({ ...erasedMeta(), kind: z.literal('offer'), status: z.enum(OFFER_STATUSES) }),
);
export type ErasedOffer = z.infer<typeof erasedOfferSchema>;

/** One erased before erasure kept only the counts still holds its party as given, until re-indexing. */
const withPeople = (item: unknown) => {
  if (typeof item !== 'object' || item === null || 'people' in item) return item;
  const { adults, children } = item as { adults?: unknown; children?: unknown };
  return { ...item, people: Number(adults ?? 0) + Number(children ?? 0) };
};

export const erasedRequestSchema = lazySchema(() =>
  z.preprocess(
    withPeople,
    z.object({
      ...erasedMeta(),
      kind: z.literal('request'),
      status: z.enum(REQUEST_STATUSES),
      city: z.string().optional(),
      people: z.number().int().min(1),
      placedAt: z.iso.datetime().optional(),
    }),
  ),
);
export type ErasedRequest = z.infer<typeof erasedRequestSchema>;
export type ErasedRecord = ErasedOffer | ErasedRequest;

/**
 * Whether the other side of a placement could reach this person: by address, phone or Telegram
 * username (the bot's chat is the service's, not theirs). The Mini App asks for one since it
 * knows; records stored before it did, or edited since, may have none.
 */
export const reachable = (record: Pick<OfferRecord, 'email' | 'phone' | 'telegramUsername'>): boolean =>
  record.email.trim() !== '' || (record.phone ?? '').trim() !== '' || record.telegramUsername !== undefined;

/**
 * What an offer says about the stay it gives (dates, beds, household, what it accepts) and what
 * a request says about the stay it needs (dates, the party, what it brings and needs), in the
 * forms' order. The forms, what a coordinator decides on, what matching reads and the export all
 * list them from here, so a new fact cannot join one and miss another.
 */
export const STAY_FIELDS = {
  offer: [
    'availableFrom',
    'availableTo',
    'beds',
    'hostHousehold',
    'petsAllowed',
    'childrenAllowed',
    'stepFree',
    'multipleParties',
  ] as const satisfies readonly (keyof OfferRecord)[],
  request: [
    'arrival',
    'departure',
    'adults',
    'children',
    'pets',
    'needsStepFree',
    'safeHousehold',
  ] as const satisfies readonly (keyof RequestRecord)[],
};

/** Whether two states of a record differ in any of the fields, compared by value (lists too). */
export const differsIn = (fields: readonly string[], before: object, after: object): boolean =>
  fields.some(
    (field) =>
      JSON.stringify((before as Record<string, unknown>)[field]) !==
      JSON.stringify((after as Record<string, unknown>)[field]),
  );

/**
 * The host check as it still holds after a change of the offer: a visit saw one place, so an
 * offer moved to another (country, city or its point) is no longer checked, and goes back to
 * the hosts to verify. A check by phone or ID is of the person and stays; a rejection always
 * stays, whatever the host changes.
 */
export function checkThatStillHolds(before: OfferRecord, after: OfferRecord): Verification | undefined {
  const check = after.verification;
  const moved = differsIn(['country', 'city', 'lat', 'lon'], before, after);
  return check?.state === 'verified' && check.method === 'visit' && moved ? undefined : check;
}

export const scoreBreakdownSchema = lazySchema(() =>
  z.object({
    coverage: z.number().min(0).max(1),
    distance: z.number().min(0).max(1),
    fit: z.number().min(0).max(1),
    languages: z.number().min(0).max(1),
  }),
);
export type ScoreBreakdown = z.infer<typeof scoreBreakdownSchema>;

/** The facts behind each score component, as the proposal email shows them. */
export const scoreExplanationSchema = lazySchema(() =>
  z.object({
    coverage: z.object({
      nightsCovered: z.number().int().min(0),
      nightsRequested: z.number().int().min(1),
      openEnded: z.boolean(),
    }),
    distance: z.object({ km: z.number().min(0).optional(), maxKm: z.number().min(0).optional() }),
    fit: z.object({ party: z.number().int().min(1), beds: z.number().int().min(1) }),
    languages: z.object({ shared: z.array(z.string()) }),
    weights: scoreBreakdownSchema,
  }),
);
export type ScoreExplanation = z.infer<typeof scoreExplanationSchema>;

export const proposalRecordSchema = lazySchema(() =>
  z.object({
    id: z.string().min(1),
    kind: z.literal('proposal'),
    status: z.enum(PROPOSAL_STATUSES),
    offerId: z.string().min(1),
    requestId: z.string().min(1),
    /** The offer's country and city, so the coordinators' queue shows and scopes a proposal without reading the offer. */
    country: z.string().length(2).optional(),
    city: z.string().optional(),
    /**
     * Its offer erased, `city` is the city the overview counts it under already, not the place as
     * stored (data/proposals.ts forgetPairDetails): counted as it stands, as an erased request's.
     */
    cityCounted: z.literal(true).optional(),
    score: z.number().min(0).max(1),
    breakdown: scoreBreakdownSchema,
    explanation: scoreExplanationSchema.optional(),
    distanceKm: z.number().min(0).optional(),
    partySize: z.number().int().min(1),
    nightsFrom: isoDateSchema,
    nightsTo: isoDateSchema.optional(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    decisionDueAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().optional(),
    version: z.number().int().min(0),
    /** The offer's and the request's factsVersion when the proposal was made; absent is 0. */
    offerFactsVersion: z.number().int().min(0).optional(),
    requestFactsVersion: z.number().int().min(0).optional(),
  }),
);
export type ProposalRecord = z.infer<typeof proposalRecordSchema>;
