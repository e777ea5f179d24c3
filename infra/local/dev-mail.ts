import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { type AddressObject, simpleParser } from 'mailparser';
import { getOffer } from '../../shared/data/offers.ts';
import { getProposal } from '../../shared/data/proposals.ts';
import { getRequest } from '../../shared/data/requests.ts';
import { readToken } from '../../shared/data/tokens.ts';
import type { Deps } from '../../shared/deps.ts';
import { DAY_MS } from '../../shared/domain/time.ts';
import { hashToken } from '../../shared/domain/tokens.ts';
import type { StreamConsumer } from './stream-poller.ts';

const EML_NAME = /^[\w.-]+\.eml$/;

interface CaughtMail {
  file: string;
  date: string | undefined;
  to: string;
  subject: string;
  text: string;
  html: string;
}

async function readMail(dir: string, file: string): Promise<CaughtMail> {
  const parsed = await simpleParser(await readFile(join(dir, file)));
  const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
  return {
    file,
    date: parsed.date?.toISOString(),
    to,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
  };
}

/** A caught mail, or one whose writing a crash cut short (the transport's `.partial` file). */
const CAUGHT_FILE = /^\.?[\w.-]+\.eml(\.partial)?$/;

/** How often `npm start` deletes the caught mails past their horizon. */
export const MAIL_PRUNE_EVERY_MS = 3_600_000;

/**
 * How long the catcher keeps a mail: RETENTION_DAYS, the records' own horizon, and a day when
 * that is 0 (the mail's links are only of use while it can be read). Mails hold names,
 * addresses, phones and working links, and nothing else ever deletes them.
 */
export const caughtMailHorizonMs = (retentionDays: number) => Math.max(retentionDays, 1) * DAY_MS;

/** The files in the catcher's folder; none before its first mail made it. */
const caughtFiles = (dir: string) =>
  readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });

/** Deletes the caught mails written before `before`. Returns how many it deleted. */
export async function pruneCaughtMail(dir: string, before: Date): Promise<number> {
  const files = await caughtFiles(dir);
  let deleted = 0;
  for (const file of files.filter((name) => CAUGHT_FILE.test(name))) {
    const path = join(dir, file);
    const written = await stat(path).catch(() => undefined);
    if (written === undefined || written.mtimeMs >= before.getTime()) continue;
    await rm(path, { force: true });
    deleted++;
  }
  return deleted;
}

/**
 * The record a stream record shows leaving: the erasure of an offer or request (`erasedAt`
 * appears) or the deletion of one never confirmed (the item goes); its address, lowercased.
 */
function erasedRecord(record: DynamoDBRecord): { id: string; email: string } | undefined {
  const before = record.dynamodb?.OldImage;
  const email = before?.email?.S;
  const id = before?.id?.S;
  if ((before?.kind?.S !== 'offer' && before?.kind?.S !== 'request') || !email || !id) return undefined;
  const erased =
    record.eventName === 'REMOVE' ||
    (before.erasedAt === undefined && record.dynamodb?.NewImage?.erasedAt !== undefined);
  return erased ? { id, email: email.toLowerCase() } : undefined;
}

const recipientsOf = (to: AddressObject | AddressObject[] | undefined) =>
  [to ?? []].flat().flatMap((group) => group.value.flatMap((entry) => entry.address?.toLowerCase() ?? []));

/** Whether a caught mail is kept though it went to an erased record's address (see mailCatcherEraser). */
type KeepMail = (text: string) => Promise<boolean>;

/**
 * Deletes the caught mails addressed to any of these (lowercased) addresses, but those `keep`
 * says belong to another record. Returns how many it deleted.
 */
export async function forgetMailTo(
  dir: string,
  addresses: ReadonlySet<string>,
  keep: KeepMail,
): Promise<number> {
  if (addresses.size === 0) return 0;
  const files = await caughtFiles(dir);
  let deleted = 0;
  for (const file of files.filter((name) => EML_NAME.test(name))) {
    const path = join(dir, file);
    const body = await readFile(path).catch(() => undefined);
    if (body === undefined) continue;
    const { to, text } = await simpleParser(body, { skipHtmlToText: true, skipTextToHtml: true });
    if (!recipientsOf(to).some((address) => addresses.has(address))) continue;
    if (await keep(text ?? '')) continue;
    await rm(path, { force: true });
    deleted++;
  }
  return deleted;
}

/** A link's token in a mail's text: the last path segment of one of Haven's links. */
const LINK_TOKEN = /\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g;

/**
 * Whether a mail's links tie it to a record other than the erased ones: one of its tokens is
 * still stored and names an offer or request not erased, or a proposal none of whose two records
 * is being erased. A mail that shows no such link (its tokens went with the erased record, or it
 * has none) is taken to be the erased record's.
 */
