import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { outboxKey } from '../../shared/data/keys.ts';
import { getOffer } from '../../shared/data/offers.ts';
import { outboxPuts } from '../../shared/data/outbox.ts';
import { getRequest } from '../../shared/data/requests.ts';
import { suppressAddress } from '../../shared/data/suppressions.ts';
import { readChatUnreachable } from '../../shared/data/telegram-lookups.ts';
import type { RenderedMail } from '../../shared/domain/mail.ts';
import { createApp } from '../../shared/http/app.ts';
import { translator } from '../../shared/i18n/index.ts';
import { submitRequest } from '../../shared/intake/service.ts';
import { createMailer, type MailerOptions } from '../../shared/mail/mailer.ts';
import { telegramTransport, telegramTransportFor } from '../../shared/mail/telegram-transport.ts';
import { directoryTransport } from '../../shared/mail/transports.ts';
import { runAvailabilityChecks, viewAvailabilityLink } from '../../shared/upkeep/availability.ts';
import { erasePerson } from '../../shared/upkeep/lifecycle.ts';
import { daysFromNow } from '../support/dates.ts';
import { postUpdate, TELEGRAM_TEST_TOKEN } from '../support/fake-telegram.ts';
import { signInitData } from '../support/telegram-init-data.ts';
import { useTelegramTable } from '../support/telegram-table.ts';
import { requestInput } from './intake-support.ts';

const fast: MailerOptions = {
  sendAttempts: 1,
  backoffMs: 1,
  tableCallMs: 10_000,
  claimTimeoutMs: 60_000,
  sweepAfterMs: 0,
  maxClaims: 3,
  concurrency: 4,
};

const bot = useTelegramTable();
let mailDir: string;

beforeAll(async () => {
  mailDir = await mkdtemp(join(tmpdir(), 'haven-telegram-mail-'));
});

const transport = () => telegramTransport({ token: TELEGRAM_TEST_TOKEN, apiRoot: bot.fake.apiRoot });
const mailer = () => createMailer(bot.table.deps(), directoryTransport(mailDir), fast, transport());

const notice = (
  to: string[],
  text = 'Hello\n\nSee or change your details: http://haven.test/manage/abc',
): RenderedMail => ({
  template: 'test-notice',
  to,
  locale: 'en',
  subject: 'Haven: a notice',
  text,
  html: '<p>Hello</p>',
});

/** Writes the mail's outbox items and the stream event Lambda would get for them. */
async function enqueue(mail: RenderedMail): Promise<{ ids: string[]; event: DynamoDBStreamEvent }> {
  const puts = outboxPuts(bot.table.tableName, mail, new Date());
  await bot.table.db.send(new TransactWriteCommand({ TransactItems: puts }));
  const ids = puts.map((put) => put.Put.Item.id);
  const event = {
    Records: ids.map((id, index) => ({
      eventName: 'INSERT' as const,
      dynamodb: { SequenceNumber: String(index + 1), NewImage: { id: { S: id }, kind: { S: 'outbox' } } },
    })),
  } as DynamoDBStreamEvent;
  return { ids, event };
}

/** A request sent from a chat's Mini App: a chat with a record, whose refusals the coordinators are told of. */
const chatWithRecord = (chatId: string) =>
  submitRequest(bot.table.deps(), requestInput({ email: '' }), {
    locale: 'en',
    sourceIp: '192.0.2.95',
    via: 'form',
    telegram: { chatId },
  });

const outboxItem = async (id: string) =>
  (await bot.table.db.send(new GetCommand({ TableName: bot.table.tableName, Key: outboxKey(id) }))).Item;
const mailFiles = async () => (await readdir(mailDir)).filter((name) => name.endsWith('.eml'));

