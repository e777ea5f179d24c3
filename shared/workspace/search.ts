import { writeAudit } from '../data/audit.ts';
import { emailHash } from '../data/items.ts';
import { coordinatorKey } from '../data/keys.ts';
import { getOffer, offersByEmail } from '../data/offers.ts';
import { recordsByPhone } from '../data/phone-lookups.ts';
import { liveRecordsOfCountry } from '../data/queues.ts';
import { getRequest, requestsByEmail } from '../data/requests.ts';
import { recordsByTelegram } from '../data/telegram-lookups.ts';
import type { Deps } from '../deps.ts';
import { type CoordinatorScope, inScope } from '../domain/coordinator-scope.ts';
import { looksLikePhone, phoneSearchForms } from '../domain/phone.ts';
import { type OfferRecord, type RequestRecord, STAY_FIELDS } from '../domain/records.ts';
import { countriesOf } from './queue.ts';

type IntakeRecord = OfferRecord | RequestRecord;

/** A coordinator's own audit partition: searches and exports are about no single record. */
const auditSubject = (scope: CoordinatorScope) => coordinatorKey(emailHash(scope.email)).pk;

const REFERENCE = /^[A-Za-z0-9_-]{1,100}$/;
/** A Telegram username as people write it, with its `@` (which is how it differs from a reference). */
const TELEGRAM_USERNAME = /^@[A-Za-z0-9_]{3,32}$/;

/** What a coordinator may see of a record found: confirmed, and in one of their countries. */
const visible =
  (scope: CoordinatorScope) =>
  (record: IntakeRecord | undefined): record is IntakeRecord =>
    record !== undefined && record.status !== 'pending' && inScope(scope, record.country);

/**
 * Finds people by exactly their email address (through the records' index of the address's hash:
 * the address itself is never a key, and the index entry goes with the record), by their phone
 * number (through the lookup items beside the records, by the normalised number's hash; a number
 * without its country code is read as written in the coordinator's countries, or in `region`,
 * the country picked in the workspace), by the @username of someone who came through the Telegram
 * bot (their Telegram lookup, by its hash; any case), or by a record's reference (the id in their mails). The
 * search is audited with the coordinator's address and what was searched for (never the term
 * itself, which is personal data).
 */
export async function findAnyone(
  deps: Deps,
  scope: CoordinatorScope,
  term: string,
  region?: string,
): Promise<IntakeRecord[]> {
  const query = term.trim();
  const by = TELEGRAM_USERNAME.test(query)
    ? 'telegram'
    : query.includes('@')
      ? 'email'
      : looksLikePhone(query)
        ? 'phone'
        : 'reference';
  await writeAudit(deps, {
    subjectPk: auditSubject(scope),
    action: 'coordinator.searched',
    actor: `coordinator:${scope.email}`,
    fields: [by],
  });
  if (by === 'email') {
    const [offers, requests] = await Promise.all([offersByEmail(deps, query), requestsByEmail(deps, query)]);
    return [...requests, ...offers].filter(visible(scope));
  }
  if (by === 'phone' || by === 'telegram') {
    const regions = scope.countries === '*' ? (region ? [region] : []) : scope.countries;
    const refs =
      by === 'phone'
        ? await recordsByPhone(deps, phoneSearchForms(query, regions))
        : await recordsByTelegram(deps, 'username', query);
    const records = await Promise.all(
      refs.map((ref) => (ref.kind === 'offer' ? getOffer(deps, ref.id) : getRequest(deps, ref.id))),
    );
    return records.filter(visible(scope));
  }
  if (!REFERENCE.test(query)) return [];
  const [offer, request] = await Promise.all([getOffer(deps, query), getRequest(deps, query)]);
  return [request, offer].filter(visible(scope));
}

/** The export's first columns, alike for both kinds: the record, where, and who. */
const WHO = [
  'id',
  'status',
  'createdAt',
  'country',
  'city',
  'name',
  'email',
  'phone',
  'telegramUsername',
] as const;

const COLUMNS = {
  request: [...WHO, 'languages', ...STAY_FIELDS.request, 'notes'],
  offer: [...WHO, 'languages', ...STAY_FIELDS.offer, 'notes', 'verification'],
} as const;

/**
 * One CSV cell: quoted, quotes doubled, and a leading = + - @ (or tab, CR) defused with an
 * apostrophe, so a spreadsheet never runs what someone typed into a form as a formula.
 */
function cell(value: unknown): string {
  const text =
    value === undefined || value === null
      ? ''
      : Array.isArray(value)
        ? value.join(' ')
        : typeof value === 'object'
          ? Object.values(value as Record<string, unknown>).join(' ')
          : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

/**
 * The live records of a kind in the coordinator's countries as CSV: UTF-8 with a byte order mark
 * (so spreadsheet programs read Cyrillic and Turkish right), the column names first. Audited.
 */
export async function exportCsv(
  deps: Deps,
  scope: CoordinatorScope,
  kind: 'offer' | 'request',
): Promise<string> {
  await writeAudit(deps, {
    subjectPk: auditSubject(scope),
    action: 'coordinator.exported',
    actor: `coordinator:${scope.email}`,
    fields: [kind],
  });
  const columns = COLUMNS[kind];
  const lines = [columns.join(',')];
  for (const country of countriesOf(scope)) {
    for await (const record of liveRecordsOfCountry(deps, kind, country)) {
      const row = record as unknown as Record<string, unknown>;
      lines.push(columns.map((column) => cell(row[column])).join(','));
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
