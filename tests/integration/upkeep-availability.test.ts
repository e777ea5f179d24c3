import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/data/client.ts';
import { availabilityCheckKey, offerKey, requestKey } from '../../shared/data/keys.ts';
import { issueToken } from '../../shared/data/tokens.ts';
import { dayInZone } from '../../shared/domain/country-day.ts';
import type { Locale, OfferRecord } from '../../shared/domain/records.ts';
import { lifecycleStep } from '../../shared/domain/retention.ts';
import { createApp } from '../../shared/http/app.ts';
import { countryZone, formatDate } from '../../shared/i18n/format.ts';
import { actOnLink, submitOffer } from '../../shared/intake/service.ts';
import { createMatcher } from '../../shared/matching/matcher.ts';
import {
  ANSWER_WITHIN_MS,
  ASK_EVERY_MS,
  availabilityCheckPut,
  runAvailabilityChecks,
} from '../../shared/upkeep/availability.ts';
import { auditItemsOf } from '../support/audit.ts';
import { daysFromNow } from '../support/dates.ts';
import { pendingMails } from '../support/outbox.ts';
import { followRedirect } from '../support/redirects.ts';
import { testClient, useTestTable } from '../support/table.ts';
import {
  form,
  questionOf,
  readItem,
  type SeededProposal,
  seedProposal,
  stateOf,
} from './approval-support.ts';
import { ASKED, at, T0, UNANSWERED } from './availability-clock.ts';
import { lastMailTo, linksIn, offerInput } from './intake-support.ts';
import { makeOffer, putOne } from './matching-support.ts';

const table = useTestTable();

const sweep = (ms: number) => runAvailabilityChecks(table.deps({ now: at(ms) }));
const appAt = (ms: number) => createApp(table.deps({ now: at(ms) }));

/** An offer confirmed at T0 with its first check scheduled, as the confirmation writes it. */
async function openOffer(overrides: Partial<OfferRecord> = {}): Promise<OfferRecord> {
  const offer = makeOffer(`o-${randomUUID().slice(0, 8)}`, {
    confirmedAt: new Date(T0).toISOString(),
    availableFrom: daysFromNow(1),
    availableTo: daysFromNow(120),
    ...overrides,
  });
  await putOne(table.db, table.tableName, offer);
  await scheduleCheck(offer.id);
  return offer;
}

/**
 * A client whose first transaction that mentions `marker` waits until the host has changed the
 * offer's beds through the manage link: the sweep and the host really collide.
 */
function hostEditsFirst(offerId: string, marker: string, beds: number) {
  const client: DynamoDBClient = testClient(table);
  const race = { happened: false };
  const editFirst: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    if (
      context.commandName === 'TransactWriteItemsCommand' &&
      JSON.stringify(args.input).includes(marker) &&
      !race.happened
    ) {
      race.happened = true;
      const manage = issueToken(
        table.tableName,
        {
          purpose: 'manage-offer',
          subjectKind: 'offer',
          subjectId: offerId,
          validForMs: 86400_000,
          singleUse: false,
        },
        new Date(),
      );
      await table.db.send(new PutCommand(manage.put.Put));
      await actOnLink(table.deps(), manage.raw, 'edit', { beds });
    }
    return next(args);
  };
  client.middlewareStack.add(editFirst, { step: 'initialize', name: 'hostEditsFirst' });
  return { client, race };
}

const scheduleCheck = (offerId: string) =>
  table.db.send(new PutCommand(availabilityCheckPut(table.tableName, offerId, new Date(T0)).Put));

const offerNow = async (id: string) =>
  (await readItem(table, offerKey(id))) as unknown as OfferRecord & Record<string, unknown>;
const checkOf = (id: string) => readItem(table, availabilityCheckKey(id));

const questionTo = (email: string) => questionOf(table, 'availability', email);

/** The mails telling a host that the offer was paused for want of an answer, with their yes links. */
async function pausedMailsTo(email: string) {
  const mails = (await pendingMails(table)).filter(
    (mail) => mail.template === 'availability-paused' && mail.to.includes(email),
  );
  return mails.map((mail) => ({
    ...mail,
    resume: /\/availability\/yes\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1] as string,
  }));
}

async function auditOf(pk: string) {
  return (await auditItemsOf(table, pk)).map((item) => ({
    action: item.action,
    actor: item.actor,
    from: item.from,
    to: item.to,
  }));
}

