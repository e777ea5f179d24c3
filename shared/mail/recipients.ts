import { cutText } from '../domain/text.ts';
import type { TelegramButton, TelegramNotice } from './message.ts';

/** Where a person's notices go: their Telegram chat when they came through the bot, else their address. */
export function recipientOf(person: { readonly email: string; readonly telegramChatId?: string }): string[] {
  if (person.telegramChatId === undefined) return [person.email];
  return [`tg:${person.telegramChatId}${person.email === '' ? '' : `|${person.email}`}`];
}

/**
 * How a coordinator can reach a person, for the mails that hand them contact details: the
 * address, and for someone who came through the bot their Telegram username (or just that they
 * are in Telegram, when they have none).
 */
export function reachOf(person: {
  readonly email: string;
  readonly telegramChatId?: string;
  readonly telegramUsername?: string;
}): string {
  const telegram =
    person.telegramChatId === undefined && person.telegramUsername === undefined
      ? []
      : [person.telegramUsername === undefined ? 'Telegram' : `Telegram @${person.telegramUsername}`];
  return [...(person.email === '' ? [] : [person.email]), ...telegram].join(', ');
}

/** The most text one Telegram message carries. */
const MESSAGE_LIMIT = 4096;
/**
 * A line of a mail's text that is only a link, or a label and a link: in Telegram, a button.
 * Only Haven's own links qualify (see noticeFromMail): what a person typed into a name or a
 * note can make a line end in a link, but never a button to somewhere else.
 */
const LINK_LINE = /^(?:(\S.{0,59}?):\s+)?(https?:\/\/\S+)$/;

/**
 * A mail as a Telegram notice: its subject and text, with each line that carries a link turned
 * into a button under the message (labelled as in the mail, or by `fallbackLabel`). Links to the
 * "still available?" answers become callback buttons with the link's own single-use token, so
 * a press answers in the chat; every other link opens its page, where acting takes a press as
 * it does from a mail.
 */
export function noticeFromMail(
  mail: { readonly subject: string; readonly text: string },
  chatId: string,
  publicUrl: string,
  fallbackLabel: string,
): TelegramNotice {
  const buttons: TelegramButton[][] = [];
  const lines: string[] = [];
  // A mail in several languages repeats its links: one button each.
  const seen = new Set<string>();
  for (const line of mail.text.split('\n')) {
    const link = LINK_LINE.exec(line);
    if (!link?.[2]?.startsWith(`${publicUrl}/`)) {
      lines.push(line);
      continue;
    }
    const [, label, url = ''] = link;
    if (seen.has(url)) continue;
    seen.add(url);
    const text = (label ?? fallbackLabel).trim().slice(0, 64) || fallbackLabel;
    const answer = url.startsWith(`${publicUrl}/availability/`)
      ? /\/availability\/(yes|no)\/([A-Za-z0-9_-]{43})(?:\?|$)/.exec(url)
      : null;
    buttons.push([answer ? { text, callback_data: `av:${answer[1]}:${answer[2]}` } : { text, url }]);
  }
  const body = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { chatId, text: withinLimit(`${mail.subject}\n\n${body}`), buttons };
}

/**
 * A notice's text in one message: where it is too long, its longest lines are shortened, each to
 * the same length, ending in "…". The long lines are what people typed (a host's notes, two
 * thousand characters in each language of a proposal); cut at the end instead, a coordinator's
 * proposal lost its score breakdown and decided without it.
 */
function withinLimit(text: string): string {
  if (text.length <= MESSAGE_LIMIT) return text;
  const lines = text.split('\n');
  const fits = (most: number) =>
    lines.reduce((sum, line) => sum + Math.min(line.length, most), lines.length - 1) <= MESSAGE_LIMIT;
  // The longest a line may stay: the largest that fits, found by halving.
  let low = 1;
  let high = Math.max(...lines.map((line) => line.length));
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  const shortened = lines.map((line) => (line.length <= low ? line : `${cutText(line, low - 1)}…`));
  return cutText(shortened.join('\n'), MESSAGE_LIMIT);
}

/**
 * A press of a "still available?" button: which answer, the link's raw token, and whether it is
 * final. "No" only asks to be confirmed (`av:close:…`, the button that press shows), as the
 * mail's link asks for a press on its page: one tap closes an offer or withdraws a request.
 */
export interface AnswerCallback {
  readonly answer: 'yes' | 'no';
  readonly token: string;
  readonly confirmed: boolean;
}

export function parseAnswerCallback(data: string): AnswerCallback | undefined {
  const match = /^av:(yes|no|close):([A-Za-z0-9_-]{43})$/.exec(data);
  if (!match) return undefined;
  const token = match[2] as string;
  return match[1] === 'yes'
    ? { answer: 'yes', token, confirmed: true }
    : { answer: 'no', token, confirmed: match[1] === 'close' };
}

/** The callback data of the button that confirms a "no" (see AnswerCallback). */
export const closeCallback = (token: string) => `av:close:${token}`;