function tiedToAnotherRecord(deps: Deps, erasedIds: ReadonlySet<string>): KeepMail {
  const live = async (kind: string, id: string) => {
    if (erasedIds.has(id)) return false;
    const record = kind === 'offer' ? await getOffer(deps, id) : await getRequest(deps, id);
    return record !== undefined && record.erasedAt === undefined;
  };
  return async (text) => {
    for (const [, raw] of text.matchAll(LINK_TOKEN)) {
      const hash = hashToken(raw ?? '');
      // A read that fails throws, as the record and proposal reads do: the poller retries the
      // batch, and a mail is never deleted on a guess (the age horizon still bounds it).
      const token = hash === undefined ? undefined : await readToken(deps, hash);
      if (token === undefined) continue;
      if (token.subjectKind === 'offer' || token.subjectKind === 'request') {
        if (await live(token.subjectKind, token.subjectId)) return true;
        continue;
      }
      if (token.subjectKind !== 'proposal') continue;
      const proposal = await getProposal(deps, token.subjectId);
      if (proposal && !erasedIds.has(proposal.offerId) && !erasedIds.has(proposal.requestId)) return true;
    }
    return false;
  };
}

/**
 * A local-only reader of the table's stream: when a record is erased, through its manage page,
 * the lifecycle or `npm run erase`, the mails the catcher holds for it go too, as the person's
 * own mailbox is theirs to empty. A mail names no record; its links do (their tokens name the
 * record or proposal they act on), so a mail to the same address that links another record
 * still there stays (tiedToAnotherRecord), and one that shows none goes. Mails naming the person
 * to others (a placement's other side, the coordinators) age out with the rest
 * (caughtMailHorizonMs).
 */
export function mailCatcherEraser(dir: string, deps: Deps): StreamConsumer {
  return {
    name: 'mail-catcher',
    handler: async (event) => {
      const erased = event.Records.flatMap((record) => erasedRecord(record) ?? []);
      await forgetMailTo(
        dir,
        new Set(erased.map((record) => record.email)),
        tiedToAnotherRecord(deps, new Set(erased.map((record) => record.id))),
      );
      return undefined;
    },
    accepts: (record) => erasedRecord(record) !== undefined,
    batchSize: 100,
    batchWindowMs: 1000,
    maxRetries: 2,
  };
}

async function listMail(dir: string): Promise<CaughtMail[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => EML_NAME.test(f));
  } catch {
    return [];
  }
  files.sort().reverse();
  // The eraser and the pruning delete mails at any time: one gone between the listing and its
  // read is left out of the list rather than failing the page.
  const mails = await Promise.all(
    files.map((file) =>
      readMail(dir, file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      }),
    ),
  );
  return mails.filter((mail) => mail !== undefined);
}

/**
 * The local mail catcher's pages: every mail the directory transport wrote, newest first, as a
 * list (HTML, or JSON with ?format=json for tests), each readable as HTML, text or raw .eml.
 * Mounted only by infra/local: the deployed stack never has it.
 */
export function devMailRoutes(dir: string): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
    );
  });

  app.get('/', async (c) => {
    const mails = await listMail(dir);
    if (c.req.query('format') === 'json') return c.json(mails);
    const rows = mails.map(
      (
        m,
      ) => html`<tr><td>${m.date ?? ''}</td><td>${m.to}</td><td><a href="/dev/mail/${m.file}">${m.subject}</a></td>
        <td><a href="/dev/mail/${m.file}/text">text</a> · <a href="/dev/mail/${m.file}/raw">.eml</a></td></tr>`,
    );
    return c.html(html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Haven mail catcher</title>
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#1b1b1b}table{border-collapse:collapse;width:100%}
      td,th{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:left;vertical-align:top}</style></head>
      <body><h1>Mail caught on this machine</h1><p>${mails.length} messages in ${dir}</p>
      <table><thead><tr><th>Date</th><th>To</th><th>Subject</th><th></th></tr></thead><tbody>${rows}</tbody></table></body></html>`);
  });

  app.get('/:file{[\\w.-]+\\.eml}', async (c) => {
    const mail = await readMail(dir, c.req.param('file')).catch(() => undefined);
    if (!mail) return c.notFound();
    return c.html(
      raw(mail.html || `<pre>${mail.text.replace(/[&<>]/g, (ch) => `&#${ch.charCodeAt(0)};`)}</pre>`),
    );
  });

  app.get('/:file{[\\w.-]+\\.eml}/text', async (c) => {
    const mail = await readMail(dir, c.req.param('file')).catch(() => undefined);
    return mail ? c.text(mail.text) : c.notFound();
  });

  app.get('/:file{[\\w.-]+\\.eml}/raw', async (c) => {
    const file = c.req.param('file');
    const body = await readFile(join(dir, file)).catch(() => undefined);
    if (!body) return c.notFound();
    return c.body(body, 200, {
      'Content-Type': 'message/rfc822',
      'Content-Disposition': `inline; filename="${file}"`,
    });
  });
  return app;
}
