import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_CANCELLED_AT_ONCE } from '../../shared/approval/cancel.ts';
import { decide } from '../../shared/approval/service.ts';
import { offerKey, requestKey } from '../../shared/data/keys.ts';
import { declinedOfferIds } from '../../shared/data/pool.ts';
import { declinedPut, proposalsOfRequest } from '../../shared/data/proposals.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { SUBMIT_PER_EMAIL, takeRateLimit } from '../../shared/data/rate-limits.ts';
import { readToken, tokensOfSubject } from '../../shared/data/tokens.ts';
import { transact } from '../../shared/data/transact.ts';
import type { Deps } from '../../shared/deps.ts';
import { mailboxOf } from '../../shared/domain/email-address.ts';
import { Conflict, Gone } from '../../shared/domain/errors.ts';
import { CONFIRM_LINK_VALID_MS } from '../../shared/domain/retention.ts';
import { hashToken } from '../../shared/domain/tokens.ts';
import { createApp } from '../../shared/http/app.ts';
import { actOnLink, submitOffer, submitRequest, viewLink } from '../../shared/intake/service.ts';
import { createMatcher, createMatchingService } from '../../shared/matching/matcher.ts';
import { ANSWER_WITHIN_MS, ASK_EVERY_MS, runAvailabilityChecks } from '../../shared/upkeep/availability.ts';
import { erasePerson, runLifecycle } from '../../shared/upkeep/lifecycle.ts';
import { daysFromNow } from '../support/dates.ts';
import { keptLog } from '../support/kept-log.ts';
import { pendingMails } from '../support/outbox.ts';
import { conflictingClient, erasureOf, failingAfterWrite, overtakenOn } from '../support/race.ts';
import { useTelegramTable } from '../support/telegram-table.ts';
import { decisionTokensIn, readItem } from './approval-support.ts';
import { allItems, lastMailTo, linksIn, offerInput, requestInput } from './intake-support.ts';
import { makeOffer, makeRequest, putOne } from './matching-support.ts';

const bot = useTelegramTable();

/** A person in Telegram with a chat of their own (ids long enough not to turn up by chance). */
function visitor() {
  return { chatId: String(7_400_000_000 + Math.floor(Math.random() * 99_999_999)) };
}

const fromChat = (telegram: { chatId: string }) => ({
  locale: 'ru' as const,
  sourceIp: '192.0.2.93',
  via: 'form' as const,
  telegram,
});
const fromWeb = { locale: 'ru' as const, sourceIp: '192.0.2.94', via: 'form' as const };

const addressOf = (name: string) => `${name}-${randomUUID()}@example.org`;

/** The requests that give an address and may still be matched or changed, whichever channel sent them. */
async function liveRequestsOf(email: string) {
  return (await allItems(bot.table)).filter(
    (item) =>
      item.kind === 'request' &&
      item.email === email &&
      ['pending', 'open', 'paused', 'proposed'].includes(String(item.status)),
  );
}

const noticesTo = async (chatId: string) =>
  (await allItems(bot.table)).filter((item) => item.kind === 'outbox' && item.chat === chatId);

const requestNow = (id: string) => readItem(bot.table, requestKey(id));

/** The matcher's every-minute task, run `ms` from now: what a press left undone is done by then. */
const lifecycleTaskIn = (ms: number) =>
  createMatcher(bot.table.deps({ now: () => new Date(Date.now() + ms) }))({
    source: 'haven.schedule',
    task: 'lifecycle',
  });

/** A request sent through the web form and confirmed by its address. */
async function confirmedWebRequest(deps: Deps, email: string, overrides: Record<string, unknown> = {}) {
  const { id } = await submitRequest(deps, requestInput({ email, ...overrides }), fromWeb);
  await actOnLink(deps, linksIn((await lastMailTo(bot.table, email)).text).confirm, 'confirm');
  return id;
}

/** A Mini App request whose address its owner confirmed through the mailed link. */
async function confirmedChatRequest(
  deps: Deps,
  person: { chatId: string },
  email: string,
  overrides: Record<string, unknown> = {},
) {
  const { id } = await submitRequest(deps, requestInput({ email, ...overrides }), fromChat(person));
  const tie = (await pendingMails(bot.table)).find(
    (mail) => mail.to.includes(email) && mail.template === 'confirm-request-address',
  );
  await actOnLink(deps, linksIn(String(tie?.text)).confirm, 'confirm');
  return id;
}

/**
 * The latest confirm link mailed to an address for what was sent again (a chat's notice may
 * name the address too, for when the chat cannot be reached, and be written at the same instant).
 */
async function heldMailTo(email: string) {
  const mails = (await pendingMails(bot.table)).filter(
    (mail) => mail.to.includes(email) && mail.template === 'confirm-request-held',
  );
  const mail = mails.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
  if (mail === undefined) throw new Error('no held confirm mail');
  return mail;
}

