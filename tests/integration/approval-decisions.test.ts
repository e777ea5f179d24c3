import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AddressObject } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { expireProposal } from '../../shared/approval/expire.ts';
import { decideAsCoordinator } from '../../shared/approval/service.ts';
import { approveTransaction } from '../../shared/data/decisions.ts';
import { declinedKey, offerKey, proposalKey, requestKey } from '../../shared/data/keys.ts';
import { setVerification } from '../../shared/data/offers.ts';
import { bothSidesKept, loadProposalContext } from '../../shared/data/proposal-context.ts';
import type { OfferRecord } from '../../shared/domain/records.ts';
import { createApp } from '../../shared/http/app.ts';
import { createMailer, defaultMailerOptions } from '../../shared/mail/mailer.ts';
import { smtpTransport } from '../../shared/mail/transports.ts';
import { auditItemsOf } from '../support/audit.ts';
import { pendingMails } from '../support/outbox.ts';
import { followRedirect } from '../support/redirects.ts';
import { startSmtpSink } from '../support/smtp.ts';
import { createTestTable, useTestTable } from '../support/table.ts';
import { form, readItem, seedProposal, stateOf, UNDECIDED } from './approval-support.ts';

let app: ReturnType<typeof createApp>;

const table = useTestTable();
beforeAll(async () => {
  app = createApp(table.deps());
});

const approvePath = (token: string) => `/proposals/approve/${token}`;
const declinePath = (token: string) => `/proposals/decline/${token}`;

