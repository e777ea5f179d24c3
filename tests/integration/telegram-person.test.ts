import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MAX_CANCELLED_AT_ONCE } from '../../shared/approval/cancel.ts';
import { emailHash } from '../../shared/data/items.ts';
import { offerKey, requestKey } from '../../shared/data/keys.ts';
import { getOffer } from '../../shared/data/offers.ts';
import { proposalsOfRequest } from '../../shared/data/proposals.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { getRequest } from '../../shared/data/requests.ts';
import { chatAddress, markChatUnreachable, readChatUnreachable } from '../../shared/data/telegram-lookups.ts';
import { submitOffer, submitRequest } from '../../shared/intake/service.ts';
import { createMailer, defaultMailerOptions } from '../../shared/mail/mailer.ts';
import { telegramTransportFor } from '../../shared/mail/telegram-transport.ts';
import type { MailTransport } from '../../shared/mail/transports.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { erasePerson } from '../../shared/upkeep/lifecycle.ts';
import { daysFromNow } from '../support/dates.ts';
import { telegramEnv } from '../support/fake-telegram.ts';
import { keptRecord } from '../support/records.ts';
import { testEnv } from '../support/table.ts';
import { useTelegramTable } from '../support/telegram-table.ts';
import { readItem } from './approval-support.ts';
import { allItems, offerInput, requestInput } from './intake-support.ts';
import { makeRequest, putOne } from './matching-support.ts';

const run = promisify(execFile);

const bot = useTelegramTable();

/** A person in Telegram with a chat of their own (ids long enough not to turn up by chance). */
function visitor(username?: string) {
  const chatId = String(7_300_000_000 + Math.floor(Math.random() * 99_999_999));
  return { chatId, ...(username ? { username: `${username}_${chatId.slice(-5)}` } : {}) };
}

const metaFor = (telegram: { chatId: string; username?: string }) => ({
  locale: 'ru' as const,
  sourceIp: '192.0.2.91',
  via: 'form' as const,
  telegram,
});

const noEmail = { email: undefined };

async function itemsOf(kind: 'offer' | 'request', chatId: string) {
  return (await allItems(bot.table)).filter((item) => item.kind === kind && item.telegramChatId === chatId);
}

const noticesTo = async (chatId: string) =>
  (await allItems(bot.table)).filter((item) => item.kind === 'outbox' && item.chat === chatId);

