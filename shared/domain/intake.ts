import * as z from 'zod';
import type { IssueDetail } from './errors.ts';
import { ISO_639_1, ISO_3166_ALPHA2 } from './iso-codes.ts';
import { lazySchema, once } from './lazy-schema.ts';
import { HOST_HOUSEHOLDS } from './records.ts';

/**
 * What hosts and seekers send, as forms and as JSON alike (docs/product.md, "What outside checks rely on").
 * One schema validates both: forms go through offerFromForm/requestFromForm first, which only
 * reshape an urlencoded body into the JSON shape and decide nothing.
 *
 * Issues carry a stable `code` that pages translate (`issue.<code>` or `issue.<path>.<code>`):
 * see ISSUE_CODES. Messages are English, for API clients.
 */

/**
 * The honeypot: forms carry an input of this name, hidden from people (CSS + aria-hidden +
 * tabindex=-1, label "leave this empty"). Bots fill it; a filled honeypot gets a page that looks
 * like success and nothing is stored. The JSON API takes it too (openapi.ts documents it):
 * absent or empty, the record is stored; any other value gets a 201 and nothing is stored.
 */
export const HONEYPOT_FIELD = 'website';

/** Every string has a ceiling; the body limit guards the total, these guard each field. */
export const LIMITS = {
  name: 100,
  email: 254,
  phone: 32,
  city: 100,
  notes: 2000,
  languages: 20,
  adults: 20,
  children: 20,
  beds: 50,
  maxDistanceKm: 1000,
} as const;

export const DEFAULT_MAX_DISTANCE_KM = 50;

/** The reasons an issue can carry, beyond zod's own codes; pages have a message for each. */
export const ISSUE_CODES = [
  'required',
  'invalid_type',
  'too_small',
  'too_big',
  'too_long',
  'invalid_format',
  'invalid_value',
  'invalid_characters',
  'invalid_date',
  'date_in_past',
  'date_order',
  'unknown_country',
  'unknown_language',
  'unknown_city',
  'unrecognized_keys',
  'contact_required',
  'invalid',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

const custom = (code: IssueCode, message: string) => ({ message, params: { code } });

// Control characters (C0, DEL, C1): NUL, CR/LF in a header-bound value, escape sequences. Notes may hold
// line breaks and tabs; single-line fields nothing of the kind. A lone surrogate cannot be
// stored as UTF-8, so it is refused here rather than failing in the database.
const SINGLE_LINE_FORBIDDEN = /\p{Cc}|\p{Surrogate}/u;
const MULTI_LINE_FORBIDDEN = /(?![\t\n\r])\p{Cc}|\p{Surrogate}/u;

function text(max: number, multiline = false) {
  const forbidden = multiline ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN;
  return z
    .string()
    .trim()
    .normalize('NFC')
    .min(1, 'Required')
    .max(max, `At most ${max} characters`)
    .refine((value) => !forbidden.test(value), custom('invalid_characters', 'Contains control characters'));
}

const emailSchema = once(() =>
  z
    .string()
    .trim()
    .min(1, 'Required')
    .max(LIMITS.email, `At most ${LIMITS.email} characters`)
    .email('Not an email address'),
);

const phoneSchema = once(() =>
  z
    .string()
    .trim()
    .max(LIMITS.phone, { message: `At most ${LIMITS.phone} characters`, abort: true })
    .regex(/^\+?[0-9][0-9 ().-]{3,30}[0-9]$/, 'Digits, spaces, brackets, + and - only'),
);

const countrySchema = once(() =>
  z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => ISO_3166_ALPHA2.has(code), custom('unknown_country', 'Not an ISO 3166-1 alpha-2 code'))
    .meta({ description: 'ISO 3166-1 alpha-2 country code, e.g. TR', pattern: '^[A-Za-z]{2}$' }),
);

