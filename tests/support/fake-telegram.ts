import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Bot API call as the fake server received it. */
export interface BotCall {
  readonly token: string;
  readonly method: string;
  readonly payload: Record<string, unknown>;
}

/** What the fake answers a call with instead of success: Telegram's error shape. */
export interface BotApiFailure {
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: { retry_after?: number };
}

/**
 * A stand-in for Telegram's Bot API on loopback, speaking the methods Haven calls (sendMessage,
 * answerCallbackQuery, setWebhook): it records every call and answers like Telegram, or with a
 * scripted failure (a chat that blocked the bot, a 429 with retry_after, a 500).
 */
export interface FakeTelegram {
  /** What TELEGRAM_API_ROOT is set to. */
  readonly apiRoot: string;
  readonly calls: BotCall[];
  /** Calls of one method, in order. */
  callsOf(method: string): BotCall[];
  /** Chats that blocked the bot: sendMessage to them answers 403. */
  readonly blocked: Set<string>;
  /** The next calls of `method` fail with these answers, one each, before it works again. */
  failNext(method: string, ...failures: BotApiFailure[]): void;
  close(): Promise<void>;
}

const readJson = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
};

export async function startFakeTelegram(): Promise<FakeTelegram> {
  const calls: BotCall[] = [];
  const blocked = new Set<string>();
  const scripted = new Map<string, BotApiFailure[]>();
  let messageId = 1000;

  const answer = (call: BotCall): { status: number; body: unknown } => {
    const failure = scripted.get(call.method)?.shift();
    if (failure) return { status: failure.error_code, body: { ok: false, ...failure } };
    const chatId = String(call.payload.chat_id ?? '');
    if (call.method === 'sendMessage' && blocked.has(chatId)) {
      return {
        status: 403,
        body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
      };
    }
    if (call.method === 'sendMessage') {
      return {
        status: 200,
        body: {
          ok: true,
          result: {
            message_id: ++messageId,
            date: Math.floor(Date.now() / 1000),
            chat: { id: Number(chatId), type: 'private' },
            text: call.payload.text,
          },
        },
      };
    }
    return { status: 200, body: { ok: true, result: true } };
  };

  const server: Server = createServer((request, response) => {
    void (async () => {
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url ?? '');
      if (!match || request.method !== 'POST') {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
        return;
      }
      const call: BotCall = {
        token: match[1] as string,
        method: match[2] as string,
        payload: await readJson(request),
      };
      calls.push(call);
      const { status, body } = answer(call);
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    blocked,
    failNext: (method, ...failures) => scripted.set(method, [...(scripted.get(method) ?? []), ...failures]),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Settings that turn the bot on against the fake; the token's digits are the bot's id. */
export const TELEGRAM_TEST_TOKEN = '7000001:AAE-haven-test-token-0123456789abcdef';
export const TELEGRAM_TEST_SECRET = 'haven-test-webhook-secret-of-32-chars-or-more';

export const telegramEnv = (fake: FakeTelegram): Record<string, string> => ({
  TELEGRAM_BOT_TOKEN: TELEGRAM_TEST_TOKEN,
  TELEGRAM_WEBHOOK_SECRET: TELEGRAM_TEST_SECRET,
  TELEGRAM_BOT_USERNAME: 'haven_test_bot',
  TELEGRAM_API_ROOT: fake.apiRoot,
});

/** The headers Telegram posts an update with: JSON, and the webhook's secret (none when undefined). */
export const webhookHeaders = (secret: string | undefined): Record<string, string> => ({
  'content-type': 'application/json',
  ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }),
});

/** Posts an update to the app's webhook as Telegram does, with the test secret unless told otherwise. */
export const postUpdate = (
  app: { request(path: string, init: RequestInit): Response | Promise<Response> },
  update: unknown,
  secret: string = TELEGRAM_TEST_SECRET,
) =>
  app.request('/telegram/webhook', {
    method: 'POST',
    headers: webhookHeaders(secret),
    body: JSON.stringify(update),
  });

let nextUpdateId = 1;

/** A private message from a person, as Telegram posts it to the webhook. */
export function messageUpdate(
  from: { id: number; language_code?: string },
  content: Record<string, unknown>,
  updateId = nextUpdateId++,
) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: from.id, type: 'private', first_name: 'Test' },
      from: {
        id: from.id,
        is_bot: false,
        first_name: 'Test',
        ...(from.language_code ? { language_code: from.language_code } : {}),
      },
      ...content,
    },
  };
}

/** The /start command as Telegram sends it (with its bot_command entity). */
export const startCommand = { text: '/start', entities: [{ type: 'bot_command', offset: 0, length: 6 }] };
