import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendDueCheckIns } from '../../shared/approval/check-in.ts';
import { auditTrail } from '../../shared/data/audit.ts';
import { checkInPuts } from '../../shared/data/check-ins.ts';
import { checkInDueIndex, checkInKey, proposalKey } from '../../shared/data/keys.ts';
import { openProblemsPage } from '../../shared/data/queues.ts';
import type { Locale, RequestRecord } from '../../shared/domain/records.ts';
import { createApp } from '../../shared/http/app.ts';
import { formatDate } from '../../shared/i18n/format.ts';
import { actOnLink } from '../../shared/intake/service.ts';
import { dealWithProblem } from '../../shared/workspace/queue.ts';
import { errorLog } from '../support/kept-log.ts';
import { pendingMails } from '../support/outbox.ts';
import { conflictingClient, overtakenOn, racingClient } from '../support/race.ts';
import { followRedirect } from '../support/redirects.ts';
import { useTestTable } from '../support/table.ts';
import { form, manageLinkFor, readItem, type SeededProposal, seedProposal } from './approval-support.ts';
import { futureDate, TBILISI } from './matching-support.ts';

let app: ReturnType<typeof createApp>;

const table = useTestTable();
beforeAll(async () => {
  app = createApp(table.deps());
});

/** A placement: a proposal approved through its link, as a coordinator does it. */
async function placement(request: Partial<RequestRecord> = {}): Promise<SeededProposal> {
  const seeded = await seedProposal(table, { request });
  const response = await app.request(
    `/proposals/approve/${seeded.approveToken}`,
    form({ decision: 'approve' }),
  );
  expect(response.status).toBe(303);
  return seeded;
}

const on = (date: string) => () => new Date(`${date}T10:00:00Z`);

/** A stay of two nights: the guests leave on the morning of its day 3. */
const TWO_NIGHTS = { arrival: futureDate('03-10'), departure: futureDate('03-12') };

const mailsFor = async (seeded: SeededProposal, prefix: string) =>
  (await pendingMails(table)).filter(
    (mail) =>
      mail.template.startsWith(prefix) &&
      (mail.to.includes(seeded.offer.email) ||
        mail.to.includes(seeded.request.email) ||
        mail.text.includes(seeded.request.email)),
  );

const problemPathIn = (text: string) => /\/check-in\/[A-Za-z0-9_-]{43}/.exec(text)?.[0] as string;

