import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CANCELLED_AT_ONCE } from '../../shared/approval/cancel.ts';
import { decide } from '../../shared/approval/service.ts';
import { dueCancellations } from '../../shared/data/cancellations.ts';
import { createDocumentClient } from '../../shared/data/client.ts';
import { cancellationsKey, offerKey, proposalKey, requestKey } from '../../shared/data/keys.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { Conflict } from '../../shared/domain/errors.ts';
import type { OfferRecord, RequestRecord } from '../../shared/domain/records.ts';
import { createApp } from '../../shared/http/app.ts';
import { formatDate } from '../../shared/i18n/format.ts';
import { actOnLink, submitOffer, submitRequest } from '../../shared/intake/service.ts';
import { createMatcher, createMatchingService } from '../../shared/matching/matcher.ts';
import { resolveCity } from '../../shared/places/gazetteer.ts';
import { auditItemsOf } from '../support/audit.ts';
import { daysFromNow } from '../support/dates.ts';
import { pendingMails } from '../support/outbox.ts';
import { failingAfterWrite, watchedClient } from '../support/race.ts';
import { testClient, useTestTable } from '../support/table.ts';
import {
  form,
  manageLinkFor,
  proposalMailsAbout,
  readItem,
  type SeededProposal,
  seedProposal,
  stateOf,
  UNDECIDED,
} from './approval-support.ts';
import { lastMailTo, linksIn, requestInput } from './intake-support.ts';

let app: ReturnType<typeof createApp>;

const table = useTestTable();
beforeAll(async () => {
  app = createApp(table.deps());
});

/** A pair whose dates lie ahead, so the manage link may move them. */
const seedFuture = (offer: Partial<OfferRecord> = {}, request: Partial<RequestRecord> = {}) =>
  seedProposal(table, {
    offer: { availableFrom: daysFromNow(1), availableTo: daysFromNow(120), beds: 4, ...offer },
    request: { arrival: daysFromNow(5), departure: daysFromNow(40), adults: 2, children: 1, ...request },
  });

/** A pair placed where the gazetteer puts Berlin, so a resubmission from Berlin changes no coordinate. */
async function seedInBerlin() {
  const place = await resolveCity('DE', 'Berlin');
  if ('suggestions' in place) throw new Error('Berlin does not resolve');
  const where = { city: place.name, lat: place.lat, lon: place.lon, cell: place.cell };
  return seedFuture(where, where);
}

const offerOf = async (seeded: SeededProposal) =>
  (await readItem(table, offerKey(seeded.offer.id))) as unknown as OfferRecord & Record<string, unknown>;
const requestOf = async (seeded: SeededProposal) =>
  (await readItem(table, requestKey(seeded.request.id))) as unknown as RequestRecord &
    Record<string, unknown>;

