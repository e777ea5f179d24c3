import { describe, expect, it } from 'vitest';
import {
  dateOrderIssue,
  earliestToday,
  editFromForm,
  HONEYPOT_FIELD,
  issuesFromZod,
  offerEditSchemaFor,
  offerFromForm,
  offerInputSchema,
  offerInputSchemaFor,
  requestFromForm,
  requestInputSchemaFor,
  resubmitted,
} from '../../shared/domain/intake.ts';

const TODAY = '2026-11-27';
const offerSchema = offerInputSchemaFor(TODAY);
const requestSchema = requestInputSchemaFor(TODAY);

const offer = (overrides: Record<string, unknown> = {}) => ({
  name: 'Ayşe',
  email: 'ayse@example.org',
  languages: ['tr', 'en'],
  country: 'TR',
  city: 'Istanbul',
  availableFrom: '2026-12-01',
  beds: 3,
  petsAllowed: false,
  childrenAllowed: true,
  stepFree: false,
  ...overrides,
});

const request = (overrides: Record<string, unknown> = {}) => ({
  name: 'Olena',
  email: 'olena@example.org',
  languages: ['uk'],
  country: 'PL',
  arrival: '2026-12-02',
  adults: 1,
  children: 2,
  pets: false,
  needsStepFree: false,
  ...overrides,
});

function issuesOf(schema: typeof offerSchema | typeof requestSchema, input: unknown) {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : issuesFromZod(parsed.error, input);
}

const codeAt = (issues: { path: string; code?: string }[], path: string) =>
  issues.filter((issue) => issue.path === path).map((issue) => issue.code);

