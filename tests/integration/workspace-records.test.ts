import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, writeAudit } from '../../shared/data/audit.ts';
import { offerKey, requestKey } from '../../shared/data/keys.ts';
import { getOffer, setVerification } from '../../shared/data/offers.ts';
import { getProposal, proposalIdsOfRequest } from '../../shared/data/proposals.ts';
import { getRequest } from '../../shared/data/requests.ts';
import { createApp } from '../../shared/http/app.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { eraseRecord } from '../../shared/upkeep/lifecycle.ts';
import { pendingMails } from '../support/outbox.ts';
import { keptRecord } from '../support/records.ts';
import { createTestTable, useTestTable } from '../support/table.ts';
import { readItem, seedProposal } from './approval-support.ts';
import { makeOffer, makeRequest, putOne } from './matching-support.ts';
import { csrfIn, rowsOf, signedInVisitor, textOf, type Visitor } from './workspace-support.ts';

const COORDINATORS = {
  DE: ['de@haven.test', 'de-too@haven.test'],
  TR: ['tr@haven.test'],
  '*': ['all@haven.test'],
};

let app: ReturnType<typeof createApp>;
let de: Visitor;
let deToo: Visitor;
let tr: Visitor;

const table = useTestTable({ COORDINATORS: JSON.stringify(COORDINATORS) });
beforeAll(async () => {
  app = createApp(table.deps());
  [de, deToo, tr] = await Promise.all([
    signedInVisitor(app, table, 'de@haven.test'),
    signedInVisitor(app, table, 'de-too@haven.test'),
    signedInVisitor(app, table, 'tr@haven.test'),
  ]);
});

const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

async function page(visitor: Visitor, path: string) {
  const response = await visitor.get(path);
  expect(response.status).toBe(200);
  return response.text();
}

/** GETs the page and POSTs one of its forms' actions with the page's csrf value. */
async function act(visitor: Visitor, pagePath: string, action: string, fields: Record<string, string> = {}) {
  const csrf = csrfIn(await page(visitor, pagePath));
  return visitor.post(action, { ...fields, csrf });
}