const languagesSchema = once(() =>
  z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .refine((code) => ISO_639_1.has(code), custom('unknown_language', 'Not an ISO 639-1 code')),
    )
    .min(1, 'At least one language')
    .max(LIMITS.languages, `At most ${LIMITS.languages} languages`)
    .transform((codes) => [...new Set(codes)])
    .meta({ description: 'ISO 639-1 language codes, e.g. ["uk", "ru"]' }),
);

const isRealDate = (value: string) => {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** A calendar date, and with `today` one that is not before it. */
function dateSchema(today: string | undefined) {
  const base = z
    .string()
    .trim()
    .min(1, 'Required')
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use YYYY-MM-DD', abort: true })
    .refine(isRealDate, { ...custom('invalid_date', 'Not a calendar date'), abort: true })
    .meta({ format: 'date' });
  return today === undefined
    ? base
    : base.refine((value) => value >= today, custom('date_in_past', 'Must not be in the past'));
}

const count = (min: number, max: number) =>
  z.number().int('A whole number').min(min, `At least ${min}`).max(max, `At most ${max}`);

/** The first date any time zone is still on: nobody is told that their today is in the past. */
export function earliestToday(now: Date): string {
  return new Date(now.getTime() - 12 * 3600_000).toISOString().slice(0, 10);
}

/**
 * An optional field, which a JSON client may also send empty ("") or null where a form leaves its
 * box empty: either is the field left out, as in the form (PRODUCT: "form and JSON alike").
 */
function optional<T extends z.ZodType>(schema: T) {
  const field = z.preprocess(
    (value) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value),
    schema.optional(),
  );
  BLANK_IS_ABSENT.add(field);
  return field;
}

/** The optional fields (`optional`) that take "" and null as left out: the OpenAPI document says so of each. */
export const BLANK_IS_ABSENT = new WeakSet<object>();

/**
 * A form sent from the Telegram Mini App reaches its author in the chat, the confirmed channel:
 * an address is optional there, and used only if the chat fails.
 */
const optionalEmailSchema = once(() => optional(emailSchema()));

function buildOfferSchema<E extends z.ZodType<string | undefined>>(today: string | undefined, email: E) {
  return z
    .object({
      name: text(LIMITS.name),
      email,
      phone: optional(phoneSchema()),
      languages: languagesSchema(),
      country: countrySchema(),
      city: text(LIMITS.city),
      availableFrom: dateSchema(today),
      availableTo: optional(dateSchema(today)),
      beds: count(1, LIMITS.beds),
      petsAllowed: z.boolean(),
      childrenAllowed: z.boolean(),
      stepFree: z.boolean(),
      multipleParties: z.boolean().default(false),
      hostHousehold: optional(z.enum(HOST_HOUSEHOLDS)),
      notes: optional(text(LIMITS.notes, true)),
    })
    .strict()
    .superRefine((offer, ctx) => {
      if (offer.availableTo !== undefined && offer.availableTo < offer.availableFrom) {
        ctx.addIssue({
          code: 'custom',
          path: ['availableTo'],
          ...custom('date_order', 'Must not be before availableFrom'),
        });
      }
    });
}

function buildRequestSchema<E extends z.ZodType<string | undefined>>(today: string | undefined, email: E) {
  return z
    .object({
      name: text(LIMITS.name),
      email,
      phone: optional(phoneSchema()),
      languages: languagesSchema(),
      country: countrySchema(),
      city: optional(text(LIMITS.city)),
      maxDistanceKm: z
        .number()
        .min(1, 'At least 1')
        .max(LIMITS.maxDistanceKm, `At most ${LIMITS.maxDistanceKm}`)
        .default(DEFAULT_MAX_DISTANCE_KM),
      arrival: dateSchema(today),
      departure: optional(dateSchema(today)),
      adults: count(1, LIMITS.adults),
      children: count(0, LIMITS.children),
      pets: z.boolean(),
      needsStepFree: z.boolean(),
      safeHousehold: z.boolean().default(false),
      notes: optional(text(LIMITS.notes, true)),
    })
    .strict()
    .superRefine((request, ctx) => {
      if (request.departure !== undefined && request.departure < request.arrival) {
        ctx.addIssue({
          code: 'custom',
          path: ['departure'],
          ...custom('date_order', 'Must not be before arrival'),
        });
      }
    });
}

