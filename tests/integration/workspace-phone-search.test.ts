import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../shared/data/audit.ts';
import { emailHash } from '../../shared/data/items.ts';
import { coordinatorKey, phoneLookupKey } from '../../shared/data/keys.ts';
import { phoneHash } from '../../shared/data/phone-lookups.ts';
import { getRequest } from '../../shared/data/requests.ts';
import { normalisePhone } from '../../shared/domain/phone.ts';
import { createApp } from '../../shared/http/app.ts';
import { actOnLink, submitOffer, submitRequest } from '../../shared/intake/service.ts';
import { erasePerson, eraseRecord } from '../../shared/upkeep/lifecycle.ts';
import { useTestTable } from '../support/table.ts';
import { readItem } from './approval-support.ts';
import { allItems, lastMailTo, linksIn, offerInput, requestInput } from './intake-support.ts';
import { signedInVisitor, type Visitor } from './workspace-support.ts';

const COORDINATORS = { TR: ['tr@haven.test'], GE: ['ge@haven.test'], '*': ['all@haven.test'] };
const meta = { locale: 'en' as const, sourceIp: '192.0.2.81', via: 'api' as const };

const table = useTestTable({ COORDINATORS: JSON.stringify(COORDINATORS) });
let app: ReturnType<typeof createApp>;
let tr: Visitor;
let ge: Visitor;
let all: Visitor;

beforeAll(async () => {
  app = createApp(table.deps());
  [tr, ge, all] = await Promise.all([
    signedInVisitor(app, table, 'tr@haven.test'),
    signedInVisitor(app, table, 'ge@haven.test'),
    signedInVisitor(app, table, 'all@haven.test'),
  ]);
});

/** A Turkish mobile number nobody else in the table has, in its national and international forms. */
function turkishNumber() {
  const digits = String(Math.floor(Math.random() * 9_000_000) + 1_000_000);
  const local = `532 ${digits.slice(0, 3)} ${digits.slice(3)}`;
  return { national: `0${local}`, international: `+90 ${local}`, bare: `0090${local.replaceAll(' ', '')}` };
}

async function confirmedRequest(overrides: Record<string, unknown>) {
  const input = requestInput(overrides);
  const { id } = await submitRequest(table.deps(), input, meta);
  await actOnLink(table.deps(), linksIn((await lastMailTo(table, input.email)).text).confirm, 'confirm');
  return { id, email: input.email };
}

const search = async (visitor: Visitor, term: string, extra = '') =>
  (await visitor.get(`/coordinator/search?q=${encodeURIComponent(term)}${extra}`)).text();

describe('find anyone by phone number', () => {
  it('finds a record however the number is written, only in the coordinator’s countries, audited as a phone search', async () => {
    const number = turkishNumber();
    const { id } = await confirmedRequest({ phone: number.national });
    for (const term of [
      number.national,
      number.international,
      number.bare,
      number.national.replaceAll(' ', '-'),
    ]) {
      expect(await search(tr, term)).toContain(`/coordinator/requests/${id}`);
    }
    expect(await search(ge, number.international)).not.toContain(id);
    // A coordinator of every country reads a number without its country code in the country they picked.
    expect(await search(all, number.international)).toContain(id);
    expect(await search(all, number.national, '&country=TR')).toContain(id);
    const lookup = await readItem(table, phoneLookupKey('request', id));
    expect(lookup).toMatchObject({ gsi2pk: `PHONE#${phoneHash(normalisePhone(number.national, 'TR'))}` });
    expect(JSON.stringify(lookup)).not.toContain(number.national.slice(-7));
    const audit = await auditTrail(table.deps(), coordinatorKey(emailHash('tr@haven.test')).pk, 50);
    const searches = audit.filter((event) => event.action === 'coordinator.searched');
    expect(searches.every((event) => JSON.stringify(event).includes('phone'))).toBe(true);
    expect(JSON.stringify(searches)).not.toContain(number.national.slice(-7));
  });

  it('follows the number when a resubmission changes it, and finds an offer too', async () => {
    const first = turkishNumber();
    const second = turkishNumber();
    const { id, email } = await confirmedRequest({ phone: first.international });
    await submitRequest(table.deps(), requestInput({ email, phone: second.international }), meta);
    await actOnLink(table.deps(), linksIn((await lastMailTo(table, email)).text).confirm, 'confirm');
    expect(await getRequest(table.deps(), id)).toMatchObject({ phone: second.international });
    expect(await search(tr, first.national)).not.toContain(id);
    expect(await search(tr, second.national)).toContain(id);

    const host = offerInput({ phone: first.national });
    const offer = await submitOffer(table.deps(), host, meta);
    await actOnLink(table.deps(), linksIn((await lastMailTo(table, host.email)).text).confirm, 'confirm');
    expect(await search(tr, first.international)).toContain(`/coordinator/offers/${offer.id}`);
  });

  it('forgets the number with the record: erasure, a never-confirmed record deleted, and npm run erase’s erasure by address', async () => {
    const erased = turkishNumber();
    const { id } = await confirmedRequest({ phone: erased.national });
    const record = await getRequest(table.deps(), id);
    if (!record) throw new Error('request not stored');
    await eraseRecord(table.deps(), record, 'process:lifecycle');
    expect(await readItem(table, phoneLookupKey('request', id))).toBeUndefined();
    expect(await search(tr, erased.national)).not.toContain(id);

    const pending = turkishNumber();
    const input = requestInput({ phone: pending.national });
    const submitted = await submitRequest(table.deps(), input, meta);
    expect(await readItem(table, phoneLookupKey('request', submitted.id))).toBeDefined();
    const stored = await getRequest(table.deps(), submitted.id);
    if (!stored) throw new Error('request not stored');
    await eraseRecord(table.deps(), stored, 'process:lifecycle');
    expect(await readItem(table, phoneLookupKey('request', submitted.id))).toBeUndefined();

    const byAddress = turkishNumber();
    const other = await confirmedRequest({
      phone: byAddress.national,
      email: `erase-${randomUUID()}@example.org`,
    });
    await erasePerson(table.deps(), { email: other.email });
    const hash = phoneHash(normalisePhone(byAddress.national, 'TR'));
    expect((await allItems(table)).filter((item) => JSON.stringify(item).includes(hash))).toEqual([]);
  });
});
