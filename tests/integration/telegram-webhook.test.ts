import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telegramUpdateKey } from '../../shared/data/keys.ts';
import { createApp } from '../../shared/http/app.ts';
import {
  type FakeTelegram,
  messageUpdate,
  postUpdate,
  startCommand,
  startFakeTelegram,
  TELEGRAM_TEST_SECRET,
  TELEGRAM_TEST_TOKEN,
  webhookHeaders,
} from '../support/fake-telegram.ts';
import { useTestTable } from '../support/table.ts';
import { useTelegramTable } from '../support/telegram-table.ts';

describe('POST /telegram/webhook', () => {
  const bot = useTelegramTable();
  let app: ReturnType<typeof createApp>;
  beforeAll(() => {
    app = createApp(bot.table.deps());
  });

  const post = (update: unknown) => postUpdate(app, update);

  const marker = async (updateId: number) =>
    (
      await bot.table.db.send(
        new GetCommand({ TableName: bot.table.tableName, Key: telegramUpdateKey(updateId) }),
      )
    ).Item;

  /** A body that tells whether anybody began to read it. */
  function watchedBody(update: unknown) {
    const watch = { read: false };
    const bytes = new TextEncoder().encode(JSON.stringify(update));
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          watch.read = true;
          controller.enqueue(bytes);
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    return { watch, body };
  }

  it.each([
    ['without the secret header', undefined],
    ['with a wrong secret', 'not-the-secret-at-all'],
    ['with the secret of the right length but one letter off', `${TELEGRAM_TEST_SECRET.slice(0, -1)}X`],
  ])('answers 401 %s, reads no byte of the body and does nothing', async (_, secret) => {
    const update = messageUpdate({ id: 5001, language_code: 'en' }, startCommand);
    const { watch, body } = watchedBody(update);
    const response = await app.request(
      new Request('http://haven.test/telegram/webhook', {
        method: 'POST',
        headers: webhookHeaders(secret),
        body,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(401);
    expect(watch.read).toBe(false);
    expect(bot.fake.calls).toEqual([]);
    expect(await marker(update.update_id)).toBeUndefined();
  });

  it('answers /start in Russian with the request and offer forms as Mini Apps', async () => {
    const response = await post(messageUpdate({ id: 5002, language_code: 'ru' }, startCommand));
    expect(response.status).toBe(200);
    const [call] = bot.fake.callsOf('sendMessage');
    expect(call?.token).toBe(TELEGRAM_TEST_TOKEN);
    expect(call?.payload.chat_id).toBe(5002);
    expect(call?.payload.text).toMatch(/^Здравствуйте! Haven помогает/);
    expect(call?.payload.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: 'Найти жильё', web_app: { url: 'http://haven.test/requests/new?lang=ru&via=telegram' } }],
        [{ text: 'Предложить жильё', web_app: { url: 'http://haven.test/offers/new?lang=ru&via=telegram' } }],
      ],
    });
  });

  it.each([
    ['tr', /^Merhaba! Haven/, 'lang=tr'],
    ['uk', /^Вітаємо! Haven/, 'lang=uk'],
    ['pt-br', /^Hello! Haven/, 'lang=en'],
    [undefined, /^Hello! Haven/, 'lang=en'],
  ])('answers /start for language_code %s in the language Haven speaks', async (code, text, lang) => {
    await post(messageUpdate({ id: 5003, ...(code ? { language_code: code } : {}) }, startCommand));
    const [call] = bot.fake.callsOf('sendMessage');
    expect(call?.payload.text).toMatch(text);
    expect(JSON.stringify(call?.payload.reply_markup)).toContain(lang);
  });

  it.each([
    ['by its own name (TELEGRAM_BOT_USERNAME) as its /start', '/start@haven_test_bot', /^Вітаємо! Haven/],
    [
      'by another bot’s name as any message, with the hint',
      '/start@another_bot',
      /^Будь ласка, скористайтеся кнопками/,
    ],
  ])('takes /start addressed %s', async (_, named, answer) => {
    await post(
      messageUpdate(
        { id: 5010, language_code: 'uk' },
        { text: named, entities: [{ type: 'bot_command', offset: 0, length: named.length }] },
      ),
    );
    const [call] = bot.fake.callsOf('sendMessage');
    expect(call?.payload.chat_id).toBe(5010);
    expect(call?.payload.text).toMatch(answer);
  });

  it('takes a redelivered update in once: the person gets one answer', async () => {
    const update = messageUpdate({ id: 5004, language_code: 'en' }, startCommand);
    expect((await post(update)).status).toBe(200);
    expect((await post(update)).status).toBe(200);
    expect((await post(update)).status).toBe(200);
    expect(bot.fake.callsOf('sendMessage')).toHaveLength(1);
    expect(await marker(update.update_id)).toMatchObject({
      kind: 'telegram-update',
      expiresAt: expect.any(Number),
    });
  });

  it.each([
    ['text where a button was expected', { text: 'I need a flat in Istanbul for 3 people' }],
    [
      'a sticker',
      {
        sticker: {
          file_id: 'sticker',
          file_unique_id: 'u',
          type: 'regular',
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
        },
      },
    ],
    ['a photo', { photo: [{ file_id: 'photo', file_unique_id: 'p', width: 90, height: 90 }] }],
  ])('answers %s with a hint and the buttons again', async (_, content) => {
    const response = await post(messageUpdate({ id: 5005, language_code: 'tr' }, content));
    expect(response.status).toBe(200);
    const [call] = bot.fake.callsOf('sendMessage');
    expect(call?.payload.text).toMatch(/^Lütfen aşağıdaki düğmeleri kullanın/);
    expect(JSON.stringify(call?.payload.reply_markup)).toContain('/requests/new?lang=tr&via=telegram');
  });

  it('leaves edited messages and group chats alone, answering 200 so Telegram does not redeliver', async () => {
    const edited = messageUpdate({ id: 5006 }, { text: 'edited', edit_date: 1 });
    const editedUpdate = { update_id: edited.update_id, edited_message: edited.message };
    expect((await post(editedUpdate)).status).toBe(200);
    const group = messageUpdate({ id: 5007 }, startCommand);
    const inGroup = {
      ...group,
      message: { ...group.message, chat: { id: -100123, type: 'group', title: 'Helpers' } },
    };
    expect((await post(inGroup)).status).toBe(200);
    expect(bot.fake.calls).toEqual([]);
  });

  it('answers 400 to a body that is no update, and stores nothing', async () => {
    const response = await post({ hello: 'world' });
    expect(response.status).toBe(400);
    expect(bot.fake.calls).toEqual([]);
  });

  it('takes a person who blocked the bot as done: 200, no redelivery loop', async () => {
    bot.fake.blocked.add('5008');
    const update = messageUpdate({ id: 5008, language_code: 'en' }, startCommand);
    expect((await post(update)).status).toBe(200);
    expect(await marker(update.update_id)).toBeDefined();
  });

  it('lets Telegram redeliver an update whose answer failed on Telegram’s side, and answers it then', async () => {
    bot.fake.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' });
    const update = messageUpdate({ id: 5009, language_code: 'en' }, startCommand);
    expect((await post(update)).status).toBe(500);
    expect(await marker(update.update_id)).toBeUndefined();
    expect((await post(update)).status).toBe(200);
    expect(bot.fake.callsOf('sendMessage')).toHaveLength(2);
    expect(await marker(update.update_id)).toBeDefined();
  });
});

