import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problemPath, reportProblem, viewProblemLink } from '../approval/check-in.ts';
import type { AppEnv } from './app.ts';
import { FORM_BODY_LIMIT, readForm } from './forms.ts';
import { PROBLEM_BUTTON, ProblemPage } from './pages/check-in-pages.tsx';
import { errorPageResponse, markPrivate, pageOf, sendLinkGone, sendPage } from './pages/render.ts';
import { redirectToResult } from './results.ts';

const ROUTE = '/check-in/:token';

async function show(c: Context<AppEnv>, token: string): Promise<Response> {
  const view = await viewProblemLink(c.var.deps, token);
  if (view.state === 'gone') return sendLinkGone(c);
  const page = pageOf(c, undefined, view.locale);
  return sendPage(c, page, ProblemPage({ page, action: problemPath(token) }));
}

/**
 * The "there is a problem" links of the check-in mails: GET shows one button, only a POST with
 * that button's value tells the coordinators. Private like every link page.
 */
export function checkInRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('/check-in/*', async (c, next) => {
    markPrivate(c);
    await next();
  });
  routes.use(
    '/check-in/*',
    bodyLimit({ maxSize: FORM_BODY_LIMIT, onError: (c) => errorPageResponse(c, 413) }),
  );

  routes.get(ROUTE, (c) => show(c, c.req.param('token')));
  // After the link's own GET, which a trailing /* would match too (hono), and answers first.
  routes.get(`${ROUTE}/*`, (c) => sendLinkGone(c));

  routes.post(ROUTE, async (c) => {
    const token = c.req.param('token');
    const pressed = (await readForm(c))[PROBLEM_BUTTON.name];
    if (pressed?.length !== 1 || pressed[0] !== PROBLEM_BUTTON.value) return show(c, token);
    const view = await viewProblemLink(c.var.deps, token);
    if ((await reportProblem(c.var.deps, token)) === 'gone') return sendLinkGone(c);
    const page = pageOf(c, '/', view.state === 'open' ? view.locale : undefined);
    return redirectToResult(c, 'problem-reported', page.locale);
  });
  return routes;
}
