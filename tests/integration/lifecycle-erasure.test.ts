import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sendDueCheckIns } from '../../shared/approval/check-in.ts';
import { auditTrail } from '../../shared/data/audit.ts';
import { emailHash } from '../../shared/data/items.ts';
import { addressRegistryKey, lifecycleKey, offerKey, requestKey } from '../../shared/data/keys.ts';
import { phoneHash } from '../../shared/data/phone-lookups.ts';
import { mailboxOf } from '../../shared/domain/email-address.ts';
import { Gone } from '../../shared/domain/errors.ts';
import { normalisePhone } from '../../shared/domain/phone.ts';
import { createApp } from '../../shared/http/app.ts';
import { actOnLink, submitOffer, submitRequest } from '../../shared/intake/service.ts';
import { createMailer } from '../../shared/mail/mailer.ts';
import type { MailTransport } from '../../shared/mail/transports.ts';
import { runLifecycle } from '../../shared/upkeep/lifecycle.ts';
import { verifyHost } from '../../shared/workspace/records.ts';
import { daysFromNow } from '../support/dates.ts';
import { type TestTable, useTestTable } from '../support/table.ts';
import { form, readItem, seedProposal } from './approval-support.ts';
import { allItems, lastMailTo, linksIn, offerInput, requestInput } from './intake-support.ts';

const DAY = 86_400_000;
const kept = useTestTable();
const none = useTestTable({ RETENTION_DAYS: '0' });

const meta = { locale: 'en' as const, sourceIp: '192.0.2.77', via: 'api' as const };
/** A clock `ms` from now. */
const later = (ms: number) => () => new Date(Date.now() + ms);

/** Someone nobody else in the table is: their name, address and phone appear nowhere else. */
function person(role: 'host' | 'seeker') {
  const tag = randomUUID().slice(0, 8);
  const digits = String(Math.floor(Math.random() * 9_000_000) + 1_000_000);
  return {
    name: `${role === 'host' ? 'Zeynep' : 'Mariia'} Erasable-${tag}`,
    // Mixed case and a +tag: rate limits count the mailbox, and its hash must go too.
    email: `${role}.${tag}+haven@GoogleMail.com`,
    phone: `+90 555 ${digits.slice(0, 3)} ${digits.slice(3)}`,
  };
}

/** Delivers every unsent mail, as the mailer does within seconds: sent mail keeps no body. */
async function deliverAll(table: TestTable, now: () => Date) {
  const transport: MailTransport = { name: 'directory', send: async () => ({ refused: [] }) };
  await createMailer(table.deps({ now }), transport)({ source: 'haven.schedule', task: 'sweep' });
}

/** What in the whole table still leads to this person: items naming them or holding their address's hash. */
async function tracesOf(table: TestTable, who: ReturnType<typeof person>) {
  const needles = [
    who.name,
    who.email,
    who.email.toLowerCase(),
    who.phone,
    emailHash(who.email),
    emailHash(mailboxOf(who.email)),
    phoneHash(normalisePhone(who.phone, 'TR')),
  ];
  return (await allItems(table)).filter((item) => {
    const text = JSON.stringify(item);
    return needles.some((needle) => text.includes(needle));
  });
}

async function confirmedOffer(table: TestTable, who: ReturnType<typeof person>, overrides = {}) {
  const { id } = await submitOffer(table.deps(), offerInput({ ...who, ...overrides }), meta);
  const { confirm, manage } = linksIn((await lastMailTo(table, who.email)).text);
  await actOnLink(table.deps(), confirm, 'confirm');
  return { id, manage };
}

async function confirmedRequest(table: TestTable, who: ReturnType<typeof person>, overrides = {}) {
  const { id } = await submitRequest(table.deps(), requestInput({ ...who, ...overrides }), meta);
  const { confirm, manage } = linksIn((await lastMailTo(table, who.email)).text);
  await actOnLink(table.deps(), confirm, 'confirm');
  return { id, manage };
}

