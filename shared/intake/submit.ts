import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type * as z from 'zod';
import { cancelRemaining, cancelStaleProposals, NOTHING_REMAINING } from '../approval/cancel.ts';
import { type AddressRecords, addressRegistryPut } from '../data/address-registry.ts';
import { auditPut } from '../data/audit.ts';
import {
  type AddressBlock,
  blockAsReadCheck,
  blockOf,
  blocksOf,
  firstBlock,
  type IdentityBlock,
  underBlocks,
} from '../data/blocks.ts';
import { emailHash } from '../data/items.ts';
import { offerKey, requestKey } from '../data/keys.ts';
import { noteOfferChange, saveOffer } from '../data/offers.ts';
import { outboxPuts } from '../data/outbox.ts';
import {
  confirmMailCap,
  type RateLimitUse,
  rateLimitUse,
  refuseWhenFull,
  type SharedRateLimit,
  SUBMIT_PER_CHAT,
  SUBMIT_PER_EMAIL,
  SUBMIT_PER_IP,
  sharedRateLimit,
  takeRateLimit,
} from '../data/rate-limits.ts';
import { noteRequestChange, saveRequest } from '../data/requests.ts';
import { chatAddress } from '../data/telegram-lookups.ts';
import { issueManageToken, issueToken } from '../data/tokens.ts';
import type { TransactItem } from '../data/transact.ts';
import type { Deps } from '../deps.ts';
import { mailboxOf } from '../domain/email-address.ts';
import {
  Conflict,
  type IssueDetail,
  TooManyRequests,
  Unavailable,
  ValidationError,
} from '../domain/errors.ts';
import {
  contactIssue,
  dateOrderIssue,
  earliestToday,
  HONEYPOT_FIELD,
  issuesFromZod,
  LIMITS,
  type OfferInput,
  offerInputSchemaFor,
  offerTelegramSchemaFor,
  type RequestInput,
  requestInputSchemaFor,
  requestTelegramSchemaFor,
  resubmitted,
} from '../domain/intake.ts';
import { ISO_3166_ALPHA2 } from '../domain/iso-codes.ts';
import {
  type Locale,
  type OfferRecord,
  offerRecordSchema,
  type RequestRecord,
  requestRecordSchema,
} from '../domain/records.ts';
import { pausedAtSet, restartingPause } from '../domain/retention.ts';
import { MANAGE_LINK_VALID_MS } from '../domain/tokens.ts';
import { renderConfirmMail, renderPlacedRepeatMail } from '../mail/templates/confirm.ts';
import {
  renderPlacedAddressNotice,
  renderPlacedRepeatNotice,
  renderReceivedNotice,
} from '../mail/templates/received.ts';
import { type Place, resolveCity } from '../places/gazetteer.ts';
import type { TelegramVisitor } from '../telegram/init-data.ts';
import { availabilityCheckPut } from '../upkeep/availability.ts';
import { CONFIRM_LINK_VALID_MS } from './links.ts';
import {
  addressRecords,
  duplicateOffer,
  duplicateRequest,
  liveOffer,
  liveRequest,
  placedOfProvingChats,
  placedRepeat,
  recordsOfChat,
} from './repeats.ts';

export interface SubmitMeta {
  /** The page's language: stored with a new record, and with the changes a repeat confirms; its mails speak it. */
  readonly locale: Locale;
  /**
   * The caller named none of our languages (an API call whose ?lang= and Accept-Language name
   * none), so `locale` is only the default: a repeat of a record speaks the record's language, and
   * its changes leave that language as they find it.
   */
  readonly localeDefaulted?: true;
  /** The client's address as the platform saw it (never X-Forwarded-For): for rate limits only. */
  readonly sourceIp: string;
  readonly via: 'form' | 'api';
  /** A form sent from the Telegram Mini App, whose init data named this person (already verified). */
  readonly telegram?: TelegramVisitor;
}

/**
 * What a submission answers, the same whoever sends it: a new record's id, or for a submission
 * that only proposes changes to an existing record (or a filled honeypot) an id made up for the
 * answer, which names nothing stored. So no answer tells whether an address already has a record.
 */
export interface SubmitResult {
  readonly id: string;
  readonly status: 'pending';
  /**
   * A Mini App send that gave its record an address new to it: the chat is told that a link went
   * to the address, whether or not one did (a full window or mail cap holds it back, and that must
   * not show). It depends only on what the chat sent and its record gives, both the chat's own.
   */
  readonly addressToConfirm?: true;
  /**
   * A Mini App send that repeated the stay already arranged for the chat itself, or for an
   * address it proved: nothing was stored, and the chat is told so. Either is the chat's own, so
   * this tells it nothing new.
   */
  readonly placed?: true;
}

