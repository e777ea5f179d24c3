import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { telegramSettings } from '../config.ts';
import { BadRequest, Conflict, ErasureOvertaken, Gone, ValidationError } from '../domain/errors.ts';
import {
  earliestToday,
  editFromForm,
  HONEYPOT_FIELD,
  LIMITS,
  offerFromForm,
  requestFromForm,
} from '../domain/intake.ts';
import type { Locale, OfferRecord, RequestRecord } from '../domain/records.ts';
import { cutText } from '../domain/text.ts';
import {
  actOnLink,
  finishErasure,
  type LinkView,
  reportProblemByLink,
  submitOffer,
  submitRequest,
  viewLink,
} from '../intake/service.ts';
import { INIT_DATA_FIELD, type TelegramVisitor, verifyInitData } from '../telegram/init-data.ts';
import type { AppEnv } from './app.ts';
import { assetRoutes } from './assets/index.ts';
import { type FieldErrors, type FormValues, firstValue } from './pages/fields.tsx';
import { INTAKE_FORM_ID, IntakeFormPage, OFFER_FIELDS, REQUEST_FIELDS } from './pages/intake-forms.tsx';
import { cityChoices, fieldErrors } from './pages/issues.ts';
import { LandingPage } from './pages/landing.tsx';
import { CHOOSE_CITY, type History, LANGUAGE_SWITCH, localHref } from './pages/layout.tsx';
import { CONFIRM_BUTTON, ConfirmPage } from './pages/link-pages.tsx';
import {
  EDIT_FIELDS,
  EDIT_FORM_ID,
  editValues,
  MANAGE_BUTTON,
  MANAGE_BUTTON_VALUES,
  type ManageButtonValue,
  type ManageNotice,
  ManagePage,
  type ManagePageProps,
  PLACEMENT_FIELD,
} from './pages/manage-page.tsx';
import { errorPageResponse, markPrivate, pageOf, sendLinkGone, sendPage } from './pages/render.ts';
import { redirectAfterSending, redirectToResult, resultHref } from './results.ts';
import { platformSourceIp, type SourceIpResolver } from './source-ip.ts';

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

/** Submission errors that belong beside the fields; anything else goes to the app's onError. */
async function issuesOf(submission: Promise<unknown>): Promise<ValidationError | undefined> {
  try {
    await submission;
    return undefined;
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
}

/** The link's outcome, or the reason it shows the neutral page: every broken link looks the same. */
async function linkResult<T>(work: Promise<T>): Promise<T | 'gone'> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof Gone) return 'gone';
    throw error;
  }
}

interface IntakeKind {
  readonly path: '/offers' | '/requests';
  readonly kind: 'offer' | 'request';
  readonly fields: readonly string[];
  readonly fromForm: (values: FormValues) => Record<string, unknown>;
  readonly submit: typeof submitOffer | typeof submitRequest;
}

const INTAKE: readonly IntakeKind[] = [
  {
    path: '/offers',
    kind: 'offer',
    fields: OFFER_FIELDS,
    fromForm: offerFromForm,
    submit: submitOffer,
  },
  {
    path: '/requests',
    kind: 'request',
    fields: REQUEST_FIELDS,
    fromForm: requestFromForm,
    submit: submitRequest,
  },
];

export interface PageRouteOptions {
  /** Where the client's address comes from, for the rate limits; the platform's own view by default. */
  readonly sourceIp?: SourceIpResolver;
}

/**
 * The person Telegram vouches for in a Mini App's init data; 'stale' when it is genuine but more
 * than a day old; 'tampered' when it is altered, another bot's, or there is no bot.
 */
function telegramVisitor(c: Context<AppEnv>, initData: string): TelegramVisitor | 'stale' | 'tampered' {
  const settings = telegramSettings(c.var.deps.config);
  return (settings && verifyInitData(initData, settings.token, c.var.deps.now())) || 'tampered';
}

