import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { BadRequest } from '../../shared/domain/errors.ts';
import type { AppEnv } from '../../shared/http/app.ts';
import { lazyRoutes } from '../../shared/http/lazy-routes.ts';

/** An app that serves /lazy from routes loaded on first use, with one onError like Haven's. */
function appWith(load: () => Promise<Hono<AppEnv>>) {
  const app = new Hono<AppEnv>();
  app.all('/lazy', lazyRoutes(load));
  app.onError((error, c) => c.json({ error: { code: error.name } }, error instanceof BadRequest ? 400 : 500));
  return app;
}

describe('routes loaded on first use', () => {
  it('are loaded once, by the first request that needs them', async () => {
    let loads = 0;
    const app = appWith(async () => {
      loads += 1;
      return new Hono<AppEnv>().get('/lazy', (c) => c.text('here'));
    });
    expect(loads).toBe(0);
    expect(await (await app.request('/lazy')).text()).toBe('here');
    expect(await (await app.request('/lazy')).text()).toBe('here');
    expect(loads).toBe(1);
  });

  it('hand their errors to the app’s own onError', async () => {
    const app = appWith(async () =>
      new Hono<AppEnv>().get('/lazy', () => {
        throw new BadRequest('no');
      }),
    );
    const response = await app.request('/lazy');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'BadRequest' } });
  });

  it('are loaded again by the next request when loading failed', async () => {
    let loads = 0;
    const app = appWith(async () => {
      loads += 1;
      if (loads === 1) throw new Error('the chunk could not be read');
      return new Hono<AppEnv>().get('/lazy', (c) => c.text('here'));
    });
    expect((await app.request('/lazy')).status).toBe(500);
    expect(await (await app.request('/lazy')).text()).toBe('here');
  });
});
