import { ANSWER_WITHIN_MS, ASK_EVERY_MS } from '../../shared/upkeep/availability.ts';

/** When the test file started: the "still available?" / "still looking?" tests count from it. */
export const T0 = Date.now();

/** An instant `ms` after the test file started, as a `Deps.now`. */
export const at = (ms: number) => () => new Date(T0 + ms);

/** A minute after a record confirmed at T0 is first asked. */
export const ASKED = ASK_EVERY_MS + 60_000;

/** A minute after the question asked at ASKED went unanswered. */
export const UNANSWERED = ASKED + ANSWER_WITHIN_MS + 60_000;