/** The pages people use: landing, the two forms and their answers, and the pages behind mailed links. */
export function pageRoutes(options: PageRouteOptions = {}): Hono<AppEnv> {
  const sourceIp = options.sourceIp ?? platformSourceIp;
  const routes = new Hono<AppEnv>();
  routes.route('/', assetRoutes());

  routes.get('/', (c) => {
    const page = pageOf(c);
    return sendPage(c, page, LandingPage({ page }));
  });

  for (const intake of INTAKE) {
    const formPath = `${intake.path}/new`;
    const formPage = (c: Context<AppEnv>) => {
      const page = pageOf(c, formPath);
      const result = intake.kind === 'offer' ? 'offer-sent' : 'request-sent';
      return {
        ...page,
        // A Mini App's form keeps `via=telegram` on every button that posts it, so that Telegram
        // Web may frame the answer (app.ts miniAppPage).
        form: {
          id: INTAKE_FORM_ID,
          action: c.req.query('via') === 'telegram' ? `${intake.path}?via=telegram` : intake.path,
        },
        // Drawn as the answer to a POST, the form goes stale once it is sent (see History).
        ...(c.req.method === 'POST'
          ? { history: staleAfter(intake.path, resultHref(result, page.locale)) }
          : {}),
      };
    };
    const render = (
      c: Context<AppEnv>,
      values: FormValues,
      errors: FieldErrors,
      choices: readonly string[] = [],
      telegramStale = false,
    ) => {
      const page = formPage(c);
      const state = { page, values, errors, cityChoices: choices };
      return {
        page,
        node: IntakeFormPage({
          kind: intake.kind,
          state,
          honeypot: HONEYPOT_FIELD,
          earliest: todayOf(c),
          today: c.var.deps.now().toISOString().slice(0, 10),
          telegram:
            telegramSettings(c.var.deps.config) !== undefined &&
            (c.req.query('via') === 'telegram' || firstValue(values, INIT_DATA_FIELD) !== ''),
          telegramStale,
        }),
      };
    };

    routes.get(formPath, (c) => {
      const { page, node } = render(c, EMPTY, {});
      return sendPage(c, page, node);
    });

    routes.post(intake.path, formBodyLimit, async (c) => {
      const values = await readForm(c);
      const page = formPage(c);
      // The language switcher posts what was typed so far: the same form, in the other language,
      // and still saying so when it came back because Telegram's init data is too old to send.
      if (c.req.query(LANGUAGE_SWITCH) !== undefined) {
        const initData = firstValue(values, INIT_DATA_FIELD).trim();
        const stale = initData !== '' && telegramVisitor(c, initData) === 'stale';
        const { node } = render(c, values, {}, [], stale);
        return sendPage(c, page, node);
      }
      // A suggested place was pressed: the same form with that city, to check and submit.
      const chosen = c.req.query(CHOOSE_CITY);
      if (chosen !== undefined) {
        const { node } = render(c, { ...values, city: [cutText(chosen, LIMITS.city)] }, {});
        return sendPage(c, page, node);
      }
      // From the Telegram Mini App: Telegram's signature stands in for the email confirmation. Init
      // data that does not verify is answered as a tampered link, and nothing is stored.
      const initData = firstValue(values, INIT_DATA_FIELD).trim();
      const visitor = initData === '' ? undefined : telegramVisitor(c, initData);
      if (visitor === 'tampered') {
        c.var.deps.log.warn('telegram.init_data_refused', {});
        return sendLinkGone(c);
      }
      // Opened a day or more ago: the form comes back as sent, unsent, to be opened afresh from the
      // bot, where the page's script fills in what was typed (assets/telegram-draft-js.ts).
      if (visitor === 'stale') {
        c.var.deps.log.info('telegram.init_data_stale', {});
        const { node } = render(c, values, {}, [], true);
        return sendPage(c, page, node, 400);
      }
      const meta = {
        locale: page.locale,
        sourceIp: sourceIp(c),
        via: 'form' as const,
        ...(visitor ? { telegram: visitor } : {}),
      };
      const sending = intake.submit(c.var.deps, intake.fromForm(values), meta);
      const invalid = await issuesOf(sending);
      if (invalid) {
        const choices = cityChoices(invalid.issues);
        const errors = fieldErrors(page.t, invalid.issues, intake.fields, { pressable: choices.length > 0 });
        const { node } = render(c, values, errors, choices);
        return sendPage(c, page, node, 400);
      }
      if (visitor) {
        const result = await sending;
        if (result?.placed) return redirectToResult(c, 'request-placed', page.locale);
        const told = result?.addressToConfirm ? '-address' : '';
        return redirectToResult(c, `${intake.kind}-received${told}`, page.locale);
      }
      const email = firstValue(values, 'email').trim();
      return redirectAfterSending(c, intake.kind, email, page.locale);
    });
  }

  routes.use('/confirm/:token', async (c, next) => {
    markPrivate(c);
    await next();
  });
  routes.use('/manage/:token', async (c, next) => {
    markPrivate(c);
    await next();
  });

  const showConfirm = async (c: Context<AppEnv>, token: string) => {
    const view = await linkResult(viewLink(c.var.deps, token));
    if (view === 'gone' || view.link !== 'confirm') return sendLinkGone(c);
    const page = pageOf(c, undefined, view.locale);
    return sendPage(
      c,
      page,
      ConfirmPage({
        page,
        record: view.record,
        action: `/confirm/${token}`,
        repeatsStay: view.repeatsStay === true,
      }),
    );
  };

  routes.get('/confirm/:token', (c) => showConfirm(c, c.req.param('token')));

  routes.post('/confirm/:token', formBodyLimit, async (c) => {
    const token = c.req.param('token');
    const values = await readForm(c);
    // Only the pressed button's value acts; a POST without it (a scanner, a prefetch) just shows the page.
    if (firstValue(values, CONFIRM_BUTTON.name) !== CONFIRM_BUTTON.value) return showConfirm(c, token);
    const outcome = await linkResult(
      actOnLink(c.var.deps, token, CONFIRM_BUTTON.value).catch((error: unknown) => {
        if (error instanceof BadRequest) throw new Gone('not a confirm link', { cause: error });
        throw error;
      }),
    );
    if (outcome === 'gone' || outcome.done === 'erased') return sendLinkGone(c);
    // The result is the record's own manage page, under the fresh link the confirmation issued;
    // a Telegram chat's record keeps its manage link in the chat, so its address gets none.
    const page = pageOf(c, undefined, outcome.record.locale);
    if (outcome.repeatsStay) return redirectToResult(c, 'address-placed', page.locale);
    if (outcome.manageUrl === undefined) return redirectToResult(c, 'address-confirmed', page.locale);
    const manage = new URL(outcome.manageUrl, 'http://localhost').pathname;
    return redirectToManage(c, manage, { done: 'confirmed' }, page.locale);
  });

  const showManage = (
    c: Context<AppEnv>,
    token: string,
    view: Pick<LinkView, 'record' | 'actions' | 'placements'>,
    extra: Partial<Pick<ManagePageProps, 'done' | 'conflict'>> & {
      values?: FormValues;
      errors?: FieldErrors;
      choices?: readonly string[];
    } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const actions = view.actions.filter((action) => action !== 'confirm');
    const path = `/manage/${token}`;
    const own = pageOf(c, undefined, view.record.locale);
    const history =
      c.req.method === 'POST'
        ? { ...staleAfter(path, localHref(path, own.locale)), replace: true }
        : extra.done
          ? { sentFrom: path }
          : undefined;
    // What is typed into the edit form survives a change of language and a pressed city choice.
    const page = {
      ...own,
      ...(actions.includes('edit') ? { form: { id: EDIT_FORM_ID, action: path } } : {}),
      ...(history ? { history } : {}),
    };
    const state = {
      page,
      values: extra.values ?? editValues(view.record, page.locale),
      errors: extra.errors ?? {},
      cityChoices: extra.choices ?? [],
    };
    const props: ManagePageProps = {
      state,
      record: view.record,
      actions,
      action: `/manage/${token}`,
      placements: view.placements,
      today: todayOf(c),
      ...(extra.done ? { done: extra.done } : {}),
      ...(extra.conflict ? { conflict: extra.conflict } : {}),
    };
    return sendPage(c, page, ManagePage(props), status);
  };

  const viewManage = async (c: Context<AppEnv>, token: string) => {
    const view = await linkResult(viewLink(c.var.deps, token));
    return view === 'gone' || view.link !== 'manage' ? undefined : view;
  };

  routes.get('/manage/:token', async (c) => {
    const token = c.req.param('token');
    const view = await viewManage(c, token);
    if (!view) return sendLinkGone(c);
    return showManage(c, token, view, { done: doneNotice(c.req.query('done'), view.record) });
  });

  routes.post('/manage/:token', formBodyLimit, async (c) => {
    const token = c.req.param('token');
    const values = await readForm(c);
    const pressed = firstValue(values, MANAGE_BUTTON);
    const view = await viewManage(c, token);
    if (!view) {
      // A second press of "erase" (another tab, a double tap) after the first erased, before its
      // links went: the erasure finishes what the first left, and the data is gone, as asked.
      return pressed === 'erase' && (await finishErasure(c.var.deps, token))
        ? redirectToResult(c, 'erased', pageOf(c).locale)
        : sendLinkGone(c);
    }
    // The language switcher and a suggested place post the edit form: shown again, nothing saved.
    if (c.req.query(LANGUAGE_SWITCH) !== undefined) return showManage(c, token, view, { values });
    const chosen = c.req.query(CHOOSE_CITY);
    if (chosen !== undefined) {
      return showManage(c, token, view, { values: { ...values, city: [cutText(chosen, LIMITS.city)] } });
    }
    if (!(MANAGE_BUTTON_VALUES as readonly string[]).includes(pressed)) return showManage(c, token, view);
    const button = pressed as ManageButtonValue;
    const locale = pageOf(c, undefined, view.record.locale).locale;
    const path = `/manage/${token}`;
    if (button === 'problem') {
      try {
        await reportProblemByLink(c.var.deps, token, firstValue(values, PLACEMENT_FIELD));
      } catch (error) {
        if (error instanceof Gone) return sendLinkGone(c);
        if (error instanceof Conflict) return showManage(c, token, view, { conflict: 'changed' }, 409);
        throw error;
      }
      return redirectToManage(c, path, { done: 'problem' }, locale);
    }
    const changes = button === 'update' ? editFromForm(values, view.record.kind) : undefined;
    const editProblems = (error: ValidationError) => {
      const choices = cityChoices(error.issues);
      const errors = fieldErrors(
        pageOf(c, undefined, view.record.locale).t,
        error.issues,
        EDIT_FIELDS[view.record.kind],
        {
          pressable: choices.length > 0,
        },
      );
      return { errors, choices };
    };
    try {
      const outcome = await actOnLink(c.var.deps, token, button, changes);
      // The link died with the data: nothing to manage any more.
      if (outcome.done === 'erased') return redirectToResult(c, 'erased', locale);
      return redirectToManage(c, path, { done: outcome.done }, locale);
    } catch (error) {
      if (error instanceof Gone) return sendLinkGone(c);
      if (error instanceof ValidationError)
        return showManage(c, token, view, { values, ...editProblems(error) }, 400);
      if (error instanceof Conflict || error instanceof BadRequest) {
        const fresh = await viewManage(c, token);
        // Only an erasure that write after write overtook says nothing is erased yet (pressing
        // again may); anything else is no longer possible as the record now stands.
        const conflict = error instanceof ErasureOvertaken ? 'erase-overtaken' : 'changed';
        return fresh ? showManage(c, token, fresh, { conflict }, 409) : sendLinkGone(c);
      }
      throw error;
    }
  });

  // A link given a segment too many (a mail program's or a person's copy): the page for a link
  // that does not work, not "nothing at this address". Last: a trailing /* matches the link's own
  // path too (hono), whose route must answer first.
  routes.get('/:link{confirm|manage}/:token/*', (c) => {
    markPrivate(c);
    return sendLinkGone(c);
  });
  return routes;
}