describe('record pages', () => {
  it('a coordinator of another country gets 404 and nothing of the record', async () => {
    const offer = makeOffer(id('o'));
    const request = makeRequest(id('r'));
    await putOne(table.db, table.tableName, offer);
    await putOne(table.db, table.tableName, request);
    for (const path of [`/coordinator/offers/${offer.id}`, `/coordinator/requests/${request.id}`]) {
      const response = await tr.get(path);
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).not.toContain(offer.name);
      expect(html).not.toContain(request.email);
    }
    expect(
      (
        await tr.post(`/coordinator/offers/${offer.id}/pause`, {
          csrf: csrfIn(await page(tr, '/coordinator')),
        })
      ).status,
    ).toBe(404);
    expect((await de.get('/coordinator/offers/no-such-offer')).status).toBe(404);
    expect((await getOffer(table.deps(), offer.id))?.status).toBe('open');
  });

  it('shows facts, contacts, proposals and history, and who looked, each view audited with the address', async () => {
    const seeded = await seedProposal(table);
    const path = `/coordinator/requests/${seeded.request.id}`;
    await page(deToo, path);
    const html = await page(de, path);
    expect(html).toContain(seeded.request.name);
    expect(html).toContain(`mailto:${seeded.request.email}`);
    expect(html).toContain('+380 67 7654321');
    expect(html).toContain(`/coordinator/offers/${seeded.offer.id}`);
    expect(html).toContain('A host was proposed; waiting for a coordinator’s decision');
    expect(html).toContain('de-too@haven.test');
    expect(html).toContain('de@haven.test');
    const trail = await auditTrail(table.deps(), requestKey(seeded.request.id).pk, 50);
    const views = trail.filter((event) => event.action === 'coordinator.viewed').map((event) => event.actor);
    expect(views.sort()).toEqual(['coordinator:de-too@haven.test', 'coordinator:de@haven.test']);
  });

  it('pages a long history, the newest 100 events first, and still names every coordinator who looked, however long ago', async () => {
    const offer = makeOffer(id('o'));
    await putOne(table.db, table.tableName, offer);
    const path = `/coordinator/offers/${offer.id}`;
    await page(deToo, path);
    const subjectPk = offerKey(offer.id).pk;
    for (let i = 0; i < 150; i++)
      await writeAudit(table.deps(), { subjectPk, action: 'offer.beds-held', actor: 'process:matcher' });
    const held = (html: string) => html.split('Beds held for a proposal').length - 1;
    const looked = (html: string) =>
      html.slice(html.indexOf('id="record-looked"'), html.indexOf('id="record-history"'));

    const newest = await page(de, path);
    // de's own view, then the 99 newest holds; de-too's view lies 150 events back.
    expect(held(newest)).toBe(99);
    expect(looked(newest)).toContain('de-too@haven.test');
    expect(looked(newest)).toContain('de@haven.test');
    expect(newest).not.toContain('Newest events');
    const older = newest.match(/href="([^"]*before=[^"]*)"/)?.[1]?.replaceAll('&amp;', '&');
    expect(older).toBeDefined();

    const rest = await page(de, older as string);
    expect(held(rest)).toBe(51);
    expect(rest).toContain('Newest events');
    expect(rest).not.toContain('Older events');
    // A cursor typed by hand reads from the newest: de's three views by now, then 97 holds.
    expect(held(await page(de, `${path}?before=nonsense`))).toBe(97);
  });

  it('states the record’s and its proposals’ status, score and labelled dates in the coordinator’s language', async () => {
    const seeded = await seedProposal(table);
    const html = (await page(de, `/coordinator/requests/${seeded.request.id}?lang=tr`)).replace(
      /\u202f/g,
      ' ',
    );
    expect(html).toContain('eşleşme önerildi, karar bekliyor');
    // Its two dates say which is which: the stay's first night, and when it was proposed.
    expect(
      rowsOf(html).some((row) =>
        / · karar bekliyor · %\d+ · giriş: \d+ \S+ \d{4} · öneri tarihi: \d+ \S+ \d{4} \d\d:\d\d \(Almanya saati\)$/.test(
          row.text,
        ),
      ),
    ).toBe(true);
    expect(html).toContain('(Almanya saati)');
    expect(html).toContain('Ülkeler: Almanya');
    expect(textOf(html)).not.toMatch(/ · pending · | UTC\b| proposed /);
  });

  // A language's name is a common noun in Russian and Ukrainian: capital only at the start.
  it('lists the languages as a sentence of the coordinator’s language, not a list of capitalised names', async () => {
    const offer = makeOffer(id('o-langs'), { country: 'DE', languages: ['tr', 'ru'] });
    await putOne(table.db, table.tableName, offer);
    const uk = await page(de, `/coordinator/offers/${offer.id}?lang=uk`);
    expect(uk).toContain('Турецька і російська');
    expect(uk).not.toContain('Російська');
    const tr = await page(de, `/coordinator/offers/${offer.id}?lang=tr`);
    expect(tr).toContain('Türkçe ve Rusça');
  });

  it('writes the history as sentences in the coordinator’s language: what happened and who did it', async () => {
    const seeded = await seedProposal(table);
    const requestPath = `/coordinator/requests/${seeded.request.id}`;
    const offerPath = `/coordinator/offers/${seeded.offer.id}`;
    const proposed = await page(de, `${requestPath}?lang=ru`);
    expect(proposed).toContain('Haven, автоматический подбор');
    expect(proposed).toContain('Предложено жильё; ждёт решения координатора');
    expect(proposed).toContain('Запись просмотрена');
    expect((await act(de, offerPath, `${offerPath}/pause`)).status).toBe(303);
    const offerPage = await page(de, `${offerPath}?lang=tr`);
    expect(offerPage).toContain('Yataklar bir öneri için ayrıldı');
    expect(offerPage).toContain('Yataklar yeniden boş: öneri artık geçerli değil');
    expect(offerPage).toContain('Duraklatıldı');
    const reopened = await page(de, `${requestPath}?lang=ru`);
    expect(reopened).toContain('Снова ищет жильё: предложение больше не действует');
    for (const html of [proposed, offerPage, reopened]) {
      expect(html).not.toMatch(
        /request proposed|coordinator viewed|beds held|beds released|coordinator pause|process:|link:/,
      );
    }
  });

  it('closing an offer cancels its pending proposal, audited with the coordinator; its host is no longer checked', async () => {
    const seeded = await seedProposal(table);
    const path = `/coordinator/offers/${seeded.offer.id}`;
    const closed = await act(de, path, `${path}/close`);
    expect(closed.status).toBe(303);
    expect((await getOffer(table.deps(), seeded.offer.id))?.status).toBe('closed');
    expect((await getProposal(table.deps(), seeded.proposal.id))?.status).toBe('cancelled');
    const trail = await auditTrail(table.deps(), offerKey(seeded.offer.id).pk, 50);
    expect(trail.find((event) => event.action === 'coordinator.close')?.actor).toBe(
      'coordinator:de@haven.test',
    );
    // The check it had still shows; the forms to check it do not, and a POST is refused.
    const shown = await page(de, path);
    expect(shown).toContain('id="verify"');
    expect(shown).not.toContain('value="verified"');
    expect(shown).toContain(
      'Hosts are checked only while their offer is open or paused; this offer has closed.',
    );
    const before = await getOffer(table.deps(), seeded.offer.id);
    expect((await act(de, path, `${path}/verify`, { outcome: 'verified', method: 'phone' })).status).toBe(
      409,
    );
    expect(await getOffer(table.deps(), seeded.offer.id)).toEqual(before);
  });

  it('pauses and reopens an offer; an action without csrf is 403 and changes nothing', async () => {
    const offer = makeOffer(id('o'));
    await putOne(table.db, table.tableName, offer);
    const path = `/coordinator/offers/${offer.id}`;
    expect((await de.post(`${path}/pause`, {})).status).toBe(403);
    expect((await getOffer(table.deps(), offer.id))?.status).toBe('open');
    expect((await act(de, path, `${path}/pause`)).status).toBe(303);
    const paused = keptRecord(await getOffer(table.deps(), offer.id));
    expect(paused.status).toBe('paused');
    expect(paused.pausedAt).toBe(paused.updatedAt);
    expect((await act(de, path, `${path}/pause`)).status).toBe(409);
    expect((await act(de, path, `${path}/reopen`)).status).toBe(303);
    const reopened = keptRecord(await getOffer(table.deps(), offer.id));
    expect(reopened.status).toBe('open');
    // Open again, it has no pause horizon.
    expect(reopened.pausedAt).toBeUndefined();
  });

  it('pauses a request awaiting a decision: its proposal is cancelled; reopens it; closes it paused', async () => {
    const seeded = await seedProposal(table);
    const path = `/coordinator/requests/${seeded.request.id}`;
    expect(await page(de, path)).toContain(`${path}/pause`);
    expect((await act(de, path, `${path}/pause`)).status).toBe(303);
    expect((await getRequest(table.deps(), seeded.request.id))?.status).toBe('paused');
    expect((await getProposal(table.deps(), seeded.proposal.id))?.status).toBe('cancelled');
    expect((await act(de, path, `${path}/pause`)).status).toBe(409);
    expect((await act(de, path, `${path}/reopen`)).status).toBe(303);
    expect((await getRequest(table.deps(), seeded.request.id))?.status).toBe('open');
    expect((await act(de, path, `${path}/pause`)).status).toBe(303);
    expect((await act(de, path, `${path}/close`)).status).toBe(303);
    expect((await getRequest(table.deps(), seeded.request.id))?.status).toBe('withdrawn');
    const actions = (await auditTrail(table.deps(), requestKey(seeded.request.id).pk, 50)).map(
      (event) => event.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['coordinator.pause', 'coordinator.reopen', 'coordinator.close']),
    );
  });

  it('an internal note shows on the page, its audit event holds no text, and no mail carries it', async () => {
    const request = makeRequest(id('r'));
    await putOne(table.db, table.tableName, request);
    const path = `/coordinator/requests/${request.id}`;
    const text = `Called her ${randomUUID()}: arrives by bus`;
    expect((await act(de, path, `${path}/note`, { note: text })).status).toBe(303);
    expect(await page(deToo, path)).toContain(text);
    const trail = await auditTrail(table.deps(), requestKey(request.id).pk, 50);
    expect(trail.find((event) => event.action === 'coordinator.note-added')?.actor).toBe(
      'coordinator:de@haven.test',
    );
    expect(JSON.stringify(trail)).not.toContain(text);
    expect(JSON.stringify(await pendingMails(table))).not.toContain(text);
    expect((await act(de, path, `${path}/note`, { note: '   ' })).status).toBe(400);
  });
});