type IntakeRecord = OfferRecord | RequestRecord;
type Kind = IntakeRecord['kind'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Splits off the honeypot (forms and JSON alike); `trapped` when a bot filled it in. */
function honeypot(input: unknown): { trapped: boolean; rest: unknown } {
  if (!isObject(input) || !Object.hasOwn(input, HONEYPOT_FIELD)) return { trapped: false, rest: input };
  const { [HONEYPOT_FIELD]: bait, ...rest } = input;
  return { trapped: typeof bait !== 'string' || bait.trim() !== '', rest };
}

/** Resolves the city when country and city are well-formed, adding `unknown_city` with suggestions otherwise. */
async function placeOf(input: unknown, issues: IssueDetail[], locale: Locale): Promise<Place | undefined> {
  if (!isObject(input) || typeof input.country !== 'string' || typeof input.city !== 'string')
    return undefined;
  const country = input.country.trim().toUpperCase();
  const city = input.city.trim().normalize('NFC');
  if (!ISO_3166_ALPHA2.has(country) || city === '' || city.length > LIMITS.city) return undefined;
  if (issues.some((issue) => issue.path === 'city')) return undefined;
  const resolved = await resolveCity(country, city, locale);
  if ('suggestions' in resolved) {
    const hint = resolved.suggestions.length > 0 ? ` Did you mean: ${resolved.suggestions.join(', ')}?` : '';
    issues.push({
      path: 'city',
      code: 'unknown_city',
      message: `No such place in this country.${hint}`,
      suggestions: resolved.suggestions,
    });
    return undefined;
  }
  return resolved;
}

async function validate<T>(
  schema: z.ZodType<T>,
  input: unknown,
  kind: Kind,
  locale: Locale,
  contact?: IssueDetail,
): Promise<{ data: T; place: Place | undefined }> {
  const parsed = schema.safeParse(input);
  const issues = parsed.success ? [] : issuesFromZod(parsed.error, input);
  if (contact && !issues.some((issue) => issue.path === contact.path)) issues.push(contact);
  // The schema checks the dates' order only once all else passed; the person should see it now.
  const order = parsed.success ? undefined : dateOrderIssue(kind, input);
  if (order && !issues.some((issue) => issue.path === order.path)) issues.push(order);
  const place = await placeOf(input, issues, locale);
  if (!parsed.success || issues.length > 0) {
    throw new ValidationError(`The ${kind} is not valid.`, { issues });
  }
  return { data: parsed.data, place };
}

/** The fields a submission sets: the record minus what the service owns (id, status, times, version). */
type Submitted<R extends IntakeRecord> = Omit<
  R,
  'id' | 'kind' | 'status' | 'createdAt' | 'updatedAt' | 'confirmedAt' | 'version' | 'availabilityConfirmedAt'
>;

function offerFields(input: OfferInput, place: Place, locale: Locale): Submitted<OfferRecord> {
  return {
    locale,
    name: input.name,
    email: input.email,
    phone: input.phone,
    languages: input.languages,
    country: place.country,
    city: place.name,
    lat: place.lat,
    lon: place.lon,
    cell: place.cell,
    availableFrom: input.availableFrom,
    availableTo: input.availableTo,
    beds: input.beds,
    petsAllowed: input.petsAllowed,
    childrenAllowed: input.childrenAllowed,
    stepFree: input.stepFree,
    multipleParties: input.multipleParties,
    hostHousehold: input.hostHousehold,
    notes: input.notes,
  };
}

function requestFields(
  input: RequestInput,
  place: Place | undefined,
  locale: Locale,
): Submitted<RequestRecord> {
  return {
    locale,
    name: input.name,
    email: input.email,
    phone: input.phone,
    languages: input.languages,
    country: input.country,
    city: place?.name,
    lat: place?.lat,
    lon: place?.lon,
    cell: place?.cell,
    maxDistanceKm: input.maxDistanceKm,
    arrival: input.arrival,
    departure: input.departure,
    adults: input.adults,
    children: input.children,
    pets: input.pets,
    needsStepFree: input.needsStepFree,
    safeHousehold: input.safeHousehold,
    notes: input.notes,
  };
}

/**
 * What a repeat's confirm link changes: what was sent, without the language when it named none of
 * ours, so the record keeps the language it has when the link is pressed (another repeat's link,
 * pressed first, may have changed it).
 */
function changesOf(fields: object, meta: SubmitMeta): Record<string, unknown> {
  const changes: Record<string, unknown> = { ...fields };
  if (meta.localeDefaulted) delete changes.locale;
  return changes;
}

/** The hourly cap on confirmation mail, for one submission however often it races (see SharedRateLimit). */
const confirmMailCapOf = (deps: Deps) =>
  sharedRateLimit(deps, confirmMailCap(deps.config.CONFIRM_MAILS_PER_HOUR), 'all');

/**
 * Stores a submission: a new pending record, or (same address, overlapping dates) changes to
 * the first such record that wait in the confirm link until the address confirms them. No
 * stored record changes before that, pending or confirmed: knowing someone's address is not
 * enough to rewrite their record, and each confirm link confirms what it was sent for. Every
 * path mails a confirm link and a private manage link and answers alike (see SubmitResult).
 */
async function store<R extends IntakeRecord>(
  deps: Deps,
  kind: R['kind'],
  submitted: Submitted<R>,
  duplicate: R | undefined,
  meta: SubmitMeta,
  registry: { readonly version: number | undefined; readonly liveIds: readonly string[] },
  cap: SharedRateLimit,
  block: AddressBlock | undefined,
): Promise<SubmitResult> {
  // A repeat that named no language of ours is mailed in the record's, not in the default.
  const fields = meta.localeDefaulted && duplicate ? { ...submitted, locale: duplicate.locale } : submitted;
  // Only mail to unconfirmed addresses counts, but a full cap turns every submission away:
  // were a known address still let through, the refusal would tell which addresses are known.
  const unconfirmed = duplicate === undefined || duplicate.status === 'pending';
  const capUse = unconfirmed ? await cap.use() : undefined;
  if (!unconfirmed) await cap.refuseWhenFull();
  const now = deps.now();
  const at = now.toISOString();
  const table = deps.config.TABLE_NAME;
  const id = duplicate?.id ?? randomUUID();
  const tokenFor = (purpose: 'confirm' | 'manage', changes?: Record<string, unknown>) =>
    issueToken(
      table,
      {
        purpose: `${purpose}-${kind}`,
        subjectKind: kind,
        subjectId: id,
        validForMs: purpose === 'confirm' ? CONFIRM_LINK_VALID_MS : MANAGE_LINK_VALID_MS,
        singleUse: purpose === 'confirm',
        ...(changes ? { changes } : {}),
      },
      now,
    );
  const held = duplicate !== undefined;
  // A stay already arranged takes no changes (links.ts confirms only live records), so its
  // repeat gets no confirm link, only the manage link that shows the stay.
  const placed = duplicate?.status === 'placed';
  const confirm = placed ? undefined : tokenFor('confirm', held ? changesOf(fields, meta) : undefined);
  // A Telegram chat's record is the chat's to manage until the address takes it over (links.ts confirm).
  const manage = duplicate?.telegramChatId === undefined ? tokenFor('manage') : undefined;
  const url = (path: string, raw: string) => `${deps.config.PUBLIC_URL}/${path}/${raw}?lang=${fields.locale}`;

  const record = {
    ...(duplicate
      ? resubmitted(duplicate, fields)
      : // From a blocked address: stored, confirmed and answered as any other, never matched.
        { id, kind, status: 'pending', createdAt: at, ...(block ? { blockedAt: at } : {}), ...fields }),
    updatedAt: at,
    version: duplicate ? duplicate.version + 1 : 0,
  };
  const next = (kind === 'offer' ? offerRecordSchema.parse(record) : requestRecordSchema.parse(record)) as R;
  const mail =
    confirm === undefined
      ? renderPlacedRepeatMail(
          // In the language the form was just sent in (the record's, when it named none of ours),
          // as any resend's mail is, to the address that sent it (a stay a chat arranged without
          // the address holds none).
          { ...(duplicate as RequestRecord), locale: fields.locale, email: fields.email },
          manage ? url('manage', manage.raw) : undefined,
        )
      : renderConfirmMail({
          record: held ? ({ ...next, status: duplicate.status } as IntakeRecord) : next,
          variant: held ? 'held' : 'new',
          confirmUrl: url('confirm', confirm.raw),
          ...(manage ? { manageUrl: url('manage', manage.raw) } : {}),
        });
  const change = {
    audit: {
      action: placed ? 'resubmitted-placed' : held ? 'resubmitted-held' : 'submitted',
      actor: meta.via,
      ...(held ? { from: duplicate.status, to: duplicate.status } : { to: 'pending' }),
    },
    mail,
    extra: [
      ...(confirm ? [confirm.put] : []),
      ...(manage ? [manage.put] : []),
      // Every submission from the address moves its registry on, so of two racing submissions
      // one fails here whichever path each took, and re-reads.
      addressRegistryPut(table, kind, fields.email, [...registry.liveIds, id], registry.version),
      // A block written or lifted since it was read fails this, and the next attempt reads it.
      blockAsReadCheck(deps.config, { identity: fields.email, block }, next, at),
    ],
    limits: [
      rateLimitUse(deps, SUBMIT_PER_IP, meta.sourceIp),
      rateLimitUse(deps, SUBMIT_PER_EMAIL, mailboxOf(fields.email)),
      ...(capUse ? [capUse] : []),
    ],
  } as const;
  if (held && duplicate.status === 'pending') {
    // The record's content and version stay as they are (each confirm link confirms what it was
    // sent for), but its deletion clock starts again: an unconfirmed record goes when its confirm
    // link expires, and the newest link must not die with the first (nor with the horizon an
    // edit through the manage link kept, eraseBy).
    const restarted = { ...duplicate, eraseBy: undefined, updatedAt: at };
    await (restarted.kind === 'offer'
      ? saveOffer(deps, restarted, duplicate.version, change)
      : saveRequest(deps, restarted as RequestRecord, duplicate.version, change));
  } else if (held) {
    // The record stays as it is; the confirm token holds the changes until the address confirms them.
    await (kind === 'offer' ? noteOfferChange(deps, id, change) : noteRequestChange(deps, id, change));
  } else if (next.kind === 'offer') {
    await saveOffer(deps, next, undefined, change);
  } else {
    await saveRequest(deps, next, undefined, change);
  }
  const outcome = placed ? 'placed' : held ? 'held' : 'created';
  deps.log.info('intake.submitted', { kind, id, via: meta.via, outcome });
  // A repeat is answered as a new record is, with a made-up id: the answer must not tell the
  // sender whether the address has a record, let alone a stay.
  return { id: held ? randomUUID() : id, status: 'pending' };
}

/** Attempts of one submission racing others from the same address; each loser re-reads. */
const STORE_ATTEMPTS = 12;

/**
 * Runs `attempt` (read the address's records, then store) until it is not overtaken by another
 * submission from the same address: a lost condition (Conflict) or a transaction that collided
 * (Unavailable) means the state read is stale, so the next attempt reads it again.
 */
async function storeRaced<T>(attempt: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (round >= STORE_ATTEMPTS || !(error instanceof Conflict || error instanceof Unavailable))
        throw error;
      // Jitter spreads the losers out, so most of them find the winner's write on the next read.
      await sleep(Math.random() * 15 * round);
    }
  }
}

