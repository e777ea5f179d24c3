import { writeAudit } from '../data/audit.ts';
import { exportPartSize, exportRecordsAcross, exportRecordsPage } from '../data/export.ts';
import { unlessErased } from '../data/intake-records.ts';
import { emailHash } from '../data/items.ts';
import { coordinatorKey } from '../data/keys.ts';
import { getOffer, offersByEmail } from '../data/offers.ts';
import { recordsByPhone } from '../data/phone-lookups.ts';
import { getRequest, requestsByEmail } from '../data/requests.ts';
import { recordsByTelegram } from '../data/telegram-lookups.ts';
import type { Deps } from '../deps.ts';
import { type CoordinatorScope, inScope } from '../domain/coordinator-scope.ts';
import { NotFound } from '../domain/errors.ts';
import { ISO_3166_ALPHA2 } from '../domain/iso-codes.ts';
import { looksLikePhone, phoneSearchForms } from '../domain/phone.ts';
import { confirmedOn } from '../domain/record-states.ts';
import { type OfferRecord, type RequestRecord, STAY_FIELDS, WELL_FORMED_ID } from '../domain/records.ts';
import { countriesOf } from './queue.ts';
import { auditViewed } from './viewed.ts';

type IntakeRecord = OfferRecord | RequestRecord;

/** A coordinator's own audit partition: searches and exports are about no single record. */
const auditSubject = (scope: CoordinatorScope) => coordinatorKey(emailHash(scope.email)).pk;

/** A Telegram username as people write it, with its `@` (which is how it differs from a reference). */
const TELEGRAM_USERNAME = /^@[A-Za-z0-9_]{3,32}$/;

/** What a coordinator may see of a record found: confirmed (record-states.ts), and in one of their countries. */
const visible =
  (scope: CoordinatorScope) =>
  (record: IntakeRecord | undefined): record is IntakeRecord =>
    record !== undefined && confirmedOn(record) !== undefined && inScope(scope, record.country);

/**
 * Finds people by exactly their email address (through the records' index of the address's hash:
 * the address itself is never a key, and the index entry goes with the record), by their phone
 * number (through the lookup items beside the records, by the normalised number's hash; a number
 * without its country code is read as written in the coordinator's countries, or in `region`,
 * the country picked in the workspace), by the @username of someone who came through the Telegram
 * bot (their Telegram lookup, by its hash; any case), or by a record's reference (the id in their mails). The
 * search is audited with the coordinator's address and what was searched for (never the term
 * itself, which is personal data), and each record it shows in that record's own trail.
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
  const records = await found(deps, scope, query, by, region);
  await auditViewed(deps, scope, records, 'search');
  return records;
}

async function found(
  deps: Deps,
  scope: CoordinatorScope,
  query: string,
  by: 'telegram' | 'email' | 'phone' | 'reference',
  region: string | undefined,
): Promise<IntakeRecord[]> {
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
      refs.map(async (ref) =>
        unlessErased(ref.kind === 'offer' ? await getOffer(deps, ref.id) : await getRequest(deps, ref.id)),
      ),
    );
    return records.filter(visible(scope));
  }
  if (!WELL_FORMED_ID.test(query)) return [];
  const [offer, request] = (await Promise.all([getOffer(deps, query), getRequest(deps, query)])).map(
    unlessErased,
  );
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
 * Rows in one part of an export. Lambda hands API Gateway at most 6 MB, and the CSV travels in
 * it as a JSON string: a quote mark typed into a form is `""` in CSV and `\"\"` in JSON, four
 * bytes. Rows of the largest fields a form accepts, all quote marks (name and city 100, notes
 * 2,000), measured 9,662 bytes an offer and 9,350 a request (tests/integration/workspace-export),
 * so 651 offers fill 6 MB. 500 (4.8 MB) leave a quarter spare: no content anyone can type makes
 * a part fail.
 */
export const EXPORT_PART_ROWS = 500;