describe('offer and request input schemas', () => {
  it('accepts a complete offer and fills the defaults', () => {
    expect(offerSchema.parse(offer())).toMatchObject({ multipleParties: false, country: 'TR' });
  });

  it('accepts a request without a city and defaults the distance to 50 km and safeHousehold to false', () => {
    expect(requestSchema.parse(request())).toMatchObject({ maxDistanceKm: 50, safeHousehold: false });
  });

  it('rejects unknown fields, __proto__ included, one issue per key', () => {
    const input = JSON.parse(JSON.stringify(offer()).replace('{', '{"__proto__":{"admin":true},"role":"x",'));
    const issues = issuesOf(offerSchema, input);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: '__proto__', message: 'Unknown field', code: 'unrecognized_keys' },
        { path: 'role', message: 'Unknown field', code: 'unrecognized_keys' },
      ]),
    );
  });

  it('marks a missing required field as required', () => {
    const { beds: _beds, ...withoutBeds } = offer();
    expect(codeAt(issuesOf(offerSchema, withoutBeds), 'beds')).toEqual(['required']);
  });

  it('rejects wrong types', () => {
    const issues = issuesOf(offerSchema, offer({ beds: '3', petsAllowed: 'yes', languages: 'tr' }));
    expect(codeAt(issues, 'beds')).toEqual(['invalid_type']);
    expect(codeAt(issues, 'petsAllowed')).toEqual(['invalid_type']);
    expect(codeAt(issues, 'languages')).toEqual(['invalid_type']);
  });

  it.each([
    [0, 'too_small'],
    [51, 'too_big'],
    [2.5, 'invalid_type'],
  ])('keeps beds within 1–50 (%s → %s)', (beds, code) => {
    expect(codeAt(issuesOf(offerSchema, offer({ beds })), 'beds')).toEqual([code]);
  });

  it('keeps party sizes and distance in range', () => {
    const issues = issuesOf(requestSchema, request({ adults: 0, children: -1, maxDistanceKm: 5000 }));
    expect(codeAt(issues, 'adults')).toEqual(['too_small']);
    expect(codeAt(issues, 'children')).toEqual(['too_small']);
    expect(codeAt(issues, 'maxDistanceKm')).toEqual(['too_big']);
    expect(codeAt(issuesOf(requestSchema, request({ adults: 21 })), 'adults')).toEqual(['too_big']);
  });

  it.each([
    ['2026-02-30', 'invalid_date'],
    ['2027-02-29', 'invalid_date'],
    ['2026-13-01', 'invalid_date'],
    ['1.12.2026', 'invalid_format'],
    ['2026-11-26', 'date_in_past'],
  ])('refuses the date %s as %s', (availableFrom, code) => {
    expect(codeAt(issuesOf(offerSchema, offer({ availableFrom })), 'availableFrom')).toEqual([code]);
  });

  it('accepts today and a leap day', () => {
    expect(offerSchema.safeParse(offer({ availableFrom: TODAY })).success).toBe(true);
    expect(offerSchema.safeParse(offer({ availableFrom: '2028-02-29' })).success).toBe(true);
  });

  it('refuses reversed dates on both kinds', () => {
    const offerIssues = issuesOf(
      offerSchema,
      offer({ availableFrom: '2026-12-10', availableTo: '2026-12-09' }),
    );
    expect(codeAt(offerIssues, 'availableTo')).toEqual(['date_order']);
    const requestIssues = issuesOf(
      requestSchema,
      request({ arrival: '2026-12-10', departure: '2026-12-01' }),
    );
    expect(codeAt(requestIssues, 'departure')).toEqual(['date_order']);
  });

  it('checks ISO 639-1 languages and ISO 3166-1 countries, case-insensitively', () => {
    expect(offerSchema.parse(offer({ languages: ['TR', 'tr', 'Uk'], country: 'tr' }))).toMatchObject({
      languages: ['tr', 'uk'],
      country: 'TR',
    });
    const issues = issuesOf(offerSchema, offer({ languages: ['xx'], country: 'ZZ' }));
    expect(codeAt(issues, 'languages.0')).toEqual(['unknown_language']);
    expect(codeAt(issues, 'country')).toEqual(['unknown_country']);
    expect(codeAt(issuesOf(offerSchema, offer({ languages: [] })), 'languages')).toEqual(['required']);
  });

  it('limits every string', () => {
    const long = 'x'.repeat(2001);
    const issues = issuesOf(
      offerSchema,
      offer({ name: long, city: long, notes: long, phone: `+${'1'.repeat(40)}` }),
    );
    for (const path of ['name', 'city', 'notes', 'phone']) expect(codeAt(issues, path)).toEqual(['too_long']);
    expect(
      codeAt(issuesOf(offerSchema, offer({ email: `${'a'.repeat(250)}@example.org` })), 'email'),
    ).toEqual(['too_long']);
  });

  it.each(['a@b.co\r\nBcc: victim@example.org', 'a@b.co\nX', 'not-an-email', 'a@b'])(
    'refuses the email %j',
    (email) => {
      expect(codeAt(issuesOf(offerSchema, offer({ email })), 'email')).toEqual(['invalid_format']);
    },
  );

  it('trims a trailing line break off an email instead of storing it', () => {
    expect(offerSchema.parse(offer({ email: ' a@b.co\r\n' })).email).toBe('a@b.co');
  });

  it('refuses NUL bytes and other control characters, but keeps line breaks in notes', () => {
    const issues = issuesOf(
      offerSchema,
      offer({ name: 'Ay\u0000se', city: 'Ist\u001banbul', notes: 'a\u0000b' }),
    );
    for (const path of ['name', 'city', 'notes'])
      expect(codeAt(issues, path)).toEqual(['invalid_characters']);
    expect(offerSchema.parse(offer({ notes: 'line one\r\nline two\tend' })).notes).toBe(
      'line one\r\nline two\tend',
    );
    expect(codeAt(issuesOf(offerSchema, offer({ name: 'a\nb' })), 'name')).toEqual(['invalid_characters']);
  });

  it('refuses lone surrogates, which could not be stored', () => {
    expect(codeAt(issuesOf(offerSchema, offer({ name: 'x\ud800' })), 'name')).toEqual(['invalid_characters']);
  });

  it('trims names and keeps markup as text', () => {
    expect(offerSchema.parse(offer({ name: '  <script>alert(1)</script>  ' })).name).toBe(
      '<script>alert(1)</script>',
    );
  });

  it('checks the phone pattern', () => {
    expect(offerSchema.parse(offer({ phone: '+90 (555) 123-45-67' })).phone).toBe('+90 (555) 123-45-67');
    expect(codeAt(issuesOf(offerSchema, offer({ phone: 'call me' })), 'phone')).toEqual(['invalid_format']);
  });

  it('only knows the documented host households', () => {
    expect(codeAt(issuesOf(offerSchema, offer({ hostHousehold: 'pirates' })), 'hostHousehold')).toEqual([
      'invalid_value',
    ]);
  });

  it('without a clock documents the shape but does not judge dates against today', () => {
    expect(offerInputSchema.safeParse(offer({ availableFrom: '2000-01-01' })).success).toBe(true);
  });

  it('takes the earliest date any time zone is on as today', () => {
    expect(earliestToday(new Date('2026-11-27T11:59:00Z'))).toBe('2026-11-26');
    expect(earliestToday(new Date('2026-11-27T12:00:00Z'))).toBe('2026-11-27');
  });
});