describe('erasure after RETENTION_DAYS', () => {
  it('a withdrawn offer keeps its data until the horizon, then no item holds its name, email, phone or address hash', async () => {
    const host = person('host');
    const { id, manage } = await confirmedOffer(kept, host);
    await actOnLink(kept.deps(), manage, 'withdraw');
    await deliverAll(kept, later(10 * 60_000));

    await runLifecycle(kept.deps({ now: later(89 * DAY) }));
    expect(await tracesOf(kept, host)).not.toEqual([]);

    const report = await runLifecycle(kept.deps({ now: later(90 * DAY + 60_000) }));
    expect(report.erased).toBeGreaterThanOrEqual(1);
    expect(await tracesOf(kept, host)).toEqual([]);
    // What the overview counts stays, nothing else of the offer; its links died with it.
    const record = await readItem(kept, offerKey(id));
    expect(record).toMatchObject({ status: 'closed', country: 'TR' });
    expect(record?.erasedAt).toBeDefined();
    for (const gone of ['gsi2pk', 'gsi4pk', 'beds', 'city', 'lat', 'availableFrom', 'languages', 'locale'])
      expect(record).not.toHaveProperty(gone);
    await expect(actOnLink(kept.deps(), manage, 'withdraw')).rejects.toThrow(Gone);
    await runLifecycle(kept.deps({ now: later(91 * DAY) }));
    expect(await readItem(kept, lifecycleKey('offer', id))).toBeUndefined();
  });

  it("a rejected host's erasure takes the check with the reason a coordinator wrote about them; who rejected them and when stays in the record's history", async () => {
    const host = person('host');
    const { id, manage } = await confirmedOffer(kept, host);
    const reason = `${host.name} lives alone, the neighbour on ${host.phone} says he drinks`;
    const coordinator = { email: 'tr@haven.test', countries: ['TR'] };
    await verifyHost(kept.deps(), coordinator, id, { outcome: 'rejected', reason });
    await actOnLink(kept.deps(), manage, 'withdraw');
    await deliverAll(kept, later(10 * 60_000));
    expect(JSON.stringify(await readItem(kept, offerKey(id)))).toContain(reason);

    await runLifecycle(kept.deps({ now: later(90 * DAY + 60_000) }));
    const record = await readItem(kept, offerKey(id));
    expect(JSON.stringify(record)).not.toContain('neighbour');
    expect(record).not.toHaveProperty('verification');
    const trail = await auditTrail(kept.deps(), offerKey(id).pk, 50);
    expect(trail).toContainEqual(
      expect.objectContaining({ action: 'offer.host-rejected', actor: 'coordinator:tr@haven.test' }),
    );
    expect(await tracesOf(kept, host)).toEqual([]);
  });

  it('a withdrawn request is erased the same way, and its address registry goes with it', async () => {
    const seeker = person('seeker');
    const { id, manage } = await confirmedRequest(kept, seeker);
    await actOnLink(kept.deps(), manage, 'withdraw');
    await deliverAll(kept, later(10 * 60_000));
    expect(await readItem(kept, addressRegistryKey('request', emailHash(seeker.email)))).toBeDefined();

    await runLifecycle(kept.deps({ now: later(90 * DAY + 60_000) }));
    expect(await tracesOf(kept, seeker)).toEqual([]);
    const record = await readItem(kept, requestKey(id));
    expect(record).toMatchObject({ status: 'withdrawn', people: 3 });
    for (const gone of ['adults', 'arrival', 'languages', 'needsStepFree', 'locale'])
      expect(record).not.toHaveProperty(gone);
  });

  it('a record whose address is never confirmed goes entirely when its confirm link expires', async () => {
    const seeker = person('seeker');
    const { id } = await submitRequest(kept.deps(), requestInput(seeker), meta);
    await deliverAll(kept, later(10 * 60_000));

    await runLifecycle(kept.deps({ now: later(6 * DAY) }));
    expect(await readItem(kept, requestKey(id))).toBeDefined();

    await runLifecycle(kept.deps({ now: later(7 * DAY + 60_000) }));
    expect(await readItem(kept, requestKey(id))).toBeUndefined();
    expect(await tracesOf(kept, seeker)).toEqual([]);
  });

  it('an unconfirmed record sent again lives until the newest confirm link expires, unchanged till then', async () => {
    const seeker = { ...person('seeker'), arrival: daysFromNow(10), departure: daysFromNow(20) };
    const { id } = await submitRequest(kept.deps(), requestInput(seeker), meta);
    await submitRequest(kept.deps({ now: later(6 * DAY) }), requestInput({ ...seeker, adults: 3 }), meta);
    const { confirm } = linksIn((await lastMailTo(kept, seeker.email)).text);
    expect(await readItem(kept, requestKey(id))).toMatchObject({ adults: 1, status: 'pending' });

    await runLifecycle(kept.deps({ now: later(7 * DAY + 60_000) }));
    expect(await readItem(kept, requestKey(id))).toBeDefined();
    await actOnLink(kept.deps({ now: later(8 * DAY) }), confirm, 'confirm');
    expect(await readItem(kept, requestKey(id))).toMatchObject({ adults: 3, status: 'open' });
  });

  it('what a confirmed request is sent again with, and nobody confirms, goes when its confirm link expires', async () => {
    const seeker = person('seeker');
    const { id } = await confirmedRequest(kept, seeker);
    const newPhone = `+90 555 ${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`;
    await submitRequest(kept.deps(), requestInput({ ...seeker, phone: newPhone }), meta);
    const heldPhones = async () =>
      (await allItems(kept)).filter(
        (item) => item.kind === 'token' && JSON.stringify(item).includes(newPhone),
      );
    expect(await heldPhones()).toHaveLength(1);

    await runLifecycle(kept.deps({ now: later(7 * DAY - 60_000) }));
    expect(await heldPhones()).toHaveLength(1);
    await runLifecycle(kept.deps({ now: later(7 * DAY + 60_000) }));
    expect(await heldPhones()).toEqual([]);
    expect(await readItem(kept, requestKey(id))).toMatchObject({ status: 'open', phone: seeker.phone });
  });

  it('with RETENTION_DAYS=0 a withdrawn offer is erased by the next run, a minute later', async () => {
    const host = person('host');
    const { manage } = await confirmedOffer(none, host);
    await actOnLink(none.deps(), manage, 'withdraw');
    await deliverAll(none, later(10 * 60_000));

    await runLifecycle(none.deps({ now: later(60_000) }));
    expect(await tracesOf(none, host)).toEqual([]);
  });
});

