import { type Env, type Handler, Hono } from 'hono';
import type { Deps } from '../deps.ts';
import type { AppEnv } from './app.ts';
import { handleNotFound } from './errors.ts';

/** The loaded routes behind the app's deps, its 404 and (by rethrowing) its one onError. */
function mounted<E extends Env>(deps: Deps, loaded: Hono<E>): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  routes.route('/', loaded);
  routes.notFound(handleNotFound);
  routes.onError((error) => {
    throw error;
  });
  return routes;
}

/**
 * A handler that serves the request from routes built on first use. Their module, loaded with
 * `import()`, is a chunk of its own in the Lambda bundle, read when a request first needs it
 * rather than at every cold start. The routes see the app's deps; a path they do not know gets
 * the app's 404, and an error in them reaches the app's one onError.
 */
export function lazyRoutes<E extends Env>(deps: Deps, load: () => Promise<Hono<E>>): Handler<AppEnv> {
  let routes: Promise<Hono<AppEnv>> | undefined;
  return async (c) => {
    routes ??= load().then((loaded) => mounted(deps, loaded));
    // A failed load is tried again by the next request, not remembered.
    routes.catch(() => {
      routes = undefined;
    });
    return (await routes).fetch(c.req.raw, c.env);
  };
}