describe('form bodies in the JSON shape', () => {
  it('turns checkboxes, numbers, repeated and comma-separated languages into JSON values', () => {
    const shaped = offerFromForm({
      name: 'Ayşe',
      email: 'ayse@example.org',
      languages: ['tr', 'en'],
      languagesOther: 'ru, uk',
      country: 'TR',
      city: 'İstanbul',
      availableFrom: '2026-12-01',
      availableTo: '',
      beds: '3',
      petsAllowed: 'on',
      phone: '',
      notes: '   ',
      lang: 'tr',
      [HONEYPOT_FIELD]: '',
    });
    expect(shaped).toEqual({
      name: 'Ayşe',
      email: 'ayse@example.org',
      languages: ['tr', 'en', 'ru', 'uk'],
      country: 'TR',
      city: 'İstanbul',
      availableFrom: '2026-12-01',
      beds: 3,
      petsAllowed: true,
      childrenAllowed: false,
      stepFree: false,
      multipleParties: false,
      [HONEYPOT_FIELD]: '',
    });
    const { [HONEYPOT_FIELD]: _bait, ...input } = shaped;
    expect(offerSchema.safeParse(input).success).toBe(true);
  });

  it('leaves unparseable numbers and odd checkbox values for the schema to refuse', () => {
    const shaped = requestFromForm({ adults: 'two', pets: 'maybe' });
    expect(shaped).toMatchObject({ adults: 'two', pets: 'maybe', children: 0 });
    const issues = issuesOf(requestSchema, shaped);
    expect(codeAt(issues, 'adults')).toEqual(['invalid_type']);
    expect(codeAt(issues, 'name')).toEqual(['required']);
  });

  it('makes a cleared end date null in an edit, and leaves absent fields out', () => {
    expect(editFromForm({ availableFrom: '2026-12-01', availableTo: '', beds: '4' }, 'offer')).toEqual({
      availableFrom: '2026-12-01',
      availableTo: null,
      beds: 4,
    });
  });

  it('reads the whole edit form: cleared phone and notes, an unticked box behind its hidden off, languages', () => {
    const body = {
      name: [' Olena '],
      phone: [''],
      notes: [''],
      city: [''],
      country: ['TR'],
      pets: ['off'],
      needsStepFree: ['off', 'on'],
      languages: ['uk', 'ru'],
      languagesOther: ['ka'],
      adults: [''],
    };
    expect(editFromForm(body, 'request')).toEqual({
      name: 'Olena',
      phone: null,
      notes: null,
      city: null,
      country: 'TR',
      pets: false,
      needsStepFree: true,
      languages: ['uk', 'ru', 'ka'],
      adults: '',
    });
    // An offer cannot lose its city: an emptied one is sent for the schema to refuse.
    expect(editFromForm({ city: [''] }, 'offer')).toEqual({ city: '' });
    expect(offerEditSchemaFor(undefined).safeParse({ city: '' }).error?.issues).toEqual([
      expect.objectContaining({ path: ['city'], message: 'Required' }),
    ]);
  });

  it('finds the dates out of order even when other fields are wrong, on intake and on edits', () => {
    const shaped = offerFromForm({ availableFrom: '2030-05-10', availableTo: '2030-05-01', beds: '0' });
    expect(dateOrderIssue('offer', shaped)).toMatchObject({ path: 'availableTo', code: 'date_order' });
    expect(dateOrderIssue('request', { departure: '2030-01-01' }, { arrival: '2030-02-01' })).toMatchObject({
      path: 'departure',
      code: 'date_order',
    });
    expect(dateOrderIssue('request', { departure: '2030-13-01' }, { arrival: '2030-02-01' })).toBeUndefined();
  });
});

describe('a record as a resubmission leaves it', () => {
  const stored = {
    kind: 'offer' as const,
    id: 'o-1',
    status: 'open',
    version: 3,
    email: 'ayse@example.org',
    telegramChatId: '7300000001',
    verification: {
      state: 'verified',
      by: 'coordinator@haven.test',
      at: '2026-11-20T10:00:00.000Z',
      method: 'phone',
    },
    name: 'Ayşe',
    phone: '+90 555 123 45 67',
    city: 'Kadıköy',
    beds: 3,
    availableTo: '2027-01-31',
    hostHousehold: 'family',
    notes: 'second floor',
  };

  it('takes what was sent, clears what it left empty but a phone, and keeps what no form sends', () => {
    const next = resubmitted(stored, {
      name: 'Ayşe Y.',
      city: 'Beşiktaş',
      beds: 2,
      hostHousehold: undefined,
    });
    const {
      name: _name,
      city: _city,
      beds: _beds,
      availableTo: _to,
      hostHousehold: _said,
      notes: _notes,
      ...kept
    } = stored;
    // The phone is among what is kept; the end date, household and notes are not.
    expect(next).toEqual({ ...kept, name: 'Ayşe Y.', city: 'Beşiktaş', beds: 2 });
    expect(kept.phone).toBe('+90 555 123 45 67');
  });

  it('keeps a need the seeker stated when the box is left empty, and takes one newly stated', () => {
    const request = {
      kind: 'request' as const,
      id: 'r-1',
      safeHousehold: true,
      needsStepFree: false,
      pets: true,
      adults: 1,
    };
    expect(resubmitted(request, { safeHousehold: false, needsStepFree: true, adults: 2 })).toMatchObject({
      safeHousehold: true,
      needsStepFree: true,
      pets: true,
      adults: 2,
    });
  });

  it('takes a phone that was sent', () => {
    expect(resubmitted(stored, { phone: '+90 555 000 00 00' }).phone).toBe('+90 555 000 00 00');
  });
});
