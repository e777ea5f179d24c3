import type { OfferRecord, RequestRecord } from '../../domain/records.ts';
import { placeName } from '../../places/gazetteer.ts';
import type { RenderedMail } from '../message.ts';
import { CONFIRM_STRINGS } from './confirm-strings.ts';

/**
 * new: a first submission. held: a resubmission for an existing record (confirmed or not),
 * applied only if its link is confirmed.
 */
export type ConfirmVariant = 'new' | 'held';

export interface ConfirmMailInput {
  /** The record as it is (new) or as it will be once the link is confirmed (held). */
  readonly record: OfferRecord | RequestRecord;
  readonly variant: ConfirmVariant;
  readonly confirmUrl: string;
  readonly manageUrl: string;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every value that reaches HTML passes through here: names may hold markup, links may not. */
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

function facts(record: OfferRecord | RequestRecord, s: (typeof CONFIRM_STRINGS)['en']): [string, string][] {
  const span = (from: string, to: string | undefined) =>
    to ? `${from} – ${to}` : fill(s.from, { date: from });
  if (record.kind === 'offer') {
    return [
      [s.place, `${placeName(record.country, record.city, record.locale)} (${record.country})`],
      [s.dates, span(record.availableFrom, record.availableTo)],
      [s.beds, String(record.beds)],
    ];
  }
  return [
    [
      s.place,
      record.city
        ? `${placeName(record.country, record.city, record.locale)} (${record.country})`
        : `${record.country}, ${s.anywhere}`,
    ],
    [s.dates, span(record.arrival, record.departure)],
    [s.party, `${s.adults}: ${record.adults}, ${s.children}: ${record.children}`],
  ];
}

/**
 * The mail that asks a host or seeker to confirm their address, in their language, with the
 * confirm link and the private manage link; rendered for the outbox in the transaction that
 * stores the record.
 */
export function renderConfirmMail(input: ConfirmMailInput): RenderedMail {
  const { record, confirmUrl, manageUrl, variant } = input;
  const s = CONFIRM_STRINGS[record.locale];
  const offer = record.kind === 'offer';
  const held = variant === 'held';
  const subject = held
    ? offer
      ? s.subjectHeldOffer
      : s.subjectHeldRequest
    : offer
      ? s.subjectOffer
      : s.subjectRequest;
  const intro = {
    new: offer ? s.thanksOffer : s.thanksRequest,
    held: offer ? s.heldOffer : s.heldRequest,
  }[variant];
  const ask = held ? [] : [s.confirmAsk];
  const after = held ? s.confirmExpiry : `${offer ? s.pendingOffer : s.pendingRequest} ${s.confirmExpiry}`;
  const rows = facts(record, s);

  const text = [
    fill(s.greeting, { name: record.name }),
    '',
    intro,
    '',
    ...ask,
    confirmUrl,
    '',
    after,
    '',
    `${s.facts}:`,
    ...rows.map(([label, value]) => `  ${label}: ${value}`),
    '',
    s.manageIntro,
    manageUrl,
    s.manageKeep,
    '',
    s.notYou,
    '',
    `— ${s.signature}`,
  ].join('\n');

  const button = (href: string, label: string) =>
    `<p><a href="${escapeHtml(href)}" style="display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600">${escapeHtml(label)}</a></p>`;
  const link = (href: string) =>
    `<p style="font-size:13px;color:#555555;word-break:break-all">${escapeHtml(href)}</p>`;
  const html = [
    `<!doctype html><html lang="${record.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;line-height:1.5;color:#111111;max-width:560px;margin:0 auto;padding:16px">',
    `<p>${escapeHtml(fill(s.greeting, { name: record.name }))}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    ...ask.map((line) => `<p>${escapeHtml(line)}</p>`),
    button(confirmUrl, held ? s.applyButton : s.confirmButton),
    link(confirmUrl),
    `<p>${escapeHtml(after)}</p>`,
    `<h2 style="font-size:16px">${escapeHtml(s.facts)}</h2>`,
    '<table role="presentation" style="border-collapse:collapse">',
    ...rows.map(
      ([label, value]) =>
        `<tr><th scope="row" style="text-align:left;padding:2px 12px 2px 0;font-weight:600">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    ),
    '</table>',
    `<p>${escapeHtml(s.manageIntro)}</p>`,
    button(manageUrl, s.manageButton),
    link(manageUrl),
    `<p><strong>${escapeHtml(s.manageKeep)}</strong></p>`,
    `<p style="color:#555555">${escapeHtml(s.notYou)}</p>`,
    `<p>— ${escapeHtml(s.signature)}</p>`,
    '</body></html>',
  ].join('\n');

  return {
    template: variant === 'new' ? `confirm-${record.kind}` : `confirm-${record.kind}-${variant}`,
    to: [record.email],
    locale: record.locale,
    subject,
    text,
    html,
  };
}