describe('check-ins', () => {
  it('are scheduled by the approval for day 3 and day 30, and sent once each when due, in each side’s language', async () => {
    const seeded = await placement();
    expect((await readItem(table, checkInKey(seeded.proposal.id, 3)))?.dueOn).toBe(futureDate('03-12'));
    expect((await readItem(table, checkInKey(seeded.proposal.id, 30)))?.dueOn).toBe(futureDate('04-08'));

    await sendDueCheckIns(table.deps({ now: on(futureDate('03-11')) }));
    expect(await mailsFor(seeded, 'check-in')).toHaveLength(0);

    await sendDueCheckIns(table.deps({ now: on(futureDate('03-12')) }));
    await sendDueCheckIns(table.deps({ now: on(futureDate('03-12')) }));
    const day3 = await mailsFor(seeded, 'check-in');
    expect(day3.map((mail) => mail.template).sort()).toEqual(['check-in-host-day3', 'check-in-seeker-day3']);
    const toSeeker = day3.find((mail) => mail.to[0] === seeded.request.email);
    expect(toSeeker?.locale).toBe('uk');
    expect(toSeeker?.text).toContain('Є проблема: http://haven.test/check-in/');

    await sendDueCheckIns(table.deps({ now: on(futureDate('04-08')) }));
    expect((await mailsFor(seeded, 'check-in')).map((mail) => mail.template)).toContain(
      'check-in-host-day30',
    );
    expect(await mailsFor(seeded, 'check-in')).toHaveLength(4);
  });

  it('go out at nine in the morning where the offer lies: in Tbilisi at 05:00 UTC, not at midnight UTC', async () => {
    const seeded = await seedProposal(table, { offer: TBILISI, request: TBILISI });
    const approved = await app.request(
      `/proposals/approve/${seeded.approveToken}`,
      form({ decision: 'approve' }),
    );
    expect(approved.status).toBe(303);
    const dayThree = futureDate('03-12');
    expect((await readItem(table, checkInKey(seeded.proposal.id, 3)))?.dueOn).toBe(dayThree);

    await sendDueCheckIns(table.deps({ now: () => new Date(`${dayThree}T04:59:00Z`) }));
    expect(await mailsFor(seeded, 'check-in')).toEqual([]);
    await sendDueCheckIns(table.deps({ now: () => new Date(`${dayThree}T05:00:01Z`) }));
    expect((await mailsFor(seeded, 'check-in')).map((mail) => mail.template).sort()).toEqual([
      'check-in-host-day3',
      'check-in-seeker-day3',
    ]);
  });

  it('scheduled by an older release by their day alone go out from midnight UTC that day, beside those of an hour', async () => {
    const older = await seedProposal(table, { offer: TBILISI, request: TBILISI });
    const newer = await seedProposal(table, { offer: TBILISI, request: TBILISI });
    for (const seeded of [older, newer]) {
      const approved = await app.request(
        `/proposals/approve/${seeded.approveToken}`,
        form({ decision: 'approve' }),
      );
      expect(approved.status).toBe(303);
    }
    const dayThree = futureDate('03-12');
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...checkInKey(older.proposal.id, 3),
          ...checkInDueIndex(dayThree, older.proposal.id, 3),
          kind: 'check-in',
          proposalId: older.proposal.id,
          day: 3,
          dueOn: dayThree,
        },
      }),
    );
    const sentTo = async () =>
      [
        ...(await mailsFor(older, 'check-in-host-day3')).map(() => 'older'),
        ...(await mailsFor(newer, 'check-in-host-day3')).map(() => 'newer'),
      ].sort();

    await sendDueCheckIns(table.deps({ now: () => new Date(`${futureDate('03-11')}T23:59:00Z`) }));
    expect(await sentTo()).toEqual([]);
    await sendDueCheckIns(table.deps({ now: () => new Date(`${dayThree}T00:01:00Z`) }));
    expect(await sentTo()).toEqual(['older']);
    await sendDueCheckIns(table.deps({ now: () => new Date(`${dayThree}T05:01:00Z`) }));
    expect(await sentTo()).toEqual(['newer', 'older']);
  });

  it('skip a day the stay has ended by: day 30 of ten nights, and day 3 of two', () => {
    const stay = (nightsTo: string) =>
      ({ id: 'p', nightsFrom: futureDate('03-10'), nightsTo }) as Parameters<typeof checkInPuts>[1];
    const days = (nightsTo: string) =>
      checkInPuts('t', stay(nightsTo), 'DE').map((item) => item.Put?.Item?.day);
    expect(days(futureDate('03-20'))).toEqual([3]);
    expect(days(futureDate('03-13'))).toEqual([3]);
    // Two nights: the guests leave on the morning of day 3.
    expect(days(futureDate('03-12'))).toEqual([]);
  });

  it('leave a stay of two nights without any, and its manage page without a sentence about them', async () => {
    const seeded = await placement(TWO_NIGHTS);
    expect(await readItem(table, checkInKey(seeded.proposal.id, 3))).toBeUndefined();
    const html = await (
      await app.request(`/manage/${await manageLinkFor(table, seeded.offer)}?lang=en`)
    ).text();
    expect(html).toContain('There is a problem');
    expect(html).not.toContain('We will write to you on');
  });

  it('cannot be placed once every night of the stay has passed while the proposal waited: its link says it no longer works', async () => {
    const seeded = await seedProposal(table, {
      request: TWO_NIGHTS,
      deps: table.deps({ now: on(futureDate('03-10')) }),
    });
    // Due the morning the stay ends where the offer lies (midnight in Berlin), not 72 hours on:
    // its expiry then frees the request.
    expect(seeded.proposal.decisionDueAt).toBe(`${futureDate('03-11')}T23:00:00.000Z`);
    const late = createApp(table.deps({ now: on(futureDate('03-12')) }));
    const pressed = await late.request(
      `/proposals/approve/${seeded.approveToken}`,
      form({ decision: 'approve' }),
    );
    expect(pressed.status).toBe(410);
    expect(await readItem(table, proposalKey(seeded.proposal.id))).toMatchObject({ status: 'pending' });
    expect(await mailsFor(seeded, 'placement')).toEqual([]);
  });

  it('one scheduled before a day the stay has ended by is not sent, and leaves the queue', async () => {
    const seeded = await placement(TWO_NIGHTS);
    // As an older release scheduled it: day 3 of every stay.
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...checkInKey(seeded.proposal.id, 3),
          ...checkInDueIndex(futureDate('03-12'), seeded.proposal.id, 3),
          kind: 'check-in',
          proposalId: seeded.proposal.id,
          day: 3,
          dueOn: futureDate('03-12'),
        },
      }),
    );
    await sendDueCheckIns(table.deps({ now: on(futureDate('03-12')) }));
    expect(await mailsFor(seeded, 'check-in')).toEqual([]);
    const skipped = await readItem(table, checkInKey(seeded.proposal.id, 3));
    expect(skipped?.skippedAt).toBeDefined();
    expect(skipped).not.toHaveProperty('gsi3pk');
  });

  it('count from the day of approval where the offer lies when the proposal waited past its first night: the placement mails, the stay and day 3 start then, audited', async () => {
    // Proposed on 03-10 for a family already waiting (its stay from that day), approved at half
    // past midnight on 03-12 in Berlin, where the offer lies (still 03-11 in UTC).
    const proposedOn = futureDate('03-10');
    const approvedOn = futureDate('03-12');
    const approvedAt = () => new Date(`${futureDate('03-11')}T23:30:00Z`);
    const seeded = await seedProposal(table, {
      request: { arrival: proposedOn, departure: futureDate('05-20') },
      deps: table.deps({ now: on(proposedOn) }),
    });
    expect(seeded.proposal.nightsFrom).toBe(proposedOn);
    const approved = await createApp(table.deps({ now: approvedAt })).request(
      `/proposals/approve/${seeded.approveToken}`,
      form({ decision: 'approve' }),
    );
    expect(approved.status).toBe(303);
    expect(await readItem(table, proposalKey(seeded.proposal.id))).toMatchObject({
      status: 'approved',
      nightsFrom: approvedOn,
    });
    expect((await readItem(table, checkInKey(seeded.proposal.id, 3)))?.dueOn).toBe(futureDate('03-14'));
    const trail = await auditTrail(table.deps(), proposalKey(seeded.proposal.id).pk, 5);
    expect(trail.find((event) => event.action === 'proposal.approved')?.fields).toEqual(['nightsFrom']);
    const placed = await mailsFor(seeded, 'placement');
    expect(placed).toHaveLength(2);
    for (const mail of placed) {
      expect(mail.text).toContain(formatDate(approvedOn, mail.locale as Locale));
      expect(mail.text).not.toContain(formatDate(proposedOn, mail.locale as Locale));
    }
  });
});