/** The registry's version and the ids it keeps: the records a resubmission may still update. */
const registryOf = <R extends IntakeRecord>(read: AddressRecords<R>, live: (record: R) => boolean) => ({
  version: read.version,
  liveIds: read.records.filter(live).map((record) => record.id),
});

function trappedResult(deps: Deps, kind: Kind, meta: SubmitMeta): SubmitResult {
  deps.log.info('intake.honeypot', { kind, via: meta.via });
  return { id: randomUUID(), status: 'pending' };
}

/**
 * Validates a submission, cheapest checks first: the honeypot costs nothing, the limit per
 * source address a read, the gazetteer a search and the address's state reads (addressState). A valid
 * submission counts against its source address and its mailbox in its own transaction (store);
 * an invalid one reached the gazetteer too, so it counts against the source address at once.
 * Only valid ones count against the mailbox, so a person fixing a misspelt city is not locked out.
 */
async function admit<T extends { email: string }>(
  deps: Deps,
  schema: z.ZodType<T>,
  input: unknown,
  kind: Kind,
  meta: SubmitMeta,
): Promise<{ data: T; place: Place | undefined } | undefined> {
  const { trapped, rest } = honeypot(input);
  if (trapped) return undefined;
  await refuseWhenFull(deps, SUBMIT_PER_IP, meta.sourceIp);
  return validate(schema, rest, kind, meta.locale).catch(async (error: unknown) => {
    if (error instanceof ValidationError) await takeRateLimit(deps, SUBMIT_PER_IP, meta.sourceIp);
    throw error;
  });
}