/** Presses the confirm link of the latest held confirm mail to an address. */
/** The erasure of a merged chat's record, after the press (whose transaction closes it, audited `merged` too). */
const mergedErasureOf =
  (id: string) =>
  (commandName: string, input: Record<string, unknown>): boolean =>
    erasureOf(requestKey(id).pk, ['merged'])(commandName, input) &&
    !JSON.stringify(input).includes('resubmission-confirmed');

async function confirmLatest(deps: Deps, email: string) {
  return actOnLink(deps, linksIn((await heldMailTo(email)).text).confirm, 'confirm');
}

describe('a Mini App send with the address of a live request from elsewhere', () => {
  it('opens a record of the chat’s own without the address, and the address’s confirmation merges it in', async () => {
    const deps = bot.table.deps();
    const email = addressOf('olena');
    const webId = await confirmedWebRequest(deps, email);
    const person = visitor();

    const sent = await submitRequest(deps, requestInput({ email, adults: 2, children: 0 }), fromChat(person));
    expect(sent.id).not.toBe(webId);
    // Matched as any record of a chat without an address, until the address says otherwise.
    expect(await requestNow(sent.id)).toMatchObject({
      status: 'open',
      telegramChatId: person.chatId,
      adults: 2,
      email: '',
      gsi1pk: expect.any(String),
    });
    expect(await requestNow(webId)).toMatchObject({ status: 'open', adults: 1, version: 1 });

    await confirmLatest(deps, email);
    expect((await liveRequestsOf(email)).map((item) => item.id)).toEqual([webId]);
    expect(await requestNow(webId)).toMatchObject({ status: 'open', adults: 2, children: 0, email });
    expect(await requestNow(sent.id)).toMatchObject({ status: 'withdrawn', erasedAt: expect.any(String) });
    const chatManage = linksIn(String((await noticesTo(person.chatId))[0]?.text)).manage;
    await expect(viewLink(deps, chatManage)).rejects.toThrow(Gone);

    await erasePerson(deps, { telegram: 'chat', value: person.chatId });
    expect(await requestNow(webId)).toMatchObject({ status: 'open', email, adults: 2 });
  });

  it('closes the merged chat’s record in the confirmation’s own transaction: a pause its chat presses after it finds it closed', async () => {
    const email = addressOf('paused-meanwhile');
    const webId = await confirmedWebRequest(bot.table.deps(), email);
    const person = visitor();
    const sent = await submitRequest(
      bot.table.deps(),
      requestInput({ email, adults: 2, children: 0 }),
      fromChat(person),
    );
    const chatManage = linksIn(String((await noticesTo(person.chatId))[0]?.text)).manage;
    let paused: unknown;
    const raced = overtakenOn(bot.table, mergedErasureOf(sent.id), () =>
      actOnLink(bot.table.deps(), chatManage, 'pause').catch((error: unknown) => {
        paused = error;
      }),
    );

    await confirmLatest(bot.table.deps({ db: raced.db }), email);

    expect(paused).toBeInstanceOf(Conflict);
    expect(await requestNow(sent.id)).toMatchObject({ status: 'withdrawn', erasedAt: expect.any(String) });
    expect((await liveRequestsOf(email)).map((item) => item.id)).toEqual([webId]);
    expect(await requestNow(webId)).toMatchObject({ status: 'open', adults: 2, email });
  });

  it('merges what the chat’s record holds at the commit when its chat edits it between the confirmation’s read and its write', async () => {
    const email = addressOf('edited-before-commit');
    const webId = await confirmedWebRequest(bot.table.deps(), email);
    const person = visitor();
    const sent = await submitRequest(
      bot.table.deps(),
      requestInput({ email, adults: 2, children: 0 }),
      fromChat(person),
    );
    const chatManage = linksIn(String((await noticesTo(person.chatId))[0]?.text)).manage;
    const confirmation = (name: string, input: Record<string, unknown>) =>
      name === 'TransactWriteItemsCommand' && JSON.stringify(input).includes('resubmission-confirmed');
    const raced = overtakenOn(bot.table, confirmation, () =>
      actOnLink(bot.table.deps(), chatManage, 'edit', { adults: 4 }),
    );

    await confirmLatest(bot.table.deps({ db: raced.db }), email);

    expect(raced.overtaken()).toBe(1);
    expect((await liveRequestsOf(email)).map((item) => item.id)).toEqual([webId]);
    expect(await requestNow(webId)).toMatchObject({ status: 'open', adults: 4, email });
    expect(await requestNow(sent.id)).toMatchObject({ status: 'withdrawn', erasedAt: expect.any(String) });
  });

  it('refuses an edit its chat sends after the confirmation committed, since the chat’s record closed with it: one person, one live record', async () => {
    const email = addressOf('edited-meanwhile');
    const webId = await confirmedWebRequest(bot.table.deps(), email);
    const person = visitor();
    const sent = await submitRequest(
      bot.table.deps(),
      requestInput({ email, adults: 2, children: 0 }),
      fromChat(person),
    );
    const chatManage = linksIn(String((await noticesTo(person.chatId))[0]?.text)).manage;
    let edited: unknown;
    const raced = overtakenOn(bot.table, mergedErasureOf(sent.id), () =>
      actOnLink(bot.table.deps(), chatManage, 'edit', { adults: 4 }).catch((error: unknown) => {
        edited = error;
      }),
    );

    await confirmLatest(bot.table.deps({ db: raced.db }), email);

    expect(edited).toBeInstanceOf(Conflict);
    expect((await liveRequestsOf(email)).map((item) => item.id)).toEqual([webId]);
    expect(await requestNow(webId)).toMatchObject({ status: 'open', adults: 2, email });
    expect(await requestNow(sent.id)).toMatchObject({ status: 'withdrawn', erasedAt: expect.any(String) });
  });

  it('erases the merged chat’s record when its erasure’s transaction meets another at the same moment', async () => {
    const email = addressOf('colliding');
    const webId = await confirmedWebRequest(bot.table.deps(), email);
    const person = visitor();
    const sent = await submitRequest(
      bot.table.deps(),
      requestInput({ email, adults: 2, children: 0 }),
      fromChat(person),
    );
    const { log, events } = keptLog();
    const db = conflictingClient(bot.table, 1, mergedErasureOf(sent.id));

    await confirmLatest(bot.table.deps({ db, log }), email);

    expect(events('erase.overtaken')).toHaveLength(1);
    expect((await liveRequestsOf(email)).map((item) => item.id)).toEqual([webId]);
    expect(await requestNow(sent.id)).toMatchObject({ status: 'withdrawn', erasedAt: expect.any(String) });
  });

  it('leaves the merged chat’s record closed, and its erasure to the every-minute task, when every try of the erasure is overtaken', async () => {
    const email = addressOf('overtaken-always');
    const webId = await confirmedWebRequest(bot.table.deps(), email);
    const person = visitor();
    const sent = await submitRequest(
      bot.table.deps(),
      requestInput({ email, adults: 2, children: 0 }),
      fromChat(person),
    );
    const { log, events } = keptLog();
    const db = conflictingClient(bot.table, 5, mergedErasureOf(sent.id));

    const outcome = await confirmLatest(bot.table.deps({ db, log }), email);

    expect(outcome.done).toBe('confirmed');
    expect(events('erase.overtaken')).toHaveLength(4);
    expect(events('intake.press-steps-failed')).toHaveLength(1);
    const closed = await requestNow(sent.id);
    expect(closed).toMatchObject({ status: 'withdrawn', adults: 2 });
    // Closed by the press's own write, which says when it ended.
    expect(closed?.endedAt).toBe(closed?.updatedAt);
    expect((await liveRequestsOf(email)).map((item) => item.id)).toEqual([webId]);

    await lifecycleTaskIn(2 * 60_000);

    expect(await requestNow(sent.id)).toMatchObject({ status: 'withdrawn', erasedAt: expect.any(String) });
  });

  it('merges a host’s Mini App offer for the place and dates of the address’s web offer once the address confirms', async () => {
    const deps = bot.table.deps();
    const email = addressOf('ayse');
    const { id: webId } = await submitOffer(deps, offerInput({ email }), fromWeb);
    await actOnLink(deps, linksIn((await lastMailTo(bot.table, email)).text).confirm, 'confirm');

    const sent = await submitOffer(deps, offerInput({ email, beds: 5 }), fromChat(visitor()));
    expect(await readItem(bot.table, offerKey(sent.id))).toMatchObject({
      status: 'open',
      beds: 5,
      email: '',
    });

    const mail = (await pendingMails(bot.table)).find(
      (item) => item.to.includes(email) && item.template === 'confirm-offer-held',
    );
    await actOnLink(deps, linksIn(String(mail?.text)).confirm, 'confirm');
    expect(await readItem(bot.table, offerKey(webId))).toMatchObject({ status: 'open', beds: 5 });
    expect(await readItem(bot.table, offerKey(sent.id))).toMatchObject({ status: 'closed' });
  });

  it('answers and matches the chat alike whether or not the address has a live request', async () => {
    const deps = bot.table.deps();
    const known = addressOf('known');
    await confirmedWebRequest(deps, known, { arrival: daysFromNow(6), departure: daysFromNow(20) });
    const unknown = addressOf('unknown');
    const [one, other] = [visitor(), visitor()];
    // A city of its own, so the two requests compete for nothing but these offers.
    const place = {
      city: 'Trabzon',
      arrival: daysFromNow(6),
      departure: daysFromNow(20),
      adults: 1,
      children: 0,
    };
    for (let house = 0; house < 3; house++) {
      const host = addressOf(`host-${house}`);
      await submitOffer(deps, offerInput({ email: host, city: 'Trabzon', beds: 2 }), fromWeb);
      await actOnLink(deps, linksIn((await lastMailTo(bot.table, host)).text).confirm, 'confirm');
    }
    const sentOne = await submitRequest(deps, requestInput({ email: known, ...place }), fromChat(one));
    const sentOther = await submitRequest(deps, requestInput({ email: unknown, ...place }), fromChat(other));

    const [toOne] = await noticesTo(one.chatId);
    const [toOther] = await noticesTo(other.chatId);
    expect(toOne?.template).toBe('received-request');
    expect(toOther?.template).toBe('received-request');
    const withoutLink = (text: unknown) => String(text).replace(/\/manage\/[A-Za-z0-9_-]{43}/g, '/manage/…');
    expect(withoutLink(toOne?.text)).toBe(withoutLink(toOther?.text));

    await createMatchingService(deps).matchRequestIds([sentOne.id, sentOther.id]);
    const [viewOne, viewOther] = await Promise.all([
      viewLink(deps, linksIn(String(toOne?.text)).manage),
      viewLink(deps, linksIn(String(toOther?.text)).manage),
    ]);
    expect(viewOne.record.status).toBe('proposed');
    expect(viewOther.record.status).toBe('proposed');
    expect(viewOne.actions).toEqual(viewOther.actions);
    expect(Object.keys(viewOne.record).sort()).toEqual(Object.keys(viewOther.record).sort());
  });

  it('sends no link when the address’s mailbox has no room left, and answers the chat alike', async () => {
    const deps = bot.table.deps();
    const email = addressOf('busy');
    await confirmedWebRequest(deps, email);
    for (let used = 1; used < SUBMIT_PER_EMAIL.limit; used++) {
      await takeRateLimit(deps, SUBMIT_PER_EMAIL, mailboxOf(email));
    }
    const person = visitor();

    const sent = await submitRequest(deps, requestInput({ email }), fromChat(person));
    expect(await requestNow(sent.id)).toMatchObject({ status: 'open', email: '' });
    const notices = await noticesTo(person.chatId);
    expect(notices.map((notice) => notice.template)).toEqual(['received-request']);
    await expect(heldMailTo(email)).rejects.toThrow('no held confirm mail');
    // Told as every chat that gave an address is, though no link went: nothing shows the window.
    expect(sent.addressToConfirm).toBe(true);
    expect(String(notices[0]?.text)).toContain(
      'Мы также отправили на указанный вами адрес письмо со ссылкой.',
    );
  });

  it('is merged only while the chat’s record lasts, and keeps nothing of it once the chat erased it', async () => {
    const deps = bot.table.deps();
    const email = addressOf('erased');
    const webId = await confirmedWebRequest(deps, email);
    const person = visitor();
    const name = `Chat Only ${person.chatId}`;
    await submitRequest(deps, requestInput({ email, name, adults: 4 }), fromChat(person));
    const chatManage = linksIn(String((await noticesTo(person.chatId))[0]?.text)).manage;
    await actOnLink(deps, chatManage, 'erase');

    const tokens = (await allItems(bot.table)).filter((item) => item.kind === 'token');
    expect(tokens.filter((token) => JSON.stringify(token).includes(name))).toEqual([]);
    await expect(confirmLatest(deps, email)).rejects.toThrow(Gone);
    expect(await requestNow(webId)).toMatchObject({ status: 'open', adults: 1 });
  });
});