describe('the “there is a problem” link', () => {
  it('shows one button and tells the coordinators only when it is pressed, with both contacts, once in their queue, however two taps meet', async () => {
    const seeded = await placement();
    await sendDueCheckIns(table.deps({ now: on(futureDate('03-12')) }));
    const checkIn = (await mailsFor(seeded, 'check-in')).find((mail) => mail.to[0] === seeded.request.email);
    const path = problemPathIn(checkIn?.text ?? '');
    // The link works for 30 days from the check-in.
    const during = createApp(table.deps({ now: on(futureDate('03-13')) }));

    const page = await during.request(path);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('Щось не так із проживанням?');
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html).not.toContain(seeded.offer.email);

    expect((await during.request(path, form({}))).status).toBe(200);
    expect(await mailsFor(seeded, 'problem')).toHaveLength(0);

    // Two taps whose transactions really meet: both read a working link, one of them writes.
    const racing = createApp(table.deps({ now: on(futureDate('03-13')), db: racingClient(table, 2) }));
    const taps = await Promise.all([
      racing.request(path, form({ report: 'problem' })),
      racing.request(path, form({ report: 'problem' })),
    ]);
    expect(taps.map((response) => response.status)).toEqual([303, 303]);
    expect(taps[0]?.headers.get('location')).toBe('/done/problem-reported?lang=uk');
    expect(await (await followRedirect(during, taps[0] as Response)).text()).toContain(
      'Координатор отримав повідомлення',
    );
    const reports = await mailsFor(seeded, 'problem');
    expect(reports).toHaveLength(1);
    expect(reports[0]?.template).toBe('problem-seeker');
    expect(reports[0]?.to).toEqual(['coordinator@haven.test']);
    expect(reports[0]?.text).toContain(seeded.offer.email);
    expect(reports[0]?.text).toContain(seeded.request.email);
    const queued = await openProblemsPage(table.deps(), seeded.offer.country, undefined, 100);
    expect(queued.items.filter((problem) => problem.proposalId === seeded.proposal.id)).toEqual([
      expect.objectContaining({ side: 'seeker', requestId: seeded.request.id, offerId: seeded.offer.id }),
    ]);

    // A tap after the report went through: the used-link page, which says the report stands.
    const replay = await during.request(path, form({ report: 'problem' }));
    const altered = await during.request(`/check-in/${'A'.repeat(43)}`, form({ report: 'problem' }));
    expect([replay.status, altered.status]).toEqual([410, 410]);
    const used = await replay.text();
    expect(used).toBe(await altered.text());
    expect(used).toContain('Whatever was done with it before stands');
    expect(await mailsFor(seeded, 'problem')).toHaveLength(1);
  });

  it('says a problem already reported from the manage page and not yet dealt with is reported, tells no one twice, and still works after', async () => {
    const seeded = await placement();
    await sendDueCheckIns(table.deps({ now: on(futureDate('03-12')) }));
    const checkIn = (await mailsFor(seeded, 'check-in')).find((mail) => mail.to[0] === seeded.offer.email);
    const path = problemPathIn(checkIn?.text ?? '');
    const during = createApp(table.deps({ now: on(futureDate('03-13')) }));
    const fromManage = await app.request(
      `/manage/${await manageLinkFor(table, seeded.offer)}`,
      form({ action: 'problem', placement: seeded.proposal.id }),
    );
    expect(fromManage.status).toBe(303);

    const tap = await during.request(path, form({ report: 'problem' }));
    expect(tap.headers.get('location')).toMatch(/^\/done\/problem-reported/);
    expect(await mailsFor(seeded, 'problem')).toHaveLength(1);

    await dealWithProblem(
      table.deps(),
      { email: 'all@haven.test', countries: '*' },
      seeded.proposal.id,
      'host',
    );
    expect((await during.request(path, form({ report: 'problem' }))).status).toBe(303);
    expect(await mailsFor(seeded, 'problem')).toHaveLength(2);
  });

  it('tries a report again when its transaction meets another in a conflict, and reports once', async () => {
    const seeded = await placement();
    await sendDueCheckIns(table.deps({ now: on(futureDate('03-12')) }));
    const checkIn = (await mailsFor(seeded, 'check-in')).find((mail) => mail.to[0] === seeded.offer.email);
    const path = problemPathIn(checkIn?.text ?? '');
    const conflicted = createApp(
      table.deps({ now: on(futureDate('03-13')), db: conflictingClient(table, 2) }),
    );
    const tap = await conflicted.request(path, form({ report: 'problem' }));
    expect(tap.status).toBe(303);
    expect(tap.headers.get('location')).toMatch(/^\/done\/problem-reported/);
    expect(await mailsFor(seeded, 'problem')).toEqual([
      expect.objectContaining({ template: 'problem-host' }),
    ]);
  });
});

