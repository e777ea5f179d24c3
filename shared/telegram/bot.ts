import type { InlineKeyboardButton, UserFromGetMe } from 'grammy/types';
import { Bot, type Context, type Filter } from 'grammy/web';
import type { TelegramSettings } from '../config.ts';
import { clearChatUnreachable } from '../data/telegram-lookups.ts';
import type { Deps } from '../deps.ts';
import type { Locale } from '../domain/records.ts';
import { DEFAULT_LOCALE, parseLocale, translator } from '../i18n/index.ts';
import { describeError } from '../log.ts';
import { closeCallback, parseAnswerCallback } from '../mail/recipients.ts';
import { answerAvailability, viewAvailabilityLink } from '../upkeep/availability.ts';

/**
 * The bot's own description, from configuration: grammY would otherwise call getMe before the
 * first update, on every cold start of the function. Without a configured username, commands
 * written as "/start@name" in groups go unanswered; private chats send plain "/start".
 */
export function botInfoOf(settings: TelegramSettings): UserFromGetMe {
  return {
    id: settings.botId,
    is_bot: true,
    first_name: 'Haven',
    username: settings.username ?? `bot${settings.botId}`,
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}

/** Telegram's language_code (an IETF tag such as `ru` or `pt-br`) as one of ours, else English. */
export const localeOfTelegram = (languageCode: string | undefined): Locale =>
  parseLocale(languageCode) ?? DEFAULT_LOCALE;

/** Marks a form opened from the bot, so it reads Telegram's init data and theme (shared/http/assets). */
export const MINI_APP_PARAM = 'via=telegram';

/** The two forms as Mini Apps, in the reader's language. */
export function formButtons(publicUrl: string, locale: Locale): InlineKeyboardButton[][] {
  const t = translator(locale);
  return [
    [
      {
        text: t('landing.seek.cta'),
        web_app: { url: `${publicUrl}/requests/new?lang=${locale}&${MINI_APP_PARAM}` },
      },
    ],
    [
      {
        text: t('landing.host.cta'),
        web_app: { url: `${publicUrl}/offers/new?lang=${locale}&${MINI_APP_PARAM}` },
      },
    ],
  ];
}

type CallbackContext = Filter<Context, 'callback_query:data'>;

/**
 * A first press of "no longer": what it would do, in an alert the person closes, and under the
 * question, in the row of the "no" pressed, the button that does it; "yes" stays for a press that
 * was a slip. Nothing changes yet, and a link that no longer works is answered as spent. A
 * question too old for Telegram to send its buttons with the press (or whose buttons cannot be
 * changed) gets the button in a message of its own, below it.
 */
async function askToConfirmNo(deps: Deps, ctx: CallbackContext, token: string): Promise<void> {
  const view = await viewAvailabilityLink(deps, 'no', token);
  if (view.state === 'gone') {
    await ctx.answerCallbackQuery({
      text: translator(localeOfTelegram(ctx.from.language_code))('telegram.used'),
    });
    deps.log.info('telegram.answer', { outcome: 'gone' });
    return;
  }
  const t = translator(view.record.locale);
  const button = t(view.record.kind === 'offer' ? 'telegram.no.closeOffer' : 'telegram.no.withdrawRequest');
  const text = t(view.record.kind === 'offer' ? 'telegram.no.offerAlert' : 'telegram.no.requestAlert', {
    button,
  });
  await ctx.answerCallbackQuery({ text, show_alert: true });
  const confirm: InlineKeyboardButton[] = [{ text: button, callback_data: closeCallback(token) }];
  const pressedRow = (row: readonly InlineKeyboardButton[]) =>
    row.some((key) => 'callback_data' in key && key.callback_data === ctx.callbackQuery.data);
  const rows = ctx.callbackQuery.message?.reply_markup?.inline_keyboard ?? [];
  try {
    if (!rows.some(pressedRow)) throw new Error('the question’s buttons did not come with the press');
    await ctx.editMessageReplyMarkup({
      reply_markup: { inline_keyboard: rows.map((row) => (pressedRow(row) ? confirm : row)) },
    });
  } catch (error) {
    deps.log.info('telegram.confirm-apart', describeError(error));
    await ctx.reply(text, { reply_markup: { inline_keyboard: [confirm] } });
  }
  deps.log.info('telegram.answer', { outcome: 'asked' });
}

/**
 * Haven's bot: /start shows the two forms as Mini Apps in the user's language; anything else a
 * person sends in a private chat (text, a sticker, a photo) gets a hint and the buttons again.
 * The yes / no buttons under a "still available?" or "still looking?" notice answer it: their
 * callback data is the single-use token of the mail's link, never an id. Groups, channels and
 * edited messages are left alone. Notices to people do not start here: they go through the
 * outbox (shared/mail/telegram-transport.ts).
 */
export function createBot(deps: Deps, settings: TelegramSettings): Bot {
  const bot = new Bot(settings.token, {
    botInfo: botInfoOf(settings),
    client: { apiRoot: settings.apiRoot },
  });
  const privately = bot.chatType('private');
  const keyboard = (ctx: Context) => {
    const locale = localeOfTelegram(ctx.from?.language_code);
    return { locale, reply_markup: { inline_keyboard: formButtons(deps.config.PUBLIC_URL, locale) } };
  };

  // A person who writes to the bot takes its messages again (they unblocked it, or came back).
  privately.use(async (ctx, next) => {
    if (ctx.message !== undefined) await clearChatUnreachable(deps, String(ctx.chat.id));
    await next();
  });
  privately.command('start', async (ctx) => {
    const { locale, reply_markup } = keyboard(ctx);
    await ctx.reply(translator(locale)('telegram.start'), { reply_markup });
    deps.log.info('telegram.start', { locale });
  });
  privately.on('callback_query:data', async (ctx) => {
    const pressed = parseAnswerCallback(ctx.callbackQuery.data);
    if (pressed && !pressed.confirmed) {
      await askToConfirmNo(deps, ctx, pressed.token);
      return;
    }
    const outcome = pressed
      ? await answerAvailability(deps, pressed.answer, pressed.token)
      : { state: 'gone' as const };
    const locale =
      outcome.state === 'gone' ? localeOfTelegram(ctx.from.language_code) : outcome.record.locale;
    const t = translator(locale);
    await ctx.answerCallbackQuery({
      text: t(outcome.state === 'gone' ? 'telegram.used' : 'telegram.answered'),
    });
    deps.log.info('telegram.answer', { outcome: outcome.state });
    // The question is answered: its buttons go, so the chat shows no button that no longer works.
    if (outcome.state !== 'gone') await ctx.editMessageReplyMarkup();
  });
  privately.on('message', async (ctx) => {
    const { locale, reply_markup } = keyboard(ctx);
    await ctx.reply(translator(locale)('telegram.hint'), { reply_markup });
  });
  return bot;
}