/** The offer as documented (OpenAPI, types). Validating a submission needs the clock: offerInputSchemaFor. */
/** A city as the forms take it (trimmed, NFC, no control characters, at most LIMITS.city): GET /api/v1/places reads `q` so. */
export const cityTextSchema = lazySchema(() => text(LIMITS.city));

export const offerInputSchema = lazySchema(() => buildOfferSchema(undefined, emailSchema()));
/** The request as documented (OpenAPI, types). Validating a submission needs the clock: requestInputSchemaFor. */
export const requestInputSchema = lazySchema(() => buildRequestSchema(undefined, emailSchema()));

/** The offer schema that also refuses dates before `today` (YYYY-MM-DD, see earliestToday). */
export const offerInputSchemaFor = (today: string) => buildOfferSchema(today, emailSchema());
/** The same for a form sent from the Telegram Mini App: the email is optional. */
export const offerTelegramSchemaFor = (today: string) => buildOfferSchema(today, optionalEmailSchema());
/** The request schema that also refuses dates before `today` (YYYY-MM-DD, see earliestToday). */
export const requestInputSchemaFor = (today: string) => buildRequestSchema(today, emailSchema());
/** The same for a form sent from the Telegram Mini App: the email is optional. */
export const requestTelegramSchemaFor = (today: string) => buildRequestSchema(today, optionalEmailSchema());

export type OfferInput = z.output<typeof offerInputSchema>;
export type RequestInput = z.output<typeof requestInputSchema>;

/**
 * What a host may change through the manage link: everything they entered but the address
 * (a new address must be confirmed, so it is a new offer). Every field optional, only those
 * sent change; null clears an optional one. The place is resolved by the service, as on intake.
 */
export const offerEditSchemaFor = (today: string | undefined) =>
  z
    .object({
      name: text(LIMITS.name).optional(),
      phone: phoneSchema().nullable().optional(),
      languages: languagesSchema().optional(),
      country: countrySchema().optional(),
      city: text(LIMITS.city).optional(),
      availableFrom: dateSchema(today).optional(),
      /** null: open-ended. */
      availableTo: dateSchema(today).nullable().optional(),
      beds: count(1, LIMITS.beds).optional(),
      petsAllowed: z.boolean().optional(),
      childrenAllowed: z.boolean().optional(),
      stepFree: z.boolean().optional(),
      multipleParties: z.boolean().optional(),
      hostHousehold: z.enum(HOST_HOUSEHOLDS).nullable().optional(),
      notes: text(LIMITS.notes, true).nullable().optional(),
    })
    .strict();

/** What a seeker may change through the manage link, by the same rules. */
export const requestEditSchemaFor = (today: string | undefined) =>
  z
    .object({
      name: text(LIMITS.name).optional(),
      phone: phoneSchema().nullable().optional(),
      languages: languagesSchema().optional(),
      country: countrySchema().optional(),
      /** null: anywhere in the country. */
      city: text(LIMITS.city).nullable().optional(),
      maxDistanceKm: z.number().min(1, 'At least 1').max(LIMITS.maxDistanceKm).optional(),
      arrival: dateSchema(today).optional(),
      /** null: open-ended. */
      departure: dateSchema(today).nullable().optional(),
      adults: count(1, LIMITS.adults).optional(),
      children: count(0, LIMITS.children).optional(),
      pets: z.boolean().optional(),
      needsStepFree: z.boolean().optional(),
      safeHousehold: z.boolean().optional(),
      notes: text(LIMITS.notes, true).nullable().optional(),
    })
    .strict();

