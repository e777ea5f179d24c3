import { indentedLines, type RenderedMail } from '../../domain/mail.ts';
import type { Locale } from '../../domain/records.ts';
import { type Translate, translator } from '../../i18n/index.ts';

/**
 * Every mail is a list of blocks, rendered twice from the same list: as plain text, and as HTML
 * with hono/jsx, which escapes every value by construction (a name may hold markup, a link may
 * not). Nothing remote is loaded (no images, fonts or pixels): the mails carry no tracking.
 */

export type Row = readonly [label: string, value: string];

export interface MailButton {
  readonly href: string;
  readonly label: string;
  readonly tone?: 'primary' | 'secondary';
}

export type Block =
  | { readonly kind: 'paragraph'; readonly text: string; readonly strong?: boolean }
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'facts'; readonly title?: string; readonly rows: readonly Row[] }
  | { readonly kind: 'buttons'; readonly buttons: readonly MailButton[] }
  | { readonly kind: 'signature'; readonly text: string }
  | { readonly kind: 'rule' };

export const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
export const note = (text: string): Block => ({ kind: 'note', text });
export const facts = (rows: readonly Row[], title?: string): Block =>
  title === undefined ? { kind: 'facts', rows } : { kind: 'facts', title, rows };
export const buttons = (...list: MailButton[]): Block => ({ kind: 'buttons', buttons: list });
export const signature = (t: Translate): Block => ({ kind: 'signature', text: t('mail.signature') });

/** Rows as indented "label: value" lines; a multi-line value (notes) stays under its label. */
const textRows = (rows: readonly Row[]) =>
  rows.map(([label, value]) => `  ${label}: ${indentedLines(value)}`);

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
    case 'note':
      return block.text;
    case 'heading':
      return block.text;
    case 'facts':
      return [...(block.title ? [block.title] : []), ...textRows(block.rows)].join('\n');
    case 'buttons':
      return block.buttons.map((button) => `${button.label}: ${button.href}`).join('\n');
    case 'signature':
      return `— ${block.text}`;
    case 'rule':
      return '———';
  }
}

/** The plain-text part: blocks one after another, a blank line between them. */
export const renderText = (blocks: readonly Block[]) => blocks.map(blockText).join('\n\n');

const SMALL = 'font-size:13px;color:#555555';

function Facts({ rows }: { rows: readonly Row[] }) {
  return (
    <table role="presentation" style="border-collapse:collapse">
      {rows.map(([label, value]) => (
        <tr>
          <th scope="row" style="text-align:left;vertical-align:top;padding:2px 12px 2px 0;font-weight:600">
            {label}
          </th>
          <td style="padding:2px 0;white-space:pre-line;overflow-wrap:anywhere">{value}</td>
        </tr>
      ))}
    </table>
  );
}

/** A link drawn as a button, with the address printed under it for clients that strip styles. */
function Buttons({ list }: { list: readonly MailButton[] }) {
  return (
    <>
      <p>
        {list.map((button) => (
          <a
            href={button.href}
            style={`display:inline-block;margin:4px 8px 4px 0;padding:12px 20px;background:${button.tone === 'secondary' ? '#b91c1c' : '#15803d'};color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600`}
          >
            {button.label}
          </a>
        ))}
      </p>
      {list.map((button) => (
        <p style={`${SMALL};word-break:break-all`}>{button.href}</p>
      ))}
    </>
  );
}

function BlockHtml({ block }: { block: Block }) {
  switch (block.kind) {
    case 'paragraph':
      return <p>{block.strong ? <strong>{block.text}</strong> : block.text}</p>;
    case 'note':
      return <p style={SMALL}>{block.text}</p>;
    case 'heading':
      return <h2 style="font-size:16px;margin:20px 0 6px">{block.text}</h2>;
    case 'facts':
      return (
        <>
          {block.title ? <h2 style="font-size:16px;margin:20px 0 6px">{block.title}</h2> : null}
          <Facts rows={block.rows} />
        </>
      );
    case 'buttons':
      return <Buttons list={block.buttons} />;
    case 'signature':
      return <p>— {block.text}</p>;
    case 'rule':
      return <hr />;
  }
}