describe('host verification', () => {
  it('records who checked the host, when and how, or who rejected them and why', async () => {
    const offer = makeOffer(id('o'));
    await putOne(table.db, table.tableName, offer);
    const path = `/coordinator/offers/${offer.id}`;
    expect(await page(de, path)).toContain('No coordinator has checked this host yet.');
    expect((await act(de, path, `${path}/verify`, { outcome: 'verified', method: 'nonsense' })).status).toBe(
      400,
    );
    expect((await act(de, path, `${path}/verify`, { outcome: 'verified', method: 'visit' })).status).toBe(
      303,
    );
    expect(keptRecord(await getOffer(table.deps(), offer.id)).verification).toMatchObject({
      state: 'verified',
      by: 'de@haven.test',
      method: 'visit',
    });
    expect(await page(de, path)).toMatch(/Checked by de@haven.test on .* \(Germany time\): visit\./);
    expect((await act(de, path, `${path}/verify`, { outcome: 'rejected', reason: '' })).status).toBe(400);
    expect(
      (await act(de, path, `${path}/verify`, { outcome: 'rejected', reason: 'Address does not exist' }))
        .status,
    ).toBe(303);
    expect(keptRecord(await getOffer(table.deps(), offer.id)).verification).toMatchObject({
      state: 'rejected',
      reason: 'Address does not exist',
    });
    expect(await page(de, path)).toMatch(/Rejected by de@haven.test on .*: Address does not exist/);
  });

  it("an erased host's page still says who rejected them and when, in its history, and not why", async () => {
    const offer = makeOffer(id('o'));
    await putOne(table.db, table.tableName, offer);
    const path = `/coordinator/offers/${offer.id}`;
    expect(
      (await act(de, path, `${path}/verify`, { outcome: 'rejected', reason: 'Address does not exist' }))
        .status,
    ).toBe(303);
    await eraseRecord(
      table.deps(),
      keptRecord(await getOffer(table.deps(), offer.id)),
      'process:erase-command',
    );
    // What erasure keeps of an offer holds no check (records.ts ErasedOffer): the trail says who and when.
    const html = await page(de, path);
    expect(html).toContain('Personal data erased');
    const rejection = rowsOf(html).find((row) => row.text.includes('Host rejected after a check'));
    expect(rejection?.text).toContain('de@haven.test');
    expect(html).not.toContain('Address does not exist');
  });

  it('rejecting a host takes the offer out of the pool and cancels its pending proposal, the coordinators told', async () => {
    const seeded = await seedProposal(table, { offer: { verification: undefined } });
    const path = `/coordinator/offers/${seeded.offer.id}`;
    const rejectedMails = async () =>
      (await pendingMails(table)).filter(
        (mail) => mail.template === 'proposal-offer-rejected' && mail.to.includes('de@haven.test'),
      ).length;
    const before = await rejectedMails();
    const reason = { outcome: 'rejected', reason: 'Address does not exist' };
    expect((await act(de, path, `${path}/verify`, reason)).status).toBe(303);

    expect((await getProposal(table.deps(), seeded.proposal.id))?.status).toBe('cancelled');
    expect((await getRequest(table.deps(), seeded.request.id))?.status).toBe('open');
    expect(await rejectedMails()).toBe(before + 1);
    expect((await readItem(table, offerKey(seeded.offer.id)))?.gsi1pk).toBeUndefined();
    const matcher = createMatchingService(table.deps());
    await matcher.matchRequestIds([seeded.request.id]);
    await matcher.sweep();
    const proposals = await Promise.all(
      (await proposalIdsOfRequest(table.deps(), seeded.request.id)).map((p) => getProposal(table.deps(), p)),
    );
    expect(proposals.filter((p) => p?.offerId === seeded.offer.id && p.status !== 'cancelled')).toEqual([]);

    // Checked again and found true, the host is back in the pool.
    const checked = { outcome: 'verified', method: 'visit' };
    expect((await act(de, path, `${path}/verify`, checked)).status).toBe(303);
    expect((await readItem(table, offerKey(seeded.offer.id)))?.gsi1pk).toBeDefined();
  });

  it('approving in the queue with an unverified host first asks for the check, then records it and approves', async () => {
    const seeded = await seedProposal(table, { offer: { verification: undefined } });
    const approve = `/coordinator/proposals/${seeded.proposal.id}/approve`;
    const asked = await act(de, '/coordinator', approve);
    expect(asked.status).toBe(303);
    const location = asked.headers.get('location') ?? '';
    expect(location).toMatch(/outcome=unverified/);
    expect((await getProposal(table.deps(), seeded.proposal.id))?.status).toBe('pending');
    const check = await page(de, location.split('#')[0] as string);
    expect(check).toContain('This host has not been checked yet.');
    expect(check).toContain(`action="${approve}?lang=en"`);
    // It names whom to check, how to reach them as the record holds it, and what to check.
    const box = check.slice(
      check.indexOf('id="check"'),
      check.indexOf('</section>', check.indexOf('id="check"')),
    );
    expect(box).toContain('<h3>Whom to check</h3>');
    expect(box).toContain(`<dd>${seeded.offer.name}</dd>`);
    expect(box).toContain(`href="mailto:${seeded.offer.email}"`);
    expect(box).toContain('href="tel:+49301234567"');
    expect(textOf(box)).toContain('What to check: that the host is who they say they are');
    expect(box).toContain(`href="/coordinator/offers/${seeded.offer.id}?lang=en"`);
    // Shown, the host is seen: audited on the offer as a record page's view is.
    const seen = (await auditTrail(table.deps(), offerKey(seeded.offer.id).pk, 20)).filter(
      (event) => event.action === 'coordinator.viewed',
    );
    expect(seen.map((event) => [event.actor, event.fields])).toContainEqual([
      'coordinator:de@haven.test',
      ['host-check'],
    ]);
    // A coordinator of another country following the same link learns nothing of the host.
    const elsewhere = await page(tr, location.split('#')[0]?.replace('country=DE', 'country=TR') as string);
    expect(elsewhere).not.toContain(seeded.offer.name);
    expect(elsewhere).not.toContain(seeded.offer.email);
    expect(elsewhere).not.toContain('1234567');
    const done = await de.post(approve, { csrf: csrfIn(check), method: 'phone' });
    expect(done.headers.get('location')).toMatch(/outcome=done-approved/);
    expect((await getProposal(table.deps(), seeded.proposal.id))?.status).toBe('approved');
    expect(keptRecord(await getOffer(table.deps(), seeded.offer.id)).verification).toMatchObject({
      state: 'verified',
      by: 'de@haven.test',
      method: 'phone',
    });
  });

  it('approving with a host check in the queue a proposal still pending at a closed offer answers cancelled and leaves the offer as it was', async () => {
    const seeded = await seedProposal(table, { offer: { verification: undefined } });
    // Closed with its proposal's cancellation still queued, as a close leaves one beyond its room.
    const open = keptRecord(await getOffer(table.deps(), seeded.offer.id));
    await putOne(table.db, table.tableName, { ...open, status: 'closed', endedAt: open.updatedAt });
    const closed = await getOffer(table.deps(), seeded.offer.id);
    const approve = `/coordinator/proposals/${seeded.proposal.id}/approve`;
    const done = await act(de, '/coordinator', approve, { method: 'phone' });
    expect(done.headers.get('location')).toMatch(/outcome=cancelled/);
    expect(await getOffer(table.deps(), seeded.offer.id)).toEqual(closed);
    // The check form for it names nobody, and no host-check view is audited.
    const shown = await page(de, `/coordinator?country=DE&outcome=unverified&proposal=${seeded.proposal.id}`);
    expect(shown).not.toContain('<h3>Whom to check</h3>');
    const trail = await auditTrail(table.deps(), offerKey(seeded.offer.id).pk, 20);
    expect(trail.filter((event) => event.fields?.includes('host-check'))).toEqual([]);
  });

  it('the mailed approve link’s “check the host first” names the host; how to reach them only to a signed-in coordinator of the offer’s country', async () => {
    const seeded = await seedProposal(table, { offer: { verification: undefined } });
    const link = `/proposals/approve/${seeded.approveToken}?lang=en`;
    const boxOf = (html: string) =>
      html.slice(
        html.indexOf('id="host-check"'),
        html.indexOf('</section>', html.indexOf('id="host-check"')),
      );
    const signedIn = boxOf(await page(de, link));
    expect(signedIn).toContain('Whom to check');
    expect(signedIn).toContain(`<dd>${seeded.offer.name}</dd>`);
    expect(signedIn).toContain(`href="mailto:${seeded.offer.email}"`);
    expect(signedIn).toContain('href="tel:+49301234567"');
    expect(signedIn).toContain('What to check: that the host is who they say they are');
    const seen = (await auditTrail(table.deps(), offerKey(seeded.offer.id).pk, 20)).filter(
      (event) => event.action === 'coordinator.viewed',
    );
    expect(seen.map((event) => [event.actor, event.fields])).toContainEqual([
      'coordinator:de@haven.test',
      ['host-check'],
    ]);
    // Whoever holds the link without a session, or a coordinator of another country, gets the
    // name the page shows anyway and where the contacts are, never the contacts.
    for (const html of [await (await app.request(link)).text(), await page(tr, link)]) {
      const box = boxOf(html);
      expect(box).toContain(seeded.offer.name);
      expect(box).toContain('How to reach the host is in the proposal email');
      expect(html).not.toContain(seeded.offer.email);
      expect(html).not.toContain('1234567');
    }
    expect((await getProposal(table.deps(), seeded.proposal.id))?.status).toBe('pending');
  });

  it('pressing approve on the mailed link for an unchecked host answers 409 naming the host; how to reach them only to a signed-in coordinator of the offer’s country', async () => {
    const seeded = await seedProposal(table, { offer: { verification: undefined } });
    const link = `/proposals/approve/${seeded.approveToken}?lang=en`;
    const pressed = { decision: 'approve' };
    const boxOf = (html: string) =>
      html.slice(
        html.indexOf('id="host-check"'),
        html.indexOf('</section>', html.indexOf('id="host-check"')),
      );
    const signedIn = await de.post(link, pressed);
    expect(signedIn.status).toBe(409);
    const signedInHtml = await signedIn.text();
    expect(signedInHtml).toContain('Check the host first');
    const box = boxOf(signedInHtml);
    expect(box).toContain(`<dd>${seeded.offer.name}</dd>`);
    expect(box).toContain(`href="mailto:${seeded.offer.email}"`);
    expect(box).toContain('href="tel:+49301234567"');
    // A coordinator of another country, and whoever holds the link without a session: the name
    // and where the contacts are, never the contacts.
    const others = [
      await tr.post(link, pressed),
      await app.request(link, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(pressed),
      }),
    ];
    for (const response of others) {
      expect(response.status).toBe(409);
      const html = await response.text();
      expect(boxOf(html)).toContain(`<p>${seeded.offer.name}</p>`);
      expect(boxOf(html)).toContain('How to reach the host is in the proposal email');
      expect(html).not.toContain(seeded.offer.email);
      expect(html).not.toContain('1234567');
    }
    expect((await getProposal(table.deps(), seeded.proposal.id))?.status).toBe('pending');
    expect(keptRecord(await getOffer(table.deps(), seeded.offer.id)).verification).toBeUndefined();
  });

  it('a rejected host is called rejected, not unchecked, in the queue and on the mailed approve link', async () => {
    const rejected = {
      state: 'rejected' as const,
      by: 'de-too@haven.test',
      at: new Date().toISOString(),
      reason: 'Nobody answered at the address',
    };
    // A pending proposal outlives its host's rejection only when its cancellation failed
    // (cancelRemaining logs and goes on): the rejection is written here without one.
    const seeded = await seedProposal(table, { offer: { verification: undefined } });
    await setVerification(table.deps(), seeded.offer, rejected, 'coordinator:de-too@haven.test');
    const approve = `/coordinator/proposals/${seeded.proposal.id}/approve`;
    const asked = await act(de, '/coordinator', approve);
    const location = asked.headers.get('location') ?? '';
    expect(location).toMatch(/outcome=unverified.*host=rejected/);
    const check = await page(de, location.split('#')[0] as string);
    expect(check).toContain('A coordinator rejected this host');
    expect(check).not.toContain('This host has not been checked yet.');
    const link = await app.request(`/proposals/approve/${seeded.approveToken}?lang=en`);
    const linkPage = await link.text();
    expect(linkPage).toContain('This host was rejected');
    expect(linkPage).not.toContain('No coordinator has checked this host yet');
    expect((await getProposal(table.deps(), seeded.proposal.id))?.status).toBe('pending');
  });

  it('with REQUIRE_VERIFIED_HOSTS=false the approval goes ahead for an unverified host', async () => {
    const relaxed = await createTestTable({
      COORDINATORS: JSON.stringify(COORDINATORS),
      REQUIRE_VERIFIED_HOSTS: 'false',
    });
    try {
      const relaxedApp = createApp(relaxed.deps());
      const visitor = await signedInVisitor(relaxedApp, relaxed, 'de@haven.test');
      const seeded = await seedProposal(relaxed, { offer: { verification: undefined } });
      const csrf = csrfIn(await (await visitor.get('/coordinator')).text());
      const done = await visitor.post(`/coordinator/proposals/${seeded.proposal.id}/approve`, { csrf });
      expect(done.headers.get('location')).toMatch(/outcome=done-approved/);
      expect(keptRecord(await getOffer(relaxed.deps(), seeded.offer.id)).verification).toBeUndefined();
    } finally {
      await relaxed.drop();
    }
  });
});
