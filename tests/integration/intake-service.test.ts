import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { emailHash } from '../../shared/data/items.ts';
import { addressRegistryKey, offerKey } from '../../shared/data/keys.ts';
import { getOffer, offersByEmail } from '../../shared/data/offers.ts';
import { SUBMIT_PER_IP } from '../../shared/data/rate-limits.ts';
import { getRequest, requestsByEmail } from '../../shared/data/requests.ts';
import { Conflict, Gone, TooManyRequests, ValidationError } from '../../shared/domain/errors.ts';
import { HONEYPOT_FIELD } from '../../shared/domain/intake.ts';
import { LINK_GONE_MESSAGE } from '../../shared/domain/tokens.ts';
import { actOnLink, submitOffer, submitRequest, viewLink } from '../../shared/intake/service.ts';
import { auditItemsOf } from '../support/audit.ts';
import { daysFromNow } from '../support/dates.ts';
import { pendingMails } from '../support/outbox.ts';
import { inFlightTogether, overtakenClient, pkOf, watchedClient } from '../support/race.ts';
import { keptRecord } from '../support/records.ts';
import { useTestTable } from '../support/table.ts';
import { allItems, lastMailTo, linksIn, offerInput, requestInput } from './intake-support.ts';

let ipCounter = 0;
const meta = (overrides: Partial<{ locale: 'en' | 'ru' | 'uk' | 'tr'; via: 'form' | 'api' }> = {}) => ({
  locale: 'en' as const,
  via: 'api' as const,
  sourceIp: `198.51.100.${++ipCounter % 250}`,
  ...overrides,
});

const table = useTestTable();

async function goneMessage(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Gone);
  return (error as Gone).message;
}

describe('submitting an offer', () => {
  it('stores a pending offer at the resolved place, with a confirmation mail and two hashed tokens in one go', async () => {
    const deps = table.deps();
    const input = offerInput({ city: 'Стамбул' });
    const { id, status } = await submitOffer(deps, input, meta({ locale: 'ru' }));
    expect(status).toBe('pending');
    const offer = keptRecord(await getOffer(deps, id));
    expect(offer).toMatchObject({
      status: 'pending',
      city: 'Istanbul',
      country: 'TR',
      locale: 'ru',
      version: 0,
    });
    expect(offer.cell).toMatch(/^\d+\.\d+$/);

    const mail = await lastMailTo(table, input.email);
    expect(mail.template).toBe('confirm-offer');
    expect(mail.subject).toBe('Подтвердите ваше предложение в Haven');
    const { confirm, manage } = linksIn(mail.text);
    expect(mail.text).toContain(`http://haven.test/confirm/${confirm}?lang=ru`);
    expect(manage).toBeDefined();

    const items = await allItems(table);
    const tokens = items.filter((item) => item.kind === 'token' && item.subjectId === id);
    expect(tokens.map((token) => token.purpose).sort()).toEqual(['confirm-offer', 'manage-offer']);
    // Only the outbox holds the links, as the mail it is waiting to send.
    const everything = JSON.stringify(items.filter((item) => item.kind !== 'outbox'));
    expect(everything).not.toContain(confirm);
    expect(everything).not.toContain(manage);
    expect(
      items.filter((item) => item.pk === `OFFER#${id}` && String(item.sk).startsWith('AUDIT#')),
    ).toHaveLength(1);
  });

  it('refuses an unknown city with suggestions and stores nothing', async () => {
    const stored = async () => (await allItems(table)).filter((item) => item.kind !== 'rate-limit').length;
    const before = await stored();
    const error = await submitOffer(table.deps(), offerInput({ city: 'Istanbulx' }), meta()).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([
      expect.objectContaining({ path: 'city', code: 'unknown_city', suggestions: ['Istanbul'] }),
    ]);
    expect(await stored()).toBe(before);
  });

  it('reports field issues and the unknown city together', async () => {
    const error = await submitOffer(
      table.deps(),
      offerInput({ city: 'Nowhereville', beds: 0 }),
      meta(),
    ).catch((e) => e);
    expect(error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['beds', 'city']);
  });

  it('pretends success to a bot that filled the honeypot and stores nothing', async () => {
    const before = (await allItems(table)).length;
    const result = await submitOffer(
      table.deps(),
      { ...offerInput(), [HONEYPOT_FIELD]: 'http://spam.example' },
      meta({ via: 'form' }),
    );
    expect(result.status).toBe('pending');
    expect(await getOffer(table.deps(), result.id)).toBeUndefined();
    expect((await allItems(table)).length).toBe(before);
  });

  it('accepts an empty honeypot, from a form and from the JSON API alike', async () => {
    for (const via of ['form', 'api'] as const) {
      const { id } = await submitOffer(
        table.deps(),
        { ...offerInput(), [HONEYPOT_FIELD]: '' },
        meta({ via }),
      );
      expect((await getOffer(table.deps(), id))?.status).toBe('pending');
    }
  });

  it('pretends success to a bot that filled the honeypot in JSON and stores nothing', async () => {
    const input = offerInput();
    const result = await submitOffer(table.deps(), { ...input, [HONEYPOT_FIELD]: 'x' }, meta({ via: 'api' }));
    expect(result.status).toBe('pending');
    expect(await getOffer(table.deps(), result.id)).toBeUndefined();
    expect(await offersByEmail(table.deps(), input.email)).toEqual([]);
    expect((await pendingMails(table)).filter((mail) => mail.to.includes(input.email))).toEqual([]);
  });
});