/**
 * What a submission must know of its address before it stores anything, read at once rather
 * than one read after another (each waited its turn on a busy table: in a surge on a laptop a
 * few seconds each): the mailbox's window, refused when full before the hourly cap on
 * confirmation mail is touched (one mailbox cannot use it up); whether the address is blocked;
 * and its records of this kind (addressRecords).
 */
async function addressState<R extends IntakeRecord>(
  deps: Deps,
  kind: R['kind'],
  email: string,
): Promise<{ block: AddressBlock | undefined; read: AddressRecords<R>; records: R[] }> {
  const [, block, found] = await Promise.all([
    refuseWhenFull(deps, SUBMIT_PER_EMAIL, mailboxOf(email)),
    blockOf(deps, email),
    addressRecords<R>(deps, kind, email),
  ]);
  return { block, ...found };
}

/**
 * A form sent from the Telegram Mini App: Telegram vouched for the person (verified init data),
 * so the chat is the confirmed channel and the record opens at once, tied to the chat, with no
 * confirmation mail; the email is optional. The "received" notice with the private manage link
 * goes to the chat through the outbox. Such submissions are limited per chat as others are per
 * mailbox. The chat is the person's identity here, as the address is on the web: the same chat
 * sending the same request again (overlapping dates; for an offer, the same place too) updates
 * the first one at once, since Telegram vouches for the sender as a confirm link would. The
 * address typed into the form is another matter: what a send asks of it waits for the address
 * (storeFromTelegram).
 */
async function submitFromTelegram(
  deps: Deps,
  kind: Kind,
  input: unknown,
  meta: SubmitMeta & { readonly telegram: TelegramVisitor },
): Promise<SubmitResult> {
  const { trapped, rest } = honeypot(input);
  if (trapped) return trappedResult(deps, kind, meta);
  await takeRateLimit(deps, SUBMIT_PER_IP, meta.sourceIp);
  const today = earliestToday(deps.now());
  const contact = contactIssue(rest, meta.telegram.username);
  if (kind === 'offer') {
    const { data, place } = await validate(offerTelegramSchemaFor(today), rest, kind, meta.locale, contact);
    const fields = offerFields({ ...data, email: data.email ?? '' }, place as Place, meta.locale);
    return storeFromTelegram(deps, 'offer', fields, (mine) => duplicateOffer(mine, fields), liveOffer, meta);
  }
  const { data, place } = await validate(requestTelegramSchemaFor(today), rest, kind, meta.locale, contact);
  const fields = requestFields({ ...data, email: data.email ?? '' }, place, meta.locale);
  const { records: mine } = await recordsOfChat<RequestRecord>(deps, 'request', meta.telegram.chatId);
  const stay =
    duplicateRequest(mine, fields) === undefined
      ? ((await placedRepeat(deps, mine, fields)) ??
        (await placedRepeat(deps, await placedOfProvedAddresses(deps, meta, mine), fields)))
      : undefined;
  if (stay !== undefined) return placedRepeatFromChat(deps, stay, meta);
  return storeFromTelegram(
    deps,
    'request',
    fields,
    (mine) => duplicateRequest(mine, fields),
    liveRequest,
    meta,
  );
}

