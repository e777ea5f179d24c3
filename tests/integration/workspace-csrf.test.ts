import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../shared/http/app.ts';
import { coordinatorRoutes } from '../../shared/http/coordinator.ts';
import { useTestTable } from '../support/table.ts';
import { csrfIn, signedInVisitor, type Visitor } from './workspace-support.ts';

const COORDINATOR = 'csrf-everywhere@haven.test';
const table = useTestTable({ COORDINATORS: JSON.stringify({ '*': [COORDINATOR] }) });
let app: ReturnType<typeof createApp>;
let coordinator: Visitor;

beforeAll(async () => {
  app = createApp(table.deps());
  coordinator = await signedInVisitor(app, table, COORDINATOR);
});

/** Every POST the workspace routes under /coordinator/, as registered: a route added later is in it too. */
const coordinatorPosts = () => [
  ...new Set(
    coordinatorRoutes()
      .routes.filter((route) => route.method === 'POST' && route.path.startsWith('/coordinator/'))
      .map((route) => route.path),
  ),
];

/** The concrete paths a route pattern stands for: each alternative of `:name{a|b}`, a fresh id for `:name`. */
function pathsOf(pattern: string): string[] {
  const match = /:[A-Za-z]+(?:\{([^}]*)\})?/.exec(pattern);
  if (!match) return [pattern];
  const values = match[1]?.split('|') ?? [randomUUID()];
  return values.flatMap((value) => pathsOf(pattern.replace(match[0], value)));
}

describe('every POST under /coordinator/', () => {
  it('answers 403 to a signed-in coordinator without the csrf field or with a wrong one, and lets the session’s own value through', async () => {
    const paths = coordinatorPosts().flatMap(pathsOf);
    // The workspace's own routes, so that the list is the app's and not empty.
    for (const expected of [
      /^\/coordinator\/sign-out$/,
      /\/proposals\/[^/]+\/decline$/,
      /\/offers\/[^/]+\/verify$/,
    ])
      expect(paths.some((path) => expected.test(path))).toBe(true);
    expect(paths.length).toBeGreaterThanOrEqual(18);
    for (const path of paths)
      for (const fields of [{}, { csrf: 'not-the-session’s' }] as Record<string, string>[])
        expect({ path, status: (await coordinator.post(path, fields)).status }).toEqual({
          path,
          status: 403,
        });
    // With the session's own value the workspace's actions pass the check (and find no such
    // record): the 403 above was the csrf check's. Signing in and out have their own tests.
    const csrf = csrfIn(await (await coordinator.get('/coordinator')).text());
    expect(csrf).not.toBe('');
    for (const path of paths.filter((path) => !path.startsWith('/coordinator/sign-')))
      expect({ path, forbidden: (await coordinator.post(path, { csrf })).status === 403 }).toEqual({
        path,
        forbidden: false,
      });
  });
});