/**
 * What a person sends in a form besides the address (and the page's language): what merging a
 * Telegram chat's record into its address's record carries over (intake/links.ts).
 */
export const SENT_FIELDS = {
  offer: [
    'name',
    'phone',
    'languages',
    'country',
    'city',
    'lat',
    'lon',
    'cell',
    'availableFrom',
    'availableTo',
    'beds',
    'petsAllowed',
    'childrenAllowed',
    'stepFree',
    'multipleParties',
    'hostHousehold',
    'notes',
  ],
  request: [
    'name',
    'phone',
    'languages',
    'country',
    'city',
    'lat',
    'lon',
    'cell',
    'maxDistanceKm',
    'arrival',
    'departure',
    'adults',
    'children',
    'pets',
    'needsStepFree',
    'safeHousehold',
    'notes',
  ],
} as const;

/**
 * What a resubmission leaves empty and the record keeps: a contact. An empty phone is no wish to
 * be unreachable; every other field is what the form now says.
 */
const KEPT_WHEN_LEFT_EMPTY: ReadonlySet<string> = new Set(['phone']);

/**
 * A seeker's needs, which a resubmission does not drop by leaving their box empty: the form starts
 * blank each time, and a need forgotten there would be matched away (a mother who asked for a safe
 * household proposed to a man living alone). Kept, they only narrow what is proposed; the manage
 * page, which shows them ticked, turns them off.
 */
const NEEDS_KEPT: readonly string[] = ['safeHousehold', 'needsStepFree', 'pets'];

/**
 * A record as a resubmission leaves it (the same person sending the same offer or request again,
 * by the web form or the Mini App, or a chat's record merged into its address's): what was sent
 * replaces what was there, and a field it leaves empty is cleared, except a contact
 * (KEPT_WHEN_LEFT_EMPTY) and a need the seeker had stated (NEEDS_KEPT). A household no longer said
 * is no household said, so rule 5 fails closed; no departure is an open-ended stay. `sent` may
 * lack the fields it left empty (a stored change loses them, as DynamoDB keeps no undefined), so
 * absence is what clears.
 */
export function resubmitted<R extends { readonly kind: keyof typeof SENT_FIELDS }>(
  record: R,
  sent: Readonly<Record<string, unknown>>,
): R {
  const next: Record<string, unknown> = { ...record };
  for (const [field, value] of Object.entries(sent)) if (value !== undefined) next[field] = value;
  for (const field of SENT_FIELDS[record.kind])
    if (sent[field] === undefined && !KEPT_WHEN_LEFT_EMPTY.has(field)) delete next[field];
  const stated = record as Readonly<Record<string, unknown>>;
  for (const need of NEEDS_KEPT) if (stated[need] === true) next[need] = true;
  return next as R;
}

/** The first and last date of a kind's stay, by field name. */
export const DATE_FIELDS = {
  offer: ['availableFrom', 'availableTo'],
  request: ['arrival', 'departure'],
} as const;

/**
 * The date-order problem of a submission or edit, found even when other fields are wrong: a
 * schema's own refinement runs only once everything else passed, and a person should see
 * every problem on the first try. `current` fills in a date the edit leaves as it is.
 */
export function dateOrderIssue(
  kind: 'offer' | 'request',
  input: unknown,
  current: Readonly<Record<string, unknown>> = {},
): IssueDetail | undefined {
  const [first, last] = DATE_FIELDS[kind];
  const value = (field: string) => {
    const own =
      typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[field] : undefined;
    const chosen = own === undefined ? current[field] : own;
    return typeof chosen === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(chosen.trim()) &&
      isRealDate(chosen.trim())
      ? chosen.trim()
      : undefined;
  };
  const from = value(first);
  const to = value(last);
  if (from === undefined || to === undefined || to >= from) return undefined;
  return { path: last, message: `Must not be before ${first}`, code: 'date_order' };
}

