import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { earliestToday, HONEYPOT_FIELD } from '../domain/intake.ts';
import type { AppEnv } from './app.ts';
import { assetRoutes } from './assets/index.ts';
import type { FormValues } from './pages/fields.tsx';
import { OfferFormPage, RequestFormPage } from './pages/intake-forms.tsx';
import { LandingPage } from './pages/landing.tsx';
import { errorPageResponse, pageOf, sendPage } from './pages/render.ts';

/** The most a form may send; a person's answers are a few kilobytes at most. */
export const FORM_BODY_LIMIT = 64 * 1024;

const EMPTY: FormValues = Object.freeze(Object.create(null));

/** Refuses an oversized form before reading it, on the bytes actually read when there is no length. */
const formBodyLimit = bodyLimit({ maxSize: FORM_BODY_LIMIT, onError: (c) => errorPageResponse(c, 413) });

/**
 * An urlencoded (or multipart) body as lists of strings per field; files are ignored. A body
 * that cannot be read counts as an empty form, which the schema then explains field by field.
 */
export async function readForm(c: Context): Promise<FormValues> {
  let parsed: Record<string, unknown>;
  try {
    parsed = await c.req.parseBody({ all: true });
  } catch {
    return EMPTY;
  }
  const values: Record<string, string[]> = Object.create(null);
  for (const [name, value] of Object.entries(parsed)) {
    const strings = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string',
    );
    if (strings.length > 0) values[name] = strings;
  }
  return values;
}

const todayOf = (c: Context<AppEnv>) => earliestToday(c.var.deps.now());

/** The pages people use: landing, the two forms and their answers, and the pages behind mailed links. */
export function pageRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.route('/', assetRoutes());

  routes.get('/', (c) => {
    const page = pageOf(c);
    return sendPage(c, page, LandingPage({ page }));
  });

  routes.get('/offers/new', (c) => {
    const page = pageOf(c);
    const state = { page, values: EMPTY, errors: {} };
    return sendPage(c, page, OfferFormPage({ state, honeypot: HONEYPOT_FIELD, today: todayOf(c) }));
  });

  routes.get('/requests/new', (c) => {
    const page = pageOf(c);
    const state = { page, values: EMPTY, errors: {} };
    return sendPage(c, page, RequestFormPage({ state, honeypot: HONEYPOT_FIELD, today: todayOf(c) }));
  });

  routes.use('/offers', formBodyLimit);
  routes.use('/requests', formBodyLimit);
  routes.use('/confirm/*', formBodyLimit);
  routes.use('/manage/*', formBodyLimit);

  return routes;
}