/**
 * The placed requests of the addresses a chat has proved (its records of either kind hold an
 * address only once its owner pressed the link mailed to it), made through the web form: the
 * same person's stays. An address only typed into this send proves nothing, and is not read
 * here: the chat's answer must not tell whether it has a stay. Another chat's record that holds
 * the address stays that chat's to manage, so it is left out: its manage link would hand this
 * chat a stranger's stay (a shared mailbox proves the address for both chats).
 */
async function placedOfProvedAddresses(
  deps: Deps,
  meta: SubmitMeta & { readonly telegram: TelegramVisitor },
  requests: readonly RequestRecord[],
): Promise<RequestRecord[]> {
  const addresses = await provedAddressesOf(deps, 'request', meta.telegram.chatId, requests);
  const found = await Promise.all(
    [...addresses.values()].map((email) => addressRecords<RequestRecord>(deps, 'request', email)),
  );
  return found.flatMap(({ records }) =>
    records.filter((record) => record.status === 'placed' && record.telegramChatId === undefined),
  );
}

/**
 * A chat's request sent again over the stay already arranged for it (or made on the web by an
 * address it proved): nothing is stored or matched, the chat is told so (with the manage link,
 * which shows the stay, only for a stay the chat made), and the record's trail says it was sent again. A request still live
 * for those dates is updated instead, as any resend is (storeFromTelegram).
 */
async function placedRepeatFromChat(
  deps: Deps,
  placed: RequestRecord,
  meta: SubmitMeta & { readonly telegram: TelegramVisitor },
): Promise<SubmitResult> {
  await takeRateLimit(deps, SUBMIT_PER_CHAT, chatAddress(meta.telegram.chatId));
  const now = deps.now();
  const told = { ...placed, locale: meta.locale, telegramChatId: meta.telegram.chatId };
  // Only a stay the chat made itself gets its manage link: one arranged through the web form for
  // an address the chat proved may be another family's who shares the mailbox, so the chat is
  // told with no link and nothing of it.
  if (placed.telegramChatId !== meta.telegram.chatId) {
    await noteRequestChange(deps, placed.id, {
      audit: { action: 'resubmitted-placed', actor: meta.via, from: placed.status, to: placed.status },
      mail: renderPlacedAddressNotice(told),
    });
  } else {
    const manage = issueManageToken(deps.config.TABLE_NAME, 'request', placed.id, now);
    await noteRequestChange(deps, placed.id, {
      audit: { action: 'resubmitted-placed', actor: meta.via, from: placed.status, to: placed.status },
      mail: renderPlacedRepeatNotice(
        told,
        `${deps.config.PUBLIC_URL}/manage/${manage.raw}?lang=${meta.locale}`,
      ),
      extra: [manage.put],
    });
  }
  deps.log.info('intake.submitted', { kind: 'request', id: placed.id, via: 'telegram', outcome: 'placed' });
  return { id: placed.id, status: 'pending', placed: true };
}

/**
 * What a Mini App send asks of an address it names: `merge` mails the address a link that
 * applies the chat's record (`from`) to the address's own record for those dates (`target`)
 * and erases the chat's; `address` mails it a link that lets the chat's record (`record`, as it
 * will be) give the address.
 */
type AddressHold<R extends IntakeRecord> =
  | { readonly kind: 'merge'; readonly target: R; readonly from: string }
  | { readonly kind: 'address'; readonly record: R };

/** What a hold writes beside the chat's record, in the same transaction (see storeFromTelegram). */
interface HoldWrites {
  readonly extra: readonly TransactItem[];
  readonly limits: readonly RateLimitUse[];
}

const NO_HOLD: HoldWrites = { extra: [], limits: [] };

/**
 * Stores a Mini App submission against the chat's records, read again whenever another
 * submission from the chat wrote first. The blocks are read for the chat and for the address
 * its record already gives (confirmed), never for the one typed: a typed address's block comes
 * with its confirmation (links.ts).
 *
 * Telegram vouches for the chat, not for an address typed into the form, and the chat's answer
 * must not tell whether that address has a record (PRODUCT "Privacy and safety"). So a chat's
 * record never takes on an address at once: it opens (or changes) and is matched as a record
 * without one, and the address is mailed a link. When the address has a live record for those
 * dates of its own, the link merges the chat's record into that one; else it lets the chat's
 * record give the address. Until someone presses it, one family sending through both channels
 * holds two live records. Either way the send costs the same reads and one transaction,
 * whatever the address holds; a mailbox whose window is full (or a full mail cap) only means
 * that no link goes out.
 */
