import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getOffer } from '../../shared/data/offers.ts';
import { actOnLink, submitOffer } from '../../shared/intake/service.ts';
import { verifyHost } from '../../shared/workspace/records.ts';
import { keptRecord } from '../support/records.ts';
import { useTestTable } from '../support/table.ts';
import { lastMailTo, linksIn, offerInput } from './intake-support.ts';

const table = useTestTable();
const meta = { locale: 'tr' as const, sourceIp: '192.0.2.88', via: 'form' as const };
const coordinator = { email: 'tr@haven.test', countries: ['TR'] };

/** A confirmed offer in İstanbul, checked by a coordinator as given, with its manage link. */
async function checkedOffer(check: Parameters<typeof verifyHost>[3]) {
  const email = `host.${randomUUID().slice(0, 8)}@haven.test`;
  const { id } = await submitOffer(table.deps(), offerInput({ email }), meta);
  const { confirm, manage } = linksIn((await lastMailTo(table, email)).text);
  await actOnLink(table.deps(), confirm, 'confirm');
  await verifyHost(table.deps(), coordinator, id, check);
  return { id, manage };
}

describe('a host check after the host changes the offer', () => {
  it('a visit no longer counts once the offer moves to another city: the host is to be checked again', async () => {
    const { id, manage } = await checkedOffer({ outcome: 'verified', method: 'visit' });
    await actOnLink(table.deps(), manage, 'edit', { beds: 2 });
    expect(keptRecord(await getOffer(table.deps(), id)).verification).toMatchObject({ method: 'visit' });

    await actOnLink(table.deps(), manage, 'edit', { city: 'İzmir' });
    const moved = keptRecord(await getOffer(table.deps(), id));
    expect(moved.city).toMatch(/zmir/);
    expect(moved.verification).toBeUndefined();
  });

  it('a check by phone is of the person and stays when the offer moves', async () => {
    const { id, manage } = await checkedOffer({ outcome: 'verified', method: 'phone' });
    await actOnLink(table.deps(), manage, 'edit', { city: 'Ankara' });
    expect(keptRecord(await getOffer(table.deps(), id)).verification).toMatchObject({
      state: 'verified',
      method: 'phone',
    });
  });

  it('a rejection stays whatever the host changes', async () => {
    const { id, manage } = await checkedOffer({ outcome: 'rejected', reason: 'The flat does not exist' });
    await actOnLink(table.deps(), manage, 'edit', { city: 'İzmir', beds: 4 });
    expect(keptRecord(await getOffer(table.deps(), id)).verification).toMatchObject({ state: 'rejected' });
  });
});
