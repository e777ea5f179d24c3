import { Api, GrammyError } from 'grammy/web';
import { type TelegramSettings, telegramSettings } from '../config.ts';
import { TELEGRAM_SENDS, waitForRateLimit } from '../data/rate-limits.ts';
import type { Deps } from '../deps.ts';
import type { TelegramNotice } from './message.ts';

/** The chat cannot be written to (the person blocked the bot, or deleted the chat): retrying cannot help. */
export class ChatUnreachable extends Error {
  override readonly name = 'ChatUnreachable';
}

/** Sends one notice to one chat; throws ChatUnreachable for good, anything else for a later try. */
export interface TelegramTransport {
  send(notice: TelegramNotice): Promise<void>;
}

export interface TelegramTransportOptions {
  /** Messages a second at most (Telegram allows about 30 to different chats): a wave queues rather than fails. */
  readonly perSecond: number;
  /** The longest 429 `retry_after` waited out in place; a longer one leaves the notice for a later try. */
  readonly maxRetryAfterMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  /**
   * Waits for a send that every process shares (TELEGRAM_SENDS in the table), after this
   * process's own spacing; none when only one process sends.
   */
  readonly shared?: () => Promise<void>;
}

/**
 * A notice's try, counted from its start (its waits for a send slot and for a 429 included),
 * begins no send after this deadline and aborts the one under way at it: the mailer's claim
 * lease counts on it.
 */
export const TELEGRAM_TRY_MS = 30_000;

export const defaultTelegramTransportOptions: TelegramTransportOptions = {
  perSecond: 30,
  maxRetryAfterMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/** Telegram's answers that say the chat is gone for the bot, whatever it sends later. */
const unreachable = (error: GrammyError) =>
  error.error_code === 403 ||
  (error.error_code === 400 && /chat not found|user is deactivated/i.test(error.description));

/**
 * Haven's notices through the Bot API's sendMessage: plain text (nothing people typed can turn
 * into markup), the mail's links as inline buttons, no link previews. Sends are spaced to
 * `perSecond` within the process, then take a send shared by every process (`shared`); a 429
 * waits its `retry_after` and tries again.
 */
export function telegramTransport(
  settings: Pick<TelegramSettings, 'token' | 'apiRoot'>,
  options: TelegramTransportOptions = defaultTelegramTransportOptions,
): TelegramTransport {
  const api = new Api(settings.token, { apiRoot: settings.apiRoot });
  const spacingMs = 1000 / options.perSecond;
  let nextSlot = 0;

  /** Waits for this process's next free slot, so that at most `perSecond` sends start in any second. */
  async function slot(): Promise<void> {
    const now = options.now();
    const at = Math.max(now, nextSlot);
    nextSlot = at + spacingMs;
    if (at > now) await options.sleep(at - now);
    await options.shared?.();
  }

  return {
    async send(notice) {
      const deadline = AbortSignal.timeout(TELEGRAM_TRY_MS);
      for (let attempt = 1; ; attempt++) {
        await slot();
        deadline.throwIfAborted();
        try {
          await api.sendMessage(
            notice.chatId,
            notice.text,
            {
              link_preview_options: { is_disabled: true },
              ...(notice.buttons.length > 0 ? { reply_markup: { inline_keyboard: notice.buttons } } : {}),
            },
            // grammy types its signal as the abort-controller package's, the same object at run time.
            deadline as Parameters<typeof api.sendMessage>[3],
          );
          return;
        } catch (error) {
          if (!(error instanceof GrammyError)) throw error;
          if (unreachable(error)) throw new ChatUnreachable('chat unreachable', { cause: error });
          const retryAfterMs = (error.parameters.retry_after ?? 0) * 1000;
          if (error.error_code !== 429 || retryAfterMs > options.maxRetryAfterMs || attempt >= 5) throw error;
          // Telegram asks everyone to hold off: later sends from this process wait too.
          nextSlot = Math.max(nextSlot, options.now() + retryAfterMs);
        }
      }
    },
  };
}

/**
 * The Telegram transport when the configuration runs a bot, else undefined: each process spaces
 * its own sends, and all of them together keep to TELEGRAM_SENDS through the table.
 */
export function telegramTransportFor(deps: Deps): TelegramTransport | undefined {
  const settings = telegramSettings(deps.config);
  if (!settings) return undefined;
  const options = defaultTelegramTransportOptions;
  return telegramTransport(settings, {
    ...options,
    shared: () => waitForRateLimit(deps, TELEGRAM_SENDS, String(settings.botId), options.sleep),
  });
}