async function storeFromTelegram<R extends IntakeRecord>(
  deps: Deps,
  kind: R['kind'],
  fields: Submitted<R>,
  duplicateIn: (records: R[]) => R | undefined,
  live: (record: R) => boolean,
  meta: SubmitMeta & { readonly telegram: TelegramVisitor },
): Promise<SubmitResult> {
  const chatId = meta.telegram.chatId;
  await takeRateLimit(deps, SUBMIT_PER_CHAT, chatAddress(chatId));
  const cap = confirmMailCapOf(deps);
  return storeRaced(async () => {
    const read = await recordsOfChat<R>(deps, kind, chatId);
    const duplicate = duplicateIn(read.records);
    const email = fields.email;
    const newAddress =
      email !== '' &&
      (duplicate === undefined || duplicate.email === '' || emailHash(duplicate.email) !== emailHash(email));
    const [found, room] = newAddress
      ? await Promise.all([addressRecords<R>(deps, kind, email), mailboxHasRoom(deps, email)])
      : [undefined, false];
    const theirs = found
      ? duplicateIn(found.records.filter((record) => record.telegramChatId !== chatId))
      : undefined;
    // The record keeps the address it gives (or none) until the new one is confirmed.
    const stored = newAddress ? { ...fields, email: '' } : fields;
    const id = duplicate?.id ?? randomUUID();
    const at = deps.now().toISOString();
    const opened = { id, kind, status: 'open', createdAt: at, updatedAt: at, version: 0 };
    const hold: AddressHold<R> | undefined = !newAddress
      ? undefined
      : theirs
        ? { kind: 'merge', target: theirs, from: id }
        : {
            kind: 'address',
            record: asRecord(
              kind,
              duplicate ? resubmitted(duplicate, fields) : { ...opened, ...definedOf(fields) },
            ),
          };
    // The address typed is not the record's until its owner confirms it (links.ts applies its
    // block then): read here, its block would show the chat whether it is blocked.
    const [own, proved] = await Promise.all([
      blocksOf(deps, { email: duplicate?.email ?? '', telegramChatId: chatId }),
      provedAddressBlocks(deps, kind, chatId, read.records, duplicate?.email ?? ''),
    ]);
    // Blocked already by its own chat or address, the record needs no other block standing.
    const blocks = firstBlock(own) === undefined ? [...own, ...proved] : own;
    const attempt = (writes: HoldWrites) =>
      storeOnce(deps, kind, stored, duplicate, id, meta, registryOf(read, live), blocks, writes, newAddress);
    const writes =
      hold && room ? await holdWrites(deps, kind, fields, hold, meta, cap).catch(noHoldWhenFull) : NO_HOLD;
    try {
      return await attempt(writes);
    } catch (error) {
      // The mailbox's window filled since it was read: the chat's record goes in without the link.
      if (!(error instanceof TooManyRequests) || writes === NO_HOLD) throw error;
      deps.log.info('intake.hold-not-mailed', { kind, hold: hold?.kind });
      return attempt(NO_HOLD);
    }
  });
}

/**
 * The blocks on the addresses a chat has proved (its records of either kind hold an address only
 * once its owner pressed the link mailed to it), but the one its record gives, read already: the
 * same person, so what the chat sends without the address is stored as blocked too. Only blocks
 * found are returned (each then checked to still stand), so the send's transaction carries no
 * check that these addresses are not blocked: a block on such an address comes with one on the
 * chat (shared/workspace/block.ts blockAddress, which reads the person again until no one new is
 * left to block, and the press that proves a blocked address), and the chat's own check fails a
 * send whose read came before it. A chat's record that took an address on is found through the
 * address's email index, eventually consistent in AWS: the block's last read may miss a press
 * made a moment before it.
 */
async function provedAddressBlocks(
  deps: Deps,
  kind: IntakeRecord['kind'],
  chatId: string,
  records: readonly IntakeRecord[],
  given: string,
): Promise<IdentityBlock[]> {
  const addresses = await provedAddressesOf(deps, kind, chatId, records);
  if (given.trim() !== '') addresses.delete(mailboxOf(given));
  const found = await Promise.all(
    [...addresses.values()].map(async (identity) => ({ identity, block: await blockOf(deps, identity) })),
  );
  return found.filter((one) => one.block !== undefined);
}

/**
 * The addresses a chat has proved, by mailbox: its records of either kind hold an address only
 * once its owner pressed the link mailed to it. `records` are the chat's records of `kind`, read
 * already; those of the other kind are read here.
 */
async function provedAddressesOf(
  deps: Deps,
  kind: IntakeRecord['kind'],
  chatId: string,
  records: readonly IntakeRecord[],
): Promise<Map<string, string>> {
  const other = await recordsOfChat<IntakeRecord>(deps, kind === 'offer' ? 'request' : 'offer', chatId);
  const addresses = new Map<string, string>();
  for (const record of [...records, ...other.records])
    if (record.email.trim() !== '') addresses.set(mailboxOf(record.email), record.email);
  return addresses;
}