function expectPrivate(response: Response) {
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('the decision page (GET)', () => {
  it('shows both sides and the score with exactly one button, and no contact details', async () => {
    const seeded = await seedProposal(table);
    const response = await app.request(approvePath(seeded.approveToken));
    expect(response.status).toBe(200);
    expectPrivate(response);
    const html = await response.text();
    expect(html).toContain(seeded.offer.name);
    expect(html).toContain(seeded.request.name);
    expect(html).toContain('Berlin');
    expect(html).toMatch(/Stay covered/);
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html).toContain('name="decision" value="approve"');
    expect(html).toMatch(/<form method="post" action="\/proposals\/approve\/[A-Za-z0-9_-]{43}\?lang=en"/);
    for (const secret of [seeded.offer.email, seeded.request.email, '+49 30 1234567', '+380 67 7654321']) {
      expect(html).not.toContain(secret);
    }
    expect(html).not.toMatch(/<script/);
    expect(await stateOf(table, seeded)).toMatchObject(UNDECIDED);
  });

  it('states every fact in the reader’s language, both sides’ notes, and the deadline in the country’s time', async () => {
    const seeded = await seedProposal(table, {
      offer: { hostHousehold: 'women', notes: 'Квартира на третьем этаже' },
      request: { adults: 1, children: 1, notes: 'Kedimiz var' },
    });
    const page = async (lang: string) =>
      (await (await app.request(`${approvePath(seeded.approveToken)}?lang=${lang}`)).text()).replace(
        /\u202f|&nbsp;/g,
        ' ',
      );
    const russian = await page('ru');
    for (const fact of [
      'Только женщины',
      '1 взрослый и 1 ребёнок',
      'Германия',
      'Квартира на третьем этаже',
      'Kedimiz var',
      '(время в Германии)',
    ]) {
      expect(russian).toContain(fact);
    }
    const turkish = await page('tr');
    for (const fact of ['Yalnızca kadınlar', '1 yetişkin ve 1 çocuk', 'Almanya', '(Almanya saati)']) {
      expect(turkish).toContain(fact);
    }
    expect(turkish).toMatch(/%\d+/);
    for (const html of [russian, turkish]) {
      expect(html).not.toMatch(/>women<|>family<|UTC|\d{4}-\d{2}-\d{2}</);
    }
  });

  it('speaks each of the four languages, by ?lang= or by Accept-Language', async () => {
    const seeded = await seedProposal(table);
    const titles = {
      en: 'Approve this proposal?',
      ru: 'Одобрить это предложение?',
      uk: 'Схвалити цю пропозицію?',
      tr: 'Bu öneri onaylansın mı?',
    };
    for (const [lang, title] of Object.entries(titles)) {
      const byQuery = await (await app.request(`${approvePath(seeded.approveToken)}?lang=${lang}`)).text();
      expect(byQuery).toContain(title);
      expect(byQuery).toContain(`<html lang="${lang}"`);
      const byHeader = await app.request(approvePath(seeded.approveToken), {
        headers: { 'accept-language': `${lang};q=0.9` },
      });
      expect(await byHeader.text()).toContain(title);
    }
    const decline = await (await app.request(`${declinePath(seeded.declineToken)}?lang=uk`)).text();
    expect(decline).toContain('Відхилити цю пропозицію?');
    expect(decline).toContain('value="decline"');
  });

  it('of a proposal that expired while its link still works, says it can no longer be decided, not that it was, and opens the queue, in all four languages', async () => {
    const seeded = await seedProposal(table);
    const afterDue = new Date(Date.parse(seeded.proposal.decisionDueAt) + 1000);
    // The sweep's clock is past the due time, the reader's is not: the link still works.
    expect(await expireProposal(table.deps({ now: () => afterDue }), seeded.proposal.id)).toBe('expired');
    const headings = {
      en: 'This proposal can no longer be decided',
      ru: 'Решение по этому предложению принять уже нельзя',
      uk: 'Ухвалити рішення щодо цієї пропозиції вже не можна',
      tr: 'Bu öneri için artık karar verilemez',
    };
    for (const [lang, heading] of Object.entries(headings)) {
      const html = await (await app.request(`${approvePath(seeded.approveToken)}?lang=${lang}`)).text();
      expect(html).toContain(`<h1>${heading}</h1>`);
      expect(html).toContain(`href="/coordinator?lang=${lang}"`);
    }
    const refused = await app.request(declinePath(seeded.declineToken), form({ decision: 'decline' }));
    expect(refused.status).toBe(409);
    const text = await refused.text();
    expect(text).toContain('<h1>This proposal can no longer be decided</h1>');
    expect(text).toContain('It expired before anyone decided');
    expect(text).not.toContain('already been decided');
    expect((await stateOf(table, seeded)).proposal).toBe('expired');
  });

  it('never acts on GET, HEAD or OPTIONS', async () => {
    const seeded = await seedProposal(table);
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      for (const path of [approvePath(seeded.approveToken), declinePath(seeded.declineToken)]) {
        const response = await app.request(path, { method });
        expect(response.status).toBeLessThan(500);
      }
    }
    const head = await app.request(approvePath(seeded.approveToken), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(await stateOf(table, seeded)).toMatchObject(UNDECIDED);
  });
});