describe('scheduling', () => {
  it('confirming an offer schedules its first question two weeks later in the due queue', async () => {
    const input = offerInput();
    const { id } = await submitOffer(table.deps(), input, {
      locale: 'en',
      sourceIp: '192.0.2.40',
      via: 'api',
    });
    expect(await checkOf(id)).toBeUndefined();
    const before = Date.now();
    await actOnLink(table.deps(), linksIn((await lastMailTo(table, input.email)).text).confirm, 'confirm');
    const check = await checkOf(id);
    expect(check).toMatchObject({ kind: 'availability-check', phase: 'idle', gsi3pk: 'AVAILABILITY#due' });
    const due = Date.parse(String(check?.dueAt));
    expect(due).toBeGreaterThanOrEqual(before + ASK_EVERY_MS);
    expect(due).toBeLessThanOrEqual(Date.now() + ASK_EVERY_MS);
    expect(String(check?.gsi3sk)).toBe(`${check?.dueAt}#${id}`);
  });

  it('asks nobody before the two weeks are up', async () => {
    const offer = await openOffer();
    await sweep(ASK_EVERY_MS - 60_000);
    expect((await questionTo(offer.email)).count).toBe(0);
  });
});

describe('the question', () => {
  it.each<[Locale, string]>([
    ['en', 'Haven: is your place still available?'],
    ['ru', 'Haven: ваше жильё всё ещё свободно?'],
    ['uk', 'Haven: ваше житло досі вільне?'],
    ['tr', 'Haven: yeriniz hâlâ müsait mi?'],
  ])(
    'goes to the host once after two weeks, in the host’s language (%s), with absolute yes and no-longer links',
    async (locale, subject) => {
      const offer = await openOffer({ locale });
      const report = await sweep(ASKED);
      expect(report.failed).toBe(0);
      const { count, mail, yes, no } = await questionTo(offer.email);
      expect(count).toBe(1);
      expect(mail?.subject).toBe(subject);
      expect(mail?.locale).toBe(locale);
      expect(mail?.text).toContain(`http://haven.test/availability/yes/${yes}?lang=${locale}`);
      expect(mail?.text).toContain(`http://haven.test/availability/no/${no}?lang=${locale}`);
      expect(mail?.html).toContain(`http://haven.test/availability/yes/${yes}`);
      expect(await checkOf(offer.id)).toMatchObject({ phase: 'asked' });
      expect(await auditOf(offerKey(offer.id).pk)).toContainEqual({
        action: 'availability-asked',
        actor: 'process:availability',
        from: undefined,
        to: undefined,
      });

      await sweep(ASKED + 86400_000);
      expect((await questionTo(offer.email)).count).toBe(1);
      expect((await offerNow(offer.id)).status).toBe('open');
    },
  );

  it('runs in the matcher’s scheduled sweep', async () => {
    const offer = await openOffer();
    await createMatcher(table.deps({ now: at(ASKED) }))({ source: 'haven.schedule', task: 'sweep' });
    expect((await questionTo(offer.email)).count).toBe(1);
  });

  it('is not asked of a paused offer, nor of one confirmed again meanwhile; a closed offer leaves the queue', async () => {
    const paused = await openOffer({ status: 'paused' });
    const resumed = await openOffer({ availabilityConfirmedAt: new Date(T0 + 10 * 86400_000).toISOString() });
    const closed = await openOffer({ status: 'closed' });
    const report = await sweep(ASKED);
    expect(report.failed).toBe(0);
    for (const offer of [paused, resumed, closed]) expect((await questionTo(offer.email)).count).toBe(0);
    expect(await checkOf(paused.id)).toMatchObject({ phase: 'idle' });
    expect(Date.parse(String((await checkOf(resumed.id))?.dueAt))).toBe(T0 + 24 * 86400_000);
    expect(await checkOf(closed.id)).toBeUndefined();

    await sweep(24 * 86400_000 + 60_000);
    expect((await questionTo(resumed.email)).count).toBe(1);
  });
});