describe('a Telegram notice in the outbox', () => {
  it('gets one item per chat and one for the addresses, so each goes out exactly once', async () => {
    const { ids, event } = await enqueue(notice(['a@example.org', 'tg:801', 'tg:802|b@example.org']));
    expect(ids).toHaveLength(3);
    const send = mailer();
    expect(await send(event)).toEqual({ batchItemFailures: [] });
    // The stream delivers the batch again: nothing goes twice.
    expect(await send(event)).toEqual({ batchItemFailures: [] });
    const messages = bot.fake.callsOf('sendMessage');
    expect(messages.map((call) => call.payload.chat_id).sort()).toEqual(['801', '802']);
    expect(messages[0]?.payload).toMatchObject({
      text: 'Haven: a notice\n\nHello',
      reply_markup: {
        inline_keyboard: [[{ text: 'See or change your details', url: 'http://haven.test/manage/abc' }]],
      },
      link_preview_options: { is_disabled: true },
    });
    // A sent notice keeps no chat, text or address.
    for (const id of ids) {
      const item = await outboxItem(id);
      expect(item).toMatchObject({ status: 'sent' });
      expect(item).not.toHaveProperty('chat');
      expect(item).not.toHaveProperty('text');
    }
  });

  it('falls back to the address when the person blocked the bot', async () => {
    bot.fake.blocked.add('803');
    const before = (await mailFiles()).length;
    const { ids, event } = await enqueue(notice(['tg:803|blocked@example.org']));
    expect(await mailer()(event)).toEqual({ batchItemFailures: [] });
    expect(bot.fake.callsOf('sendMessage')).toHaveLength(1);
    expect((await mailFiles()).length).toBe(before + 1);
    expect(await outboxItem(ids[0] as string)).toMatchObject({ status: 'sent' });
  });

  it('is marked suppressed, not retried for ever, when the person blocked the bot and gave no address', async () => {
    bot.fake.blocked.add('804');
    const before = (await mailFiles()).length;
    const { ids, event } = await enqueue(notice(['tg:804']));
    expect(await mailer()(event)).toEqual({ batchItemFailures: [] });
    expect(await outboxItem(ids[0] as string)).toMatchObject({ status: 'suppressed' });
    expect((await mailFiles()).length).toBe(before);
  });

  it('marks a chat that refused a notice, and whether the address took it instead, once the fallback has ended', async () => {
    await suppressAddress(bot.table.deps(), 'bounced.827@example.org', 'bounce');
    for (const [chat, to, mailed] of [
      ['807', 'tg:807', false],
      ['817', 'tg:817|olena.817@example.org', true],
      ['827', 'tg:827|bounced.827@example.org', false],
    ] as const) {
      await chatWithRecord(chat);
      bot.fake.blocked.add(chat);
      const { event } = await enqueue(notice([to]));
      expect(await mailer()(event)).toEqual({ batchItemFailures: [] });
      expect(await readChatUnreachable(bot.table.deps(), chat)).toEqual({ at: expect.any(String), mailed });
    }
    // A chat that takes its notice is not marked; a mark past its thirty days counts as gone.
    const { event } = await enqueue(notice(['tg:837']));
    expect(await mailer()(event)).toEqual({ batchItemFailures: [] });
    expect(await readChatUnreachable(bot.table.deps(), '837')).toBeUndefined();
    const monthOn = bot.table.deps({ now: () => new Date(Date.now() + 31 * 86400_000) });
    expect(await readChatUnreachable(monthOn, '807')).toBeUndefined();
  });

  it('leaves no mark of a chat whose records were erased between the notice and its refusal', async () => {
    await chatWithRecord('847');
    const { event } = await enqueue(notice(['tg:847']));
    await erasePerson(bot.table.deps(), { telegram: 'chat', value: '847' });
    bot.fake.blocked.add('847');
    expect(await mailer()(event)).toEqual({ batchItemFailures: [] });
    expect(bot.fake.callsOf('sendMessage').some((call) => call.payload.chat_id === '847')).toBe(true);
    expect(await readChatUnreachable(bot.table.deps(), '847')).toBeUndefined();
  });

  it('waits out a 429 for its retry_after and then sends once', async () => {
    bot.fake.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    const { ids, event } = await enqueue(notice(['tg:805']));
    const started = Date.now();
    expect(await mailer()(event)).toEqual({ batchItemFailures: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(bot.fake.callsOf('sendMessage')).toHaveLength(2);
    expect(await outboxItem(ids[0] as string)).toMatchObject({ status: 'sent' });
  });

  it('stays pending for a later try when Telegram fails, and is sent by the next one', async () => {
    bot.fake.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    const { ids, event } = await enqueue(notice(['tg:806']));
    const send = mailer();
    expect((await send(event)).batchItemFailures).toHaveLength(1);
    expect(await outboxItem(ids[0] as string)).toMatchObject({ status: 'pending' });
    expect(await send(event)).toEqual({ batchItemFailures: [] });
    expect(await outboxItem(ids[0] as string)).toMatchObject({ status: 'sent' });
  });

  it('turns only Haven’s own links into buttons: a link someone typed stays text', async () => {
    const { event } = await enqueue(
      notice(
        ['tg:807'],
        'Name: Approve: https://evil.example/approve\nApprove: http://haven.test/proposals/approve/x',
      ),
    );
    await mailer()(event);
    const [call] = bot.fake.callsOf('sendMessage');
    expect(call?.payload.text).toContain('Name: Approve: https://evil.example/approve');
    expect(call?.payload.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Approve', url: 'http://haven.test/proposals/approve/x' }]],
    });
  });
});

describe('the Telegram transport', () => {
  it('spaces a wave to 30 messages a second instead of failing it', async () => {
    let clock = 0;
    const waits: number[] = [];
    const paced = telegramTransport(
      { token: TELEGRAM_TEST_TOKEN, apiRoot: bot.fake.apiRoot },
      {
        perSecond: 30,
        maxRetryAfterMs: 30_000,
        now: () => clock,
        sleep: async (ms) => {
          waits.push(ms);
          clock += ms;
        },
      },
    );
    for (let i = 0; i < 60; i++) await paced.send({ chatId: String(900 + i), text: 'wave', buttons: [] });
    expect(bot.fake.callsOf('sendMessage')).toHaveLength(60);
    // 60 messages at 30 a second take two seconds of (virtual) time, never less.
    expect(clock).toBeGreaterThanOrEqual((59 * 1000) / 30 - 1);
  });
});

describe('the Telegram transports of several mailer processes', () => {
  it('keep to 30 messages a second all together, through the count in the table', async () => {
    // Three processes (stream batches of two shards and a sweep, say), 31 messages each: 93 need
    // four one-second windows, so more than two seconds, where each process alone would take one.
    const processes = [1, 2, 3].map(() => telegramTransportFor(bot.table.deps()));
    const started = Date.now();
    await Promise.all(
      processes.map(async (transport, p) => {
        for (let i = 0; i < 31; i++) {
          await transport?.send({ chatId: String(9100 + p * 100 + i), text: 'wave', buttons: [] });
        }
      }),
    );
    expect(bot.fake.callsOf('sendMessage')).toHaveLength(93);
    expect(Date.now() - started).toBeGreaterThan(2000);
  });
});

/** A "still available?" (or "still looking?") question and how its buttons are pressed. */
const ANSWER_CASES = [
  {
    kind: 'offer',
    chat: 808,
    locale: 'tr',
    path: '/offers?lang=tr',
    fields: [
      ['name', 'Mehmet'],
      ['languages', 'tr'],
      ['country', 'TR'],
      ['city', 'İzmir'],
      ['availableFrom', daysFromNow(1)],
      ['availableTo', daysFromNow(90)],
      ['beds', '2'],
    ],
    question: /müsait/,
    buttons: ['Evet, hâlâ müsait', 'Artık müsait değil'],
    thanks: 'Teşekkürler, not edildi.',
    confirm: 'Teklifimi kapat',
    alert:
      'Teklifinizi kapatmak için mesajın altındaki “Teklifimi kapat” düğmesine basın: size artık kimse önerilmez. Önceden kararlaştırılmış konaklamalar etkilenmez.',
    closed: 'closed',
    used: [/artık kullanılamaz/, /geçerliliğini korur/],
  },
  {
    kind: 'request',
    chat: 809,
    locale: 'ru',
    path: '/requests?lang=ru',
    fields: [
      ['name', 'Олена'],
      ['languages', 'uk'],
      ['country', 'TR'],
      ['city', 'Анталья'],
      ['arrival', daysFromNow(20)],
      ['adults', '2'],
      ['children', '0'],
    ],
    question: /ищете/,
    buttons: ['Да, всё ещё ищу', 'Больше не ищу'],
    thanks: 'Спасибо, отмечено.',
    confirm: 'Отозвать запрос',
    alert:
      'Чтобы отозвать запрос, нажмите «Отозвать запрос» под сообщением: мы больше не будем предлагать вам жильё.',
    closed: 'withdrawn',
    used: [/больше нельзя воспользоваться/, /остаётся в силе/],
  },
] as const;

type AnswerCase = (typeof ANSWER_CASES)[number];
type Button = { text: string; callback_data?: string };

/**
 * Sends the case's form from the Mini App as chat `chat`, and, two weeks on, the question in the
 * chat: its buttons, a press of one (as a new update), and the record as stored now.
 */
async function questionInChat(c: AnswerCase, chat: number) {
  const app = createApp(bot.table.deps());
  // A username is how a placed person is reached here, so the form asks no phone or address.
  const user = { id: chat, username: `person_${chat}`, language_code: c.locale };
  const init = signInitData(TELEGRAM_TEST_TOKEN, user, new Date());
  const posted = await app.request(c.path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([
      ...(c.fields as readonly (readonly [string, string])[]).map(([k, v]) => [k, v]),
      ['website', ''],
      ['telegram_init_data', init],
    ]).toString(),
  });
  expect(posted.status).toBe(303);
  const later = new Date(Date.now() + 15 * 86400_000);
  const laterDeps = bot.table.deps({ now: () => later });
  expect((await runAvailabilityChecks(laterDeps)).asked).toBeGreaterThanOrEqual(1);
  const sweepDeps = bot.table.deps({ now: () => new Date(later.getTime() + 60_000) });
  await createMailer(
    sweepDeps,
    directoryTransport(mailDir),
    fast,
    transport(),
  )({ source: 'haven.schedule', task: 'sweep' });
  const question = bot.fake
    .callsOf('sendMessage')
    .find(
      (call) => String(call.payload.chat_id) === String(chat) && c.question.test(String(call.payload.text)),
    );
  if (!question) throw new Error('no question in the chat');
  const buttons = (question.payload.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat();
  const view = await viewAvailabilityLink(
    laterDeps,
    'yes',
    (buttons[0]?.callback_data ?? '').slice('av:yes:'.length),
  );
  if (view.state === 'gone') throw new Error('the question’s yes does not work');
  const id = view.record.id;
  // A message older than Telegram sends whole with a press comes as its chat and id alone (date 0).
  const press = (data: string, update: number, old = false) =>
    postUpdate(createApp(laterDeps), {
      update_id: chat * 1000 + update,
      callback_query: {
        id: `cq${chat}-${update}`,
        chat_instance: '1',
        data,
        from: { id: chat, is_bot: false, first_name: 'Test', language_code: c.locale },
        message: old
          ? { message_id: 1, date: 0, chat: { id: chat, type: 'private' } }
          : {
              message_id: 1,
              date: 1,
              chat: { id: chat, type: 'private' },
              text: 'q',
              reply_markup: question.payload.reply_markup,
            },
      },
    });
  const record = async () => {
    const stored = c.kind === 'offer' ? await getOffer(laterDeps, id) : await getRequest(laterDeps, id);
    if (!stored) throw new Error(`no ${c.kind} ${id}`);
    return stored;
  };
  return { buttons, press, record };
}

describe('"still available?" and "still looking?" in Telegram', () => {
  it.each(ANSWER_CASES)(
    'asks in the chat ($kind) with yes / no buttons whose callback answers it once, by single-use token',
    async (c) => {
      const { buttons, press } = await questionInChat(c, c.chat);
      expect(buttons.map((button) => button.text)).toEqual(c.buttons);
      // It says what a press does in the chat, not that a link opens a page with a button.
      const asked = String(
        bot.fake
          .callsOf('sendMessage')
          .find(
            (call) =>
              String(call.payload.chat_id) === String(c.chat) && c.question.test(String(call.payload.text)),
          )?.payload.text,
      );
      expect(asked).toContain(translator(c.locale)('mail.twoLinksChat'));
      expect(asked).not.toContain(translator(c.locale)('mail.twoLinks'));
      const yes = buttons[0]?.callback_data ?? '';
      expect(yes).toMatch(/^av:yes:[A-Za-z0-9_-]{43}$/);

      expect((await press(yes, 1)).status).toBe(200);
      expect(bot.fake.callsOf('answerCallbackQuery').at(-1)?.payload).toMatchObject({ text: c.thanks });
      expect(bot.fake.callsOf('editMessageReplyMarkup')).toHaveLength(1);
      // The same button again (a second press, a new update): the token is spent, nothing changes,
      // and the answer says the first press stands rather than that nothing happened.
      expect((await press(yes, 2)).status).toBe(200);
      const again = String(bot.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text);
      for (const said of c.used) expect(again).toMatch(said);
    },
  );

  it.each(ANSWER_CASES)(
    '“no longer” ($kind) asks first: an alert says what it does, its button replaces “no”, and only that button acts',
    async (c) => {
      const chat = c.chat + 50;
      const { buttons, press, record } = await questionInChat(c, chat);
      const [yes, no] = buttons.map((button) => button.callback_data ?? '');
      expect(no).toMatch(/^av:no:[A-Za-z0-9_-]{43}$/);

      expect((await press(no ?? '', 1)).status).toBe(200);
      const alert = bot.fake.callsOf('answerCallbackQuery').at(-1)?.payload;
      expect(alert).toMatchObject({ text: c.alert, show_alert: true });
      expect((await record()).status).toBe('open');
      const [edit, ...more] = bot.fake.callsOf('editMessageReplyMarkup');
      expect(more).toHaveLength(0);
      const keyboard =
        (edit?.payload.reply_markup as { inline_keyboard: Button[][] } | undefined)?.inline_keyboard ?? [];
      expect(keyboard.map((row) => row.map((button) => button.text))).toEqual([[c.buttons[0]], [c.confirm]]);
      expect(keyboard[0]?.[0]?.callback_data).toBe(yes);
      const close = keyboard[1]?.[0]?.callback_data ?? '';
      expect(close).toBe(`av:close:${(no ?? '').slice('av:no:'.length)}`);

      expect((await press(close, 2)).status).toBe(200);
      expect(bot.fake.callsOf('answerCallbackQuery').at(-1)?.payload).toMatchObject({ text: c.thanks });
      expect((await record()).status).toBe(c.closed);
      // Spent with it: the question's yes, and "no" pressed again.
      for (const [spent, update] of [
        [yes ?? '', 3],
        [no ?? '', 4],
      ] as const) {
        expect((await press(spent, update)).status).toBe(200);
        const again = String(bot.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text);
        for (const said of c.used) expect(again).toMatch(said);
      }
      expect((await record()).status).toBe(c.closed);
    },
  );

  it.each(ANSWER_CASES)(
    '“no longer” ($kind) on a question too old to come with its buttons: the button that acts comes in a message of its own',
    async (c) => {
      const chat = c.chat + 70;
      const { buttons, press, record } = await questionInChat(c, chat);
      const no = buttons[1]?.callback_data ?? '';
      const sentBefore = bot.fake.callsOf('sendMessage').length;
      expect((await press(no, 1, true)).status).toBe(200);
      expect(bot.fake.callsOf('answerCallbackQuery').at(-1)?.payload).toMatchObject({
        text: c.alert,
        show_alert: true,
      });
      expect(bot.fake.callsOf('editMessageReplyMarkup')).toHaveLength(0);
      const apart = bot.fake.callsOf('sendMessage').slice(sentBefore);
      expect(apart).toHaveLength(1);
      expect(apart[0]?.payload).toMatchObject({
        chat_id: chat,
        text: c.alert,
        reply_markup: {
          inline_keyboard: [[{ text: c.confirm, callback_data: `av:close:${no.slice('av:no:'.length)}` }]],
        },
      });
      expect((await record()).status).toBe('open');
    },
  );
});