/** The whole HTML document; the viewport lets a phone's mail app show it at its own width. */
function MailDocument({
  locale,
  subject,
  blocks,
}: {
  locale: Locale;
  subject: string;
  blocks: readonly Block[];
}) {
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{subject}</title>
      </head>
      <body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;line-height:1.5;color:#111111;max-width:600px;margin:0 auto;padding:16px">
        {blocks.map((block) => (
          <BlockHtml block={block} />
        ))}
      </body>
    </html>
  );
}

export function renderHtml(locale: Locale, subject: string, blocks: readonly Block[]): string {
  const html = (<MailDocument locale={locale} subject={subject} blocks={blocks} />).toString();
  if (typeof html !== 'string') throw new TypeError('mails render synchronously');
  return `<!doctype html>${html}`;
}

export interface MailParts {
  readonly template: string;
  readonly to: readonly string[];
  readonly locale: Locale;
  readonly subject: string;
  readonly blocks: readonly Block[];
}

/** A mail to one reader in one language: both parts from the same blocks. */
export function renderMail({ template, to, locale, subject, blocks }: MailParts): RenderedMail {
  return {
    template,
    to,
    locale,
    subject,
    text: renderText(blocks),
    html: renderHtml(locale, subject, blocks),
  };
}

/**
 * The languages of the coordinators' mails: those the operator listed for the country
 * (COORDINATOR_LANGUAGES), in that order. Without them we cannot know the coordinators': English
 * comes first, as the one language a volunteer group working across borders can be assumed to
 * share, then the host's language (when it differs), the best hint we have of the language spoken
 * where the offer is.
 */
export function coordinatorLocales(hostLocale: Locale, listed?: readonly Locale[]): readonly Locale[] {
  if (listed !== undefined) return listed;
  return hostLocale === 'en' ? ['en'] : ['en', hostLocale];
}

/** One language's part of a coordinator mail. */
export interface LocalePart {
  readonly locale: Locale;
  readonly t: Translate;
}

/**
 * A mail to the coordinators of a country: the same body once per coordinator language (see
 * coordinatorLocales), a rule between them, and a subject every recipient can read (see
 * jointSubject); `after` closes a mail of several languages once (the decision buttons again,
 * under all of them).
 */
export function renderCoordinatorMail(input: {
  readonly template: string;
  readonly to: readonly string[];
  readonly hostLocale: Locale;
  /** The languages listed for the country's coordinators, if any (coordinatorLocales). */
  readonly languages: readonly Locale[] | undefined;
  readonly subject: (part: LocalePart) => string;
  readonly body: (part: LocalePart) => readonly Block[];
  readonly after?: (part: LocalePart) => readonly Block[];
}): RenderedMail {
  const parts = coordinatorLocales(input.hostLocale, input.languages).map((locale) => ({
    locale,
    t: translator(locale),
  }));
  const [first] = parts as [LocalePart, ...LocalePart[]];
  const blocks: Block[] = parts.flatMap((part, index) => [
    ...(index === 0 ? [] : [{ kind: 'rule' } as const]),
    ...input.body(part),
  ]);
  // With one language the body already ends where `after` would repeat it.
  if (input.after && parts.length > 1) blocks.push({ kind: 'rule' }, ...input.after(first));
  return renderMail({
    template: input.template,
    to: input.to,
    locale: first.locale,
    subject: jointSubject(parts.map((part) => input.subject(part))),
    blocks,
  });
}

/**
 * Each language's subject in the body's order, joined: we do not know which language a given
 * coordinator reads, and the subject is what decides whether a mail is opened. The "Haven: "
 * they all begin with is said once.
 */
function jointSubject(subjects: readonly string[]): string {
  const [first = '', ...rest] = [...new Set(subjects)];
  const brand = /^[^:]+: /.exec(first)?.[0];
  const tails = rest.map((subject) =>
    brand && subject.startsWith(brand) ? subject.slice(brand.length) : subject,
  );
  return [first, ...tails].join(' / ');
}