describe('a placement whose host erased their data during the stay', () => {
  it('still asks the guests on day 3, without a name, and their problem link reaches the coordinators with their contact and the city the proposal kept', async () => {
    const seeded = await placement();
    await actOnLink(table.deps(), await manageLinkFor(table, seeded.offer), 'erase');
    expect(await readItem(table, proposalKey(seeded.proposal.id))).toMatchObject({ status: 'approved' });

    await sendDueCheckIns(table.deps({ now: on(futureDate('03-12')) }));
    const checkIns = await mailsFor(seeded, 'check-in');
    expect(checkIns.map((mail) => [mail.template, mail.to])).toEqual([
      ['check-in-seeker-day3', [seeded.request.email]],
    ]);
    expect(checkIns[0]?.text).toContain('Вас приймають з');
    expect(checkIns[0]?.text).not.toContain(seeded.offer.name);
    expect(await readItem(table, checkInKey(seeded.proposal.id, 3))).toMatchObject({
      sentAt: expect.any(String),
      seekerHash: expect.any(String),
    });
    expect(await readItem(table, checkInKey(seeded.proposal.id, 3))).not.toHaveProperty('hostHash');

    const path = problemPathIn(checkIns[0]?.text ?? '');
    const during = createApp(table.deps({ now: on(futureDate('03-13')) }));
    expect((await during.request(path)).status).toBe(200);
    const reported = await during.request(path, form({ report: 'problem' }));
    expect(reported.headers.get('location')).toBe('/done/problem-reported?lang=uk');
    const reports = (await pendingMails(table)).filter(
      (mail) => mail.template === 'problem-seeker' && mail.text.includes(seeded.request.email),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0]?.text).toContain('the other side’s data has been deleted from Haven');
    expect(reports[0]?.text).not.toContain(seeded.offer.email);
    const queued = await openProblemsPage(table.deps(), seeded.offer.country, undefined, 100);
    expect(queued.items.filter((problem) => problem.proposalId === seeded.proposal.id)).toEqual([
      expect.objectContaining({ side: 'seeker', city: 'Berlin' }),
    ]);
  });
});