/**
 * A Mini App sender the other side could not reach once placed: no Telegram username (the init
 * data's), no phone and no address. A placement carries each other's name, email and phone
 * (PRODUCT.md), and the bot's chat is the service's, not the host's or the guest's. Found even
 * when other fields are wrong, like dateOrderIssue; a phone or address given but malformed is
 * left to its own issue.
 */
export function contactIssue(input: unknown, username: string | undefined): IssueDetail | undefined {
  if (username !== undefined) return undefined;
  const given = (field: string) => {
    const value =
      typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[field] : undefined;
    return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
  };
  if (given('phone') || given('email')) return undefined;
  return {
    path: 'phone',
    message: 'Your Telegram account has no username: give a phone number or an email address',
    code: 'contact_required',
  };
}

/**
 * zod's issues in the documented shape, one per field, each with a code pages can translate.
 * `input` is what was parsed: a field absent from it is `required` rather than of a wrong type.
 */
export function issuesFromZod(error: z.ZodError, input: unknown): IssueDetail[] {
  const issues: IssueDetail[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({
          path: [path, key].filter(Boolean).join('.'),
          message: 'Unknown field',
          code: 'unrecognized_keys',
        });
      }
      continue;
    }
    const absent = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
    issues.push({
      path,
      message: absent ? 'Required' : issue.message,
      code: absent ? 'required' : codeOf(issue),
    });
  }
  return issues;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

// Refinements carry their own code in params; zod's built-in checks are mapped by kind.
function codeOf(issue: z.core.$ZodIssue): IssueCode {
  const own = (issue as { params?: { code?: unknown } }).params?.code;
  if (typeof own === 'string' && (ISSUE_CODES as readonly string[]).includes(own)) return own as IssueCode;
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string' ? 'too_long' : 'too_big';
    case 'too_small':
      return Number(issue.minimum) === 1 && (issue.origin === 'string' || issue.origin === 'array')
        ? 'required'
        : 'too_small';
    case 'invalid_type':
    case 'invalid_format':
    case 'invalid_value':
      return issue.code;
    default:
      return 'invalid';
  }
}

/** An urlencoded body as hono's `parseBody({ all: true })` returns it (files are ignored). */
export type FormBody = Readonly<Record<string, unknown>>;

const TRUE_VALUES = new Set(['on', 'true', '1', 'yes']);
const FALSE_VALUES = new Set(['', 'off', 'false', '0', 'no']);

function strings(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((item): item is string => typeof item === 'string');
}

const first = (body: FormBody, field: string) => strings(body[field])[0];

