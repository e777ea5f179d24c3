import { createHash, timingSafeEqual } from 'node:crypto';
import type { Update } from 'grammy/types';
import { BotError, GrammyError } from 'grammy/web';
import { Hono } from 'hono';
import * as z from 'zod';
import type { TelegramSettings } from '../config.ts';
import { claimTelegramUpdate, releaseTelegramUpdate } from '../data/telegram-updates.ts';
import type { Deps } from '../deps.ts';
import { BadRequest } from '../domain/errors.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { describeError } from '../log.ts';
import { createBot } from '../telegram/bot.ts';
import type { AppEnv } from './app.ts';
import { readJsonBody } from './body-limit.ts';

/** The header Telegram sends the webhook's secret_token in. */
export const TELEGRAM_SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

/** An update is a message or a button press: a few kilobytes; a megabyte leaves room for long captions. */
const UPDATE_BODY_LIMIT = 1024 * 1024;

const updateSchema = lazySchema(() => z.looseObject({ update_id: z.number().int().min(0) }));

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Telegram's answer to one of our calls that no retry can change (the person blocked the bot,
 * the chat is gone): the update is done with. 429 and 5xx are worth Telegram's redelivery.
 */
function refusedForGood(error: unknown): boolean {
  const cause = error instanceof BotError ? error.error : error;
  return (
    cause instanceof GrammyError &&
    cause.error_code >= 400 &&
    cause.error_code < 500 &&
    cause.error_code !== 429
  );
}

/**
 * POST /telegram/webhook: Telegram's updates for Haven's bot. The secret header is compared
 * before anything else, in constant time, and a call without it is answered 401 with its body
 * unread. Each update_id is taken in once (a marker in the table): Telegram redelivers what it
 * did not see answered, and a person must not get the same answer twice.
 */
export function telegramRoutes(deps: Deps, settings: TelegramSettings): Hono<AppEnv> {
  const bot = createBot(deps, settings);
  const expected = digest(settings.secret);
  return new Hono<AppEnv>().post('/telegram/webhook', async (c) => {
    const given = c.req.header(TELEGRAM_SECRET_HEADER);
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      return c.json({ error: { code: 'unauthorized', message: 'Unknown caller.', issues: [] } }, 401);
    }
    const parsed = updateSchema.safeParse(await readJsonBody(c.req.raw, UPDATE_BODY_LIMIT));
    if (!parsed.success) throw new BadRequest('That is not a Telegram update.');
    const update = parsed.data as unknown as Update;
    if (!(await claimTelegramUpdate(deps, update.update_id))) {
      deps.log.info('telegram.update_repeated', { updateId: update.update_id });
      return c.json({ ok: true });
    }
    try {
      await bot.handleUpdate(update);
    } catch (error) {
      if (refusedForGood(error)) {
        deps.log.warn('telegram.update_refused', { updateId: update.update_id, ...describeError(error) });
        return c.json({ ok: true });
      }
      // Half-done: let Telegram's redelivery take it in again.
      await releaseTelegramUpdate(deps, update.update_id);
      throw error;
    }
    return c.json({ ok: true });
  });
}