describe('a host changing an offer with a pending proposal', () => {
  it('cancels the proposal in the edit’s transaction: beds released, request back in the pool, coordinators told', async () => {
    const seeded = await seedFuture();
    await actOnLink(table.deps(), await manageLinkFor(table, seeded.offer), 'edit', { beds: 5 });

    const offer = await offerOf(seeded);
    expect(offer.beds).toBe(5);
    expect(offer.version).toBe(seeded.offer.version + 1);
    expect(await stateOf(table, seeded)).toMatchObject({
      proposal: 'cancelled',
      request: 'open',
      requestVersion: seeded.request.version + 1,
      hold: 'released',
      placementMails: 0,
    });
    expect((await requestOf(seeded)).gsi1pk).toBeDefined();
    const notices = await proposalMailsAbout(table, seeded);
    expect(notices.map((mail) => mail.template)).toEqual(['proposal-offer-changed']);
    expect(notices[0]?.to).toEqual(['coordinator@haven.test']);
    expect(notices[0]?.text).toContain('the host changed the offer');
    const trail = await auditItemsOf(table, offerKey(seeded.offer.id).pk);
    expect(trail.map((event) => [event.action, event.actor])).toEqual(
      expect.arrayContaining([
        ['edit', 'link:manage-offer'],
        ['offer.beds-released', 'link:manage-offer'],
      ]),
    );
  });

  it('moving the dates cancels it too, and the coordinator’s old links no longer approve', async () => {
    const seeded = await seedFuture();
    await actOnLink(table.deps(), await manageLinkFor(table, seeded.offer), 'edit', {
      availableTo: daysFromNow(20),
    });
    expect((await stateOf(table, seeded)).proposal).toBe('cancelled');
    const post = await app.request(
      `/proposals/approve/${seeded.approveToken}`,
      form({ decision: 'approve' }),
    );
    expect(post.status).toBe(409);
    expect((await stateOf(table, seeded)).placementMails).toBe(0);
  });

  it('pausing the offer cancels it with the reason “paused”', async () => {
    const seeded = await seedFuture();
    const outcome = await actOnLink(table.deps(), await manageLinkFor(table, seeded.offer), 'pause');
    expect(outcome.done).toBe('paused');
    expect((await offerOf(seeded)).status).toBe('paused');
    expect(await stateOf(table, seeded)).toMatchObject({
      proposal: 'cancelled',
      request: 'open',
      hold: 'released',
    });
    const notices = await proposalMailsAbout(table, seeded);
    expect(notices.map((mail) => mail.template)).toEqual(['proposal-offer-paused']);
    expect(notices[0]?.text).toContain('the offer was paused');
  });

  it('an edit that changes nothing leaves the proposal pending', async () => {
    const seeded = await seedFuture();
    await actOnLink(table.deps(), await manageLinkFor(table, seeded.offer), 'edit', {
      beds: seeded.offer.beds,
    });
    expect(await stateOf(table, seeded)).toMatchObject(UNDECIDED);
    expect(await proposalMailsAbout(table, seeded)).toHaveLength(0);
  });

  it('leaves an approved placement alone and cancels only the pending proposal beside it', async () => {
    const placed = await seedFuture({ multipleParties: true, beds: 6 }, { adults: 1, children: 0 });
    const pending = await seedFuture(
      { multipleParties: true, beds: 6, id: placed.offer.id },
      { adults: 2, children: 0 },
    );
    const approved = await app.request(
      `/proposals/approve/${placed.approveToken}`,
      form({ decision: 'approve' }),
    );
    expect(approved.status).toBe(303);
    await actOnLink(table.deps(), await manageLinkFor(table, await offerOf(placed)), 'edit', { beds: 5 });
    expect(await stateOf(table, placed)).toMatchObject({
      proposal: 'approved',
      request: 'placed',
      hold: 'placed',
    });
    expect(await stateOf(table, pending)).toMatchObject({
      proposal: 'cancelled',
      request: 'open',
      hold: 'released',
    });
    expect(await proposalMailsAbout(table, placed)).toHaveLength(0);
  });
});

