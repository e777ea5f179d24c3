import type { Locale } from '../../domain/records.ts';
import { indentedLines } from '../plain-text.ts';
import { escapeHtml } from './confirm.ts';

/**
 * The pieces the approval flow's mails share: one plain layout, fact tables and link buttons.
 * Nothing remote is loaded (no images, fonts or pixels): the mails carry no tracking.
 */

export type Row = readonly [label: string, value: string];

/** An instant as a coordinator reads it anywhere: minutes, in UTC, said so. */
export const utcMinutes = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export const fill = (template: string, values: Readonly<Record<string, string | number>>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));

/** Rows as indented "label: value" lines for the text part; a multi-line value (notes) stays under its label. */
export const textRows = (rows: readonly Row[]) =>
  rows.map(([label, value]) => `  ${label}: ${indentedLines(value)}`).join('\n');

export function htmlRows(rows: readonly Row[]): string {
  const cells = rows.map(
    ([label, value]) =>
      `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:2px 12px 2px 0;font-weight:600">${escapeHtml(label)}</th><td style="padding:2px 0">${escapeHtml(value)}</td></tr>`,
  );
  return `<table role="presentation" style="border-collapse:collapse">${cells.join('')}</table>`;
}

export const htmlHeading = (text: string) =>
  `<h2 style="font-size:16px;margin:20px 0 6px">${escapeHtml(text)}</h2>`;

export const htmlParagraph = (text: string) => `<p>${escapeHtml(text)}</p>`;

/** A link drawn as a button, with the address printed under it for clients that strip styles. */
export function htmlButton(href: string, label: string, tone: 'primary' | 'secondary' = 'primary'): string {
  const colours =
    tone === 'primary' ? 'background:#15803d;color:#ffffff' : 'background:#b91c1c;color:#ffffff';
  return `<a href="${escapeHtml(href)}" style="display:inline-block;margin:4px 8px 4px 0;padding:12px 20px;${colours};text-decoration:none;border-radius:6px;font-weight:600">${escapeHtml(label)}</a>`;
}

export const htmlSmallLink = (href: string) =>
  `<p style="font-size:13px;color:#555555;word-break:break-all">${escapeHtml(href)}</p>`;

/** The whole HTML document around a mail's body. */
export function htmlDocument(locale: Locale, subject: string, body: readonly string[]): string {
  return [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;line-height:1.5;color:#111111;max-width:600px;margin:0 auto;padding:16px">',
    ...body,
    '</body></html>',
  ].join('\n');
}