describe('without Telegram settings', () => {
  const table = useTestTable();

  it('has no webhook at all', async () => {
    const response = await postUpdate(createApp(table.deps()), { update_id: 1 });
    expect(response.status).toBe(404);
  });
});

describe('npm run telegram:webhook', () => {
  let fake: FakeTelegram;
  beforeAll(async () => {
    fake = await startFakeTelegram();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('registers PUBLIC_URL/telegram/webhook with the secret and only the updates the bot acts on', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'telegram:webhook'], {
      env: {
        ...process.env,
        PUBLIC_URL: 'https://haven.example.org/',
        TELEGRAM_BOT_TOKEN: TELEGRAM_TEST_TOKEN,
        TELEGRAM_WEBHOOK_SECRET: TELEGRAM_TEST_SECRET,
        TELEGRAM_API_ROOT: fake.apiRoot,
      },
    });
    expect(stdout).toContain('https://haven.example.org/telegram/webhook');
    expect(fake.calls).toEqual([
      {
        token: TELEGRAM_TEST_TOKEN,
        method: 'setWebhook',
        payload: {
          url: 'https://haven.example.org/telegram/webhook',
          secret_token: TELEGRAM_TEST_SECRET,
          allowed_updates: ['message', 'callback_query'],
        },
      },
    ]);
  });

  it('refuses to register without the secret, naming it', async () => {
    const { registerWebhook } = await import('../../shared/telegram/webhook-registration.ts');
    fake.calls.length = 0;
    await expect(
      registerWebhook({ PUBLIC_URL: 'https://haven.example.org', TELEGRAM_BOT_TOKEN: TELEGRAM_TEST_TOKEN }),
    ).rejects.toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    expect(fake.calls).toEqual([]);
  });
});