describe('a host withdrawing an offer with more pending proposals than one transaction holds', () => {
  it('cancels every one of them: the change takes what fits, the rest follow', async () => {
    const count = MAX_CANCELLED_AT_ONCE + 3;
    const first = await seedFuture({ multipleParties: true, beds: count }, { adults: 1, children: 0 });
    const seeded = [first];
    for (let i = 1; i < count; i++)
      seeded.push(
        await seedFuture(
          { multipleParties: true, beds: count, id: first.offer.id },
          { adults: 1, children: 0 },
        ),
      );
    const outcome = await actOnLink(
      table.deps(),
      await manageLinkFor(table, await offerOf(first)),
      'withdraw',
    );
    expect(outcome.done).toBe('withdrawn');
    expect((await offerOf(first)).status).toBe('closed');
    for (const each of seeded) {
      expect(await stateOf(table, each)).toMatchObject({
        proposal: 'cancelled',
        request: 'open',
        hold: 'released',
        placementMails: 0,
      });
    }
  });

  it('a withdrawal whose cancellations all land takes its queue item off again, leaving the sweep nothing of it', async () => {
    const count = MAX_CANCELLED_AT_ONCE + 2;
    const first = await seedFuture({ multipleParties: true, beds: count }, { adults: 1, children: 0 });
    const seeded = [first];
    for (let i = 1; i < count; i++)
      seeded.push(
        await seedFuture(
          { multipleParties: true, beds: count, id: first.offer.id },
          { adults: 1, children: 0 },
        ),
      );
    const queued: string[] = [];
    const dropped: string[] = [];
    const db = watchedClient(table, (name, input) => {
      const text = JSON.stringify(input);
      if (name === 'TransactWriteItemsCommand' && text.includes('"kind":"cancellations"'))
        queued.push(...[...text.matchAll(/CANCELLATIONS#([0-9a-f-]{36})/g)].map((found) => String(found[1])));
      if (/^Delete(Item)?Command$/.test(name) && text.includes('CANCELLATIONS#'))
        dropped.push(
          ...[...text.matchAll(/CANCELLATIONS#([0-9a-f-]{36})/g)].map((found) => String(found[1])),
        );
      return undefined;
    });

    const outcome = await actOnLink(
      table.deps({ db }),
      await manageLinkFor(table, await offerOf(first)),
      'withdraw',
    );

    expect(outcome.done).toBe('withdrawn');
    expect(queued).toHaveLength(1);
    expect(dropped).toEqual(queued);
    expect(await readItem(table, cancellationsKey(String(queued[0])))).toBeUndefined();
    const ours = new Set(seeded.map((each) => each.proposal.id));
    for await (const due of dueCancellations(table.deps(), new Date(Date.now() + 86_400_000)))
      if (!('unreadable' in due)) expect(due.value.proposalIds.some((id) => ours.has(id))).toBe(false);
    for (const each of seeded) expect(await stateOf(table, each)).toMatchObject({ proposal: 'cancelled' });
  });

  it('a withdrawal whose cancellations all landed but whose queue item could not be deleted still answers withdrawn', async () => {
    const count = MAX_CANCELLED_AT_ONCE + 2;
    const first = await seedFuture({ multipleParties: true, beds: count }, { adults: 1, children: 0 });
    const seeded = [first];
    for (let i = 1; i < count; i++)
      seeded.push(
        await seedFuture(
          { multipleParties: true, beds: count, id: first.offer.id },
          { adults: 1, children: 0 },
        ),
      );
    const client = testClient(table);
    let refused = 0;
    const throttleDelete: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
      if (
        /^Delete(Item)?Command$/.test(context.commandName ?? '') &&
        JSON.stringify(args.input).includes('CANCELLATIONS#')
      ) {
        refused++;
        throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
      }
      return next(args);
    };
    client.middlewareStack.add(throttleDelete, { step: 'initialize', name: 'throttleDelete' });
    const faulty = table.deps({ db: createDocumentClient(client) });

    const outcome = await actOnLink(faulty, await manageLinkFor(table, await offerOf(first)), 'withdraw');

    expect(refused).toBeGreaterThan(0);
    expect(outcome.done).toBe('withdrawn');
    for (const each of seeded)
      expect(await stateOf(table, each)).toMatchObject({ proposal: 'cancelled', hold: 'released' });
  });

  it('a proposal whose cancellation never landed cannot place anyone on the closed offer', async () => {
    const seeded = await seedFuture();
    // As if the process stopped between the withdrawal and the cancellations that follow it.
    await table.db.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: offerKey(seeded.offer.id),
        UpdateExpression: 'SET #status = :closed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':closed': 'closed' },
      }),
    );
    const post = await app.request(
      `/proposals/approve/${seeded.approveToken}`,
      form({ decision: 'approve' }),
    );
    expect(post.status).toBe(409);
    expect(await stateOf(table, seeded)).toMatchObject({ request: 'proposed', placementMails: 0 });
    expect((await stateOf(table, seeded)).proposal).not.toBe('approved');
  });
});

describe('a host’s contact details changing under a pending proposal', () => {
  it('a confirmed resubmission with a new phone cancels it', async () => {
    const seeded = await seedInBerlin();
    const { offer } = seeded;
    await submitOffer(
      table.deps(),
      {
        name: offer.name,
        email: offer.email,
        phone: '+49 30 7654321',
        languages: offer.languages,
        country: offer.country,
        city: offer.city,
        availableFrom: offer.availableFrom,
        availableTo: offer.availableTo,
        beds: offer.beds,
        petsAllowed: offer.petsAllowed,
        childrenAllowed: offer.childrenAllowed,
        stepFree: offer.stepFree,
        multipleParties: offer.multipleParties,
        hostHousehold: offer.hostHousehold,
      },
      { locale: 'en', sourceIp: '192.0.2.63', via: 'api' },
    );
    expect(await stateOf(table, seeded)).toMatchObject(UNDECIDED);
    await actOnLink(table.deps(), linksIn((await lastMailTo(table, offer.email)).text).confirm, 'confirm');
    expect(await offerOf(seeded)).toMatchObject({ phone: '+49 30 7654321', factsVersion: 1 });
    expect(await stateOf(table, seeded)).toMatchObject({
      proposal: 'cancelled',
      request: 'open',
      hold: 'released',
      placementMails: 0,
    });
    expect((await proposalMailsAbout(table, seeded)).map((mail) => mail.template)).toEqual([
      'proposal-offer-changed',
    ]);
  });

  it('a confirmed resubmission cancels every pending proposal, more than its own transaction holds', async () => {
    const place = await resolveCity('DE', 'Berlin');
    if ('suggestions' in place) throw new Error('Berlin does not resolve');
    const where = { city: place.name, lat: place.lat, lon: place.lon, cell: place.cell };
    // More than fit beside the confirmation (one more than it carries can fit, when the queue
    // item's slot is not needed): it writes its own items and as many cancellations as fit, so a
    // confirmation that grew well past the room kept for it fails here.
    const count = MAX_CANCELLED_AT_ONCE + 2;
    const single = { adults: 1, children: 0, ...where };
    const first = await seedFuture({ multipleParties: true, beds: count, ...where }, single);
    const seeded = [first];
    for (let i = 1; i < count; i++)
      seeded.push(
        await seedFuture({ multipleParties: true, beds: count, id: first.offer.id, ...where }, single),
      );
    const offer = await offerOf(first);
    await submitOffer(
      table.deps(),
      {
        name: offer.name,
        email: offer.email,
        phone: '+49 30 7654322',
        languages: offer.languages,
        country: offer.country,
        city: offer.city,
        availableFrom: offer.availableFrom,
        availableTo: offer.availableTo,
        beds: offer.beds,
        petsAllowed: offer.petsAllowed,
        childrenAllowed: offer.childrenAllowed,
        stepFree: offer.stepFree,
        multipleParties: offer.multipleParties,
        hostHousehold: offer.hostHousehold,
      },
      { locale: 'en', sourceIp: '192.0.2.64', via: 'api' },
    );
    await actOnLink(table.deps(), linksIn((await lastMailTo(table, offer.email)).text).confirm, 'confirm');
    expect(await offerOf(first)).toMatchObject({ phone: '+49 30 7654322', factsVersion: 1 });
    for (const each of seeded)
      expect(await stateOf(table, each)).toMatchObject({
        proposal: 'cancelled',
        request: 'open',
        hold: 'released',
      });
    // Proposals seeded one by one: on a loaded machine more than the default 30 s.
  }, 120_000);

  it('a confirmed resubmission whose press dies after its transaction leaves the cancellations it had no room for to the every-minute task', async () => {
    const place = await resolveCity('DE', 'Berlin');
    if ('suggestions' in place) throw new Error('Berlin does not resolve');
    const where = { city: place.name, lat: place.lat, lon: place.lon, cell: place.cell };
    const count = MAX_CANCELLED_AT_ONCE + 2;
    const single = { adults: 1, children: 0, ...where };
    const first = await seedFuture({ multipleParties: true, beds: count, ...where }, single);
    const seeded = [first];
    for (let i = 1; i < count; i++)
      seeded.push(
        await seedFuture({ multipleParties: true, beds: count, id: first.offer.id, ...where }, single),
      );
    const offer = await offerOf(first);
    await submitOffer(
      table.deps(),
      {
        name: offer.name,
        email: offer.email,
        phone: '+49 30 7654323',
        languages: offer.languages,
        country: offer.country,
        city: offer.city,
        availableFrom: offer.availableFrom,
        availableTo: offer.availableTo,
        beds: offer.beds,
        petsAllowed: offer.petsAllowed,
        childrenAllowed: offer.childrenAllowed,
        stepFree: offer.stepFree,
        multipleParties: offer.multipleParties,
        hostHousehold: offer.hostHousehold,
      },
      { locale: 'en', sourceIp: '192.0.2.65', via: 'api' },
    );
    // Every call after the press's transaction fails, as a crash or a throttle would.
    const press = failingAfterWrite(table, 'resubmission-confirmed');
    await actOnLink(
      table.deps({ db: press.db }),
      linksIn((await lastMailTo(table, offer.email)).text).confirm,
      'confirm',
    );
    expect(press.failed()).toBe(true);
    press.destroy();
    expect(await offerOf(first)).toMatchObject({ phone: '+49 30 7654323', factsVersion: 1 });
    const states = async () => Promise.all(seeded.map((each) => stateOf(table, each)));
    expect((await states()).filter((state) => state.proposal === 'pending')).toHaveLength(
      count - MAX_CANCELLED_AT_ONCE,
    );

    await createMatcher(table.deps({ now: () => new Date(Date.now() + 2 * 60_000) }))({
      source: 'haven.schedule',
      task: 'lifecycle',
    });

    for (const state of await states())
      expect(state).toMatchObject({ proposal: 'cancelled', request: 'open', hold: 'released' });
    // Seeded one by one: on a loaded machine more than the default 30 s.
  }, 120_000);

  it('a proposal made before the offer changed cannot be approved, even where its cancellation never landed', async () => {
    const count = MAX_CANCELLED_AT_ONCE + 2;
    const first = await seedFuture({ multipleParties: true, beds: count + 1 }, { adults: 1, children: 0 });
    const seeded = [first];
    for (let i = 1; i < count; i++)
      seeded.push(
        await seedFuture(
          { multipleParties: true, beds: count + 1, id: first.offer.id },
          { adults: 1, children: 0 },
        ),
      );
    // The edit's own transaction lands; the cancellations that follow it are lost.
    let transactions = 0;
    const client = testClient(table);
    const dropAfterFirst: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand' && ++transactions > 1) {
        throw Object.assign(new Error('lost'), { name: 'InternalServerError' });
      }
      return next(args);
    };
    client.middlewareStack.add(dropAfterFirst, { step: 'initialize', name: 'dropAfterFirst' });
    const faulty = table.deps({ db: createDocumentClient(client) });
    await actOnLink(faulty, await manageLinkFor(table, await offerOf(first)), 'edit', { beds: count + 2 });
    client.destroy();
    expect(transactions).toBe(3);

    const offer = await offerOf(first);
    expect(offer).toMatchObject({ status: 'open', beds: count + 2, factsVersion: 1 });
    const left = [];
    for (const each of seeded) if ((await stateOf(table, each)).proposal === 'pending') left.push(each);
    expect(left).toHaveLength(count - MAX_CANCELLED_AT_ONCE);
    for (const each of left) {
      expect(await decide(table.deps(), 'approve', each.approveToken)).toEqual({
        state: 'decided',
        status: 'cancelled',
      });
      expect(await stateOf(table, each)).toMatchObject({ proposal: 'pending', placementMails: 0 });
    }
    // Proposals seeded one by one: on a loaded machine more than the default 30 s.
  }, 120_000);
});