function textField(body: FormBody, field: string): string | undefined {
  const value = first(body, field);
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Checkbox semantics: absent or off is false; anything unexpected is left for the schema to refuse. */
function checkbox(body: FormBody, field: string): boolean | string {
  const value = first(body, field);
  if (value === undefined) return false;
  const normalised = value.trim().toLowerCase();
  if (TRUE_VALUES.has(normalised)) return true;
  if (FALSE_VALUES.has(normalised)) return false;
  return value;
}

/** Numbers arrive as text; one that does not parse is passed on as text so the schema says why. */
function numberField(body: FormBody, field: string): number | string | undefined {
  const value = textField(body, field)?.trim();
  if (value === undefined) return undefined;
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/** Languages may repeat (checkboxes) or come comma-separated (a text field), or both. */
function languageList(body: FormBody): string[] | undefined {
  const codes = [...strings(body.languages), ...strings(body.languagesOther)]
    .flatMap((value) => value.split(/[\s,;]+/))
    .map((code) => code.trim())
    .filter(Boolean);
  return codes.length === 0 ? undefined : codes;
}

function withoutUndefined(shape: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(shape).filter(([, value]) => value !== undefined));
}

function honeypot(body: FormBody) {
  const value = first(body, HONEYPOT_FIELD);
  return value === undefined ? {} : { [HONEYPOT_FIELD]: value };
}

/**
 * Reshapes the host form into the JSON shape: checkboxes `on` → true and absent → false,
 * languages from repeated `languages` and/or comma-separated `languagesOther`, numbers from
 * text, empty optional fields dropped. Fields the form does not have are dropped (the page may
 * carry e.g. `lang`); the honeypot is carried through for submitOffer to judge.
 */
export function offerFromForm(body: FormBody): Record<string, unknown> {
  return withoutUndefined({
    name: textField(body, 'name'),
    email: textField(body, 'email'),
    phone: textField(body, 'phone'),
    languages: languageList(body),
    country: textField(body, 'country'),
    city: textField(body, 'city'),
    availableFrom: textField(body, 'availableFrom'),
    availableTo: textField(body, 'availableTo'),
    beds: numberField(body, 'beds'),
    petsAllowed: checkbox(body, 'petsAllowed'),
    childrenAllowed: checkbox(body, 'childrenAllowed'),
    stepFree: checkbox(body, 'stepFree'),
    multipleParties: checkbox(body, 'multipleParties'),
    hostHousehold: textField(body, 'hostHousehold'),
    notes: textField(body, 'notes'),
    ...honeypot(body),
  });
}

/** Reshapes the seeker form into the JSON shape, by the same rules as offerFromForm. */
export function requestFromForm(body: FormBody): Record<string, unknown> {
  return withoutUndefined({
    name: textField(body, 'name'),
    email: textField(body, 'email'),
    phone: textField(body, 'phone'),
    languages: languageList(body),
    country: textField(body, 'country'),
    city: textField(body, 'city'),
    maxDistanceKm: numberField(body, 'maxDistanceKm'),
    arrival: textField(body, 'arrival'),
    departure: textField(body, 'departure'),
    adults: numberField(body, 'adults'),
    children: numberField(body, 'children') ?? 0,
    pets: checkbox(body, 'pets'),
    needsStepFree: checkbox(body, 'needsStepFree'),
    safeHousehold: checkbox(body, 'safeHousehold'),
    notes: textField(body, 'notes'),
    ...honeypot(body),
  });
}

/** The edit form's checkboxes: each comes with a hidden `off` before it, so an unticked box still says so. */
export const EDIT_CHECKBOXES = {
  offer: ['petsAllowed', 'childrenAllowed', 'stepFree', 'multipleParties'],
  request: ['pets', 'needsStepFree', 'safeHousehold'],
} as const;

/**
 * The manage page's edit form in the JSON shape. Only the fields the form carries change: a
 * field absent from the body stays as it is. An emptied optional field becomes null (cleared:
 * an open-ended stay, no phone, no notes, a request without a city); an emptied required one
 * is sent as empty for the schema to refuse. A checkbox is ticked when `on` is among its values.
 */
export function editFromForm(body: FormBody, kind: 'offer' | 'request'): Record<string, unknown> {
  const shape: Record<string, unknown> = {};
  const has = (field: string) => Object.hasOwn(body, field);
  for (const field of ['name', 'country', 'availableFrom', 'arrival']) {
    if (has(field)) shape[field] = first(body, field)?.trim() ?? '';
  }
  const clearable = ['phone', 'notes', 'availableTo', 'departure', 'hostHousehold'];
  // An offer always has a city; a request without one is matched anywhere in its country.
  if (kind === 'request') clearable.push('city');
  else if (has('city')) shape.city = first(body, 'city')?.trim() ?? '';
  for (const field of clearable) {
    if (has(field)) shape[field] = textField(body, field) ?? null;
  }
  for (const field of ['beds', 'adults', 'children', 'maxDistanceKm']) {
    if (has(field)) shape[field] = numberField(body, field) ?? '';
  }
  if (has('languages') || has('languagesOther')) shape.languages = languageList(body) ?? [];
  for (const field of EDIT_CHECKBOXES[kind]) {
    if (has(field)) shape[field] = strings(body[field]).includes('on');
  }
  return shape;
}