describe('the same chat sending the same request twice', () => {
  it('updates the first request instead of making a second, and says so in the chat; one paused begins its pause again', async () => {
    const person = visitor('olena');
    const meta = metaFor(person);
    const first = await submitRequest(
      bot.table.deps(),
      requestInput({ ...noEmail, email: 'olena@example.org' }),
      meta,
    );
    const again = await submitRequest(
      bot.table.deps(),
      requestInput({ ...noEmail, arrival: daysFromNow(7), adults: 2, children: 1 }),
      meta,
    );
    expect(again.id).toBe(first.id);
    const records = await itemsOf('request', person.chatId);
    expect(records).toHaveLength(1);
    // The later send wins, and the phone given the first time stays: an empty field is no wish
    // to go. The address waits for its owner to press the link mailed to it (telegram-address.test.ts).
    expect(records[0]).toMatchObject({
      status: 'open',
      version: 1,
      arrival: daysFromNow(7),
      adults: 2,
      children: 1,
      phone: '+380 67 123 4567',
      email: '',
    });
    const notices = await noticesTo(person.chatId);
    expect(notices.map((notice) => notice.template).sort()).toEqual(['received-request', 'received-request']);
    expect(notices.map((notice) => notice.text).join('\n')).toContain(
      'Вы уже просили у нас жильё на эти даты, поэтому мы не стали создавать второй запрос',
    );
    const audit = (await allItems(bot.table)).filter(
      (item) => item.pk === requestKey(first.id).pk && String(item.sk).startsWith('AUDIT#'),
    );
    expect(audit.map((event) => event.action).sort()).toEqual([
      'address-held',
      'resubmitted-telegram',
      'submitted-telegram',
    ]);

    // Paused meanwhile, and sent again: its owner's change, so its pause begins again at the resend.
    const paused = keptRecord(await getRequest(bot.table.deps(), first.id));
    await putOne(bot.table.db, bot.table.tableName, {
      ...paused,
      status: 'paused',
      pausedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    });
    const resentAt = new Date(Date.now() + 60_000);
    await submitRequest(
      bot.table.deps({ now: () => resentAt }),
      requestInput({ ...noEmail, arrival: daysFromNow(7), adults: 2, children: 1 }),
      meta,
    );
    expect(await getRequest(bot.table.deps(), first.id)).toMatchObject({
      status: 'paused',
      pausedAt: resentAt.toISOString(),
      updatedAt: resentAt.toISOString(),
    });
    const resent = (await allItems(bot.table)).filter(
      (item) => item.pk === requestKey(first.id).pk && item.action === 'resubmitted-telegram',
    );
    // Only the resend that began the pause again lists pausedAt.
    expect(resent.map((event) => event.fields ?? []).sort()).toEqual([[], ['pausedAt']]);
  });

  it('makes one request of two sends at the same moment (a double tap on Send)', async () => {
    const person = visitor();
    const meta = metaFor(person);
    const sent = await Promise.all([
      submitRequest(bot.table.deps(), requestInput(noEmail), meta),
      submitRequest(bot.table.deps(), requestInput({ ...noEmail, adults: 2 }), meta),
    ]);
    expect(sent[0].id).toBe(sent[1].id);
    expect(await itemsOf('request', person.chatId)).toHaveLength(1);
  });

  it('keeps two requests for dates that do not overlap, and two for two chats', async () => {
    const person = visitor();
    await submitRequest(
      bot.table.deps(),
      requestInput({ ...noEmail, arrival: daysFromNow(5), departure: daysFromNow(10) }),
      metaFor(person),
    );
    await submitRequest(
      bot.table.deps(),
      requestInput({ ...noEmail, arrival: daysFromNow(20), departure: daysFromNow(30) }),
      metaFor(person),
    );
    expect(await itemsOf('request', person.chatId)).toHaveLength(2);
    const other = visitor();
    await submitRequest(
      bot.table.deps(),
      requestInput({ ...noEmail, arrival: daysFromNow(5), departure: daysFromNow(10) }),
      metaFor(other),
    );
    expect(await itemsOf('request', other.chatId)).toHaveLength(1);
  });

  it('updates a host’s offer for the same place and dates, and keeps an offer in another city apart', async () => {
    const host = visitor('ayse');
    const first = await submitOffer(bot.table.deps(), offerInput({ ...noEmail, beds: 2 }), metaFor(host));
    const again = await submitOffer(bot.table.deps(), offerInput({ ...noEmail, beds: 4 }), metaFor(host));
    expect(again.id).toBe(first.id);
    await submitOffer(bot.table.deps(), offerInput({ ...noEmail, city: 'Анталья' }), metaFor(host));
    const offers = await itemsOf('offer', host.chatId);
    expect(offers).toHaveLength(2);
    expect(offers.find((offer) => offer.id === first.id)).toMatchObject({ beds: 4, version: 1 });
  });

  it('clears the household a host leaves empty when sending the offer again, and keeps the phone left out', async () => {
    const host = visitor('defne');
    const first = await submitOffer(
      bot.table.deps(),
      offerInput({ ...noEmail, hostHousehold: 'women', notes: 'second floor' }),
      metaFor(host),
    );
    const { phone: _phone, ...unsaid } = offerInput({ ...noEmail, beds: 5 });
    await submitOffer(bot.table.deps(), unsaid, metaFor(host));
    const offer = keptRecord(await getOffer(bot.table.deps(), first.id));
    // A household no longer said is none said: rule 5 then fails closed.
    expect(offer).toMatchObject({ beds: 5, phone: '+90 555 123 45 67', version: 1 });
    expect(offer).not.toHaveProperty('hostHousehold');
    expect(offer).not.toHaveProperty('notes');
  });
});

/** Runs the mailer's sweep (to the fake Bot API), so sent notices keep no chat and no text. */
async function deliverAll() {
  const transport: MailTransport = { name: 'directory', send: async () => ({ refused: [] }) };
  const deps = bot.table.deps({ now: () => new Date(Date.now() + 10 * 60_000) });
  await createMailer(
    deps,
    transport,
    defaultMailerOptions,
    telegramTransportFor(deps),
  )({ source: 'haven.schedule', task: 'sweep' });
}

const hashed = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every item that still leads to the person: their chat, username, name, or a hash of these. */
async function tracesOf(person: { chatId: string; username?: string }, name: string) {
  const needles = [
    person.chatId,
    name,
    emailHash(chatAddress(person.chatId)),
    hashed(`telegram-chat:${person.chatId}`),
    ...(person.username
      ? [person.username, hashed(`telegram-username:${person.username.toLowerCase()}`)]
      : []),
  ];
  return (await allItems(bot.table)).filter((item) =>
    needles.some((needle) => JSON.stringify(item).includes(needle)),
  );
}