describe('ending by date', () => {
  it('an open request expires once its departure date has passed, and not before', async () => {
    const seeker = person('seeker');
    const { id } = await confirmedRequest(kept, seeker, {
      arrival: daysFromNow(2),
      departure: daysFromNow(10),
    });

    await runLifecycle(kept.deps({ now: later(9 * DAY) }));
    expect(await readItem(kept, requestKey(id))).toMatchObject({ status: 'open' });

    await runLifecycle(kept.deps({ now: later(11 * DAY + 60_000) }));
    const request = await readItem(kept, requestKey(id));
    expect(request).toMatchObject({ status: 'expired' });
    expect(request).not.toHaveProperty('gsi1pk');
  });

  it('an open offer closes once availableTo has passed, leaving the pool', async () => {
    const host = person('host');
    const { id } = await confirmedOffer(kept, host, {
      availableFrom: daysFromNow(1),
      availableTo: daysFromNow(5),
    });

    await runLifecycle(kept.deps({ now: later(4 * DAY) }));
    expect(await readItem(kept, offerKey(id))).toMatchObject({ status: 'open' });

    await runLifecycle(kept.deps({ now: later(6 * DAY + 60_000) }));
    const offer = await readItem(kept, offerKey(id));
    expect(offer).toMatchObject({ status: 'closed' });
    expect(offer).not.toHaveProperty('gsi1pk');
  });

  it('with RETENTION_DAYS=0 an offer past availableTo is closed and erased in the same run', async () => {
    const host = person('host');
    const { id } = await confirmedOffer(none, host, {
      availableFrom: daysFromNow(1),
      availableTo: daysFromNow(3),
    });
    await deliverAll(none, later(10 * 60_000));

    await runLifecycle(none.deps({ now: later(4 * DAY + 60_000) }));
    expect(await readItem(none, offerKey(id))).toMatchObject({ status: 'closed' });
    expect(await tracesOf(none, host)).toEqual([]);
  });
});

