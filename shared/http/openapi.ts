import * as z from 'zod';
import { BLANK_IS_ABSENT, HONEYPOT_FIELD, offerInputSchema, requestInputSchema } from '../domain/intake.ts';
import { lazySchema } from '../domain/lazy-schema.ts';

const schemaOf = (schema: z.ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    // A field that takes "" and null as left out accepts them as well as its own values.
    override: ({ zodSchema, jsonSchema }) => {
      if (!BLANK_IS_ABSENT.has(zodSchema)) return;
      const own = { ...jsonSchema };
      for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
      Object.assign(jsonSchema, { anyOf: [own, { const: '' }, { type: 'null' }] });
    },
  }) as Record<string, unknown>;
  return rest;
};

/** An input schema with the honeypot documented beside the fields (submit.ts splits it off before validating). */
const withHoneypot = (schema: z.ZodType) => {
  const document = schemaOf(schema);
  return {
    ...document,
    properties: {
      ...(document.properties as Record<string, unknown>),
      [HONEYPOT_FIELD]: {
        type: 'string',
        description:
          'A trap for bots: leave it out or empty. With any other value the answer looks like success (201) and nothing is stored or mailed.',
      },
    },
  };
};

const errorSchema = lazySchema(() =>
  z.object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable reason, e.g. validation_failed' }),
      message: z.string(),
      issues: z.array(
        z.object({
          path: z.string().meta({ description: 'Dotted path of the field, e.g. languages.0' }),
          message: z.string(),
          code: z
            .string()
            .optional()
            .meta({ description: 'Stable reason for this field, e.g. date_in_past' }),
          suggestions: z
            .array(z.string())
            .optional()
            .meta({ description: 'For unknown_city: nearest known names' }),
        }),
      ),
    }),
  }),
);

const created = lazySchema(() =>
  z.object({
    id: z.string(),
    status: z
      .literal('pending')
      .meta({ description: 'Always pending: every submission waits for its address' }),
  }),
);

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const withRetryAfter = (description: string, retryAfter: string) => ({
  ...errorResponse(description),
  headers: {
    'Retry-After': { description: retryAfter, schema: { type: 'integer', minimum: 1 } },
  },
});

const rateLimitedResponse = (description: string) =>
  withRetryAfter(description, 'Seconds until the limit allows another attempt');

const submission = (kind: 'Offer' | 'Request', summary: string) => ({
  post: {
    summary,
    parameters: [
      {
        name: 'lang',
        in: 'query',
        required: false,
        description:
          'Language for the confirmation mail (en, ru, uk, tr); else Accept-Language, else the language of the record a repeat changes, else en.',
        schema: { type: 'string', enum: ['en', 'ru', 'uk', 'tr'] },
      },
    ],
    requestBody: {
      required: true,
      description:
        'An optional field may be left out, or sent empty ("") or null: each is the field not given, as an empty box of the form is.',
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${kind}Input` } } },
    },
    responses: {
      '201': {
        description: `Received; a confirmation mail is on its way and nothing is matched until the address confirms. The answer is the same whether or not the address already has an overlapping record (then the mail asks to confirm the changes, and once confirmed the record is what this one says: an optional field left out is cleared, except \`phone\`, which stays${
          kind === 'Request'
            ? ', and a need the record states (`safeHousehold`, `needsStepFree`, `pets`), which only the manage link turns off'
            : ''
        }${
          kind === 'Request'
            ? '; if that request’s stay is already arranged, the mail says so and nothing changes, with no link to confirm'
            : ''
        }, and \`id\` is made up for this answer and names nothing stored), so it never tells whether an address is known.`,
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${kind}Created` } } },
      },
      '400': errorResponse('Invalid input: malformed JSON, or issues per field'),
      '409': errorResponse('Changed concurrently; try again'),
      '413': errorResponse('Body larger than 64 KiB'),
      '415': errorResponse('JSON declared in a charset other than UTF-8'),
      '429': rateLimitedResponse(
        'Too many submissions from this source address or for this mailbox (case, +tags and Gmail dots do not count as another), or the service’s hourly cap on confirmation mail is reached',
      ),
      '503': withRetryAfter(
        'Temporarily unavailable; try again',
        'Seconds to wait before trying again: a few, spread between clients so that those turned away together do not return together',
      ),
    },
  },
});

let document: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of the JSON API, generated from the same zod schemas that validate it. */
export function openApiDocument(): Record<string, unknown> {
  document ??= {
    openapi: '3.1.0',
    info: {
      title: 'Haven intake API',
      version: '1',
      description:
        'Hosts offer beds and seekers request them. A new record is pending until its email address is confirmed through the link Haven mails. Dates are YYYY-MM-DD and must not lie in the past.',
    },
    paths: {
      '/api/v1/offers': submission('Offer', 'Offer a place to stay'),
      '/api/v1/requests': submission('Request', 'Ask for a place to stay'),
      '/api/v1/places': {
        get: {
          summary: 'Complete a place name within a country',
          parameters: [
            { name: 'q', in: 'query', required: false, schema: { type: 'string', maxLength: 100 } },
            {
              name: 'lang',
              in: 'query',
              required: false,
              description: 'Language of the names (else Accept-Language, else English)',
              schema: { type: 'string', enum: ['en', 'ru', 'uk', 'tr'] },
            },
            {
              name: 'country',
              in: 'query',
              required: false,
              schema: { type: 'string', pattern: '^[A-Za-z]{2}$' },
            },
          ],
          responses: {
            '200': {
              description:
                'Places for q, best first: the first is the place a form submitted with q resolves to, then places whose name (in any language or spelling) starts with q, most populous first; none when a form would refuse q as a city (it names no place: two letters of a name, a later word of one, more than 100 characters). Names are in lang; a name shared by several places carries its province ("Kemer, Antalya").',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      places: {
                        type: 'array',
                        items: {
                          type: 'object',
                          required: ['name', 'lat', 'lon'],
                          properties: {
                            name: { type: 'string' },
                            lat: { type: 'number' },
                            lon: { type: 'number' },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
            '400': errorResponse('Unknown country code'),
            '429': rateLimitedResponse('Too many lookups from this address in a minute'),
          },
        },
      },
      '/api/v1/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 document' } } },
      },
    },
    components: {
      schemas: {
        OfferInput: withHoneypot(offerInputSchema),
        RequestInput: withHoneypot(requestInputSchema),
        OfferCreated: schemaOf(created),
        RequestCreated: schemaOf(created),
        Error: schemaOf(errorSchema),
      },
    },
  };
  return document;
}
