import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../shared/deps.ts';
import { BadRequest } from '../../shared/domain/errors.ts';
import type { AppEnv } from '../../shared/http/app.ts';
import { lazyRoutes } from '../../shared/http/lazy-routes.ts';

/** Only what these routes read: the deps handed to them are the app's own. */
const deps = { now: () => new Date('2026-01-02T03:04:05Z') } as Deps;

/** An app that serves /lazy from routes loaded on first use, with one onError like Haven's. */
function appWith(load: () => Promise<Hono<AppEnv>>) {
  const app = new Hono<AppEnv>();
  const lazy = lazyRoutes(deps, load);
  app.all('/lazy', lazy);
  app.all('/lazy/*', lazy);
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

  it('see the app’s deps, and answer a path they do not know with the app’s 404', async () => {
    const app = appWith(async () =>
      new Hono<AppEnv>().get('/lazy', (c) => c.text(c.var.deps.now().toISOString())),
    );
    expect(await (await app.request('/lazy')).text()).toBe('2026-01-02T03:04:05.000Z');
    const unknown = await app.request('/lazy/nothing');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } });
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
