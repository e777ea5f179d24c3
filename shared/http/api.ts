import { Hono } from 'hono';
import { PLACES_PER_IP, takeRateLimit } from '../data/rate-limits.ts';
import type { Deps } from '../deps.ts';
import { Forbidden, ValidationError } from '../domain/errors.ts';
import { cityTextSchema } from '../domain/intake.ts';
import { ISO_3166_ALPHA2 } from '../domain/iso-codes.ts';
import type { Locale } from '../domain/records.ts';
import { DEFAULT_LOCALE, namedLocale, negotiateLocale } from '../i18n/index.ts';
import { submitOffer, submitRequest } from '../intake/service.ts';
import { completeCity } from '../places/gazetteer.ts';
import type { AppEnv } from './app.ts';
import { readJsonBody } from './body-limit.ts';
import { openApiDocument } from './openapi.ts';
import { platformSourceIp, type SourceIpResolver } from './source-ip.ts';

export interface ApiOptions {
  /** Where the client's address comes from; the platform's own view by default. */
  readonly sourceIp?: SourceIpResolver;
}

const PLACES_LIMIT = 10;

/**
 * The JSON API under /api/v1: submissions validated by the same schemas as the forms, place
 * completion, and the OpenAPI document. Errors reach the app's onError in the documented shape.
 */
export function apiRoutes(deps: Deps, options: ApiOptions = {}): Hono<AppEnv> {
  const sourceIp = options.sourceIp ?? platformSourceIp;
  const api = new Hono<AppEnv>();
  /** A submission's language, as negotiateLocale chooses it, and whether the call named one of ours (localeDefaulted). */
  const submissionLocale = (
    query: string | undefined,
    header: string | undefined,
  ): { locale: Locale; localeDefaulted?: true } => {
    const named = namedLocale(query, header);
    return named === undefined ? { locale: DEFAULT_LOCALE, localeDefaulted: true } : { locale: named };
  };

  // The body is read as JSON whatever type it declares (readJsonBody), so a browser on another
  // site could send one without asking first (no CORS preflight for text/plain): the API is for
  // scripts and apps, and a browser says where a request comes from.
  api.use('*', async (c, next) => {
    if (c.req.method === 'POST' && c.req.header('sec-fetch-site') === 'cross-site')
      throw new Forbidden('The JSON API does not take requests that another site’s page sends.');
    await next();
  });

  api.post('/offers', async (c) => {
    const body = await readJsonBody(c.req.raw);
    const meta = {
      ...submissionLocale(c.req.query('lang'), c.req.header('accept-language')),
      sourceIp: sourceIp(c),
      via: 'api' as const,
    };
    return c.json(await submitOffer(deps, body, meta), 201);
  });

  api.post('/requests', async (c) => {
    const body = await readJsonBody(c.req.raw);
    const meta = {
      ...submissionLocale(c.req.query('lang'), c.req.header('accept-language')),
      sourceIp: sourceIp(c),
      via: 'api' as const,
    };
    return c.json(await submitRequest(deps, body, meta), 201);
  });

  api.get('/places', async (c) => {
    await takeRateLimit(deps, PLACES_PER_IP, sourceIp(c));
    const q = cityTextSchema.safeParse(c.req.query('q') ?? '');
    const country = (c.req.query('country') ?? '').trim().toUpperCase();
    if (country !== '' && !ISO_3166_ALPHA2.has(country)) {
      throw new ValidationError('Unknown country.', {
        issues: [{ path: 'country', message: 'Not an ISO 3166-1 alpha-2 code', code: 'unknown_country' }],
      });
    }
    const locale = negotiateLocale(c.req.query('lang'), c.req.header('accept-language'));
    // A text the form refuses as a city (blank, too long, control characters) names no place here either.
    const places =
      country !== '' && q.success ? await completeCity(country, q.data, locale, PLACES_LIMIT) : [];
    c.header('Cache-Control', 'public, max-age=86400');
    // The answer depends on the language when ?lang= is absent.
    c.header('Vary', 'Accept-Language');
    return c.json({ places });
  });

  api.get('/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(openApiDocument());
  });

  return api;
}
