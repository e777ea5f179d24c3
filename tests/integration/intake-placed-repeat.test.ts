import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditTrail } from '../../shared/data/audit.ts';
import { holdKey, offerKey, proposalKey, requestKey } from '../../shared/data/keys.ts';
import { proposalsOfRequest } from '../../shared/data/proposals.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { getRequest } from '../../shared/data/requests.ts';
import type { OfferRecord, RequestRecord } from '../../shared/domain/records.ts';
import { createApp } from '../../shared/http/app.ts';
import { translator } from '../../shared/i18n/index.ts';
import { actOnLink, submitOffer, submitRequest } from '../../shared/intake/service.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { eraseRecord } from '../../shared/upkeep/lifecycle.ts';
import { TELEGRAM_TEST_TOKEN } from '../support/fake-telegram.ts';
import { pendingMails } from '../support/outbox.ts';
import { overtakenOn } from '../support/race.ts';
import { followRedirect } from '../support/redirects.ts';
import { signInitData } from '../support/telegram-init-data.ts';
import { useTelegramTable } from '../support/telegram-table.ts';
import { decisionTokensIn, form, readItem, seedProposal } from './approval-support.ts';
import { allItems, linksIn, offerInput, requestInput } from './intake-support.ts';
import { BERLIN, futureDate, makeOffer, putOne } from './matching-support.ts';

// A Telegram table, so that one file covers the web form, the JSON API and the Mini App.
const { table } = useTelegramTable();

let ipCounter = 0;
const meta = (via: 'form' | 'api') => ({
  locale: 'en' as const,
  via,
  sourceIp: `198.51.100.${++ipCounter % 250}`,
});

/** A request placed by the coordinator's approve link, as in production, and its host. */
async function placedRequest(
  overrides: Partial<RequestRecord> = {},
): Promise<{ placed: RequestRecord; host: OfferRecord }> {
  const seeded = await seedProposal(table, {
    request: { arrival: futureDate('03-10'), departure: futureDate('05-20'), ...overrides },
  });
  const approved = await createApp(table.deps()).request(
    `/proposals/approve/${seeded.approveToken}`,
    form({ decision: 'approve' }),
  );
  expect(approved.status).toBe(303);
  const request = (await readItem(table, requestKey(seeded.request.id))) as unknown as RequestRecord;
  expect(request.status).toBe('placed');
  return { placed: request, host: seeded.offer };
}

const requestsOf = async (email: string) =>
  (await allItems(table)).filter((item) => item.sk === 'REQUEST' && item.email === email);

const resend = (request: RequestRecord) =>
  requestInput({
    email: request.email,
    country: 'DE',
    city: 'Berlin',
    arrival: futureDate('04-01'),
    departure: futureDate('06-30'),
  });

/**
 * A chat that proved an address (a request for later dates, tied by the mailed link) and had its
 * stay for `dates` arranged through the Mini App without the address, approved by the coordinator.
 */
async function stayOfProvingChat(email: string, dates: Record<string, string>) {
  const deps = table.deps();
  const chat = String(7_700_000_000 + Math.floor(Math.random() * 99_999_999));
  const fromChat = {
    locale: 'en' as const,
    sourceIp: `198.51.100.${++ipCounter % 250}`,
    via: 'form' as const,
    telegram: { chatId: chat },
  };
  await submitRequest(
    deps,
    requestInput({ ...dates, email, arrival: futureDate('08-01'), departure: futureDate('08-20') }),
    fromChat,
  );
  const tie = (await pendingMails(table)).find(
    (mail) => mail.to.includes(email) && mail.template === 'confirm-request-address',
  );
  await actOnLink(deps, linksIn(String(tie?.text)).confirm, 'confirm');
  const { email: _none, ...withoutAddress } = requestInput(dates);
  const { id } = await submitRequest(deps, withoutAddress, fromChat);
  const host = makeOffer(`o-${randomUUID().slice(0, 8)}`, {
    ...BERLIN,
    verification: {
      state: 'verified',
      by: 'coordinator@haven.test',
      at: new Date().toISOString(),
      method: 'phone',
    },
  });
  await putOne(table.db, table.tableName, host);
  expect(await createMatchingService(deps).writeProposal(host.id, id, newReadStats(), { retries: 0 })).toBe(
    'proposed',
  );
  const proposalMail = (await pendingMails(table)).find(
    (mail) => mail.template === 'proposal' && mail.text.includes(host.name),
  );
  const { approve } = decisionTokensIn(proposalMail?.text ?? '');
  expect(
    (await createApp(deps).request(`/proposals/approve/${approve}`, form({ decision: 'approve' }))).status,
  ).toBe(303);
  const placed = (await readItem(table, requestKey(id))) as unknown as RequestRecord;
  expect(placed).toMatchObject({ status: 'placed', email: '', telegramChatId: chat });
  return { chat, placed, host };
}