describe('a placement whose host erases their data at the moment Haven writes about it', () => {
  /** The transaction that writes `action` about this placement (a sweep sends every check-in due, others' too). */
  const writing =
    (action: string, proposalId: string) => (commandName: string, input: Record<string, unknown>) =>
      commandName === 'TransactWriteItemsCommand' &&
      JSON.stringify(input).includes(action) &&
      JSON.stringify(input).includes(proposalId);

  it('leaves a check-in that meets another write to a side in a conflict due, logs no failure, and sends it on the next sweep', async () => {
    const seeded = await placement();
    const kept = errorLog();
    const report = await sendDueCheckIns(
      table.deps({
        now: on(futureDate('03-12')),
        db: conflictingClient(table, 1, (_name, input) => JSON.stringify(input).includes(seeded.proposal.id)),
        log: kept.log,
      }),
    );
    expect(report.failed).toBe(0);
    expect(kept.errors).toEqual([]);
    expect(await mailsFor(seeded, 'check-in')).toEqual([]);
    await sendDueCheckIns(table.deps({ now: on(futureDate('03-12')) }));
    expect(await mailsFor(seeded, 'check-in')).toHaveLength(2);
  });

  it('reports a problem pressed on the manage page once, when its transaction meets another in a conflict', async () => {
    const seeded = await placement();
    const link = await manageLinkFor(table, seeded.request);
    const conflicted = createApp(table.deps({ db: conflictingClient(table, 2) }));
    const pressed = await conflicted.request(
      `/manage/${link}?lang=uk`,
      form({ action: 'problem', placement: seeded.proposal.id }),
    );
    expect(pressed.headers.get('location')).toBe(`/manage/${link}?done=problem&lang=uk`);
    expect((await mailsFor(seeded, 'problem')).map((mail) => mail.template)).toEqual(['problem-seeker']);
  });

  it('sends the check-in to the guests alone, on the next sweep, never to the erased host', async () => {
    const seeded = await placement();
    const manage = await manageLinkFor(table, seeded.offer);
    const erasing = overtakenOn(table, writing('placement.check-in-day3', seeded.proposal.id), () =>
      actOnLink(table.deps(), manage, 'erase'),
    );
    await sendDueCheckIns(table.deps({ now: on(futureDate('03-12')), db: erasing.db }));
    expect(erasing.overtaken()).toBe(1);
    expect(await mailsFor(seeded, 'check-in')).toEqual([]);

    await sendDueCheckIns(table.deps({ now: on(futureDate('03-12')) }));
    expect((await mailsFor(seeded, 'check-in')).map((mail) => mail.to)).toEqual([[seeded.request.email]]);
  });

  it('tells the coordinators of the guests’ problem without the erased host’s contact', async () => {
    const seeded = await placement();
    await sendDueCheckIns(table.deps({ now: on(futureDate('03-12')) }));
    const checkIn = (await mailsFor(seeded, 'check-in')).find((mail) => mail.to[0] === seeded.request.email);
    const manage = await manageLinkFor(table, seeded.offer);
    const erasing = overtakenOn(table, writing('placement.problem-reported', seeded.proposal.id), () =>
      actOnLink(table.deps(), manage, 'erase'),
    );
    const during = createApp(table.deps({ now: on(futureDate('03-13')), db: erasing.db }));
    const reported = await during.request(problemPathIn(checkIn?.text ?? ''), form({ report: 'problem' }));
    expect(reported.headers.get('location')).toBe('/done/problem-reported?lang=uk');
    expect(erasing.overtaken()).toBe(1);
    const reports = (await pendingMails(table)).filter(
      (mail) => mail.template === 'problem-seeker' && mail.text.includes(seeded.request.email),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0]?.text).not.toContain(seeded.offer.email);
  });
});