describe('the yes link', () => {
  it('GET and a POST without the button change nothing; the pressed button confirms and spends both links', async () => {
    const offer = await openOffer({ locale: 'uk' });
    await sweep(ASKED);
    const { yes, no } = await questionTo(offer.email);
    const app = appAt(ASKED + 3600_000);

    const page = await app.request(`/availability/yes/${yes}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('Ваше житло досі вільне?');
    // The place as the host reads it: the country named, not its code.
    expect(html).toContain('<dd>Берлін, Німеччина</dd>');
    expect(html).toContain('name="answer" value="yes"');
    expect(html.match(/<form/g)).toHaveLength(1);
    expect((await app.request(`/availability/yes/${yes}`, { method: 'HEAD' })).status).toBe(200);
    expect((await app.request(`/availability/yes/${yes}`, form({}))).status).toBe(200);
    expect((await app.request(`/availability/yes/${yes}`, form({ answer: 'no' }))).status).toBe(200);
    expect((await offerNow(offer.id)).availabilityConfirmedAt).toBeUndefined();

    const done = await app.request(`/availability/yes/${yes}`, form({ answer: 'yes' }));
    expect(await (await followRedirect(app, done)).text()).toContain('Дякуємо');
    const after = await offerNow(offer.id);
    expect(after).toMatchObject({ status: 'open', version: offer.version + 1 });
    expect(after.availabilityConfirmedAt).toBe(new Date(T0 + ASKED + 3600_000).toISOString());
    expect(await checkOf(offer.id)).toMatchObject({
      phase: 'idle',
      dueAt: new Date(T0 + ASKED + 3600_000 + ASK_EVERY_MS).toISOString(),
    });
    expect(await auditOf(offerKey(offer.id).pk)).toContainEqual({
      action: 'availability-confirmed',
      actor: 'link:availability-yes',
      from: 'open',
      to: 'open',
    });

    const replay = await app.request(`/availability/yes/${yes}`, form({ answer: 'yes' }));
    const sibling = await app.request(`/availability/no/${no}`);
    const altered = await app.request(`/availability/yes/${yes.slice(0, -1)}A`);
    const crossed = await app.request(`/availability/no/${yes}`);
    for (const response of [replay, sibling, altered, crossed]) expect(response.status).toBe(410);
    const bodies = await Promise.all([replay, sibling, altered, crossed].map((response) => response.text()));
    expect(new Set(bodies).size).toBe(1);
    expect((await offerNow(offer.id)).status).toBe('open');

    await sweep(ASKED + ANSWER_WITHIN_MS + 86400_000);
    expect((await offerNow(offer.id)).status).toBe('open');
  });
});

describe('no answer within a week', () => {
  let seeded: SeededProposal;

  it('pauses the offer, out of the pool, and cancels its pending proposal', async () => {
    seeded = await seedProposal(table, {
      offer: {
        confirmedAt: new Date(T0).toISOString(),
        availableFrom: daysFromNow(1),
        availableTo: daysFromNow(120),
      },
      request: { arrival: daysFromNow(5), departure: daysFromNow(30) },
    });
    await scheduleCheck(seeded.offer.id);
    await sweep(ASKED);
    expect((await questionTo(seeded.offer.email)).count).toBe(1);
    await sweep(ASKED + ANSWER_WITHIN_MS - 60_000);
    expect((await offerNow(seeded.offer.id)).status).toBe('open');

    const report = await sweep(UNANSWERED);
    expect(report.failed).toBe(0);
    const offer = await offerNow(seeded.offer.id);
    expect(offer.status).toBe('paused');
    // Its pause horizon begins at the sweep that paused it.
    expect(offer.pausedAt).toBe(at(UNANSWERED)().toISOString());
    expect(offer.gsi1pk).toBeUndefined();
    expect(await stateOf(table, seeded)).toMatchObject({
      proposal: 'cancelled',
      request: 'open',
      hold: 'released',
    });
    const voids = (await pendingMails(table)).filter(
      (mail) => mail.template === 'proposal-offer-paused' && mail.text.includes(seeded.offer.name),
    );
    expect(voids).toHaveLength(1);
    expect(await auditOf(offerKey(seeded.offer.id).pk)).toContainEqual({
      action: 'availability-unanswered',
      actor: 'process:availability',
      from: 'open',
      to: 'paused',
    });
    expect(await auditOf(requestKey(seeded.request.id).pk)).toContainEqual({
      action: 'request.reopened',
      actor: 'process:availability',
      from: 'proposed',
      to: 'open',
    });
    const told = await pausedMailsTo(seeded.offer.email);
    expect(told).toHaveLength(1);
    expect(told[0]?.subject).toBe('Haven: your offer is paused');
    // Doing nothing is not for ever: it says the day the lifecycle closes the offer, where it lies.
    const step = lifecycleStep(offer, at(UNANSWERED)(), table.config.RETENTION_DAYS);
    if (step.kind !== 'wait') throw new Error(`a paused offer waits to close, not ${step.kind}`);
    const closesOn = dayInZone(step.until.toISOString(), countryZone(offer.country).timeZone);
    expect(told[0]?.text).toContain(`on ${formatDate(closesOn, 'en')} the offer will close by itself`);

    await sweep(UNANSWERED + 3 * ASK_EVERY_MS);
    expect((await offerNow(seeded.offer.id)).status).toBe('paused');
    expect((await questionTo(seeded.offer.email)).count).toBe(1);
    expect(await pausedMailsTo(seeded.offer.email)).toHaveLength(1);
  });

  it('the yes link then resumes it into the pool', async () => {
    const { yes } = await questionTo(seeded.offer.email);
    const app = appAt(UNANSWERED + 86400_000);
    expect(await (await app.request(`/availability/yes/${yes}?lang=en`)).text()).toContain(
      'Your offer is paused',
    );
    const done = await app.request(`/availability/yes/${yes}?lang=en`, form({ answer: 'yes' }));
    expect(await (await followRedirect(app, done)).text()).toContain('Your offer is open again');
    const offer = await offerNow(seeded.offer.id);
    expect(offer.status).toBe('open');
    expect(offer.pausedAt).toBeUndefined();
    expect(offer.gsi1pk).toBeDefined();
    expect(await auditOf(offerKey(seeded.offer.id).pk)).toContainEqual({
      action: 'availability-confirmed',
      actor: 'link:availability-yes',
      from: 'paused',
      to: 'open',
    });
  });
});

describe('the mail saying the offer is paused', () => {
  it.each<[Locale, string, string]>([
    ['en', 'Haven: your offer is paused', 'nobody is proposed to you for now'],
    ['ru', 'Haven: ваше предложение приостановлено', 'пока вам никого не предлагают'],
    ['uk', 'Haven: вашу пропозицію призупинено', 'поки що вам нікого не пропонують'],
    ['tr', 'Haven: teklifiniz duraklatıldı', 'şimdilik size kimse önerilmiyor'],
  ])(
    'reaches the host in the host’s language (%s), and its yes link opens the offer again and spends the question’s links',
    async (locale, subject, phrase) => {
      const offer = await openOffer({ locale, name: 'Zeynep <b>Kaya</b>' });
      await sweep(ASKED);
      const question = await questionTo(offer.email);
      await sweep(UNANSWERED);
      expect((await offerNow(offer.id)).status).toBe('paused');

      const [mail, ...more] = await pausedMailsTo(offer.email);
      expect(more).toHaveLength(0);
      expect(mail?.subject).toBe(subject);
      expect(mail?.locale).toBe(locale);
      expect(mail?.text).toContain(phrase);
      expect(mail?.text).toContain(`http://haven.test/availability/yes/${mail?.resume}?lang=${locale}`);
      expect(mail?.html).toContain(`http://haven.test/availability/yes/${mail?.resume}`);
      expect(mail?.html).toContain('Zeynep &lt;b&gt;Kaya&lt;/b&gt;');
      expect(mail?.text).not.toContain('/availability/no/');
      expect(mail?.resume).not.toBe(question.yes);

      const app = appAt(UNANSWERED + 86400_000);
      const done = await app.request(`/availability/yes/${mail?.resume}`, form({ answer: 'yes' }));
      expect(done.status).toBe(303);
      const after = await offerNow(offer.id);
      expect(after.status).toBe('open');
      expect(after.gsi1pk).toBeDefined();
      for (const spent of [
        `/availability/yes/${mail?.resume}`,
        `/availability/yes/${question.yes}`,
        `/availability/no/${question.no}`,
      ]) {
        expect(
          (await app.request(spent, form({ answer: spent.includes('/no/') ? 'no' : 'yes' }))).status,
        ).toBe(410);
      }
      expect((await offerNow(offer.id)).status).toBe('open');
    },
  );

  it('pressing the question’s own yes link instead spends the pause mail’s link, even after the schedule moved on', async () => {
    const offer = await openOffer();
    await sweep(ASKED);
    const { yes, no } = await questionTo(offer.email);
    await sweep(UNANSWERED);
    await sweep(UNANSWERED + ASK_EVERY_MS + 60_000);
    expect(await checkOf(offer.id)).toMatchObject({ phase: 'idle' });
    const [mail] = await pausedMailsTo(offer.email);

    const app = appAt(UNANSWERED + ASK_EVERY_MS + 3600_000);
    expect((await app.request(`/availability/yes/${yes}`, form({ answer: 'yes' }))).status).toBe(303);
    expect((await offerNow(offer.id)).status).toBe('open');
    expect((await app.request(`/availability/yes/${mail?.resume}`, form({ answer: 'yes' }))).status).toBe(
      410,
    );
    expect((await app.request(`/availability/no/${no}`, form({ answer: 'no' }))).status).toBe(410);
    expect((await offerNow(offer.id)).status).toBe('open');
  });

  it('is written with the pause or not at all: a pause that loses a race to the host sends nothing', async () => {
    const offer = await openOffer();
    await sweep(ASKED);
    const { client, race } = hostEditsFirst(offer.id, 'availability-paused', 5);
    const racing = table.deps({ now: at(UNANSWERED), db: createDocumentClient(client) });

    const report = await runAvailabilityChecks(racing);
    expect(race.happened).toBe(true);
    expect(report).toMatchObject({ paused: 0, failed: 0 });
    expect(report.skipped).toBeGreaterThanOrEqual(1);
    expect(await offerNow(offer.id)).toMatchObject({ status: 'open', beds: 5 });
    expect(await pausedMailsTo(offer.email)).toHaveLength(0);
    expect(await checkOf(offer.id)).toMatchObject({ phase: 'asked' });
    client.destroy();

    await sweep(UNANSWERED + 60_000);
    expect((await offerNow(offer.id)).status).toBe('paused');
    const told = await pausedMailsTo(offer.email);
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toMatch(/Beds: 5/);
  });
});

describe('the no-longer link', () => {
  it('closes the offer, cancels its pending proposal and ends the schedule', async () => {
    const seeded = await seedProposal(table, {
      offer: {
        confirmedAt: new Date(T0).toISOString(),
        availableFrom: daysFromNow(1),
        availableTo: daysFromNow(120),
      },
      request: { arrival: daysFromNow(5), departure: daysFromNow(30) },
    });
    await scheduleCheck(seeded.offer.id);
    await sweep(ASKED);
    const { yes, no } = await questionTo(seeded.offer.email);
    const app = appAt(ASKED + 3600_000);
    const page = await app.request(`/availability/no/${no}`);
    expect(await page.text()).toContain('name="answer" value="no"');
    expect((await offerNow(seeded.offer.id)).status).toBe('open');

    const done = await app.request(`/availability/no/${no}`, form({ answer: 'no' }));
    expect(await (await followRedirect(app, done)).text()).toContain('Your offer is closed');
    // It ended with the answer: its erasure is reckoned from then (retention.ts).
    expect(await offerNow(seeded.offer.id)).toMatchObject({
      status: 'closed',
      endedAt: new Date(T0 + ASKED + 3600_000).toISOString(),
    });
    expect(await checkOf(seeded.offer.id)).toBeUndefined();
    expect(await stateOf(table, seeded)).toMatchObject({
      proposal: 'cancelled',
      request: 'open',
      hold: 'released',
    });
    expect(
      (await pendingMails(table)).filter(
        (mail) => mail.template === 'proposal-offer-withdrawn' && mail.text.includes(seeded.offer.name),
      ),
    ).toHaveLength(1);
    expect(await auditOf(offerKey(seeded.offer.id).pk)).toContainEqual({
      action: 'availability-ended',
      actor: 'link:availability-no',
      from: 'open',
      to: 'closed',
    });
    expect((await app.request(`/availability/yes/${yes}`, form({ answer: 'yes' }))).status).toBe(410);
    expect((await offerNow(seeded.offer.id)).status).toBe('closed');
  });

  it('a link issued for another purpose does not answer', async () => {
    const offer = await openOffer();
    const manage = issueToken(
      table.tableName,
      {
        purpose: 'manage-offer',
        subjectKind: 'offer',
        subjectId: offer.id,
        validForMs: 86400_000,
        singleUse: false,
      },
      new Date(),
    );
    await table.db.send(new PutCommand(manage.put.Put));
    const response = await createApp(table.deps()).request(
      `/availability/no/${manage.raw}`,
      form({ answer: 'no' }),
    );
    expect(response.status).toBe(410);
    expect((await offerNow(offer.id)).status).toBe('open');
  });
});

describe('races', () => {
  it('a host changing the offer while the sweep asks: the question waits for the next sweep and shows the change', async () => {
    const offer = await openOffer();
    const { client, race } = hostEditsFirst(offer.id, offer.id, 7);
    const racing = table.deps({ now: at(ASKED), db: createDocumentClient(client) });

    const first = await runAvailabilityChecks(racing);
    expect(race.happened).toBe(true);
    expect(first.skipped).toBeGreaterThanOrEqual(1);
    expect(first.failed).toBe(0);
    expect((await questionTo(offer.email)).count).toBe(0);
    expect(await checkOf(offer.id)).toMatchObject({ phase: 'idle', version: 0 });

    await sweep(ASKED + 60_000);
    const { count, mail } = await questionTo(offer.email);
    expect(count).toBe(1);
    expect(mail?.text).toMatch(/Beds: 7/);
    client.destroy();
  });
});
