import type { ScoreBreakdown, ScoreExplanation } from '../records.ts';
import { availability, nightsIn, requestedNights } from './nights.ts';
import { DEFAULT_MAX_DISTANCE_KM, hasPlace, type MatchOffer, type MatchRequest, partySize } from './rules.ts';

/** The weights of the score's components: the one place to tune what a good match is. They sum to 1. */
export const SCORE_WEIGHTS: Readonly<ScoreBreakdown> = {
  coverage: 0.35,
  distance: 0.3,
  fit: 0.25,
  languages: 0.1,
};

/** A request that takes its whole country has no distance preference: every offer scores this. */
export const COUNTRY_WIDE_DISTANCE_SCORE = 0.5;
/** Sharing some language, but not the seeker's first one, is worth this much of the component. */
export const SECONDARY_LANGUAGE_SCORE = 0.6;

export type { ScoreExplanation };

export interface Score {
  readonly score: number;
  readonly breakdown: ScoreBreakdown;
  readonly explanation: ScoreExplanation;
}

/** The distance component: 1 in the requested city, falling linearly to 0 at the edge of the radius. */
export function distanceComponent(km: number | undefined, maxKm: number | undefined): number {
  if (km === undefined) return COUNTRY_WIDE_DISTANCE_SCORE;
  const radius = maxKm ?? DEFAULT_MAX_DISTANCE_KM;
  return Math.min(1, Math.max(0, 1 - km / radius));
}

/** The fit component: the share of the offer's beds the party fills (a single in a house of six scores 1/6). */
export const fitComponent = (party: number, beds: number): number => Math.min(1, Math.max(0, party / beds));

export function languagesComponent(requestLanguages: readonly string[], offerLanguages: readonly string[]) {
  const offered = new Set(offerLanguages.map((code) => code.toLowerCase()));
  const shared = requestLanguages.filter((code) => offered.has(code.toLowerCase()));
  const first = requestLanguages[0];
  const value =
    first !== undefined && offered.has(first.toLowerCase())
      ? 1
      : shared.length > 0
        ? SECONDARY_LANGUAGE_SCORE
        : 0;
  return { value, shared };
}

/** Combines components with SCORE_WEIGHTS (the in-memory candidate search writes the same sum out, in the same order). */
export const weighted = (breakdown: ScoreBreakdown): number =>
  SCORE_WEIGHTS.coverage * breakdown.coverage +
  SCORE_WEIGHTS.distance * breakdown.distance +
  SCORE_WEIGHTS.fit * breakdown.fit +
  SCORE_WEIGHTS.languages * breakdown.languages;

/** The score of a pair that keeps every hard rule, with its breakdown and the facts behind it. */
export function scorePair(offer: MatchOffer, request: MatchRequest, distanceKm: number | undefined): Score {
  const requested = requestedNights(request);
  const nightsRequested = requested.to - requested.from;
  const nightsCovered = nightsIn(requested, availability(offer));
  const party = partySize(request);
  const languages = languagesComponent(request.languages, offer.languages);
  const maxKm = hasPlace(request) ? request.maxDistanceKm : undefined;
  const breakdown: ScoreBreakdown = {
    coverage: nightsCovered / nightsRequested,
    distance: distanceComponent(distanceKm, maxKm),
    fit: fitComponent(party, offer.beds),
    languages: languages.value,
  };
  return {
    score: Math.min(1, weighted(breakdown)),
    breakdown,
    explanation: {
      coverage: { nightsCovered, nightsRequested, openEnded: request.departure === undefined },
      distance: { km: distanceKm, maxKm },
      fit: { party, beds: offer.beds },
      languages: { shared: languages.shared },
      weights: SCORE_WEIGHTS,
    },
  };
}
