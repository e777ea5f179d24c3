import type { Locale } from './records.ts';

/** A mail as a template renders it, before the outbox keeps it (shared/data/outbox.ts). */
export interface RenderedMail {
  readonly template: string;
  /**
   * Email addresses, and Telegram chats as `tg:<chat id>` (a coordinator listed so) or
   * `tg:<chat id>|<email>` (a person who came through the bot and gave an address too: the chat,
   * and the address only when the chat cannot be reached). See parseRecipient below.
   */
  readonly to: readonly string[];
  readonly locale: Locale;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Who a notice goes to. A mail's `to` holds email addresses and Telegram chats: `tg:<chat id>`
 * (as COORDINATORS lists a coordinator who reads proposals in Telegram) or
 * `tg:<chat id>|<email>` (a person who came through the bot and also gave an address, which
 * is used only when the chat cannot be reached). The chat id is digits, so the first `|` ends it.
 */
export type Recipient =
  | { readonly kind: 'email'; readonly address: string }
  | { readonly kind: 'telegram'; readonly chatId: string; readonly fallback?: string };

const CHAT = /^tg:(-?\d{1,20})(?:\|(.+))?$/;

export function parseRecipient(entry: string): Recipient {
  const chat = CHAT.exec(entry);
  if (!chat) return { kind: 'email', address: entry };
  const [, chatId = '', fallback] = chat;
  return fallback === undefined ? { kind: 'telegram', chatId } : { kind: 'telegram', chatId, fallback };
}

/**
 * What people typed reaches mails that coordinators act on: a name or a note must not be able
 * to forge a line of its own ("Approve: https://…") or reorder what the reader sees.
 */

/** Every character a mail client may break a line at. */
const LINE_BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
/** Bidi embeddings, overrides, isolates and marks: they make text display in another order than it is. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Control characters other than the tab, and other than the newlines the templates themselves write. */
const OTHER_CONTROLS = /(?![\t\n])\p{Cc}/gu;

/** Continuation lines of a multi-line value sit deeper than any line a template writes itself. */
export const CONTINUATION_INDENT = '      ';

/** A multi-line value (notes) with every line after the first indented under its label. */
export const indentedLines = (value: string) => value.split(LINE_BREAKS).join(`\n${CONTINUATION_INDENT}`);

/**
 * The plain text as it may be sent: no bidi controls, and no line break but the template's own
 * `\n` (a line or paragraph separator in a single-line field becomes a space).
 */
function sealText(text: string): string {
  return text
    .replace(BIDI_CONTROLS, '')
    .replace(/\r\n|[\r\v\f\u0085\u2028\u2029]/g, ' ')
    .replace(OTHER_CONTROLS, '');
}

const oneLine = (text: string) => sealText(text).replace(/\n/g, ' ');

/**
 * Every mail passes through here on its way into the outbox (data/outbox.ts), whatever template
 * made it: the subject is one line, the text part has only the template's own line breaks, and
 * neither part carries bidi controls or line and paragraph separators.
 */
export function sealMail(mail: RenderedMail): RenderedMail {
  return {
    ...mail,
    subject: oneLine(mail.subject),
    text: sealText(mail.text),
    html: mail.html.replace(BIDI_CONTROLS, '').replace(/[\u0085\u2028\u2029]/g, ' '),
  };
}
