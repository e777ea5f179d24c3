import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { telegramSettings } from '../config.ts';
import { tableIsReachable } from '../data/health.ts';
import type { Deps } from '../deps.ts';
import { apiRoutes } from './api.ts';
import { handleError, handleNotFound } from './errors.ts';
import { lazyRoutes } from './lazy-routes.ts';

export type AppEnv = { Variables: { deps: Deps } };

/** Where Telegram's web clients frame a Mini App. */
const TELEGRAM_WEB = 'https://web.telegram.org';
const miniAppPage = (path: string, via: string | undefined) =>
  (via === 'telegram' && /^\/(offers|requests)(\/new)?$/.test(path)) ||
  /^\/done\/((offer|request)-received(-address)?|request-placed)$/.test(path);

/** The whole HTTP surface of Haven; the Lambda, the local server and the tests all serve this. */
export function createApp(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        // Telegram Web opens a Mini App in a frame of its own page: the forms opened from the
        // bot (and their answers, which keep `via=telegram`) and the result page a sent one
        // leads to may be framed there, nowhere else.
        frameAncestors: [(c) => (miniAppPage(c.req.path, c.req.query('via')) ? TELEGRAM_WEB : "'none'")],
        baseUri: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      strictTransportSecurity: 'max-age=63072000; includeSubDomains',
    }),
  );
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });

  app.get('/healthz', async (c) => {
    const reachable = await tableIsReachable(deps.db, deps.config.TABLE_NAME);
    c.header('Cache-Control', 'no-store');
    return reachable ? c.json({ status: 'ok' }) : c.json({ status: 'unavailable' }, 503);
  });

  app.route('/api/v1', apiRoutes(deps));
  // The coordinators' workspace loads with its first request, not with every cold start.
  const workspace = lazyRoutes(deps, () =>
    import('./coordinator.ts').then((module) => module.coordinatorRoutes()),
  );
  app.all('/coordinator', workspace);
  app.all('/coordinator/*', workspace);
  const telegram = telegramSettings(deps.config);
  // grammY and the bot load with the first update, not with every cold start.
  if (telegram)
    app.post(
      '/telegram/webhook',
      lazyRoutes(deps, () => import('./telegram.ts').then((module) => module.telegramRoutes(deps, telegram))),
    );

  // The pages load with the first request for one (and so does any other path's 404), not with
  // every cold start: a start that serves the JSON API compiles none of them.
  app.all(
    '*',
    lazyRoutes(deps, () => import('./site.ts').then((module) => module.siteRoutes())),
  );

  app.notFound(handleNotFound);
  app.onError((error, c) => handleError(error, c, deps.log));
  return app;
}