describe('a pause that nobody ends', () => {
  it('a paused offer without an end closes RETENTION_DAYS after its last change, audited, and is erased RETENTION_DAYS later', async () => {
    const host = person('host');
    const { id, manage } = await confirmedOffer(kept, host, { availableTo: undefined });
    await actOnLink(kept.deps(), manage, 'pause');
    await deliverAll(kept, later(10 * 60_000));

    await runLifecycle(kept.deps({ now: later(89 * DAY) }));
    expect(await readItem(kept, offerKey(id))).toMatchObject({ status: 'paused' });

    await runLifecycle(kept.deps({ now: later(90 * DAY + 60_000) }));
    const closed = await readItem(kept, offerKey(id));
    expect(closed).toMatchObject({ status: 'closed' });
    expect(closed).not.toHaveProperty('gsi1pk');
    const trail = await auditTrail(kept.deps(), offerKey(id).pk, 50);
    expect(trail.map((event) => [event.action, event.actor, event.to])).toContainEqual([
      'pause-lapsed',
      'process:lifecycle',
      'closed',
    ]);
    expect(await tracesOf(kept, host)).not.toEqual([]);

    await runLifecycle(kept.deps({ now: later(180 * DAY + 2 * 60_000) }));
    expect(await tracesOf(kept, host)).toEqual([]);
  });

  it('a paused request without a departure expires the same way; with RETENTION_DAYS=0 a pause still lasts as long as the pause mail’s link, 60 days', async () => {
    const seeker = person('seeker');
    const { id, manage } = await confirmedRequest(none, seeker, { departure: undefined });
    await actOnLink(none.deps(), manage, 'pause');
    await deliverAll(none, later(10 * 60_000));

    await runLifecycle(none.deps({ now: later(59 * DAY) }));
    expect(await readItem(none, requestKey(id))).toMatchObject({ status: 'paused' });

    await runLifecycle(none.deps({ now: later(60 * DAY + 60_000) }));
    expect(await readItem(none, requestKey(id))).toMatchObject({ status: 'expired' });
    const trail = await auditTrail(none.deps(), requestKey(id).pk, 50);
    expect(trail.some((event) => event.action === 'pause-lapsed')).toBe(true);
    expect(await tracesOf(none, seeker)).toEqual([]);
  });
});

describe('a placement, end to end', () => {
  const placedTable = useTestTable();

  it('RETENTION_DAYS after the stay ends, no item holds the seeker: not the proposal, its mails, check-ins, links or lookups', async () => {
    const tag = randomUUID().slice(0, 8);
    const digits = String(Math.floor(Math.random() * 9_000_000) + 1_000_000);
    const phone = `+380 67 ${digits}`;
    const seeded = await seedProposal(placedTable, {
      request: { name: `Kateryna Placed-${tag}`, email: `placed-${tag}@seeker.test`, phone },
    });
    const app = createApp(placedTable.deps());
    const approved = await app.request(
      `/proposals/approve/${seeded.approveToken}`,
      form({ decision: 'approve' }),
    );
    expect(approved.status).toBe(303);
    const stayEnd = Date.parse(`${seeded.proposal.nightsTo}T00:00:00Z`);
    // Both check-ins (day 3 and day 30) go out, and every mail is sent, before the stay ends.
    await sendDueCheckIns(placedTable.deps({ now: () => new Date(stayEnd - DAY) }));
    await deliverAll(placedTable, () => new Date(stayEnd - DAY + 10 * 60_000));
    const seeker = [
      seeded.request.name,
      seeded.request.email,
      phone,
      emailHash(seeded.request.email),
      phoneHash(normalisePhone(phone, 'UA')),
    ];
    const traces = async () =>
      (await allItems(placedTable)).filter((item) =>
        seeker.some((needle) => JSON.stringify(item).includes(needle)),
      );
    expect(await traces()).not.toEqual([]);

    await runLifecycle(placedTable.deps({ now: () => new Date(stayEnd + 89 * DAY) }));
    expect(await readItem(placedTable, requestKey(seeded.request.id))).toMatchObject({ status: 'placed' });
    expect(await traces()).not.toEqual([]);

    const report = await runLifecycle(placedTable.deps({ now: () => new Date(stayEnd + 90 * DAY + 60_000) }));
    await deliverAll(placedTable, () => new Date(stayEnd + 90 * DAY + 10 * 60_000));

    expect(report.erased).toBe(1);
    expect(await readItem(placedTable, requestKey(seeded.request.id))).toMatchObject({
      status: 'placed',
      erasedAt: expect.any(String),
    });
    expect(await traces()).toEqual([]);
  });
});