describe('a placed family sending the same request again', () => {
  it('by the web form: no second record; the address is mailed its manage link, with no confirm link and with where to report a stay that broke down, and the record is unchanged', async () => {
    const { placed, host } = await placedRequest();
    const result = await submitRequest(table.deps(), resend(placed), meta('form'));
    expect(result.status).toBe('pending');
    expect(result.id).not.toBe(placed.id);

    expect((await requestsOf(placed.email)).map((item) => [item.id, item.status])).toEqual([
      [placed.id, 'placed'],
    ]);
    const after = (await readItem(table, requestKey(placed.id))) as unknown as RequestRecord;
    expect(after).toMatchObject({
      version: placed.version,
      arrival: placed.arrival,
      departure: placed.departure,
    });

    const mails = (await pendingMails(table)).filter(
      (mail) => mail.to.includes(placed.email) && mail.template === 'repeat-request-placed',
    );
    expect(mails).toHaveLength(1);
    const mail = mails[0] as (typeof mails)[number];
    expect(mail.text).toContain('the stay already arranged for you');
    // A family that writes again may need help: the mail says where to ask for it.
    expect(mail.text).toContain('If this stay is no longer possible');
    expect(mail.text).toContain('“There is a problem”');
    const links = linksIn(mail.text);
    expect(links.confirm).toBeUndefined();
    const manage = await createApp(table.deps()).request(`/manage/${links.manage}?lang=en`);
    expect(manage.status).toBe(200);
    const page = await manage.text();
    expect(page).toContain(host.name);
    expect(page).toContain('There is a problem');
  });

  it('by the web form for nights after the stay arranged: a new request, though the family gave no departure, and from the morning the stay ends', async () => {
    // No departure: the stay approved ends with the host's offer (the last night 09-30).
    const { placed } = await placedRequest({ departure: undefined });
    const [stay] = (await proposalsOfRequest(table.deps(), placed.id)).filter(
      (proposal) => proposal.status === 'approved',
    );
    expect(stay?.nightsTo).toBe(futureDate('10-01'));
    const after = { ...resend(placed), arrival: futureDate('10-01'), departure: futureDate('10-20') };
    const result = await submitRequest(table.deps(), after, meta('form'));
    const stored = (await requestsOf(placed.email)).map((item) => [item.id, item.status]);
    expect(stored).toEqual(
      expect.arrayContaining([
        [placed.id, 'placed'],
        [result.id, 'pending'],
      ]),
    );
    expect(stored).toHaveLength(2);

    // Nights 03-10 to 05-19 arranged: a request from the morning of 05-20 shares none of them.
    const { placed: ended } = await placedRequest();
    const next = { ...resend(ended), arrival: ended.departure as string, departure: futureDate('06-10') };
    const nextResult = await submitRequest(table.deps(), next, meta('form'));
    expect((await requestsOf(ended.email)).map((item) => item.id).sort()).toEqual(
      [ended.id, nextResult.id].sort(),
    );
  });

  it('by the web form over a stay made in Telegram: the mail points to the chat’s link, since the address gets none', async () => {
    const { placed } = await placedRequest({ telegramChatId: '7500000611' });
    expect((await submitRequest(table.deps(), resend(placed), meta('form'))).status).toBe('pending');
    expect(await requestsOf(placed.email)).toHaveLength(1);
    const mails = (await pendingMails(table)).filter(
      (mail) => mail.to.includes(placed.email) && mail.template === 'repeat-request-placed',
    );
    expect(mails).toHaveLength(1);
    const text = mails[0]?.text ?? '';
    expect(linksIn(text)).toEqual({ confirm: undefined, manage: undefined });
    expect(text).not.toContain('Your private link');
    expect(text).toContain('Press “See or change your details” in your Telegram chat with Haven');
    expect(text).toContain('“There is a problem”');
  });

  it('by the JSON API: answered 201 as any first send is, and nothing new is matched', async () => {
    const { placed } = await placedRequest();
    // Another free bed in Berlin that would fit a second request.
    await putOne(table.db, table.tableName, makeOffer(`o-${randomUUID().slice(0, 8)}`, BERLIN));
    const app = createApp(table.deps());
    const post = (body: unknown) =>
      app.request('/api/v1/requests', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${++ipCounter}` },
        body: JSON.stringify(body),
      });
    const repeat = await post(resend(placed));
    const stranger = await post({ ...resend(placed), email: `new-${randomUUID().slice(0, 8)}@example.org` });
    expect(repeat.status).toBe(201);
    expect(repeat.status).toBe(stranger.status);
    const [said, other] = [await repeat.json(), await stranger.json()];
    expect(Object.keys(said).sort()).toEqual(Object.keys(other).sort());
    expect(said).toMatchObject({ status: 'pending' });
    expect(said.id).not.toBe(placed.id);

    expect(await requestsOf(placed.email)).toHaveLength(1);
    await createMatchingService(table.deps()).sweep();
    const proposals = (await allItems(table)).filter(
      (item) => item.kind === 'proposal' && item.requestId === placed.id,
    );
    expect(proposals.map((proposal) => proposal.status)).toEqual(['approved']);
  });

  it('from the Mini App: the chat’s placed request is not updated and no second one opens; the chat is told with its manage link and where to report a stay that broke down', async () => {
    const app = createApp(table.deps());
    const chatId = 6201;
    const send = (arrival: string, departure: string) =>
      app.request('/requests?lang=uk', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([
          ['name', 'Олена'],
          ['languages', 'uk'],
          ['country', 'DE'],
          ['city', 'Berlin'],
          ['arrival', arrival],
          ['departure', departure],
          ['adults', '2'],
          ['children', '0'],
          ['website', ''],
          [
            'telegram_init_data',
            signInitData(
              TELEGRAM_TEST_TOKEN,
              { id: chatId, username: 'olena_k', language_code: 'uk' },
              new Date(),
            ),
          ],
        ]).toString(),
      });
    expect((await send(futureDate('03-10'), futureDate('05-10'))).status).toBe(303);
    const chatRequests = async () =>
      (await allItems(table)).filter(
        (item) => item.sk === 'REQUEST' && item.telegramChatId === String(chatId),
      );
    const [first] = (await chatRequests()) as unknown as RequestRecord[];
    if (first === undefined) throw new Error('the Mini App stored no request');

    const offer = makeOffer(`o-${randomUUID().slice(0, 8)}`, {
      ...BERLIN,
      verification: {
        state: 'verified',
        by: 'coordinator@haven.test',
        at: new Date().toISOString(),
        method: 'phone',
      },
    });
    await putOne(table.db, table.tableName, offer);
    const matcher = createMatchingService(table.deps());
    expect(await matcher.writeProposal(offer.id, first.id, newReadStats(), { retries: 0 })).toBe('proposed');
    const proposalMail = (await pendingMails(table)).find(
      (mail) =>
        mail.template === 'proposal' && mail.text.includes(first.name) && mail.text.includes(offer.name),
    );
    const { approve } = decisionTokensIn(proposalMail?.text ?? '');
    expect((await app.request(`/proposals/approve/${approve}`, form({ decision: 'approve' }))).status).toBe(
      303,
    );
    const placed = (await readItem(table, requestKey(first.id))) as unknown as RequestRecord;
    expect(placed.status).toBe('placed');

    const again = await send(futureDate('04-01'), futureDate('06-30'));
    expect(again.status).toBe(303);
    // The result page says what the notice says, not that a request was received.
    const uk = translator('uk');
    expect(again.headers.get('location')).toBe('/done/request-placed?lang=uk');
    const page = await (await followRedirect(app, again)).text();
    expect(page).toContain(uk('telegram.placed.title'));
    expect(page).toContain(uk('mail.confirm.placedRequest'));
    expect(page).toContain(uk('telegram.placed.message'));
    expect(page).not.toContain(uk('telegram.received.title'));
    expect((await chatRequests()).map((item) => [item.id, item.status])).toEqual([[first.id, 'placed']]);
    const after = (await readItem(table, requestKey(first.id))) as unknown as RequestRecord;
    expect(after).toMatchObject({ version: placed.version, departure: futureDate('05-10') });
    const notices = (await pendingMails(table)).filter((mail) => mail.template === 'received-request-placed');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain('«Є проблема»: координатор');
    expect(linksIn(notices[0]?.text ?? '').manage).toEqual(expect.any(String));
  });

  it('from the Mini App of a chat that proved the address of a stay arranged on the web: no second request, and the chat is told with no link to that stay; a chat that only types the address is answered as any other', async () => {
    const { placed } = await placedRequest();
    const deps = table.deps();
    const fromChat = (chatId: string) => ({
      locale: 'uk' as const,
      sourceIp: `198.51.100.${++ipCounter % 250}`,
      via: 'form' as const,
      telegram: { chatId },
    });
    const newChat = () => String(7_600_000_000 + Math.floor(Math.random() * 99_999_999));
    const { email: _typed, ...withoutAddress } = resend(placed);

    // The chat proves the address: a request of its own for later dates, tied by the mailed link.
    const chat = newChat();
    const later = await submitRequest(
      deps,
      { ...resend(placed), arrival: futureDate('08-01'), departure: futureDate('08-20') },
      fromChat(chat),
    );
    const tie = (await pendingMails(table)).find(
      (mail) => mail.to.includes(placed.email) && mail.template === 'confirm-request-address',
    );
    await actOnLink(deps, linksIn(String(tie?.text)).confirm, 'confirm');
    expect(await readItem(table, requestKey(later.id))).toMatchObject({ email: placed.email });

    const again = await submitRequest(deps, withoutAddress, fromChat(chat));
    expect(again.placed).toBe(true);
    const chatRequests = (await allItems(table)).filter(
      (item) => item.sk === 'REQUEST' && item.telegramChatId === chat,
    );
    expect(chatRequests.map((item) => item.id)).toEqual([later.id]);
    expect(await readItem(table, requestKey(placed.id))).toMatchObject({
      status: 'placed',
      version: placed.version,
    });
    // The stay may be another family's who shares the mailbox: the chat gets no link to it.
    const toChat = (await pendingMails(table)).filter((mail) => (mail as { chat?: string }).chat === chat);
    expect(toChat.filter((mail) => mail.template === 'received-request-placed')).toEqual([]);
    const told = toChat.filter((mail) => mail.template === 'received-request-placed-address');
    expect(told).toHaveLength(1);
    expect(linksIn(told[0]?.text ?? '')).toEqual({ confirm: undefined, manage: undefined });

    // Another chat that only types the address proves nothing: its request opens as any other,
    // and its answer is the one every send that gives an address gets.
    const stranger = await submitRequest(deps, resend(placed), fromChat(newChat()));
    expect(stranger.placed).toBeUndefined();
    expect(stranger.addressToConfirm).toBe(true);
    expect(await readItem(table, requestKey(stranger.id))).toMatchObject({ status: 'open', email: '' });
  });

  it('from the Mini App of a chat that proved, by an offer, the address of a web stay: the chat is told with no link, nothing of the stay and its host', async () => {
    const { placed, host } = await placedRequest();
    const deps = table.deps();
    const chat = String(7_700_000_000 + Math.floor(Math.random() * 99_999_999));
    const fromChat = {
      locale: 'en' as const,
      sourceIp: `198.51.100.${++ipCounter % 250}`,
      via: 'form' as const,
      telegram: { chatId: chat },
    };
    // The chat proves the address with an offer of its own, tied by the mailed link.
    const offer = await submitOffer(deps, offerInput({ email: placed.email }), fromChat);
    const tie = (await pendingMails(table)).find(
      (mail) => mail.to.includes(placed.email) && mail.template === 'confirm-offer-address',
    );
    await actOnLink(deps, linksIn(String(tie?.text)).confirm, 'confirm');
    expect(await readItem(table, offerKey(offer.id))).toMatchObject({ email: placed.email });

    const { email: _none, ...withoutAddress } = resend(placed);
    const again = await submitRequest(deps, withoutAddress, fromChat);
    expect(again.placed).toBe(true);
    const toChat = (await pendingMails(table)).filter((mail) => (mail as { chat?: string }).chat === chat);
    const notice = toChat.find((mail) => mail.template === 'received-request-placed-address');
    expect(notice?.text).toContain(translator('en')('telegram.placedAddress.message'));
    expect(toChat.filter((mail) => mail.template === 'received-request-placed')).toEqual([]);
    const app = createApp(deps);
    for (const mail of toChat) {
      expect(mail.text).not.toContain(host.name);
      const { manage } = linksIn(mail.text);
      if (manage === undefined) continue;
      const page = await (await app.request(`/manage/${manage}?lang=en`)).text();
      expect(page).not.toContain(host.name);
      expect(page).not.toContain(host.email);
    }
    expect(linksIn(notice?.text ?? '')).toEqual({ confirm: undefined, manage: undefined });
  });

  it('from the Mini App of a chat that proved an address another chat’s stay also holds: the chat is answered as any send is, and is given no link to that stay', async () => {
    // A shared mailbox: chat B's stay holds the address, and chat A proves it too.
    const chatB = String(7_800_000_000 + Math.floor(Math.random() * 99_999_999));
    const { placed, host } = await placedRequest({ telegramChatId: chatB });
    const deps = table.deps();
    const chatA = String(7_900_000_000 + Math.floor(Math.random() * 99_999_999));
    const fromChatA = {
      locale: 'en' as const,
      sourceIp: `198.51.100.${++ipCounter % 250}`,
      via: 'form' as const,
      telegram: { chatId: chatA },
    };
    const later = await submitRequest(
      deps,
      { ...resend(placed), arrival: futureDate('08-01'), departure: futureDate('08-20') },
      fromChatA,
    );
    const tie = (await pendingMails(table)).find(
      (mail) => mail.to.includes(placed.email) && mail.template === 'confirm-request-address',
    );
    await actOnLink(deps, linksIn(String(tie?.text)).confirm, 'confirm');
    expect(await readItem(table, requestKey(later.id))).toMatchObject({ email: placed.email });

    const { email: _none, ...withoutAddress } = resend(placed);
    const again = await submitRequest(deps, withoutAddress, fromChatA);
    expect(again.placed).toBeUndefined();
    expect(again.id).not.toBe(placed.id);
    expect(await readItem(table, requestKey(again.id))).toMatchObject({
      status: 'open',
      telegramChatId: chatA,
    });
    const toChatA = (await pendingMails(table)).filter((mail) => (mail as { chat?: string }).chat === chatA);
    expect(toChatA.filter((mail) => mail.template === 'received-request-placed')).toEqual([]);
    const manageLinks = toChatA.flatMap((mail) => {
      const { manage } = linksIn(mail.text);
      return manage === undefined ? [] : [manage];
    });
    const app = createApp(deps);
    for (const manage of manageLinks) {
      const page = await (await app.request(`/manage/${manage}?lang=en`)).text();
      expect(page).not.toContain(host.name);
      expect(page).not.toContain(host.email);
    }
    expect(await readItem(table, requestKey(placed.id))).toMatchObject({
      status: 'placed',
      version: placed.version,
    });
  });

  it('by the web form from an address a chat proved, over the stay that chat arranged without it: no second request, and the mail points to the chat', async () => {
    const deps = table.deps();
    const app = createApp(deps);
    const chat = String(7_700_000_000 + Math.floor(Math.random() * 99_999_999));
    const fromChat = {
      locale: 'en' as const,
      sourceIp: `198.51.100.${++ipCounter % 250}`,
      via: 'form' as const,
      telegram: { chatId: chat },
    };
    const email = `proved-${randomUUID().slice(0, 8)}@example.org`;
    const dates = {
      country: 'DE',
      city: 'Berlin',
      arrival: futureDate('04-01'),
      departure: futureDate('06-30'),
    };

    // The chat proves the address with a request for later dates, tied by the mailed link.
    await submitRequest(
      deps,
      requestInput({ ...dates, email, arrival: futureDate('08-01'), departure: futureDate('08-20') }),
      fromChat,
    );
    const tie = (await pendingMails(table)).find(
      (mail) => mail.to.includes(email) && mail.template === 'confirm-request-address',
    );
    await actOnLink(deps, linksIn(String(tie?.text)).confirm, 'confirm');
    // Its stay for these dates was arranged without the address.
    const { email: _none, ...withoutAddress } = requestInput(dates);
    const { id } = await submitRequest(deps, withoutAddress, fromChat);
    const offer = makeOffer(`o-${randomUUID().slice(0, 8)}`, {
      ...BERLIN,
      verification: {
        state: 'verified',
        by: 'coordinator@haven.test',
        at: new Date().toISOString(),
        method: 'phone',
      },
    });
    await putOne(table.db, table.tableName, offer);
    expect(
      await createMatchingService(deps).writeProposal(offer.id, id, newReadStats(), { retries: 0 }),
    ).toBe('proposed');
    const proposalMail = (await pendingMails(table)).find(
      (mail) => mail.template === 'proposal' && mail.text.includes(offer.name),
    );
    const { approve } = decisionTokensIn(proposalMail?.text ?? '');
    expect((await app.request(`/proposals/approve/${approve}`, form({ decision: 'approve' }))).status).toBe(
      303,
    );
    const placed = (await readItem(table, requestKey(id))) as unknown as RequestRecord;
    expect(placed).toMatchObject({ status: 'placed', email: '' });

    const result = await submitRequest(deps, requestInput({ ...dates, email }), meta('form'));
    expect(result.status).toBe('pending');
    const requests = (await allItems(table)).filter(
      (item) => item.sk === 'REQUEST' && (item.email === email || item.telegramChatId === chat),
    );
    expect(requests).toHaveLength(2);
    expect(await readItem(table, requestKey(id))).toMatchObject({
      status: 'placed',
      version: placed.version,
    });
    const mails = (await pendingMails(table)).filter(
      (mail) => mail.to.includes(email) && mail.template === 'repeat-request-placed',
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain('Press “See or change your details” in your Telegram chat with Haven');
  });
});

describe('a chat that types the address of a stay already arranged, once the address’s owner presses the tie link', () => {
  const fromChat = (chatId: string) => ({
    locale: 'uk' as const,
    sourceIp: `198.51.100.${++ipCounter % 250}`,
    via: 'form' as const,
    telegram: { chatId },
  });
  const newChat = () => String(7_650_000_000 + Math.floor(Math.random() * 99_999_999));
  const noticesTo = async (chat: string) =>
    (await pendingMails(table)).filter((mail) => (mail as { chat?: string }).chat === chat);

  /** The chat's request for the stay's dates with its address typed in, and the press of the tie link. */
  async function typedAndPressed(placed: RequestRecord, chat: string) {
    const deps = table.deps();
    const sent = await submitRequest(deps, resend(placed), fromChat(chat));
    expect(sent.addressToConfirm).toBe(true);
    const tie = (await pendingMails(table)).filter(
      (mail) => mail.to.includes(placed.email) && mail.template === 'confirm-request-address',
    );
    const app = createApp(deps);
    const link = `/confirm/${linksIn(String(tie.at(-1)?.text)).confirm}`;
    const shown = await (await app.request(link)).text();
    const pressed = await app.request(link, form({ decision: 'confirm' }));
    return { id: sent.id, shown, pressed, app };
  }

  /** Nothing the chat was sent names the host or reaches the stay. */
  async function expectNothingOfTheStay(chat: string, host: OfferRecord, app: ReturnType<typeof createApp>) {
    for (const mail of await noticesTo(chat)) {
      expect(mail.text).not.toContain(host.name);
      expect(mail.text).not.toContain(host.email);
      const { manage } = linksIn(mail.text);
      if (manage === undefined) continue;
      const page = await (await app.request(`/manage/${manage}?lang=en`)).text();
      expect(page).not.toContain(host.name);
      expect(page).not.toContain(host.email);
    }
  }

  it('of a web stay: the page says beforehand that the press closes the chat’s request, which then closes instead of taking the address; the chat is told with no link, and the presser reads why', async () => {
    const { placed, host } = await placedRequest();
    const chat = newChat();
    const { id, shown, pressed, app } = await typedAndPressed(placed, chat);

    // The page says beforehand what the press will do.
    expect(shown).toContain(translator('uk')('confirm.placedAddress.lead'));
    expect(shown).not.toContain(translator('uk')('confirm.request.lead'));
    expect(pressed.status).toBe(303);
    expect(pressed.headers.get('location')).toBe('/done/address-placed?lang=uk');
    const page = await (await followRedirect(app, pressed)).text();
    expect(page).toContain(translator('uk')('telegram.address.placed'));
    const closed = await readItem(table, requestKey(id));
    expect(closed).toMatchObject({ status: 'withdrawn', email: '', telegramChatId: chat });
    expect(closed?.gsi1pk).toBeUndefined();
    expect(await readItem(table, requestKey(placed.id))).toMatchObject({
      status: 'placed',
      version: placed.version,
    });
    const trail = await auditTrail(table.deps(), requestKey(placed.id).pk, 50);
    expect(trail.map((event) => [event.action, event.actor])).toContainEqual([
      'resubmitted-placed',
      'link:confirm-request',
    ]);
    const told = (await noticesTo(chat)).filter(
      (mail) => mail.template === 'received-request-placed-address',
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain(translator('uk')('telegram.placedAddress.message'));
    expect(linksIn(told[0]?.text ?? '')).toEqual({ confirm: undefined, manage: undefined });
    await expectNothingOfTheStay(chat, host, app);

    // The press proved nothing for the chat: its next send is answered as any other.
    const { email: _none, ...withoutAddress } = resend(placed);
    const again = await submitRequest(table.deps(), withoutAddress, fromChat(chat));
    expect(again.placed).toBeUndefined();
    await expectNothingOfTheStay(chat, host, app);
  });

  it('of a stay that a chat which proved the address arranged without it: the chat’s request closes instead of taking the address, and is given nothing of that stay', async () => {
    const email = `proved-press-${randomUUID().slice(0, 8)}@example.org`;
    const dates = {
      country: 'DE',
      city: 'Berlin',
      arrival: futureDate('04-01'),
      departure: futureDate('06-30'),
    };
    const { chat: chatB, placed, host } = await stayOfProvingChat(email, dates);
    const chatA = newChat();
    const { id, shown, pressed, app } = await typedAndPressed({ ...placed, email }, chatA);

    expect(shown).toContain(translator('uk')('confirm.placedAddress.lead'));
    expect(pressed.headers.get('location')).toBe('/done/address-placed?lang=uk');
    expect(await readItem(table, requestKey(id))).toMatchObject({ status: 'withdrawn', email: '' });
    expect(
      (await noticesTo(chatA)).filter((mail) => mail.template === 'received-request-placed-address'),
    ).toHaveLength(1);
    await expectNothingOfTheStay(chatA, host, app);
    expect(await readItem(table, requestKey(placed.id))).toMatchObject({
      status: 'placed',
      version: placed.version,
      telegramChatId: chatB,
    });
    expect(
      (await auditTrail(table.deps(), requestKey(placed.id).pk, 50)).map((event) => event.action),
    ).toContain('resubmitted-placed');
  });

  it('of a web stay while the chat’s request is proposed elsewhere: the request closes and its pending proposal is cancelled, its beds released', async () => {
    const deps = table.deps();
    const { placed } = await placedRequest();
    const chat = newChat();
    const sent = await submitRequest(deps, resend(placed), fromChat(chat));
    const host = makeOffer(`o-${randomUUID().slice(0, 8)}`, {
      ...BERLIN,
      verification: {
        state: 'verified',
        by: 'coordinator@haven.test',
        at: new Date().toISOString(),
        method: 'phone',
      },
    });
    await putOne(table.db, table.tableName, host);
    expect(
      await createMatchingService(deps).writeProposal(host.id, sent.id, newReadStats(), { retries: 0 }),
    ).toBe('proposed');
    expect(await readItem(table, requestKey(sent.id))).toMatchObject({ status: 'proposed' });
    const [proposal] = await proposalsOfRequest(deps, sent.id);
    expect(proposal?.status).toBe('pending');
    expect(await readItem(table, holdKey(host.id, String(proposal?.id)))).toBeDefined();
    const tie = (await pendingMails(table)).filter(
      (mail) => mail.to.includes(placed.email) && mail.template === 'confirm-request-address',
    );

    const pressedAt = new Date(Date.now() + 60_000);
    const outcome = await actOnLink(
      { ...deps, now: () => pressedAt },
      String(linksIn(String(tie.at(-1)?.text)).confirm),
      'confirm',
    );

    expect(outcome.done).toBe('withdrawn');
    expect(await readItem(table, requestKey(sent.id))).toMatchObject({
      status: 'withdrawn',
      email: '',
      endedAt: pressedAt.toISOString(),
    });
    expect(await readItem(table, proposalKey(String(proposal?.id)))).toMatchObject({ status: 'cancelled' });
    expect(await readItem(table, holdKey(host.id, String(proposal?.id)))).toBeUndefined();
    expect(
      (await auditTrail(deps, requestKey(sent.id).pk, 20)).map((event) => [
        event.action,
        event.from,
        event.to,
      ]),
    ).toContainEqual(['withdrawn-placed-repeat', 'proposed', 'withdrawn']);
  });

  it('of a web stay whose family erases it between the press’s read and its write: the press reads again, and the chat’s request takes the address instead of closing', async () => {
    const deps = table.deps();
    const { placed } = await placedRequest();
    const chat = newChat();
    const sent = await submitRequest(deps, resend(placed), fromChat(chat));
    const tie = (await pendingMails(table)).filter(
      (mail) => mail.to.includes(placed.email) && mail.template === 'confirm-request-address',
    );
    const { db, overtaken } = overtakenOn(
      table,
      (name, input) =>
        name === 'TransactWriteItemsCommand' && JSON.stringify(input).includes('withdrawn-placed-repeat'),
      async () => {
        const stay = await getRequest(deps, placed.id);
        if (stay) await eraseRecord(deps, stay, 'link:manage-request');
      },
    );

    const outcome = await actOnLink(
      table.deps({ db }),
      String(linksIn(String(tie.at(-1)?.text)).confirm),
      'confirm',
    );

    expect(overtaken()).toBe(1);
    expect(outcome.done).toBe('confirmed');
    expect(await readItem(table, requestKey(sent.id))).toMatchObject({
      status: 'open',
      email: placed.email,
      telegramChatId: chat,
    });
    expect((await auditTrail(deps, requestKey(sent.id).pk, 20)).map((event) => event.action)).not.toContain(
      'withdrawn-placed-repeat',
    );
    expect(
      (await noticesTo(chat)).filter((mail) => mail.template === 'received-request-placed-address'),
    ).toHaveLength(0);
  });

  it('of another chat’s stay (a shared mailbox): the chat is given nothing of it, neither contact nor link', async () => {
    const chatB = newChat();
    const { placed, host } = await placedRequest({ telegramChatId: chatB });
    const chatA = newChat();
    const { id, pressed, app } = await typedAndPressed(placed, chatA);

    expect(pressed.headers.get('location')).toBe('/done/address-placed?lang=uk');
    expect(await readItem(table, requestKey(id))).toMatchObject({ status: 'withdrawn', email: '' });
    expect(
      (await noticesTo(chatA)).filter((mail) => mail.template === 'received-request-placed-address'),
    ).toHaveLength(1);
    await expectNothingOfTheStay(chatA, host, app);
    expect(await readItem(table, requestKey(placed.id))).toMatchObject({
      status: 'placed',
      version: placed.version,
      telegramChatId: chatB,
    });
  });
});