describe('approve', () => {
  it('changes nothing on a POST without the clicked button’s value, or with another value', async () => {
    const seeded = await seedProposal(table);
    for (const fields of [
      {},
      { decision: 'decline' },
      { decision: 'APPROVE' },
      { action: 'approve' },
    ] as Record<string, string>[]) {
      const response = await app.request(approvePath(seeded.approveToken), form(fields));
      expect(response.status).toBe(400);
      expectPrivate(response);
      expect(await response.text()).toContain('name="decision" value="approve"');
    }
    const twice = new URLSearchParams([
      ['decision', 'approve'],
      ['decision', 'approve'],
    ]);
    const doubled = await app.request(approvePath(seeded.approveToken), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: twice,
    });
    expect(doubled.status).toBe(400);
    expect(await stateOf(table, seeded)).toMatchObject(UNDECIDED);
  });

  it('approves in one transaction: proposal, request, hold, both tokens, two placement mails, audit', async () => {
    const seeded = await seedProposal(table);
    const response = await app.request(
      `${approvePath(seeded.approveToken)}?lang=ru`,
      form({ decision: 'approve' }),
    );
    expectPrivate(response);
    expect(response.headers.get('location')).toBe('/done/approved?lang=ru');
    const result = await followRedirect(app, response);
    expectPrivate(result);
    expect(await result.text()).toContain('Одобрено');

    expect(await stateOf(table, seeded)).toEqual({
      proposal: 'approved',
      request: 'placed',
      requestVersion: seeded.request.version + 1,
      hold: 'placed',
      approveUsed: true,
      declineUsed: true,
      placementMails: 2,
    });
    const request = await readItem(table, requestKey(seeded.request.id));
    expect(request?.gsi1pk).toBeUndefined();
    const mails = (await pendingMails(table)).filter((mail) => mail.template.startsWith('placement'));
    const toHost = mails.find((mail) => mail.to[0] === seeded.offer.email);
    const toSeeker = mails.find((mail) => mail.to[0] === seeded.request.email);
    expect(toHost?.text).toContain(seeded.request.email);
    expect(toHost?.text).toContain('+380 67 7654321');
    expect(toSeeker?.text).toContain(seeded.offer.email);
    expect(toSeeker?.text).toContain('+49 30 1234567');
    const audit = await auditItemsOf(table, proposalKey(seeded.proposal.id).pk);
    expect(audit.map((item) => item.action)).toEqual(['proposal.created', 'proposal.approved']);
  });

  it('answers a replayed, an expired and an altered link with the same neutral page', async () => {
    const used = await seedProposal(table);
    await app.request(approvePath(used.approveToken), form({ decision: 'approve' }));
    const expired = await seedProposal(table);
    const later = createApp(
      table.deps({ now: () => new Date(Date.parse(expired.proposal.decisionDueAt) + 1000) }),
    );
    const altered = `${used.approveToken.slice(0, -1)}${used.approveToken.endsWith('A') ? 'B' : 'A'}`;

    const answers = await Promise.all([
      app.request(approvePath(used.approveToken), form({ decision: 'approve' })),
      app.request(declinePath(used.declineToken), form({ decision: 'decline' })),
      later.request(approvePath(expired.approveToken), form({ decision: 'approve' })),
      app.request(approvePath(altered), form({ decision: 'approve' })),
      app.request(approvePath('short'), form({ decision: 'approve' })),
      app.request(approvePath(used.declineToken), form({ decision: 'approve' })),
      app.request(approvePath(used.approveToken)),
      later.request(approvePath(expired.approveToken)),
      app.request(approvePath(altered)),
    ]);
    const bodies = await Promise.all(answers.map((response) => response.text()));
    for (const response of answers) {
      expect(response.status).toBe(410);
      expectPrivate(response);
    }
    expect(new Set(bodies).size).toBe(1);
    // The coordinator who approved and taps again must not read that nothing happened.
    expect(bodies[0]).toContain('This link can’t be used any more');
    expect(bodies[0]).toContain('Whatever was done with it before stands');
    expect(bodies[0]).not.toContain('Nothing has been changed');
    // A coordinator holds these links: it points to the queue, not to someone's offer or request.
    expect(bodies[0]).toContain('Whatever still waits for a decision is in the queue');
    expect(bodies[0]).toContain('href="/coordinator?lang=en"');
    expect(bodies[0]).not.toContain('your offer or request');
    expect(await stateOf(table, expired)).toMatchObject(UNDECIDED);
  });
});

