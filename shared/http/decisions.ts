import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type Decision, decisionPath } from '../approval/links.ts';
import { decide, viewDecision } from '../approval/service.ts';
import type { OfferRecord } from '../domain/records.ts';
import type { AppEnv } from './app.ts';
import { FORM_BODY_LIMIT, readForm } from './forms.ts';
import {
  AlreadyDecidedPage,
  DECISION_BUTTON,
  DecisionPage,
  HostCheckFirstPage,
  UnreachablePage,
} from './pages/decision-pages.tsx';
import { errorPageResponse, markPrivate, pageOf, sendLinkGone, sendPage } from './pages/render.ts';
import { redirectToResult } from './results.ts';

const ROUTE = '/proposals/:decision{approve|decline}/:token';

const params = (c: Context<AppEnv>) => ({
  decision: c.req.param('decision') as Decision,
  token: c.req.param('token') ?? '',
});

/**
 * The host of an approval waiting for their check, with how to reach them, when the reader is
 * signed in to the workspace as a coordinator who may see the offer (its record page's rules).
 * The workspace's session and scope code loads (dynamic import) only for this page, not with
 * every decision link; the page itself needs only ContactFacts (contact-facts.tsx).
 */
async function hostShown(c: Context<AppEnv>, offerId: string): Promise<OfferRecord | undefined> {
  const [{ workspaceReaderOf }, { hostToCheck }] = await Promise.all([
    import('./coordinator.ts'),
    import('../workspace/queue.ts'),
  ]);
  const reader = await workspaceReaderOf(c);
  return reader ? hostToCheck(c.var.deps, reader.scope, offerId) : undefined;
}

/** GET (and so HEAD) shows what the link would do; a POST without the clicked button's value does the same. */
async function show(c: Context<AppEnv>, unchanged: boolean): Promise<Response> {
  const { decision, token } = params(c);
  const view = await viewDecision(c.var.deps, decision, token);
  if (view.state === 'gone') return sendLinkGone(c, 'decision');
  const page = pageOf(c);
  if (view.state === 'decided') return sendPage(c, page, AlreadyDecidedPage({ page, status: view.status }));
  const contacts =
    decision === 'approve' && view.hostCheckDue ? await hostShown(c, view.offer.id) : undefined;
  return sendPage(
    c,
    page,
    DecisionPage({
      page,
      decision,
      facts: view,
      hostCheckDue: view.hostCheckDue,
      contacts,
      action: decisionPath(decision, token),
      unchanged,
    }),
    unchanged ? 400 : 200,
  );
}

/**
 * The coordinator's approve and decline links. Only a POST carrying `decision=<the link's own
 * decision>` acts, which only a press of the page's one button sends; GET, HEAD and OPTIONS
 * never act. Every answer is private: not cached, no referrer.
 */
export function decisionRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.use('/proposals/*', async (c, next) => {
    markPrivate(c);
    await next();
  });
  routes.use(
    '/proposals/*',
    bodyLimit({ maxSize: FORM_BODY_LIMIT, onError: (c) => errorPageResponse(c, 413) }),
  );

  routes.get(ROUTE, (c) => show(c, false));
  // After the link's own GET, which a trailing /* would match too (hono), and answers first.
  routes.get(`${ROUTE}/*`, (c) => sendLinkGone(c, 'decision'));

  routes.post(ROUTE, async (c) => {
    const { decision, token } = params(c);
    const pressed = (await readForm(c))[DECISION_BUTTON];
    if (pressed?.length !== 1 || pressed[0] !== decision) return show(c, true);
    const outcome = await decide(c.var.deps, decision, token);
    if (outcome.state === 'gone') return sendLinkGone(c, 'decision');
    // The link has done its work: switching language here should not reopen it.
    const page = pageOf(c, '/');
    if (outcome.state === 'decided')
      return sendPage(c, page, AlreadyDecidedPage({ page, status: outcome.status }), 409);
    if (outcome.state === 'unverified')
      return sendPage(
        c,
        page,
        HostCheckFirstPage({
          page,
          offerId: outcome.offerId,
          rejected: outcome.rejected,
          hostName: outcome.hostName,
          contacts: await hostShown(c, outcome.offerId),
        }),
        409,
      );
    if (outcome.state === 'unreachable')
      return sendPage(c, page, UnreachablePage({ page, side: outcome.side }), 409);
    return redirectToResult(c, outcome.status, page.locale);
  });

  return routes;
}
