import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blockOf } from '../../shared/data/blocks.ts';
import { emailHash } from '../../shared/data/items.ts';
import { offerKey, requestKey } from '../../shared/data/keys.ts';
import { Gone } from '../../shared/domain/errors.ts';
import { DAY_MS } from '../../shared/domain/time.ts';
import { createApp } from '../../shared/http/app.ts';
import { actOnLink, submitOffer, submitRequest } from '../../shared/intake/service.ts';
import { createMailer } from '../../shared/mail/mailer.ts';
import type { MailTransport } from '../../shared/mail/transports.ts';
import { runLifecycle } from '../../shared/upkeep/lifecycle.ts';
import { blockAddress, unblockAddress } from '../../shared/workspace/block.ts';
import { daysFromNow } from '../support/dates.ts';
import { keptLog } from '../support/kept-log.ts';
import { conflictingClient, erasureOf, overtakenOn } from '../support/race.ts';
import { followRedirect } from '../support/redirects.ts';
import { type TestTable, useTestTable } from '../support/table.ts';
import { form, readItem } from './approval-support.ts';
import { allItems, lastMailTo, linksIn, offerInput, requestInput } from './intake-support.ts';

const MINUTE = 60_000;
const kept = useTestTable();
const none = useTestTable({ RETENTION_DAYS: '0' });
const colliding = useTestTable({ RETENTION_DAYS: '0' });
const owned = useTestTable({ RETENTION_DAYS: '0' });

const meta = { locale: 'en' as const, sourceIp: '192.0.2.79', via: 'api' as const };
const scope = { email: 'coordinator@haven.test', countries: '*' } as const;
/** A clock `ms` from `start`. */
const at = (start: number, ms: number) => () => new Date(start + ms);

function person(role: 'host' | 'seeker') {
  const tag = randomUUID().slice(0, 8);
  const digits = String(Math.floor(Math.random() * 9_000_000) + 1_000_000);
  return {
    name: `${role === 'host' ? 'Ayşe' : 'Oksana'} Overtaken-${tag}`,
    email: `${role}-${tag}@example.org`,
    phone: `+90 533 ${digits.slice(0, 3)} ${digits.slice(3)}`,
  };
}

/** Delivers every unsent mail, as the mailer does within seconds: sent mail keeps no body. */
async function deliverAll(table: TestTable) {
  const transport: MailTransport = { name: 'directory', send: async () => ({ refused: [] }) };
  const now = () => new Date(Date.now() + 10 * MINUTE);
  await createMailer(table.deps({ now }), transport)({ source: 'haven.schedule', task: 'sweep' });
}

/** What in the whole table still names this person or holds their address's hash. */
async function tracesOf(table: TestTable, who: ReturnType<typeof person>) {
  const needles = [who.name, who.email, who.phone, emailHash(who.email)];
  return (await allItems(table)).filter((item) =>
    needles.some((needle) => JSON.stringify(item).includes(needle)),
  );
}

async function confirmedRequest(table: TestTable, who: ReturnType<typeof person>) {
  const { id } = await submitRequest(table.deps(), requestInput(who), meta);
  const { confirm, manage } = linksIn((await lastMailTo(table, who.email)).text);
  await actOnLink(table.deps(), confirm, 'confirm');
  return { id, manage };
}

