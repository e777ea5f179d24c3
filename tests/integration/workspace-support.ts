import { expect } from 'vitest';
import type { createApp } from '../../shared/http/app.ts';
import { pendingMails } from '../support/outbox.ts';
import type { TestTable } from '../support/table.ts';

type App = ReturnType<typeof createApp>;

/** The value of the hidden `csrf` field on a page. */
export const csrfIn = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** What a reader sees of some markup: the tags gone, runs of white space one space. */
export const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The list rows (`li`) of a page as a reader sees them, each with the links it holds: the
 * parts of a row are separate elements (row-parts.tsx), so a row is read by its element.
 */
export function rowsOf(html: string): { text: string; html: string }[] {
  return [...html.matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/g)].map((match) => ({
    text: textOf(match[1] ?? ''),
    html: match[1] ?? '',
  }));
}

/** The sign-in link of the latest sign-in mail to an address, as its path. */
export async function signInLinkTo(table: TestTable, email: string): Promise<string | undefined> {
  const mails = (await pendingMails(table)).filter(
    (mail) => mail.template === 'coordinator-sign-in' && mail.to.includes(email),
  );
  const link = mails.at(-1)?.text.match(/https?:\/\/\S+\/coordinator\/sign-in\/[A-Za-z0-9_-]{43}/)?.[0];
  return link === undefined ? undefined : new URL(link).pathname;
}

/** How many sign-in mails an address has been sent. */
export async function signInMailsTo(table: TestTable, email: string): Promise<number> {
  return (await pendingMails(table)).filter(
    (mail) => mail.template === 'coordinator-sign-in' && mail.to.includes(email),
  ).length;
}

/**
 * A browser in miniature over `app.request`: keeps the cookies the app sets (by name, without
 * attributes), sends them back, and comes from its own source address.
 */
export class Visitor {
  readonly cookies = new Map<string, string>();
  readonly setCookies: string[] = [];
  constructor(
    private readonly app: App,
    readonly ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`,
  ) {}

  private env() {
    return { incoming: { socket: { remoteAddress: this.ip } } };
  }

  private headers(extra: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return { ...(cookie ? { cookie } : {}), ...extra };
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      this.setCookies.push(line);
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  async get(path: string): Promise<Response> {
    return this.keep(await this.app.request(path, { headers: this.headers() }, this.env()));
  }

  async post(path: string, fields: Record<string, string>): Promise<Response> {
    return this.keep(
      await this.app.request(
        path,
        {
          method: 'POST',
          headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
          body: new URLSearchParams(fields),
        },
        this.env(),
      ),
    );
  }

  /** GETs a page and POSTs its form with the page's own csrf value. */
  async submit(formPath: string, action: string, fields: Record<string, string>): Promise<Response> {
    const csrf = csrfIn(await (await this.get(formPath)).text());
    return this.post(action, { ...fields, csrf });
  }
}

/** Signs a coordinator in the way a person does: form, mail, link page, button. */
export async function signedInVisitor(app: App, table: TestTable, email: string): Promise<Visitor> {
  const visitor = new Visitor(app);
  const sent = await visitor.submit('/coordinator/sign-in', '/coordinator/sign-in', { email });
  expect(sent.status).toBe(303);
  const link = await signInLinkTo(table, email);
  if (!link) throw new Error(`no sign-in mail to ${email}`);
  const started = await visitor.submit(link, link, { 'sign-in': 'start' });
  expect(started.status).toBe(303);
  return visitor;
}
