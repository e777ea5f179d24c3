import type { Handler, Hono } from 'hono';
import type { AppEnv } from './app.ts';

/**
 * A handler that serves the request from routes built on first use. Their module, loaded with
 * `import()`, is a chunk of its own in the Lambda bundle, read when a request first needs it
 * rather than at every cold start. An error in those routes reaches the app's one onError.
 */
export function lazyRoutes(load: () => Promise<Hono<AppEnv>>): Handler<AppEnv> {
  let routes: Promise<Hono<AppEnv>> | undefined;
  return async (c) => {
    routes ??= load().then((loaded) =>
      loaded.onError((error) => {
        throw error;
      }),
    );
    // A failed load is tried again by the next request, not remembered.
    routes.catch(() => {
      routes = undefined;
    });
    return (await routes).fetch(c.req.raw, c.env);
  };
}
