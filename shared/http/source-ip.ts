import type { Context } from 'hono';

/** Finds the client's address for rate limits; a dependency of the routes so each platform supplies its own. */
export type SourceIpResolver = (c: Context) => string;

interface PlatformBindings {
  /** hono/aws-lambda: the API Gateway HTTP API event's request context. */
  requestContext?: { http?: { sourceIp?: unknown } };
  /** @hono/node-server: the Node request. */
  incoming?: { socket?: { remoteAddress?: unknown } };
}

/**
 * The address the platform itself saw: API Gateway's `requestContext.http.sourceIp` on Lambda,
 * the socket's peer address under @hono/node-server. Never X-Forwarded-For, which any client
 * can write. `unknown` when neither is there (e.g. `app.request()` in tests).
 */
export const platformSourceIp: SourceIpResolver = (c) => {
  const env = (c.env ?? {}) as PlatformBindings;
  const lambda = env.requestContext?.http?.sourceIp;
  if (typeof lambda === 'string' && lambda !== '') return lambda;
  const node = env.incoming?.socket?.remoteAddress;
  if (typeof node === 'string' && node !== '') return node;
  return 'unknown';
};