describe('erasing a person who came through Telegram without an email address', () => {
  it('finds and erases their records by @username, whatever its case, and leaves no trace', async () => {
    const person = visitor('Olena_K');
    const name = `Олена Стерта ${person.chatId}`;
    const { id: requestId } = await submitRequest(
      bot.table.deps(),
      requestInput({ ...noEmail, name }),
      metaFor(person),
    );
    const { id: offerId } = await submitOffer(
      bot.table.deps(),
      offerInput({ ...noEmail, name }),
      metaFor(person),
    );
    expect(await tracesOf(person, name)).not.toEqual([]);

    const erased = await erasePerson(bot.table.deps(), {
      telegram: 'username',
      value: `@${person.username?.toUpperCase()}`,
    });
    expect(erased).toEqual({ offers: 1, requests: 1, failed: 0 });
    await deliverAll();
    expect(await tracesOf(person, name)).toEqual([]);
    expect(await readItem(bot.table, requestKey(requestId))).toMatchObject({ status: 'withdrawn' });
    expect(await readItem(bot.table, offerKey(offerId))).toMatchObject({ status: 'closed' });
  });

  it('npm run erase -- tg:<chat id> erases every record of that chat, and the mark of its refusing a notice', async () => {
    const person = visitor();
    const name = `Daria Tg ${person.chatId}`;
    await submitRequest(bot.table.deps(), requestInput({ ...noEmail, name }), metaFor(person));
    await markChatUnreachable(bot.table.deps(), person.chatId, false);
    await submitRequest(
      bot.table.deps(),
      requestInput({ ...noEmail, name, arrival: daysFromNow(50), departure: daysFromNow(60) }),
      metaFor(person),
    );
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'infra/aws/erase.ts', `tg:${person.chatId}`],
      {
        env: { ...process.env, ...testEnv(bot.table.tableName, telegramEnv(bot.fake)) },
      },
    );
    expect(stdout).toContain('Erased 0 offer(s) and 2 request(s)');
    await deliverAll();
    expect(await tracesOf(person, name)).toEqual([]);
    expect(await readChatUnreachable(bot.table.deps(), person.chatId)).toBeUndefined();
    // It starts a second node process (tsx compiles the command), slow on a busy machine.
  }, 120_000);
});

describe('a chat sending its offer again while the offer has many pending proposals', () => {
  it.each([
    ['with no address', 'none'],
    // The address is mailed a link in the same transaction, and a merge link a manage link too.
    ['giving an address that has no record', 'new'],
    ['giving the address of a web offer still to be confirmed for the same place and dates', 'merge'],
  ] as const)(
    '%s cancels every proposal the change makes stale, more than one transaction holds, the seekers back in the pool',
    async (_, address) => {
      const deps = bot.table.deps();
      const person = visitor();
      const meta = metaFor(person);
      const count = MAX_CANCELLED_AT_ONCE + 1;
      const sent = offerInput({ ...noEmail, multipleParties: true, beds: count });
      const email = `resend-${person.chatId}@example.org`;
      if (address === 'merge')
        await submitOffer(deps, offerInput({ ...sent, email }), {
          locale: 'ru',
          sourceIp: '192.0.2.95',
          via: 'form',
        });
      const { id } = await submitOffer(deps, sent, meta);
      const offer = keptRecord(await getOffer(deps, id));
      const matcher = createMatchingService(deps);
      const requests = [];
      for (let i = 0; i < count; i++) {
        const request = makeRequest(`mini-app-${person.chatId}-${i}`, {
          country: offer.country,
          city: offer.city,
          lat: offer.lat,
          lon: offer.lon,
          adults: 1,
          children: 0,
          arrival: daysFromNow(5),
          departure: daysFromNow(20),
        });
        await putOne(bot.table.db, bot.table.tableName, request);
        expect(await matcher.writeProposal(offer.id, request.id, newReadStats(), { retries: 0 })).toBe(
          'proposed',
        );
        requests.push(request);
      }

      // The same offer from the same chat, a bed more: every proposal was made to other facts.
      const again = await submitOffer(
        deps,
        { ...sent, beds: count + 1, ...(address === 'none' ? {} : { email }) },
        meta,
      );
      expect(again.id).toBe(offer.id);
      expect(await getOffer(deps, offer.id)).toMatchObject({ beds: count + 1, factsVersion: 1 });
      for (const request of requests) {
        expect((await getRequest(deps, request.id))?.status).toBe('open');
        const proposals = await proposalsOfRequest(deps, request.id);
        expect(proposals.map((proposal) => proposal.status)).toEqual(['cancelled']);
      }
      // Fourteen proposals written one by one: on a loaded machine more than the default 30 s.
    },
    120_000,
  );
});