/** A hold whose mail cap is full sends no link; the chat's record goes in as it would anyway. */
function noHoldWhenFull(error: unknown): HoldWrites {
  if (error instanceof TooManyRequests) return NO_HOLD;
  throw error;
}

/** Whether the mailbox's window has room for one more submission, counting nothing. */
const mailboxHasRoom = (deps: Deps, email: string) =>
  refuseWhenFull(deps, SUBMIT_PER_EMAIL, mailboxOf(email)).then(
    () => true,
    (error: unknown) => {
      if (error instanceof TooManyRequests) return false;
      throw error;
    },
  );

const definedOf = (fields: object) =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

const asRecord = <R extends IntakeRecord>(kind: R['kind'], value: unknown) =>
  (kind === 'offer' ? offerRecordSchema.parse(value) : requestRecordSchema.parse(value)) as R;

/**
 * The confirm link (and its mail, audited on the record it is for) that a hold sends the
 * address, counted against the mailbox's window as a web submission is, and against the hourly
 * cap when the address has confirmed nothing yet. The chat's record is not the address's to
 * manage before it confirms, so only a merge's mail carries a manage link (to the address's own).
 */
async function holdWrites<R extends IntakeRecord>(
  deps: Deps,
  kind: R['kind'],
  fields: Submitted<R>,
  hold: AddressHold<R>,
  meta: SubmitMeta,
  cap: SharedRateLimit,
): Promise<HoldWrites> {
  const now = deps.now();
  const table = deps.config.TABLE_NAME;
  const subject = hold.kind === 'merge' ? hold.target : hold.record;
  const url = (path: string, raw: string) => `${deps.config.PUBLIC_URL}/${path}/${raw}?lang=${fields.locale}`;
  const unconfirmed = hold.kind === 'address' || hold.target.status === 'pending';
  const capUse = unconfirmed ? await cap.use() : undefined;
  const confirm = issueToken(
    table,
    {
      purpose: `confirm-${kind}`,
      subjectKind: kind,
      subjectId: subject.id,
      validForMs: CONFIRM_LINK_VALID_MS,
      singleUse: true,
      // A merge applies the chat's record as it is when the address confirms, so the token
      // keeps none of the chat's data: erasing the chat's record erases all of it.
      ...(hold.kind === 'merge'
        ? { mergeFrom: hold.from }
        : { changes: { email: fields.email }, addressChange: true as const }),
    },
    now,
  );
  const manage = hold.kind === 'merge' ? issueManageToken(table, kind, subject.id, now) : undefined;
  const shown = hold.kind === 'merge' ? asRecord(kind, resubmitted(hold.target, fields)) : hold.record;
  const mail = renderConfirmMail({
    record: shown,
    variant: hold.kind === 'merge' ? 'held' : 'address',
    confirmUrl: url('confirm', confirm.raw),
    ...(manage ? { manageUrl: url('manage', manage.raw) } : {}),
  });
  const subjectPk = (kind === 'offer' ? offerKey(subject.id) : requestKey(subject.id)).pk;
  return {
    extra: [
      confirm.put,
      ...(manage ? [manage.put] : []),
      ...outboxPuts(table, mail, now),
      auditPut(
        table,
        {
          subjectPk,
          action: hold.kind === 'merge' ? 'resubmitted-held' : 'address-held',
          actor: meta.via,
          from: subject.status,
          to: subject.status,
        },
        now,
      ),
    ],
    limits: [rateLimitUse(deps, SUBMIT_PER_EMAIL, mailboxOf(fields.email)), ...(capUse ? [capUse] : [])],
  };
}

/**
 * Opens a record from the Mini App, or updates the chat's duplicate with what was sent, as a
 * confirmed resubmission by email does (`resubmitted`: a phone or an address left out stays, any
 * other field left empty is cleared). A pending proposal whose facts changed is cancelled, as a
 * confirmed resubmission does. From a blocked chat or confirmed address the
 * record is stored, opened and answered as any other, and never matched, as `store` does on the
 * web.
 * `writes` are a hold's (holdWrites), in the same transaction; `newAddress` tells the chat that a
 * link went to the address it gave (SubmitResult.addressToConfirm).
 */