/** The History of a form page drawn as the answer to a POST: stale once `path` is sent, `fresh` then. */
const staleAfter = (path: string, fresh: string): History => ({
  staleAfter: path,
  fresh,
  rendering: randomUUID(),
});

/** The notices a manage page shows after a change (`?done=`), each only while it is still true. */
const DONE_NOTICES: Readonly<Record<ManageNotice, (record: OfferRecord | RequestRecord) => boolean>> = {
  confirmed: (record) => record.status !== 'pending',
  paused: (record) => record.status === 'paused',
  resumed: (record) => record.status === 'open' || record.status === 'proposed',
  updated: () => true,
  problem: () => true,
  withdrawn: (record) => record.status === 'closed' || record.status === 'withdrawn',
};

function doneNotice(
  asked: string | undefined,
  record: OfferRecord | RequestRecord,
): ManageNotice | undefined {
  if (asked === undefined || !Object.hasOwn(DONE_NOTICES, asked)) return undefined;
  const notice = asked as ManageNotice;
  return DONE_NOTICES[notice](record) ? notice : undefined;
}

/** Post / redirect / get for a manage link: back to its page, with what was done. */
function redirectToManage(
  c: Context<AppEnv>,
  path: string,
  query: { done: ManageNotice },
  locale: Locale,
): Response {
  c.header('Cache-Control', 'no-store');
  return c.redirect(localHref(`${path}?${new URLSearchParams(query).toString()}`, locale), 303);
}