/**
 * A proposal of the pair written by the matcher's own transaction, then declined by its
 * coordinator through the mailed link: the pair as rule 6 remembers it.
 */
async function declined(deps: Deps, offerId: string, requestId: string) {
  expect(
    await createMatchingService(deps).writeProposal(offerId, requestId, newReadStats(), { retries: 0 }),
  ).toBe('proposed');
  const [proposal] = await proposalsOfRequest(deps, requestId);
  const mails = (await pendingMails(bot.table)).filter((mail) => mail.template === 'proposal');
  for (const mail of mails) {
    const token = decisionTokensIn(mail.text).decline;
    const stored = await readToken(deps, hashToken(token) as string);
    if (stored?.subjectId !== proposal?.id) continue;
    expect(await decide(deps, 'decline', token)).toMatchObject({ state: 'done', status: 'declined' });
    return;
  }
  throw new Error('no proposal mail for the pair');
}

const ISTANBUL = { country: 'TR', city: 'İstanbul', lat: 41.0082, lon: 28.9784 };
const openFrom = { availableFrom: daysFromNow(1), availableTo: daysFromNow(90) };

describe('a merge and the pairs a coordinator declined', () => {
  it('keeps the chat’s request’s declined pairs for the address’s request it merges into, in the press itself (rule 6)', async () => {
    const deps = bot.table.deps();
    const email = addressOf('declined-seeker');
    const webId = await confirmedWebRequest(deps, email);
    const sent = await submitRequest(deps, requestInput({ email, adults: 2 }), fromChat(visitor()));
    const offer = makeOffer(`o-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, ...openFrom, beds: 6 });
    await putOne(bot.table.db, bot.table.tableName, offer);
    await declined(deps, offer.id, sent.id);
    // Every call after the press's transaction fails: what it carried, it carried itself.
    const press = failingAfterWrite(bot.table, 'resubmission-confirmed');

    await actOnLink(
      bot.table.deps({ db: press.db }),
      linksIn((await heldMailTo(email)).text).confirm,
      'confirm',
    );

    expect(press.failed()).toBe(true);
    press.destroy();
    expect([...(await declinedOfferIds(deps, webId, newReadStats()))]).toEqual([offer.id]);
    // The address's request, open again, is never proposed that host.
    expect(
      await createMatchingService(deps).writeProposal(offer.id, webId, newReadStats(), { retries: 0 }),
    ).not.toBe('proposed');
  });

  it('keeps the chat’s offer’s declined pairs for the address’s offer it merges into (rule 6)', async () => {
    const deps = bot.table.deps();
    const email = addressOf('declined-host');
    const { id: webId } = await submitOffer(deps, offerInput({ email }), fromWeb);
    await actOnLink(deps, linksIn((await lastMailTo(bot.table, email)).text).confirm, 'confirm');
    const sent = await submitOffer(deps, offerInput({ email, beds: 5 }), fromChat(visitor()));
    const request = makeRequest(`r-${randomUUID().slice(0, 8)}`, {
      ...ISTANBUL,
      arrival: daysFromNow(5),
      departure: daysFromNow(20),
    });
    await putOne(bot.table.db, bot.table.tableName, request);
    await declined(deps, sent.id, request.id);

    const mail = (await pendingMails(bot.table)).find(
      (item) => item.to.includes(email) && item.template === 'confirm-offer-held',
    );
    await actOnLink(deps, linksIn(String(mail?.text)).confirm, 'confirm');
    expect(await declinedOfferIds(deps, request.id, newReadStats())).toEqual(new Set([sent.id, webId]));
    expect(
      await createMatchingService(deps).writeProposal(webId, request.id, newReadStats(), { retries: 0 }),
    ).not.toBe('proposed');
  });

  it('merges a host’s offer with more pending proposals than its press cancels and ten declined pairs: every pair carried, every proposal cancelled', async () => {
    const deps = bot.table.deps();
    const email = addressOf('declined-busy-host');
    const beds = MAX_CANCELLED_AT_ONCE + 1;
    const { id: webId } = await submitOffer(
      deps,
      offerInput({ email, multipleParties: true, beds }),
      fromWeb,
    );
    await actOnLink(deps, linksIn((await lastMailTo(bot.table, email)).text).confirm, 'confirm');
    const sent = await submitOffer(
      deps,
      offerInput({ email, multipleParties: true, beds: beds + 1 }),
      fromChat(visitor()),
    );
    const single = (i: number) =>
      makeRequest(`r-busy-${i}-${randomUUID().slice(0, 8)}`, {
        ...ISTANBUL,
        adults: 1,
        children: 0,
        arrival: daysFromNow(5),
        departure: daysFromNow(20),
      });
    const refused = Array.from({ length: 10 }, (_, i) => single(i));
    for (const request of refused) {
      await putOne(bot.table.db, bot.table.tableName, request);
      await declined(deps, sent.id, request.id);
    }
    const waiting = Array.from({ length: beds }, (_, i) => single(100 + i));
    for (const request of waiting) {
      await putOne(bot.table.db, bot.table.tableName, request);
      expect(
        await createMatchingService(deps).writeProposal(sent.id, request.id, newReadStats(), { retries: 0 }),
      ).toBe('proposed');
    }

    const mail = (await pendingMails(bot.table)).find(
      (item) => item.to.includes(email) && item.template === 'confirm-offer-held',
    );
    await actOnLink(deps, linksIn(String(mail?.text)).confirm, 'confirm');
    expect(await readItem(bot.table, offerKey(sent.id))).toMatchObject({ status: 'closed' });
    for (const request of refused)
      expect(await declinedOfferIds(deps, request.id, newReadStats())).toEqual(new Set([sent.id, webId]));
    for (const request of waiting) expect(await requestNow(request.id)).toMatchObject({ status: 'open' });
  });

  it('carries declined pairs beyond what its press holds by the step after it', async () => {
    const deps = bot.table.deps();
    const email = addressOf('declined-often');
    const webId = await confirmedWebRequest(deps, email);
    const sent = await submitRequest(deps, requestInput({ email, adults: 2 }), fromChat(visitor()));
    // More than the press carries itself: each written as the decline writes it.
    const offerIds = Array.from({ length: 14 }, () => `o-${randomUUID()}`);
    for (const offerId of offerIds)
      await putOne(bot.table.db, bot.table.tableName, makeOffer(offerId, { ...ISTANBUL, status: 'closed' }));
    await transact(
      bot.table.db,
      offerIds.map((offerId) => declinedPut(bot.table.tableName, sent.id, offerId, new Date())),
    );

    await confirmLatest(deps, email);
    expect([...(await declinedOfferIds(deps, webId, newReadStats()))].sort()).toEqual([...offerIds].sort());
  });
});

describe('a chat’s record and an address', () => {
  it('never takes on the address of another live request at once; the address may merge it into its own', async () => {
    const deps = bot.table.deps();
    const email = addressOf('second');
    const webId = await confirmedWebRequest(deps, email);
    const person = visitor();
    const { id } = await submitRequest(deps, requestInput({ email: undefined }), fromChat(person));

    await submitRequest(deps, requestInput({ email, adults: 3, children: 0 }), fromChat(person));
    // The chat's own changes apply at once; the address does not.
    expect(await requestNow(id)).toMatchObject({ status: 'open', email: '', adults: 3 });
    expect((await liveRequestsOf(email)).map((item) => item.id)).toEqual([webId]);
    const notices = await noticesTo(person.chatId);
    expect(notices.map((notice) => notice.template)).toEqual(['received-request', 'received-request']);

    await confirmLatest(deps, email);
    expect((await liveRequestsOf(email)).map((item) => item.id)).toEqual([webId]);
    expect(await requestNow(webId)).toMatchObject({ status: 'open', adults: 3, children: 0 });
    expect(await requestNow(id)).toMatchObject({ status: 'withdrawn' });
  });

  it('gives an address, first or changed, only once the address confirms it, and stays the chat’s', async () => {
    const deps = bot.table.deps();
    const [first, second] = [addressOf('first'), addressOf('second')];
    const person = visitor();
    const { id } = await submitRequest(deps, requestInput({ email: first }), fromChat(person));
    expect(await requestNow(id)).toMatchObject({ status: 'open', email: '' });
    const tie = await lastMailTo(bot.table, first);
    expect(tie.template).toBe('confirm-request-address');
    // The chat's record is not the address's to manage.
    expect(linksIn(tie.text).manage).toBeUndefined();
    const confirmed = await actOnLink(deps, linksIn(tie.text).confirm, 'confirm');
    if (confirmed.done !== 'confirmed') throw new Error(`not confirmed: ${confirmed.done}`);
    expect(confirmed.manageUrl).toBeUndefined();
    expect(await requestNow(id)).toMatchObject({
      status: 'open',
      email: first,
      telegramChatId: person.chatId,
    });

    await submitRequest(deps, requestInput({ email: second, adults: 2 }), fromChat(person));
    expect(await requestNow(id)).toMatchObject({ email: first, adults: 2 });
    await actOnLink(deps, linksIn((await lastMailTo(bot.table, second)).text).confirm, 'confirm');
    expect(await requestNow(id)).toMatchObject({
      status: 'open',
      email: second,
      telegramChatId: person.chatId,
    });
  });
});

describe('a tie link pressed after the address sent its own record', () => {
  it('merges the chat’s request into the address’s own, leaving one live request', async () => {
    const deps = bot.table.deps();
    const email = addressOf('late-tie');
    const person = visitor();
    const { id: chatRequest } = await submitRequest(
      deps,
      requestInput({ email, adults: 3 }),
      fromChat(person),
    );
    const tie = await lastMailTo(bot.table, email);
    expect(tie.template).toBe('confirm-request-address');
    // The family sends the same request from the web before pressing the tie link.
    const webRequest = await confirmedWebRequest(deps, email);
    expect(await liveRequestsOf(email)).toHaveLength(1);

    const outcome = await actOnLink(deps, linksIn(tie.text).confirm, 'confirm');
    expect(outcome.record.id).toBe(webRequest);
    const live = await liveRequestsOf(email);
    expect(live.map((request) => request.id)).toEqual([webRequest]);
    // What the chat sent is the request now; the chat's own record is gone.
    expect(live[0]).toMatchObject({ adults: 3 });
    expect(await requestNow(chatRequest)).toMatchObject({
      status: 'withdrawn',
      erasedAt: expect.any(String),
    });
  });

  it('erases the merged chat’s request by the every-minute task when the press dies after its transaction', async () => {
    const deps = bot.table.deps();
    const email = addressOf('merge-crash');
    const { id: chatRequest } = await submitRequest(
      deps,
      requestInput({ email, adults: 3 }),
      fromChat(visitor()),
    );
    const tie = await lastMailTo(bot.table, email);
    const webRequest = await confirmedWebRequest(deps, email);
    const press = failingAfterWrite(bot.table, 'resubmission-confirmed');

    await actOnLink(bot.table.deps({ db: press.db }), linksIn(tie.text).confirm, 'confirm');

    expect(press.failed()).toBe(true);
    press.destroy();
    // The merge is in and the chat's record closed with it; it holds what it sent until the task erases it.
    expect(await requestNow(webRequest)).toMatchObject({ status: 'open', adults: 3 });
    expect(await requestNow(chatRequest)).toMatchObject({ status: 'withdrawn', adults: 3 });
    expect((await liveRequestsOf(email)).map((request) => request.id)).toEqual([webRequest]);

    await lifecycleTaskIn(2 * 60_000);

    expect(await requestNow(chatRequest)).toMatchObject({
      status: 'withdrawn',
      erasedAt: expect.any(String),
    });
    expect((await liveRequestsOf(email)).map((request) => request.id)).toEqual([webRequest]);
  });

  it('never leaves the merged chat’s request live beside the address’s when the chat sends again after the press died: a new send goes the normal way, and the task erases the closed one', async () => {
    const deps = bot.table.deps();
    const email = addressOf('merge-resent');
    const person = visitor();
    const sent = requestInput({ email, adults: 3 });
    const { id: chatRequest } = await submitRequest(deps, sent, fromChat(person));
    const tie = await lastMailTo(bot.table, email);
    const webRequest = await confirmedWebRequest(deps, email);
    const press = failingAfterWrite(bot.table, 'resubmission-confirmed');
    await actOnLink(bot.table.deps({ db: press.db }), linksIn(tie.text).confirm, 'confirm');
    press.destroy();
    // The chat sends again, with another party, before the task comes: its closed record takes none of it.
    const { email: _typed, ...again } = { ...sent, adults: 4 };
    const resent = await submitRequest(deps, again, fromChat(person));
    expect(resent.id).not.toBe(chatRequest);
    expect(await requestNow(chatRequest)).toMatchObject({ status: 'withdrawn', adults: 3 });
    expect(await requestNow(webRequest)).toMatchObject({ status: 'open', adults: 3 });

    await lifecycleTaskIn(2 * 60_000);

    expect(await requestNow(chatRequest)).toMatchObject({
      status: 'withdrawn',
      erasedAt: expect.any(String),
    });
    expect(await requestNow(resent.id)).toMatchObject({ adults: 4, telegramChatId: person.chatId });
  });

  it('lets what the chat sent win over a web request sent after it, whose own confirm link then has nothing left to do', async () => {
    const deps = bot.table.deps();
    const email = addressOf('web-later');
    await submitRequest(deps, requestInput({ email, adults: 3 }), fromChat(visitor()));
    const tie = await lastMailTo(bot.table, email);
    expect(tie.template).toBe('confirm-request-address');
    const { id: webRequest } = await submitRequest(deps, requestInput({ email, adults: 1 }), fromWeb);
    const webConfirm = linksIn((await lastMailTo(bot.table, email)).text).confirm;

    await actOnLink(deps, linksIn(tie.text).confirm, 'confirm');
    expect(await requestNow(webRequest)).toMatchObject({ status: 'open', adults: 3 });
    await expect(actOnLink(deps, webConfirm, 'confirm')).rejects.toThrow(Gone);
    expect(await requestNow(webRequest)).toMatchObject({ status: 'open', adults: 3 });
  });
});

describe('the page an address sees once it confirms a chat’s record', () => {
  it('says, in the chat’s language, that the chat keeps writing and the address is confirmed', async () => {
    const deps = bot.table.deps();
    const email = addressOf('page');
    await submitRequest(deps, requestInput({ email }), fromChat(visitor()));
    const tie = linksIn((await lastMailTo(bot.table, email)).text).confirm;
    const app = createApp(deps);
    const response = await app.request(`/confirm/${tie}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'decision=confirm',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/done/address-confirmed?lang=ru');
    const html = await (await app.request('/done/address-confirmed?lang=ru')).text();
    expect(html).toContain('Адрес подтверждён');
    expect(html).toContain('Мы по-прежнему пишем вам в Telegram');
  });
});

describe('a web send with the address of a Mini App request', () => {
  it('is held for the address; confirmed, it changes the request, which stays the chat’s', async () => {
    const deps = bot.table.deps();
    const email = addressOf('daria');
    // An earlier web request for other dates: the address has a registry, which lists web records only.
    await confirmedWebRequest(deps, email, { arrival: daysFromNow(70), departure: daysFromNow(80) });
    const person = visitor();
    const id = await confirmedChatRequest(deps, person, email);
    const chatManage = linksIn(String((await noticesTo(person.chatId))[0]?.text)).manage;

    await submitRequest(deps, requestInput({ email, adults: 3, children: 0 }), fromWeb);
    const overlapping = (await liveRequestsOf(email)).filter((item) => item.arrival === daysFromNow(5));
    expect(overlapping.map((item) => item.id)).toEqual([id]);
    expect(overlapping[0]).toMatchObject({ telegramChatId: person.chatId, adults: 1 });
    // The chat's request is not the address's to manage.
    expect(linksIn((await heldMailTo(email)).text).manage).toBeUndefined();

    const done = await confirmLatest(deps, email);
    if (done.done !== 'confirmed') throw new Error(`not confirmed: ${done.done}`);
    expect(done.manageUrl).toBeUndefined();
    expect(await requestNow(id)).toMatchObject({
      status: 'open',
      adults: 3,
      email,
      telegramChatId: person.chatId,
    });
    await expect(viewLink(deps, chatManage)).resolves.toMatchObject({ link: 'manage' });
  });
});

describe('a pending “still looking?” and a merge', () => {
  const T0 = Date.now();
  const at = (ms: number) => bot.table.deps({ now: () => new Date(T0 + ms) });
  const ASKED = ASK_EVERY_MS + 60_000;
  const UNANSWERED = ASKED + ANSWER_WITHIN_MS + 60_000;
  // Arriving after the question, so the same request sent again then is still valid.
  const later = { arrival: daysFromNow(40), departure: undefined };

  it('is answered when the address merges a Mini App send into its web request', async () => {
    const email = addressOf('asked-web');
    const webId = await confirmedWebRequest(at(0), email, later);
    await runAvailabilityChecks(at(ASKED));
    await submitRequest(
      at(ASKED + 3_600_000),
      requestInput({ email, ...later, adults: 2 }),
      fromChat(visitor()),
    );
    await confirmLatest(at(ASKED + 7_200_000), email);

    await runAvailabilityChecks(at(UNANSWERED));
    expect(await requestNow(webId)).toMatchObject({ status: 'open', adults: 2 });
  });

  it('is answered when the address takes a Mini App request over from a web send', async () => {
    const email = addressOf('asked-chat');
    // A web request for earlier dates: the address has a registry, which lists web records only.
    await confirmedWebRequest(at(0), email, { arrival: daysFromNow(3), departure: daysFromNow(10) });
    const id = await confirmedChatRequest(at(0), visitor(), email, later);
    await runAvailabilityChecks(at(ASKED));
    await submitRequest(at(ASKED + 3_600_000), requestInput({ email, ...later, adults: 2 }), fromWeb);
    await confirmLatest(at(ASKED + 7_200_000), email);

    await runAvailabilityChecks(at(UNANSWERED));
    expect(await requestNow(id)).toMatchObject({ status: 'open', adults: 2 });
  });
});

describe('an address typed into the Mini App and never confirmed', () => {
  /** The chat's request's tokens that still hold an address typed for it. */
  const heldAddresses = async (deps: Deps, id: string) => {
    const tokens = await Promise.all(
      (await tokensOfSubject(deps, 'request', id)).map((hash) => readToken(deps, hash)),
    );
    return tokens.flatMap((token) => (token?.changes?.email === undefined ? [] : [token.changes.email]));
  };
  const lifecycleAt = (ms: number) => runLifecycle(bot.table.deps({ now: () => new Date(Date.now() + ms) }));

  it('goes with its tie token when the confirm link expires, as an unconfirmed web record does', async () => {
    const deps = bot.table.deps();
    const typed = addressOf('typo');
    const { id } = await submitRequest(deps, requestInput({ email: typed }), fromChat(visitor()));
    expect(await heldAddresses(deps, id)).toEqual([typed]);

    await lifecycleAt(CONFIRM_LINK_VALID_MS - 60_000);
    expect(await heldAddresses(deps, id)).toEqual([typed]);

    const report = await lifecycleAt(CONFIRM_LINK_VALID_MS + 60_000);
    expect(report.lapsedChanges).toBeGreaterThanOrEqual(1);
    expect(await heldAddresses(deps, id)).toEqual([]);
    expect(await requestNow(id)).toMatchObject({ status: 'open', email: '' });
  });

  it('stays on the record, and its spent tie token stays too, once its owner confirmed it in time', async () => {
    const deps = bot.table.deps();
    const email = addressOf('kept');
    const id = await confirmedChatRequest(deps, visitor(), email);

    await lifecycleAt(CONFIRM_LINK_VALID_MS + 60_000);

    expect(await requestNow(id)).toMatchObject({ status: 'open', email });
    expect(await heldAddresses(deps, id)).toEqual([email]);
  });
});