describe('confirm links', () => {
  it('show what they do on GET without acting, open the offer on POST, and then never work again', async () => {
    const deps = table.deps();
    const input = offerInput();
    const { id } = await submitOffer(deps, input, meta());
    const { confirm } = linksIn((await lastMailTo(table, input.email)).text);

    const view = await viewLink(deps, confirm);
    expect(view).toMatchObject({ link: 'confirm', kind: 'offer', actions: ['confirm'], locale: 'en' });
    expect(view.record.id).toBe(id);
    expect((await getOffer(deps, id))?.status).toBe('pending');

    const outcome = await actOnLink(deps, confirm, 'confirm');
    expect(outcome).toMatchObject({ kind: 'offer', done: 'confirmed' });
    if (outcome.done !== 'confirmed') throw new Error(`not confirmed: ${outcome.done}`);
    expect(outcome.manageUrl).toMatch(/^http:\/\/haven\.test\/manage\/[A-Za-z0-9_-]{43}\?lang=en$/);
    const offer = keptRecord(await getOffer(deps, id));
    expect(offer).toMatchObject({ status: 'open', version: 1 });
    expect(offer.confirmedAt).toBeDefined();
    expect(offer.availabilityConfirmedAt).toBeDefined();

    const replayed = await goneMessage(actOnLink(deps, confirm, 'confirm'));
    const viewedAgain = await goneMessage(viewLink(deps, confirm));
    const altered = await goneMessage(
      viewLink(deps, `${confirm.slice(0, -1)}${confirm.endsWith('A') ? 'B' : 'A'}`),
    );
    const truncated = await goneMessage(actOnLink(deps, confirm.slice(5), 'confirm'));
    expect(new Set([replayed, viewedAgain, altered, truncated, LINK_GONE_MESSAGE]).size).toBe(1);
  });

  it('expire after a week with the same neutral answer', async () => {
    const input = offerInput();
    const { id } = await submitOffer(table.deps(), input, meta());
    const { confirm } = linksIn((await lastMailTo(table, input.email)).text);
    const later = table.deps({ now: () => new Date(Date.now() + 8 * 86400_000) });
    expect(await goneMessage(actOnLink(later, confirm, 'confirm'))).toBe(LINK_GONE_MESSAGE);
    expect((await getOffer(table.deps(), id))?.status).toBe('pending');
  });

  it('only act with the confirm button', async () => {
    const input = offerInput();
    await submitOffer(table.deps(), input, meta());
    const { confirm } = linksIn((await lastMailTo(table, input.email)).text);
    await expect(actOnLink(table.deps(), confirm, 'withdraw')).rejects.toThrow('This link cannot do that.');
    await expect(actOnLink(table.deps(), confirm, '')).rejects.toThrow('This link cannot do that.');
    await expect(actOnLink(table.deps(), confirm, 'confirm')).resolves.toMatchObject({ done: 'confirmed' });
  });

  it('let exactly one of two simultaneous confirmations through', async () => {
    const input = offerInput();
    const { id } = await submitOffer(table.deps(), input, meta());
    const { confirm } = linksIn((await lastMailTo(table, input.email)).text);
    const results = await Promise.allSettled([
      actOnLink(table.deps(), confirm, 'confirm'),
      actOnLink(table.deps(), confirm, 'confirm'),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(Gone);
    expect((await getOffer(table.deps(), id))?.version).toBe(1);
  });
});

describe('manage links', () => {
  async function openOffer() {
    const deps = table.deps();
    const input = offerInput();
    const { id } = await submitOffer(deps, input, meta());
    const { confirm, manage } = linksIn((await lastMailTo(table, input.email)).text);
    await actOnLink(deps, confirm, 'confirm');
    return { deps, id, manage };
  }

  it('withdraws even when the matcher touches the offer at that moment, instead of answering a conflict', async () => {
    const { id, manage } = await openOffer();
    // Just before the withdrawal's transaction, the matcher proposes on the offer: its version moves on.
    let overtaken = false;
    const bumpVersion = () => {
      overtaken = true;
      return table.db.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: offerKey(id),
          UpdateExpression: 'SET version = version + :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    };
    const deps = table.deps({ db: overtakenClient(table, 'TransactWriteItemsCommand', bumpVersion) });

    await expect(actOnLink(deps, manage, 'withdraw')).resolves.toMatchObject({ done: 'withdrawn' });
    expect(overtaken).toBe(true);
    expect((await getOffer(table.deps(), id))?.status).toBe('closed');
  });

  it('pause, resume, edit dates and beds, and withdraw an offer, each audited', async () => {
    const { deps, id, manage } = await openOffer();
    expect((await viewLink(deps, manage)).actions).toEqual(['pause', 'edit', 'withdraw', 'erase']);

    await expect(actOnLink(deps, manage, 'pause')).resolves.toMatchObject({ done: 'paused' });
    expect((await getOffer(deps, id))?.status).toBe('paused');
    expect((await viewLink(deps, manage)).actions).toEqual(['resume', 'edit', 'withdraw', 'erase']);
    await expect(actOnLink(deps, manage, 'pause')).rejects.toThrow(Conflict);

    await expect(actOnLink(deps, manage, 'resume')).resolves.toMatchObject({ done: 'resumed' });
    expect((await getOffer(deps, id))?.status).toBe('open');

    const edited = await actOnLink(deps, manage, 'update', { availableTo: null, beds: 5 });
    expect(edited.done).toBe('updated');
    const offer = keptRecord(await getOffer(deps, id));
    expect(offer).toMatchObject({ beds: 5, status: 'open' });
    expect(offer.availableTo).toBeUndefined();

    await expect(actOnLink(deps, manage, 'withdraw')).resolves.toMatchObject({ done: 'withdrawn' });
    expect((await getOffer(deps, id))?.status).toBe('closed');
    const closed = await viewLink(deps, manage);
    // Closed: nothing left to change, but the data can still be erased at once, and is not shown.
    expect(closed.actions).toEqual(['erase']);
    expect(closed.record).toMatchObject({ name: '', email: '', status: 'closed' });
    await expect(actOnLink(deps, manage, 'resume')).rejects.toThrow(Conflict);

    const audit = (await allItems(table)).filter(
      (item) => item.pk === `OFFER#${id}` && String(item.sk).startsWith('AUDIT#'),
    );
    expect(audit.map((event) => event.action).sort()).toEqual(
      ['confirmed', 'edit', 'pause', 'resume', 'submitted', 'withdraw'].sort(),
    );
    expect(JSON.stringify(audit)).not.toContain('Ayşe');
  });

  it('refuse invalid edits with issues per field and change nothing', async () => {
    const { deps, id, manage } = await openOffer();
    const before = await getOffer(deps, id);
    const reversed = await actOnLink(deps, manage, 'edit', { availableTo: daysFromNow(1) }).catch((e) => e);
    expect(reversed).toBeInstanceOf(ValidationError);
    expect(reversed.issues).toEqual([expect.objectContaining({ path: 'availableTo', code: 'date_order' })]);
    const past = await actOnLink(deps, manage, 'edit', { availableFrom: daysFromNow(-3) }).catch((e) => e);
    expect(past.issues).toEqual([expect.objectContaining({ path: 'availableFrom', code: 'date_in_past' })]);
    await expect(actOnLink(deps, manage, 'edit', { beds: 99 })).rejects.toThrow(ValidationError);
    // The place may be edited now, but only to one the gazetteer knows.
    await expect(actOnLink(deps, manage, 'edit', { city: 'Qzxqzx' })).rejects.toThrow(ValidationError);
    expect(await getOffer(deps, id)).toEqual(before);
  });

  it('let a seeker edit dates and party and withdraw', async () => {
    const deps = table.deps();
    const input = requestInput();
    const { id } = await submitRequest(deps, input, meta());
    const { manage } = linksIn((await lastMailTo(table, input.email)).text);
    expect((await viewLink(deps, manage)).actions).toEqual(['edit', 'withdraw', 'erase']);
    await actOnLink(deps, manage, 'edit', { adults: 2, children: 0, departure: daysFromNow(50) });
    expect(await getRequest(deps, id)).toMatchObject({ adults: 2, children: 0, departure: daysFromNow(50) });
    await actOnLink(deps, manage, 'withdraw');
    expect((await getRequest(deps, id))?.status).toBe('withdrawn');
    await expect(actOnLink(deps, manage, 'edit', { adults: 3 })).rejects.toThrow(Conflict);
  });
});

describe('the same person submitting twice', () => {
  it('keeps an unconfirmed request as it is: each confirm link confirms exactly what it was sent for', async () => {
    const deps = table.deps();
    const email = `twice-${Date.now()}@example.org`;
    const first = await submitRequest(deps, requestInput({ email, phone: '+380 67 000 0001' }), meta());
    const firstLink = linksIn((await lastMailTo(table, email)).text).confirm;
    // Anyone who knows the address can send the form again, with their own phone, city and notes.
    const second = await submitRequest(
      deps,
      requestInput({ email, phone: '+90 555 666 7777', city: 'Ankara', notes: 'call me' }),
      meta(),
    );
    expect(second.id).not.toBe(first.id);
    expect(await requestsByEmail(deps, email)).toHaveLength(1);
    expect(await getRequest(deps, first.id)).toMatchObject({ phone: '+380 67 000 0001', version: 0 });
    const mail = await lastMailTo(table, email);
    expect(mail.template).toBe('confirm-request-held');
    const secondLink = linksIn(mail.text).confirm;
    expect((await viewLink(deps, secondLink)).record).toMatchObject({ city: 'Ankara', status: 'pending' });
    expect((await viewLink(deps, firstLink)).record).toMatchObject({ phone: '+380 67 000 0001' });

    await actOnLink(deps, firstLink, 'confirm');
    const confirmed = keptRecord(await getRequest(deps, first.id));
    expect(confirmed).toMatchObject({ status: 'open', phone: '+380 67 000 0001', city: 'Istanbul' });
    expect(confirmed.notes).toBeUndefined();
  });

  it('applies a resubmission to an unconfirmed request when its own link is confirmed', async () => {
    const deps = table.deps();
    const email = `twice-applied-${Date.now()}@example.org`;
    const first = await submitRequest(deps, requestInput({ email }), meta());
    const firstLink = linksIn((await lastMailTo(table, email)).text).confirm;
    await submitRequest(deps, requestInput({ email, adults: 3, city: 'Ankara' }), meta());
    await actOnLink(deps, linksIn((await lastMailTo(table, email)).text).confirm, 'confirm');
    expect(await getRequest(deps, first.id)).toMatchObject({ status: 'open', adults: 3, city: 'Ankara' });
    // The earlier link was for the unconfirmed record, which is no more.
    await goneMessage(actOnLink(deps, firstLink, 'confirm'));
  });

  it('holds changes to a confirmed request until the address confirms them', async () => {
    const deps = table.deps();
    const email = `held-${Date.now()}@example.org`;
    const { id } = await submitRequest(deps, requestInput({ email }), meta());
    await actOnLink(deps, linksIn((await lastMailTo(table, email)).text).confirm, 'confirm');

    const resubmitted = await submitRequest(deps, requestInput({ email, children: 4 }), meta());
    expect(resubmitted.status).toBe('pending');
    expect(resubmitted.id).not.toBe(id);
    expect(await getRequest(deps, id)).toMatchObject({ children: 2, status: 'open' });

    const mail = await lastMailTo(table, email);
    expect(mail.template).toBe('confirm-request-held');
    const { confirm } = linksIn(mail.text);
    expect((await viewLink(deps, confirm)).record).toMatchObject({ children: 4, status: 'open' });
    await actOnLink(deps, confirm, 'confirm');
    expect(await getRequest(deps, id)).toMatchObject({ children: 4, status: 'open' });
    expect(await requestsByEmail(deps, email)).toHaveLength(1);
  });

  it('clears what a confirmed resubmission leaves empty, as its confirm mail showed, and keeps a phone left out', async () => {
    const deps = table.deps();
    const email = `host-cleared-${Date.now()}@example.org`;
    const { id } = await submitOffer(
      deps,
      offerInput({ email, hostHousehold: 'family', notes: 'a quiet street' }),
      meta(),
    );
    await actOnLink(deps, linksIn((await lastMailTo(table, email)).text).confirm, 'confirm');
    const { availableTo: _until, phone: _phone, ...unsaid } = offerInput({ email, beds: 4 });
    await submitOffer(deps, unsaid, meta());
    const { confirm } = linksIn((await lastMailTo(table, email)).text);
    const shown = (await viewLink(deps, confirm)).record;
    expect(shown).toMatchObject({ beds: 4, phone: '+90 555 123 45 67' });
    expect(shown).not.toHaveProperty('hostHousehold');
    await actOnLink(deps, confirm, 'confirm');
    const confirmed = keptRecord(await getOffer(deps, id));
    // Unsaid, the household fails rule 5 closed: no more requests that ask for a safe household.
    expect(confirmed).toMatchObject({ beds: 4, phone: '+90 555 123 45 67', status: 'open' });
    expect(confirmed).not.toHaveProperty('hostHousehold');
    expect(confirmed).not.toHaveProperty('availableTo');
    expect(confirmed).not.toHaveProperty('notes');
    // The coordinators' history says what was cleared.
    const [event] = (await auditItemsOf(table, offerKey(id).pk)).filter(
      (item) => item.action === 'resubmission-confirmed',
    );
    expect(event?.fields).toEqual(expect.arrayContaining(['beds', 'hostHousehold', 'availableTo', 'notes']));
  });

  it('makes a seeker’s stay open-ended and country-wide when a confirmed resubmission gives no departure and no city, and keeps the safe household she asked for', async () => {
    const deps = table.deps();
    const email = `seeker-cleared-${Date.now()}@example.org`;
    const { id } = await submitRequest(deps, requestInput({ email, safeHousehold: true }), meta());
    await actOnLink(deps, linksIn((await lastMailTo(table, email)).text).confirm, 'confirm');
    const { departure: _until, city: _city, ...unsaid } = requestInput({ email });
    await submitRequest(deps, unsaid, meta());
    await actOnLink(deps, linksIn((await lastMailTo(table, email)).text).confirm, 'confirm');
    const confirmed = keptRecord(await getRequest(deps, id));
    for (const field of ['departure', 'city', 'lat', 'lon', 'cell'])
      expect(confirmed).not.toHaveProperty(field);
    // A need once stated stays: the form starts blank, and only the manage page turns it off.
    expect(confirmed).toMatchObject({ status: 'open', phone: '+380 67 123 4567', safeHousehold: true });
  });

  it('adds a second request when the dates share no night, one from the morning the first ends too', async () => {
    const deps = table.deps();
    const email = `apart-${Date.now()}@example.org`;
    await submitRequest(
      deps,
      requestInput({ email, arrival: daysFromNow(2), departure: daysFromNow(9) }),
      meta(),
    );
    await submitRequest(
      deps,
      requestInput({ email, arrival: daysFromNow(10), departure: daysFromNow(20) }),
      meta(),
    );
    expect(await requestsByEmail(deps, email)).toHaveLength(2);
    // Departing on day 20, the family asks for the nights from day 20 on: another request.
    await submitRequest(
      deps,
      requestInput({ email, arrival: daysFromNow(20), departure: daysFromNow(30) }),
      meta(),
    );
    expect(await requestsByEmail(deps, email)).toHaveLength(3);
    // One night in common (day 29) is the same request again.
    await submitRequest(
      deps,
      requestInput({ email, arrival: daysFromNow(29), departure: daysFromNow(35) }),
      meta(),
    );
    expect(await requestsByEmail(deps, email)).toHaveLength(3);
  });

  it('holds a host’s resubmission for the same city and overlapping dates, but not one in another city', async () => {
    const deps = table.deps();
    const email = `host-twice-${Date.now()}@example.org`;
    const first = await submitOffer(deps, offerInput({ email }), meta());
    await submitOffer(deps, offerInput({ email, city: 'istanbul', beds: 6 }), meta());
    expect(await offersByEmail(deps, email)).toHaveLength(1);
    await actOnLink(deps, linksIn((await lastMailTo(table, email)).text).confirm, 'confirm');
    expect(await getOffer(deps, first.id)).toMatchObject({ beds: 6, status: 'open' });
    await submitOffer(deps, offerInput({ email, city: 'Ankara' }), meta());
    expect(await offersByEmail(deps, email)).toHaveLength(2);
  });
});

describe('the same person submitting at the same moment', () => {
  // The per-address limit allows five an hour: clocks an hour apart let all ten race into the
  // store instead of being turned away before it.
  const hourApart = (i: number) => table.deps({ now: () => new Date(Date.now() + i * 3600_000) });
  const templatesTo = async (email: string) =>
    (await pendingMails(table))
      .filter((mail) => mail.to.includes(email))
      .map((mail) => mail.template)
      .sort();

  it('ten simultaneous requests from one address create one record; the other nine wait for confirmation', async () => {
    const email = `racing-${Date.now()}@example.org`;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        submitRequest(hourApart(i), requestInput({ email, adults: 1 + (i % 3) }), meta()),
      ),
    );
    const requests = await requestsByEmail(table.deps(), email);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ status: 'pending', version: 0 });
    expect(await templatesTo(email)).toEqual(['confirm-request', ...Array(9).fill('confirm-request-held')]);
  });

  it('ten simultaneous offers of one place from one address create one record; the other nine wait for confirmation', async () => {
    const email = `racing-host-${Date.now()}@example.org`;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        submitOffer(hourApart(i), offerInput({ email, beds: 1 + i }), meta()),
      ),
    );
    const offers = await offersByEmail(table.deps(), email);
    expect(offers).toHaveLength(1);
    expect(offers[0]?.version).toBe(0);
    expect(await templatesTo(email)).toEqual(['confirm-offer', ...Array(9).fill('confirm-offer-held')]);
  });

  it('simultaneous requests for different dates from one address each create their own', async () => {
    const email = `racing-apart-${Date.now()}@example.org`;
    const results = await Promise.all(
      [0, 1, 2].map((i) =>
        submitRequest(
          hourApart(i),
          requestInput({ email, arrival: daysFromNow(2 + 10 * i), departure: daysFromNow(8 + 10 * i) }),
          meta(),
        ),
      ),
    );
    expect(new Set(results.map((result) => result.id)).size).toBe(3);
    expect(await requestsByEmail(table.deps(), email)).toHaveLength(3);
  });

  it("reads a new address's registry and its records from before registries at once", async () => {
    const registryPk = addressRegistryKey('request', '').pk;
    const { db, overlapped } = inFlightTogether(
      table,
      (command, input) => command === 'GetItemCommand' && pkOf(input).startsWith(registryPk),
      (command, input) => command === 'QueryCommand' && input.IndexName === 'gsi2',
    );

    await submitRequest(
      table.deps({ db }),
      requestInput({ email: `at-once-${Date.now()}@example.org` }),
      meta(),
    );

    expect(overlapped()).toBe(true);
  });

  it('an address whose records predate its registry still finds its first record', async () => {
    const deps = table.deps();
    const email = `legacy-${Date.now()}@example.org`;
    const first = await submitRequest(deps, requestInput({ email }), meta());
    const registry = addressRegistryKey('request', emailHash(email));
    await table.db.send(new DeleteCommand({ TableName: table.tableName, Key: registry }));

    await submitRequest(deps, requestInput({ email, children: 0 }), meta());
    expect(await requestsByEmail(deps, email)).toHaveLength(1);
    await actOnLink(deps, linksIn((await lastMailTo(table, email)).text).confirm, 'confirm');
    expect(await getRequest(deps, first.id)).toMatchObject({ children: 0, version: 1 });
    const { Item } = await table.db.send(
      new GetCommand({ TableName: table.tableName, Key: registry, ConsistentRead: true }),
    );
    expect(Item).toMatchObject({ kind: 'address-registry', ids: [first.id] });
    expect(JSON.stringify(Item)).not.toContain(email);
  });
});