export interface ExportPart {
  /** UTF-8 with a byte order mark, the column names first. */
  readonly csv: string;
  /** Where the next part starts; undefined on the last part. */
  readonly next: string | undefined;
}

/**
 * The country an export reads: a coordinator of one country has it implied, anyone else names
 * it (undefined until they do).
 */
export function exportCountry(scope: CoordinatorScope, asked: string | undefined): string | undefined {
  const only = scope.countries !== '*' && scope.countries.length === 1 ? scope.countries[0] : undefined;
  const country = asked?.toUpperCase() ?? only;
  if (country === undefined) return undefined;
  if (!ISO_3166_ALPHA2.has(country) || !inScope(scope, country))
    throw new NotFound('There is nothing at this address.');
  return country;
}

/** The countries of an export of all the coordinator's countries, in the order it reads them. */
const exportCountries = (scope: CoordinatorScope) => [...countriesOf(scope)].sort();

/**
 * One part of the confirmed records of a kind as CSV, in every state until their personal data
 * is erased: UTF-8 with a byte order mark (so spreadsheet programs read Cyrillic and Turkish
 * right), the column names first, at most `rows` records from `cursor`. Of one of the
 * coordinator's countries in the order they were confirmed, or, without a country, of all of
 * them, one country after another in alphabetical order. Audited with the part's number, so a
 * trail tells part 1 fetched 83 times from parts 1 to 83.
 */
export async function exportCsv(
  deps: Deps,
  scope: CoordinatorScope,
  kind: 'offer' | 'request',
  part: {
    readonly country: string | undefined;
    readonly cursor?: string | undefined;
    /** The part's number as its link names it, from 1. */
    readonly number: number;
    readonly rows?: number;
  },
): Promise<ExportPart> {
  const rows = part.rows ?? EXPORT_PART_ROWS;
  if (part.country !== undefined && !inScope(scope, part.country))
    throw new NotFound('There is nothing at this address.');
  const page =
    part.country === undefined
      ? await exportRecordsAcross(deps, kind, exportCountries(scope), part.cursor, rows)
      : await exportRecordsPage(deps, kind, part.country, part.cursor, rows);
  await writeAudit(deps, {
    subjectPk: auditSubject(scope),
    action: 'coordinator.exported',
    actor: `coordinator:${scope.email}`,
    fields: [kind, part.country ?? 'all', `part:${part.number}`],
  });
  const columns = COLUMNS[kind];
  const lines = [
    columns.join(','),
    ...page.items.map((record) => {
      const row = record as unknown as Record<string, unknown>;
      return columns.map((column) => cell(row[column])).join(',');
    }),
  ];
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, next: page.next };
}

/** Where each part of an export starts and how many rows it holds, for the page that offers them. */
export interface ExportPartStart {
  readonly cursor: string | undefined;
  readonly rows: number;
}

/**
 * Up to `parts` parts of an export from `cursor` on, without their contents (not audited: it
 * shows no one's data; only keys are read), and where the parts after them start. Each is cut
 * where its download cuts it. Without a country, of all the coordinator's countries.
 */
export async function exportParts(
  deps: Deps,
  scope: CoordinatorScope,
  kind: 'offer' | 'request',
  from: {
    readonly country: string | undefined;
    readonly cursor: string | undefined;
    readonly parts: number;
    readonly rows?: number;
  },
): Promise<{ parts: ExportPartStart[]; next: string | undefined }> {
  if (from.country !== undefined && !inScope(scope, from.country))
    throw new NotFound('There is nothing at this address.');
  const of = from.country === undefined ? { countries: exportCountries(scope) } : { country: from.country };
  const parts: ExportPartStart[] = [];
  let cursor = from.cursor;
  do {
    const part = await exportPartSize(deps, kind, of, cursor, from.rows ?? EXPORT_PART_ROWS);
    parts.push({ cursor, rows: part.rows });
    cursor = part.next;
  } while (cursor !== undefined && parts.length < from.parts);
  return { parts, next: cursor };
}