describe('the lifecycle’s erasure, overtaken by a write between its read and its own', () => {
  it('erases in the same run a blocked request whose block a coordinator lifts meanwhile', async () => {
    const seeker = person('seeker');
    const { id } = await confirmedRequest(none, seeker);
    await blockAddress(none.deps(), scope, 'request', id);
    expect(await readItem(none, requestKey(id))).toMatchObject({ status: 'withdrawn' });
    const { log, events } = keptLog();
    const raced = overtakenOn(none, erasureOf(requestKey(id).pk), () =>
      unblockAddress(none.deps(), scope, 'request', id),
    );

    const report = await runLifecycle(none.deps({ db: raced.db, log, now: at(Date.now(), MINUTE) }));

    expect(raced.overtaken()).toBe(1);
    expect(events('erase.overtaken')).toHaveLength(1);
    expect(report).toMatchObject({ erased: 1, skipped: 0, failed: 0 });
    expect(await blockOf(none.deps(), seeker.email)).toBeUndefined();
    await deliverAll(none);
    expect(await readItem(none, requestKey(id))).toMatchObject({
      status: 'withdrawn',
      erasedAt: expect.any(String),
    });
    expect(await tracesOf(none, seeker)).toEqual([]);
  });

  it('erases in the same run a withdrawn request whose erasure’s transaction meets another at the same moment', async () => {
    const seeker = person('seeker');
    const { id, manage } = await confirmedRequest(colliding, seeker);
    await actOnLink(colliding.deps(), manage, 'withdraw');
    const { log, events } = keptLog();
    const db = conflictingClient(colliding, 1, erasureOf(requestKey(id).pk));

    const report = await runLifecycle(colliding.deps({ db, log, now: at(Date.now(), MINUTE) }));

    expect(events('erase.overtaken')).toHaveLength(1);
    expect(events('lifecycle.failed')).toEqual([]);
    expect(report).toMatchObject({ erased: 1, skipped: 0, failed: 0 });
    expect(await readItem(colliding, requestKey(id))).toMatchObject({
      status: 'withdrawn',
      erasedAt: expect.any(String),
    });
  });

  it('counts as ended a withdrawn request its owner erases between the sweep’s read and its write', async () => {
    const seeker = person('seeker');
    const { id, manage } = await confirmedRequest(owned, seeker);
    await actOnLink(owned.deps(), manage, 'withdraw');
    const raced = overtakenOn(owned, erasureOf(requestKey(id).pk), () =>
      actOnLink(owned.deps(), manage, 'erase'),
    );

    const report = await runLifecycle(owned.deps({ db: raced.db, now: at(Date.now(), MINUTE) }));

    expect(raced.overtaken()).toBe(1);
    expect(report).toMatchObject({ due: 1, erased: 0, ended: 1, kept: 0, skipped: 0, failed: 0 });
    expect(await readItem(owned, requestKey(id))).toMatchObject({ erasedAt: expect.any(String) });
  });

  it('leaves an unconfirmed offer sent again meanwhile for its new confirm link, and deletes it when that expires', async () => {
    // Dates still ahead when it is sent again a week later.
    const host = { ...person('host'), availableFrom: daysFromNow(10), availableTo: daysFromNow(60) };
    const start = Date.now();
    const { id } = await submitOffer(kept.deps({ now: at(start, 0) }), offerInput(host), meta);
    const { log, events } = keptLog();
    const raced = overtakenOn(kept, erasureOf(offerKey(id).pk), () =>
      submitOffer(kept.deps({ now: at(start, 7 * DAY_MS) }), offerInput(host), meta),
    );

    const report = await runLifecycle(kept.deps({ db: raced.db, log, now: at(start, 7 * DAY_MS + MINUTE) }));

    expect(raced.overtaken()).toBe(1);
    expect(events('erase.overtaken')).toHaveLength(1);
    expect(report).toMatchObject({ deleted: 0, kept: 1, skipped: 0, failed: 0 });
    expect(await readItem(kept, offerKey(id))).toMatchObject({ status: 'pending', email: host.email });
    const { confirm } = linksIn((await lastMailTo(kept, host.email)).text);

    await runLifecycle(kept.deps({ now: at(start, 14 * DAY_MS + 2 * MINUTE) }));
    expect(await readItem(kept, offerKey(id))).toBeUndefined();
    await expect(
      actOnLink(kept.deps({ now: at(start, 14 * DAY_MS + 3 * MINUTE) }), confirm, 'confirm'),
    ).rejects.toThrow(Gone);
  });
});