describe('rate limits', () => {
  // A frozen clock keeps every submission in one fixed window, whenever the test runs.
  const frozenDeps = () => {
    const at = new Date();
    return table.deps({ now: () => at });
  };

  it('refuse a sixth submission for one address within the hour', async () => {
    const deps = frozenDeps();
    const email = `busy-${Date.now()}@example.org`;
    for (let i = 0; i < 5; i++) await submitRequest(deps, requestInput({ email }), meta());
    await expect(submitRequest(deps, requestInput({ email }), meta())).rejects.toThrow(TooManyRequests);
  });

  it('refuse a submission from a source address once its hourly limit is used up', async () => {
    const deps = frozenDeps();
    const sourceIp = '192.0.2.77';
    for (let i = 0; i < SUBMIT_PER_IP.limit; i++) {
      await submitRequest(deps, requestInput(), { ...meta(), sourceIp });
    }
    await expect(submitRequest(deps, requestInput(), { ...meta(), sourceIp })).rejects.toThrow(
      TooManyRequests,
    );
  });

  it('count in the submission’s own transaction, the hourly mail cap too: it writes once', async () => {
    const writes: string[] = [];
    const db = watchedClient(table, (name) => {
      if (/^(Put|Update|Delete)Item|^TransactWrite/.test(name)) writes.push(name);
      return undefined;
    });

    await submitRequest(table.deps({ db }), requestInput(), meta());

    // DynamoDB Local commits one write at a time: each one more per submission slowed a surge.
    expect(writes).toEqual(['TransactWriteItemsCommand']);
  });

  it('reads its mailbox’s window, whether the address is blocked and its records at once, not one after another', async () => {
    let reading = 0;
    let most = 0;
    const db = watchedClient(table, (name) => {
      if (!/^GetItem/.test(name)) return undefined;
      most = Math.max(most, ++reading);
      return () => reading--;
    });

    await submitOffer(table.deps({ db }), offerInput(), meta());

    // The source address's window is read alone first, before the gazetteer; then these three.
    expect(most).toBe(3);
  });
});

