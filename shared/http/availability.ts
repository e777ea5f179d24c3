import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  type AvailabilityAnswer,
  answerAvailability,
  availabilityPath,
  viewAvailabilityLink,
} from '../upkeep/availability.ts';
import type { AppEnv } from './app.ts';
import { FORM_BODY_LIMIT, readForm } from './forms.ts';
import { AVAILABILITY_BUTTON, AvailabilityPage } from './pages/availability-pages.tsx';
import { errorPageResponse, markPrivate, pageOf, sendLinkGone, sendPage } from './pages/render.ts';
import { type ResultName, redirectToResult } from './results.ts';

const ROUTE = '/availability/:answer{yes|no}/:token';

const params = (c: Context<AppEnv>) => ({
  answer: c.req.param('answer') as AvailabilityAnswer,
  token: c.req.param('token') ?? '',
});

async function show(c: Context<AppEnv>): Promise<Response> {
  const { answer, token } = params(c);
  const view = await viewAvailabilityLink(c.var.deps, answer, token);
  if (view.state === 'gone') return sendLinkGone(c);
  const page = pageOf(c, undefined, view.record.locale);
  return sendPage(
    c,
    page,
    AvailabilityPage({ page, answer, record: view.record, action: availabilityPath(answer, token) }),
  );
}

/**
 * The yes and no-longer links of the "still available?" and "still looking?" mails. GET (and so HEAD) shows the record
 * and one button; only a POST carrying `answer=<the link's own answer>` acts, which only a press
 * of that button sends. Private like every link page: not cached, no referrer.
 */
export function availabilityRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('/availability/*', async (c, next) => {
    markPrivate(c);
    await next();
  });
  routes.use(
    '/availability/*',
    bodyLimit({ maxSize: FORM_BODY_LIMIT, onError: (c) => errorPageResponse(c, 413) }),
  );

  routes.get(ROUTE, (c) => show(c));
  // After the link's own GET, which a trailing /* would match too (hono), and answers first.
  routes.get(`${ROUTE}/*`, (c) => sendLinkGone(c));

  routes.post(ROUTE, async (c) => {
    const { answer, token } = params(c);
    const pressed = (await readForm(c))[AVAILABILITY_BUTTON];
    if (pressed?.length !== 1 || pressed[0] !== answer) return show(c);
    const outcome = await answerAvailability(c.var.deps, answer, token);
    if (outcome.state === 'gone') return sendLinkGone(c);
    // The link has done its work: switching language here should not reopen it.
    const page = pageOf(c, '/', outcome.record.locale);
    const kind = outcome.record.kind;
    // A seeker's "still looking" answer keeps the request's status (one paused stays paused:
    // upkeep/availability.ts answerAvailability), so it never resumes one.
    const done =
      outcome.state === 'closed' ? 'closed' : outcome.resumed && kind === 'offer' ? 'resumed' : 'confirmed';
    return redirectToResult(c, `${kind}-${done}` as ResultName, page.locale);
  });
  return routes;
}
