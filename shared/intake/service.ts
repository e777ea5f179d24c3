/**
 * Intake as the pages and the JSON API call it: submissions, and the confirm and manage links.
 *
 *   submitOffer(deps, input, { locale, sourceIp, via })   → { id, status }
 *   submitRequest(deps, input, { locale, sourceIp, via }) → { id, status }
 *   viewLink(deps, rawToken)                               → LinkView     (GET /confirm/{t}, /manage/{t})
 *   actOnLink(deps, rawToken, action, changes?)            → LinkOutcome  (POST of the same)
 *   finishErasure(deps, rawToken)                          → boolean      (a second "erase" press)
 *
 * Errors are the shared error model: ValidationError (issues with path, message, code and, for
 * `unknown_city`, suggestions), TooManyRequests, Gone (any link that does not work, one message),
 * Conflict (an action the record's state does not allow now), BadRequest (an unknown action).
 */
export { actOnLink, finishErasure, type LinkView, reportProblemByLink, viewLink } from './links.ts';
export { submitOffer, submitRequest } from './submit.ts';
