import { Api } from 'grammy/web';
import * as z from 'zod';
import { WEBHOOK_SECRET } from '../config.ts';
import { lazySchema } from '../domain/lazy-schema.ts';

/**
 * The updates Haven's bot acts on: messages (/start, anything typed) and button presses.
 * Edited messages, channel posts and the rest are never sent, so never paid for.
 */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

const registrationEnv = lazySchema(() =>
  z.object({
    TELEGRAM_BOT_TOKEN: z.string().regex(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/),
    TELEGRAM_WEBHOOK_SECRET: z.string().regex(WEBHOOK_SECRET.pattern),
    PUBLIC_URL: z.url().transform((url) => url.replace(/\/+$/, '')),
    TELEGRAM_API_ROOT: z
      .url()
      .default('https://api.telegram.org')
      .transform((url) => url.replace(/\/+$/, '')),
  }),
);

/**
 * Tells Telegram where Haven's webhook is (PUBLIC_URL/telegram/webhook), the secret it must
 * send with every update, and which updates to send. Returns the webhook's URL.
 */
export async function registerWebhook(env: Record<string, string | undefined>): Promise<string> {
  const parsed = registrationEnv.safeParse(env);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
    throw new Error(`Set ${names.join(', ')} to register the webhook.`);
  }
  const settings = parsed.data;
  const api = new Api(settings.TELEGRAM_BOT_TOKEN, { apiRoot: settings.TELEGRAM_API_ROOT });
  const url = `${settings.PUBLIC_URL}/telegram/webhook`;
  await api.setWebhook(url, {
    secret_token: settings.TELEGRAM_WEBHOOK_SECRET,
    allowed_updates: [...ALLOWED_UPDATES],
  });
  return url;
}
