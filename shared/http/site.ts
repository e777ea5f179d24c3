import { Hono } from 'hono';
import type { AppEnv } from './app.ts';
import { availabilityRoutes } from './availability.ts';
import { checkInRoutes } from './check-ins.ts';
import { decisionRoutes } from './decisions.ts';
import { pageRoutes } from './forms.ts';
import { resultRoutes } from './results.ts';

/**
 * The pages people open: the landing page and the forms with their answers, and the pages
 * behind mailed links (confirm, manage, approve or decline, check-in, still available?). The
 * app loads this module with the first request for one of them (lazyRoutes), so a cold start
 * that serves the JSON API compiles none of it.
 */
export function siteRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.route('/', pageRoutes());
  routes.route('/', resultRoutes());
  routes.route('/', decisionRoutes());
  routes.route('/', checkInRoutes());
  routes.route('/', availabilityRoutes());
  return routes;
}