describe('the check-in queue', () => {
  const own = useTestTable();

  it('logs and counts a check-in it cannot read, and still sends the ones behind it', async () => {
    const seeded = await seedProposal(own);
    const approved = await createApp(own.deps()).request(
      `/proposals/approve/${seeded.approveToken}`,
      form({ decision: 'approve' }),
    );
    expect(approved.status).toBe(303);
    const broken = `p-${randomUUID()}`;
    await own.db.send(
      new PutCommand({
        TableName: own.tableName,
        // Written by no release: a day that is not a number.
        Item: {
          ...checkInKey(broken, 3),
          ...checkInDueIndex(futureDate('03-11'), broken, 3),
          kind: 'check-in',
          proposalId: broken,
          day: 'third',
          dueOn: futureDate('03-11'),
        },
      }),
    );
    const { log, errors } = errorLog();

    const report = await sendDueCheckIns(own.deps({ now: on(futureDate('03-12')), log }));

    expect(report).toEqual({ sent: 1, failed: 1 });
    expect(errors).toEqual([
      {
        event: 'check-in.failed',
        fields: { queue: 'check-in', dueAt: futureDate('03-11'), errorType: 'ZodError' },
      },
    ]);
    const sent = (await pendingMails(own)).filter((mail) => mail.template.startsWith('check-in'));
    expect(sent.map((mail) => mail.template).sort()).toEqual(['check-in-host-day3', 'check-in-seeker-day3']);
  });
});