describe('a seeker changing a request with a pending proposal', () => {
  it('cancels the proposal and reopens the request in the edit’s own write', async () => {
    const seeded = await seedFuture();
    const arrival = daysFromNow(7);
    const outcome = await actOnLink(table.deps(), await manageLinkFor(table, seeded.request), 'edit', {
      arrival,
    });
    expect(outcome.record.status).toBe('open');

    const request = await requestOf(seeded);
    expect(request).toMatchObject({ status: 'open', arrival, version: seeded.request.version + 1 });
    expect(request.gsi1pk).toBeDefined();
    expect(await stateOf(table, seeded)).toMatchObject({
      proposal: 'cancelled',
      request: 'open',
      hold: 'released',
    });
    const notices = await proposalMailsAbout(table, seeded);
    expect(notices.map((mail) => mail.template)).toEqual(['proposal-request-changed']);
    expect(notices[0]?.text).toContain('the seeker changed the request');
  });

  it('the matcher then proposes again on the new facts', async () => {
    const seeded = await seedFuture();
    const arrival = daysFromNow(9);
    await actOnLink(table.deps(), await manageLinkFor(table, seeded.request), 'edit', { arrival, adults: 3 });
    const matched = await createMatchingService(table.deps()).writeProposal(
      seeded.offer.id,
      seeded.request.id,
      newReadStats(),
      { retries: 0 },
    );
    expect(matched).toBe('proposed');
    const proposals = (await pendingMails(table)).filter(
      (mail) => mail.template === 'proposal' && mail.text.includes(seeded.request.name),
    );
    expect(proposals).toHaveLength(2);
    expect(proposals.some((mail) => mail.text.includes(formatDate(arrival, 'en')))).toBe(true);
    expect((await requestOf(seeded)).status).toBe('proposed');
  });

  it('a confirmed resubmission with new dates cancels it as an edit does', async () => {
    const seeded = await seedFuture();
    const arrival = daysFromNow(6);
    await submitRequest(
      table.deps(),
      requestInput({
        email: seeded.request.email,
        country: 'DE',
        city: 'Berlin',
        arrival,
        departure: daysFromNow(30),
        adults: 2,
        children: 1,
      }),
      { locale: 'uk', sourceIp: '192.0.2.61', via: 'api' },
    );
    expect(await stateOf(table, seeded)).toMatchObject(UNDECIDED);
    await actOnLink(
      table.deps(),
      linksIn((await lastMailTo(table, seeded.request.email)).text).confirm,
      'confirm',
    );
    expect(await requestOf(seeded)).toMatchObject({ status: 'open', arrival });
    expect(await stateOf(table, seeded)).toMatchObject({
      proposal: 'cancelled',
      request: 'open',
      hold: 'released',
    });
    expect((await proposalMailsAbout(table, seeded)).map((mail) => mail.template)).toEqual([
      'proposal-request-changed',
    ]);
  });

  it('a confirmed resubmission that changes only the seeker’s phone cancels it: the host would get a number the coordinator never saw', async () => {
    const seeded = await seedInBerlin();
    await submitRequest(
      table.deps(),
      requestInput({
        email: seeded.request.email,
        name: seeded.request.name,
        phone: '+380 99 000 1111',
        languages: seeded.request.languages,
        country: 'DE',
        city: 'Berlin',
        arrival: seeded.request.arrival,
        departure: seeded.request.departure,
        adults: 2,
        children: 1,
      }),
      { locale: 'uk', sourceIp: '192.0.2.62', via: 'api' },
    );
    await actOnLink(
      table.deps(),
      linksIn((await lastMailTo(table, seeded.request.email)).text).confirm,
      'confirm',
    );
    expect(await requestOf(seeded)).toMatchObject({ status: 'open', phone: '+380 99 000 1111' });
    expect(await stateOf(table, seeded)).toMatchObject({ proposal: 'cancelled', hold: 'released' });
    expect((await proposalMailsAbout(table, seeded)).map((mail) => mail.template)).toEqual([
      'proposal-request-changed',
    ]);
  });

  it('an edit racing an approval: exactly one of them takes effect', async () => {
    for (let round = 0; round < 4; round++) {
      const seeded = await seedFuture();
      const manage = await manageLinkFor(table, seeded.request);
      const [edit, approval] = await Promise.allSettled([
        actOnLink(table.deps(), manage, 'edit', { children: 2 }),
        app.request(`/proposals/approve/${seeded.approveToken}`, form({ decision: 'approve' })),
      ]);
      const state = await stateOf(table, seeded);
      if (edit.status === 'fulfilled') {
        expect(state).toMatchObject({
          proposal: 'cancelled',
          request: 'open',
          hold: 'released',
          placementMails: 0,
        });
        expect((await requestOf(seeded)).children).toBe(2);
        expect(approval.status === 'fulfilled' && approval.value.status).toBe(409);
      } else {
        expect(edit.reason).toBeInstanceOf(Conflict);
        expect(approval.status === 'fulfilled' && approval.value.status).toBe(303);
        expect(state).toMatchObject({ proposal: 'approved', request: 'placed', placementMails: 2 });
        expect((await requestOf(seeded)).children).toBe(seeded.request.children);
      }
      expect((await readItem(table, proposalKey(seeded.proposal.id)))?.status).not.toBe('pending');
    }
  });
});