describe('privacy', () => {
  it('writes no name, email, phone, note or token to the logs while submitting, confirming and managing', async () => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    };
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(capture),
    );
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const secrets = {
      name: 'Zeynep Secretname',
      email: 'zeynep.private@example.org',
      phone: '+90 532 987 65 43',
      notes: 'my flat is at Secret Street 5',
    };
    const tokens: string[] = [];
    try {
      const deps = table.deps();
      await submitOffer(deps, offerInput(secrets), meta());
      await submitOffer(deps, offerInput({ ...secrets, city: 'Nowhere' }), meta()).catch(() => undefined);
      await submitOffer(deps, { ...offerInput(secrets), [HONEYPOT_FIELD]: 'x' }, meta({ via: 'form' }));
      const { confirm, manage } = linksIn((await lastMailTo(table, secrets.email)).text);
      tokens.push(confirm, manage);
      await actOnLink(deps, confirm, 'confirm');
      await actOnLink(deps, confirm, 'confirm').catch(() => undefined);
      await actOnLink(deps, manage, 'pause');
      await actOnLink(deps, manage, 'edit', { beds: 0 }).catch(() => undefined);
      await actOnLink(deps, manage, 'withdraw');
    } finally {
      for (const spy of spies) spy.mockRestore();
      stdout.mockRestore();
    }
    expect(lines.length).toBeGreaterThan(0);
    const output = lines.join('\n');
    for (const secret of [
      ...Object.values(secrets),
      'Secretname',
      'zeynep.private',
      '987 65 43',
      ...tokens,
    ]) {
      expect(output).not.toContain(secret);
    }
  });
});

describe('what is stored', () => {
  it('mails go only through the outbox, one per submission', async () => {
    const input = offerInput();
    await submitOffer(table.deps(), input, meta());
    expect((await pendingMails(table)).filter((mail) => mail.to.includes(input.email))).toHaveLength(1);
  });
});