describe('“Delete my data now”, overtaken by a write between its read and its own', () => {
  it('erases the request when its owner’s edit in another tab lands between the read and the write', async () => {
    const seeker = person('seeker');
    const { id, manage } = await confirmedRequest(kept, seeker);
    const { log, events } = keptLog();
    const raced = overtakenOn(kept, erasureOf(requestKey(id).pk), () =>
      actOnLink(kept.deps(), manage, 'edit', { adults: 2 }),
    );
    const app = createApp(kept.deps({ db: raced.db, log }));

    const done = await app.request(`/manage/${manage}?lang=en`, form({ action: 'erase' }));

    expect(done.headers.get('location')).toBe('/done/erased?lang=en');
    expect(await (await followRedirect(app, done)).text()).toContain('Your data is deleted');
    expect(raced.overtaken()).toBe(1);
    expect(events('erase.overtaken')).toHaveLength(1);
    // Erased as the edit left it: its people counted from two adults, not one (requestInput has two children).
    const erasedItem = await readItem(kept, requestKey(id));
    expect(erasedItem).toMatchObject({ status: 'withdrawn', people: 4, erasedAt: expect.any(String) });
    expect(erasedItem).not.toHaveProperty('adults');
    await deliverAll(kept);
    expect(await tracesOf(kept, seeker)).toEqual([]);
  });

  it('erases the request when its erasure’s transaction meets another at the same moment', async () => {
    const seeker = person('seeker');
    const { id, manage } = await confirmedRequest(kept, seeker);
    const { log, events } = keptLog();
    const db = conflictingClient(kept, 1, erasureOf(requestKey(id).pk));

    const done = await createApp(kept.deps({ db, log })).request(
      `/manage/${manage}?lang=en`,
      form({ action: 'erase' }),
    );

    expect(done.headers.get('location')).toBe('/done/erased?lang=en');
    expect(events('erase.overtaken')).toHaveLength(1);
    expect(await readItem(kept, requestKey(id))).toMatchObject({ erasedAt: expect.any(String) });
  });

  it('says the data is deleted to a second press that lands after the first press erased it, before its links went', async () => {
    const seeker = person('seeker');
    const { id, manage } = await confirmedRequest(kept, seeker);
    let erasing = false;
    let second: Response | undefined;
    // The first command after the erasure's transaction (its links' tidying) waits for the second press.
    const after = (name: string, input: Record<string, unknown>) => {
      if (erasing) return true;
      erasing = erasureOf(requestKey(id).pk)(name, input);
      return false;
    };
    const raced = overtakenOn(kept, after, async () => {
      expect(await readItem(kept, requestKey(id))).toMatchObject({ erasedAt: expect.any(String) });
      second = await createApp(kept.deps()).request(`/manage/${manage}?lang=uk`, form({ action: 'erase' }));
    });

    const first = await createApp(kept.deps({ db: raced.db })).request(
      `/manage/${manage}?lang=en`,
      form({ action: 'erase' }),
    );

    expect(raced.overtaken()).toBe(1);
    expect(first.headers.get('location')).toBe('/done/erased?lang=en');
    expect(second?.headers.get('location')).toBe('/done/erased?lang=uk');
    await deliverAll(kept);
    expect(await tracesOf(kept, seeker)).toEqual([]);
  });

  it('says nothing was deleted yet when every try is overtaken, keeps the record as it stands, and erases on the next press', async () => {
    const seeker = person('seeker');
    const { id, manage } = await confirmedRequest(kept, seeker);
    let adults = 1;
    const raced = overtakenOn(
      kept,
      erasureOf(requestKey(id).pk),
      () => actOnLink(kept.deps(), manage, 'edit', { adults: ++adults }),
      Number.POSITIVE_INFINITY,
    );

    const refused = await createApp(kept.deps({ db: raced.db })).request(
      `/manage/${manage}?lang=tr`,
      form({ action: 'erase' }),
    );

    expect(refused.status).toBe(409);
    const page = await refused.text();
    expect(page).toContain(
      'Henüz hiçbir şey silinmedi. Lütfen “Verilerimi şimdi sil” düğmesine yeniden basın.',
    );
    expect(page).toContain('value="erase"');
    expect(raced.overtaken()).toBe(5);
    expect(await readItem(kept, requestKey(id))).toMatchObject({
      status: 'open',
      email: seeker.email,
      adults,
    });

    const again = await createApp(kept.deps()).request(
      `/manage/${manage}?lang=tr`,
      form({ action: 'erase' }),
    );
    expect(again.headers.get('location')).toBe('/done/erased?lang=tr');
    await deliverAll(kept);
    expect(await tracesOf(kept, seeker)).toEqual([]);
  });
});
