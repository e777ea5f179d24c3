import { expect } from 'vitest';

interface Requester {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/**
 * Follows a post / redirect / get answer as a browser does: asserts the 303, then GETs its
 * Location with the cookies the answer set.
 */
export async function followRedirect(
  app: Requester,
  response: Response,
  init: RequestInit = {},
): Promise<Response> {
  expect(response.status).toBe(303);
  const location = response.headers.get('location');
  if (!location) throw new Error('a 303 without a Location');
  const cookies = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';', 1)[0])
    .join('; ');
  const headers = new Headers(init.headers);
  if (cookies) headers.set('cookie', cookies);
  const url = new URL(location, 'http://localhost');
  return app.request(`${url.pathname}${url.search}`, { ...init, headers });
}