describe('a host no coordinator has verified (REQUIRE_VERIFIED_HOSTS=true, the default)', () => {
  const unchecked = { offer: { verification: undefined } };

  it('the approve page says to check the host first, and where, and that the mail’s decline link still works, in all four languages, with no approve button', async () => {
    const seeded = await seedProposal(table, unchecked);
    const titles = {
      en: ['Check the host first', 'You can still decline it with the “Decline” link in the email.'],
      ru: ['Сначала проверьте хозяина жилья', 'по ссылке «Отклонить» из письма'],
      uk: ['Спершу перевірте господаря житла', 'за посиланням «Відхилити» з листа'],
      tr: ['Önce ev sahibini kontrol edin', 'e-postadaki “Reddet” bağlantısıyla'],
    };
    for (const [lang, [title, decline]] of Object.entries(titles)) {
      const response = await app.request(`${approvePath(seeded.approveToken)}?lang=${lang}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(title);
      expect(html).toContain(decline);
      expect(html).toContain(`href="/coordinator/offers/${seeded.offer.id}?lang=${lang}"`);
      expect(html).not.toMatch(/<button|<form/);
    }
    expect(await stateOf(table, seeded)).toMatchObject(UNDECIDED);
  });

  it('refuses the mailed approve link with nothing changed, and the decline link still works', async () => {
    const seeded = await seedProposal(table, unchecked);
    const refused = await app.request(approvePath(seeded.approveToken), form({ decision: 'approve' }));
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(`/coordinator/offers/${seeded.offer.id}`);
    expect(await stateOf(table, seeded)).toEqual({ ...UNDECIDED, requestVersion: seeded.request.version });

    const declined = await app.request(declinePath(seeded.declineToken), form({ decision: 'decline' }));
    expect(declined.status).toBe(303);
    expect((await stateOf(table, seeded)).proposal).toBe('declined');
  });

  it('approves by the same link once a coordinator has recorded the check', async () => {
    const seeded = await seedProposal(table, unchecked);
    expect((await app.request(approvePath(seeded.approveToken), form({ decision: 'approve' }))).status).toBe(
      409,
    );
    await setVerification(
      table.deps(),
      (await readItem(table, offerKey(seeded.offer.id))) as unknown as OfferRecord,
      { state: 'verified', by: 'coordinator@haven.test', at: new Date().toISOString(), method: 'id' },
      'coordinator:coordinator@haven.test',
    );
    const page = await (await app.request(approvePath(seeded.approveToken))).text();
    expect(page).toContain('name="decision" value="approve"');
    // The due time's and the check's zones are parts, which a phone keeps whole.
    expect(page).toMatch(/<strong>[^<]+ <span class="part">\(Germany time\)<\/span><\/strong>/);
    expect(page).toMatch(/<dd>[^<]*coordinator@haven\.test[^<]+ <span class="part">\(Germany time\)<\/span>/);
    const approved = await app.request(approvePath(seeded.approveToken), form({ decision: 'approve' }));
    expect(approved.status).toBe(303);
    expect(await stateOf(table, seeded)).toMatchObject({
      proposal: 'approved',
      request: 'placed',
      placementMails: 2,
    });
  });

  it('the approve transaction itself fails on an unverified offer, so a check withdrawn mid-way cannot slip past', async () => {
    const seeded = await seedProposal(table, unchecked);
    const ctx = await loadProposalContext(table.deps(), seeded.proposal.id);
    if (!ctx || !bothSidesKept(ctx)) throw new Error('the seeded proposal did not load whole');
    const ref = randomUUID();
    const write = table.db.send(
      new TransactWriteCommand({
        TransactItems: approveTransaction(
          table.tableName,
          ctx,
          ctx.proposal,
          [],
          new Date(),
          ref,
          'link:approve',
          true,
        ),
        ClientRequestToken: ref,
      }),
    );
    await expect(write).rejects.toThrow(/ConditionalCheckFailed/);
    expect(await stateOf(table, seeded)).toMatchObject(UNDECIDED);
  });
});

describe('a host no coordinator has verified, with REQUIRE_VERIFIED_HOSTS=false', () => {
  it('approves by the mailed link, and the page says the host is unverified', async () => {
    const relaxed = await createTestTable({ REQUIRE_VERIFIED_HOSTS: 'false' });
    try {
      const relaxedApp = createApp(relaxed.deps());
      const seeded = await seedProposal(relaxed, { offer: { verification: undefined } });
      const page = await (await relaxedApp.request(approvePath(seeded.approveToken))).text();
      expect(page).toContain('No coordinator has checked this host yet.');
      expect(page).toContain('name="decision" value="approve"');
      const approved = await relaxedApp.request(
        approvePath(seeded.approveToken),
        form({ decision: 'approve' }),
      );
      expect(approved.status).toBe(303);
      expect(await stateOf(relaxed, seeded)).toMatchObject({ proposal: 'approved', placementMails: 2 });
    } finally {
      await relaxed.drop();
    }
  });
});

describe('decline', () => {
  it('declines in one transaction: the pair remembered, request open again, beds released, tokens spent', async () => {
    const seeded = await seedProposal(table);
    const response = await app.request(declinePath(seeded.declineToken), form({ decision: 'decline' }));
    expect(response.headers.get('location')).toBe('/done/declined?lang=en');
    expect(await (await followRedirect(app, response)).text()).toContain('Declined');
    expect(await stateOf(table, seeded)).toEqual({
      proposal: 'declined',
      request: 'open',
      requestVersion: seeded.request.version + 1,
      hold: 'released',
      approveUsed: true,
      declineUsed: true,
      placementMails: 0,
    });
    expect(await readItem(table, declinedKey(seeded.request.id, seeded.offer.id))).toBeDefined();
    const request = await readItem(table, requestKey(seeded.request.id));
    expect(request?.gsi1pk).toBeDefined();
  });
});

describe('decisions at the same time', () => {
  it('20 concurrent POSTs of one approve link: one approval, two placement mails, the rest “already decided” or gone', async () => {
    const seeded = await seedProposal(table);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.request(approvePath(seeded.approveToken), form({ decision: 'approve' })),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 303)).toHaveLength(1);
    expect(statuses.every((status) => [303, 409, 410].includes(status))).toBe(true);
    const state = await stateOf(table, seeded);
    expect(state).toMatchObject({
      proposal: 'approved',
      request: 'placed',
      hold: 'placed',
      placementMails: 2,
    });
    const losers = await Promise.all(responses.filter((r) => r.status === 409).map((r) => r.text()));
    for (const body of losers) {
      expect(body).toContain('<h1>This proposal has already been decided</h1>');
      expect(body).toContain('It was approved');
      expect(body).toContain('href="/coordinator?lang=en"');
    }

    const sink = await startSmtpSink();
    try {
      const mailer = createMailer(table.deps(), smtpTransport(sink.url), {
        ...defaultMailerOptions,
        sweepAfterMs: 0,
      });
      await mailer({ source: 'haven.schedule', task: 'sweep' });
      await mailer({ source: 'haven.schedule', task: 'sweep' });
      const placements = sink.received.filter((mail) =>
        [seeded.offer.email, seeded.request.email].includes(
          String((mail.to as AddressObject).value[0]?.address),
        ),
      );
      expect(placements).toHaveLength(2);
      expect(placements.every((mail) => mail.html && mail.text)).toBe(true);
    } finally {
      await sink.close();
    }
  });

  it('approve racing decline: exactly one wins and the other gets a clear page', async () => {
    for (let round = 0; round < 5; round++) {
      const seeded = await seedProposal(table);
      const [approve, decline] = await Promise.all([
        app.request(approvePath(seeded.approveToken), form({ decision: 'approve' })),
        app.request(declinePath(seeded.declineToken), form({ decision: 'decline' })),
      ]);
      const state = await stateOf(table, seeded);
      const winners = [approve, decline].filter((response) => response.status === 303);
      expect(winners).toHaveLength(1);
      const loser = approve.status === 303 ? decline : approve;
      expect([409, 410]).toContain(loser.status);
      const text = await loser.text();
      expect(text).toMatch(/already been decided|can’t be used any more/);
      if (approve.status === 303) {
        expect(state).toMatchObject({
          proposal: 'approved',
          request: 'placed',
          hold: 'placed',
          placementMails: 2,
        });
      } else {
        expect(state).toMatchObject({
          proposal: 'declined',
          request: 'open',
          hold: 'released',
          placementMails: 0,
        });
      }
    }
  });
});

describe('privacy', () => {
  it('logs no names, addresses, phone numbers or tokens while deciding', async () => {
    const lines: string[] = [];
    const capture = (level: string) => (event: string, fields?: Record<string, unknown>) => {
      lines.push(JSON.stringify({ level, event, ...fields }));
    };
    const log = { info: capture('info'), warn: capture('warn'), error: capture('error') };
    const logged = createApp(table.deps({ log }));
    const approved = await seedProposal(table, { deps: table.deps({ log }) });
    const declined = await seedProposal(table, { deps: table.deps({ log }) });
    await logged.request(approvePath(approved.approveToken));
    await logged.request(approvePath(approved.approveToken), form({ decision: 'approve' }));
    await logged.request(approvePath(approved.approveToken), form({ decision: 'approve' }));
    await logged.request(declinePath(declined.declineToken), form({ decision: 'decline' }));
    await logged.request(declinePath('x'.repeat(43)), form({ decision: 'decline' }));
    expect(lines.some((line) => line.includes('proposal.approved'))).toBe(true);
    const output = lines.join('\n');
    for (const seeded of [approved, declined]) {
      for (const secret of [
        seeded.offer.name,
        seeded.offer.email,
        seeded.request.name,
        seeded.request.email,
        '+49 30 1234567',
        '+380 67 7654321',
        seeded.approveToken,
        seeded.declineToken,
      ]) {
        expect(output).not.toContain(secret);
      }
    }
  });
});

describe('a side the other could not reach (a Mini App record stored with no address, phone or username)', () => {
  const noContact = { email: '', phone: undefined, telegramChatId: '424242' };

  it('refuses the approve link with nothing changed, says why in all four languages, and the decline link still works', async () => {
    const seeded = await seedProposal(table, { request: noContact });
    const reasons = {
      en: 'so the host would have no way to reach them',
      ru: 'поэтому хозяин не сможет с ним связаться',
      uk: 'тож господар не зможе з ним зв’язатися',
      tr: 'ev sahibi ona ulaşamaz',
    };
    for (const [lang, reason] of Object.entries(reasons)) {
      const refused = await app.request(
        `${approvePath(seeded.approveToken)}?lang=${lang}`,
        form({ decision: 'approve' }),
      );
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain(reason);
    }
    expect(await stateOf(table, seeded)).toEqual({ ...UNDECIDED, requestVersion: seeded.request.version });
    const declined = await app.request(declinePath(seeded.declineToken), form({ decision: 'decline' }));
    expect(declined.status).toBe(303);
    expect((await stateOf(table, seeded)).proposal).toBe('declined');
  });

  it('refuses it from the workspace too, for a host with no way to reach them, and approves once one is there', async () => {
    const seeded = await seedProposal(table, { offer: noContact });
    const refused = await decideAsCoordinator(table.deps(), 'approve', seeded.proposal.id, 'c@haven.test');
    expect(refused).toEqual({ state: 'unreachable', side: 'host' });
    expect(await stateOf(table, seeded)).toEqual({ ...UNDECIDED, requestVersion: seeded.request.version });
    await table.db.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: offerKey(seeded.offer.id),
        UpdateExpression: 'SET telegramUsername = :name',
        ExpressionAttributeValues: { ':name': 'olena_host' },
      }),
    );
    const approved = await decideAsCoordinator(table.deps(), 'approve', seeded.proposal.id, 'c@haven.test');
    expect(approved).toMatchObject({ state: 'done', status: 'approved' });
  });

  it('approves a side whose only way to be reached is a phone number', async () => {
    const seeded = await seedProposal(table, { request: { ...noContact, phone: '+380 67 7654321' } });
    const approved = await decideAsCoordinator(table.deps(), 'approve', seeded.proposal.id, 'c@haven.test');
    expect(approved).toMatchObject({ state: 'done', status: 'approved' });
  });
});