async function storeOnce<R extends IntakeRecord>(
  deps: Deps,
  kind: R['kind'],
  fields: Submitted<R>,
  duplicate: R | undefined,
  id: string,
  meta: SubmitMeta & { readonly telegram: TelegramVisitor },
  registry: { readonly version: number | undefined; readonly liveIds: readonly string[] },
  blocks: readonly IdentityBlock[],
  writes: HoldWrites,
  newAddress: boolean,
): Promise<SubmitResult> {
  const now = deps.now();
  const at = now.toISOString();
  const table = deps.config.TABLE_NAME;
  const visitor = meta.telegram;
  const chat = {
    telegramChatId: visitor.chatId,
    ...(visitor.username ? { telegramUsername: visitor.username } : {}),
  };
  const sent = duplicate
    ? {
        ...resubmitted(duplicate, fields),
        ...chat,
        email: fields.email === '' ? duplicate.email : fields.email,
        updatedAt: at,
        version: duplicate.version + 1,
      }
    : {
        id,
        kind,
        status: 'open',
        createdAt: at,
        updatedAt: at,
        confirmedAt: at,
        version: 0,
        ...fields,
        ...chat,
      };
  const { record: asked, checks } = underBlocks(deps.config, sent, blocks, at);
  // Sent again from its chat, it is its owner's change: one still paused begins its pause horizon again.
  const parsed = restartingPause(
    (kind === 'offer'
      ? offerRecordSchema.parse({ ...asked, availabilityConfirmedAt: at })
      : requestRecordSchema.parse({ ...asked, availabilityConfirmedAt: at })) as R,
  );
  const actor = meta.via;
  const stale = duplicate
    ? await cancelStaleProposals(deps, duplicate, parsed, actor)
    : { record: parsed, items: [], remaining: NOTHING_REMAINING };
  const record = stale.record;
  const manage = issueManageToken(table, kind, id, now);
  const manageUrl = `${deps.config.PUBLIC_URL}/manage/${manage.raw}?lang=${record.locale}`;
  // A resend that begins a paused record's pause again lists pausedAt, as every write setting it does.
  const pauseSet = duplicate ? pausedAtSet(duplicate, record) : [];
  const change = {
    audit: duplicate
      ? {
          action: 'resubmitted-telegram',
          actor,
          from: duplicate.status,
          to: record.status,
          ...(pauseSet.length > 0 ? { fields: pauseSet } : {}),
        }
      : { action: 'submitted-telegram', actor, to: 'open' },
    mail: renderReceivedNotice(record, manageUrl, duplicate ? 'updated' : 'opened', newAddress),
    extra: [
      manage.put,
      addressRegistryPut(
        table,
        kind,
        chatAddress(visitor.chatId),
        [...registry.liveIds, id],
        registry.version,
      ),
      // An open record starts its "still available?" / "still looking?" schedule, as a confirmed one does.
      ...(duplicate ? [] : [availabilityCheckPut(table, id, now, kind)]),
      ...checks,
      ...stale.items,
      ...writes.extra,
    ],
    limits: writes.limits,
  } as const;
  await (record.kind === 'offer'
    ? saveOffer(deps, record, duplicate?.version, change)
    : saveRequest(deps, record as RequestRecord, duplicate?.version, change));
  await cancelRemaining(deps, stale.remaining);
  deps.log.info('intake.submitted', { kind, id, via: 'telegram', outcome: duplicate ? 'updated' : 'opened' });
  return { id, status: 'pending', ...(newAddress ? { addressToConfirm: true as const } : {}) };
}

/**
 * Validates and stores a host's offer (form or JSON): resolves the city to coordinates and a geo
 * cell, applies the rate limits, de-duplicates, and queues the confirmation mail. Throws
 * ValidationError (issues per field, `unknown_city` with suggestions) or TooManyRequests. A
 * filled honeypot gets a made-up id and stores nothing.
 */
export async function submitOffer(deps: Deps, input: unknown, meta: SubmitMeta): Promise<SubmitResult> {
  if (meta.telegram) return submitFromTelegram(deps, 'offer', input, { ...meta, telegram: meta.telegram });
  const admitted = await admit(deps, offerInputSchemaFor(earliestToday(deps.now())), input, 'offer', meta);
  if (admitted === undefined) return trappedResult(deps, 'offer', meta);
  const { data, place } = admitted;
  const fields = offerFields(data, place as Place, meta.locale);
  const cap = confirmMailCapOf(deps);
  return storeRaced(async () => {
    const { block, read, records } = await addressState<OfferRecord>(deps, 'offer', data.email);
    return store<OfferRecord>(
      deps,
      'offer',
      fields,
      duplicateOffer(records, fields),
      meta,
      registryOf(read, liveOffer),
      cap,
      block,
    );
  });
}

/**
 * Validates and stores a seeker's request (form or JSON), like submitOffer. The same address
 * with overlapping dates proposes changes to the first such request instead of adding another.
 */
export async function submitRequest(deps: Deps, input: unknown, meta: SubmitMeta): Promise<SubmitResult> {
  if (meta.telegram) return submitFromTelegram(deps, 'request', input, { ...meta, telegram: meta.telegram });
  const admitted = await admit(
    deps,
    requestInputSchemaFor(earliestToday(deps.now())),
    input,
    'request',
    meta,
  );
  if (admitted === undefined) return trappedResult(deps, 'request', meta);
  const { data, place } = admitted;
  const fields = requestFields(data, place, meta.locale);
  const cap = confirmMailCapOf(deps);
  return storeRaced(async () => {
    const { block, read, records } = await addressState<RequestRecord>(deps, 'request', data.email);
    return store<RequestRecord>(
      deps,
      'request',
      fields,
      duplicateRequest(records, fields) ??
        (await placedRepeat(deps, records, fields)) ??
        (await placedRepeat(deps, await placedOfProvingChats(deps, data.email, records), fields)),
      meta,
      registryOf(read, liveRequest),
      cap,
      block,
    );
  });
}
