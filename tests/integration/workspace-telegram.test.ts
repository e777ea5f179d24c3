import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../shared/data/audit.ts';
import { blockOf, blockPut, heldBlockOf } from '../../shared/data/blocks.ts';
import { createDocumentClient } from '../../shared/data/client.ts';
import { holderOf } from '../../shared/data/forgetting.ts';
import { unlessErased } from '../../shared/data/intake-records.ts';
import { emailHash } from '../../shared/data/items.ts';
import { coordinatorKey, requestKey } from '../../shared/data/keys.ts';
import { readLifecycleDueAt } from '../../shared/data/lifecycle.ts';
import { getOffer, saveOffer } from '../../shared/data/offers.ts';
import { getProposal, proposalIdsOfRequest } from '../../shared/data/proposals.ts';
import { getRequest } from '../../shared/data/requests.ts';
import { chatAddress, markChatUnreachable, readChatUnreachable } from '../../shared/data/telegram-lookups.ts';
import { Conflict } from '../../shared/domain/errors.ts';
import type { RequestRecord } from '../../shared/domain/records.ts';
import { lifecycleStep } from '../../shared/domain/retention.ts';
import { createApp } from '../../shared/http/app.ts';
import { translator } from '../../shared/i18n/index.ts';
import { actOnLink, submitOffer, submitRequest } from '../../shared/intake/service.ts';
import { createMatcher, createMatchingService } from '../../shared/matching/matcher.ts';
import { blockAddress, unblockAddress } from '../../shared/workspace/block.ts';
import { viewRecord } from '../../shared/workspace/records.ts';
import { daysFromNow } from '../support/dates.ts';
import { messageUpdate, postUpdate, startCommand } from '../support/fake-telegram.ts';
import { pendingMails } from '../support/outbox.ts';
import { failingAfterWrite } from '../support/race.ts';
import { keptRecord } from '../support/records.ts';
import { testClient } from '../support/table.ts';
import { useTelegramTable } from '../support/telegram-table.ts';
import { readItem } from './approval-support.ts';
import { linksIn, offerInput, requestInput } from './intake-support.ts';
import { makeOffer, makeRequest, putOne } from './matching-support.ts';
import { csrfIn, rowsOf, signedInVisitor, textOf, type Visitor } from './workspace-support.ts';

const bot = useTelegramTable();
let coordinator: Visitor;

beforeAll(async () => {
  const app = createApp(bot.table.deps());
  coordinator = await signedInVisitor(app, bot.table, 'tr-coordinator@haven.test');
});

const viaTelegram = (chatId: string, username?: string) =>
  ({
    locale: 'ru',
    sourceIp: '192.0.2.93',
    via: 'form',
    telegram: { chatId, ...(username ? { username } : {}) },
  }) as const;

const fromTelegram = (chatId: string, username?: string, overrides: Record<string, unknown> = {}) =>
  submitRequest(
    bot.table.deps(),
    requestInput({ email: undefined, name: `Олена ${chatId}`, ...overrides }),
    viaTelegram(chatId, username),
  );

const ISTANBUL = { country: 'TR', city: 'İstanbul', lat: 41.01, lon: 28.97 };
const requestPath = (id: string) => `/coordinator/requests/${id}`;

/** GETs a request's page and POSTs one of its actions with the page's csrf value. */
async function act(id: string, action: 'block' | 'unblock') {
  const page = await coordinator.get(requestPath(id));
  expect(page.status).toBe(200);
  return coordinator.post(`${requestPath(id)}/${action}`, { csrf: csrfIn(await page.text()) });
}

/** The link mailed to an address a chat typed, which lets the chat's record give it. */
const tieMailTo = async (email: string) =>
  (await pendingMails(bot.table)).find(
    (mail) => mail.to.includes(email) && mail.template === 'confirm-request-address',
  );

/** The latest mail of a template sent to an address. */
const mailTo = async (email: string, template: string) =>
  (await pendingMails(bot.table)).findLast((mail) => mail.to.includes(email) && mail.template === template);

/** A host in Istanbul who fits every request fromTelegram makes (within these dates). */
async function waitingHost(dates = { availableFrom: daysFromNow(1), availableTo: daysFromNow(90) }) {
  const host = makeOffer(`o-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, beds: 6, ...dates });
  await putOne(bot.table.db, bot.table.tableName, host);
  return host;
}

/** Runs the matcher on a request and the sweep: the proposals it then has. */
async function proposalsAfterMatching(id: string) {
  const matcher = createMatchingService(bot.table.deps());
  await matcher.matchRequestIds([id]);
  await matcher.sweep();
  return proposalIdsOfRequest(bot.table.deps(), id);
}

/**
 * Deps whose first transaction holding each marker (any, when it is empty) waits for that
 * marker's step: another actor's write that lands between a step's reads and its transaction.
 */
function beforeWrites(steps: Readonly<Record<string, () => Promise<void>>>) {
  const client: DynamoDBClient = testClient(bot.table);
  const pending = new Map(Object.entries(steps));
  const barrier: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    if (context.commandName === 'TransactWriteItemsCommand') {
      const input = JSON.stringify(args.input);
      const marker = [...pending.keys()].find((found) => input.includes(found));
      const step = marker === undefined ? undefined : pending.get(marker);
      if (marker !== undefined && step !== undefined) {
        pending.delete(marker);
        await step();
      }
    }
    return next(args);
  };
  client.middlewareStack.add(barrier, { step: 'initialize', name: 'beforeFirstWrite' });
  return {
    deps: bot.table.deps({ db: createDocumentClient(client) }),
    happened: () => pending.size === 0,
    destroy: () => client.destroy(),
  };
}

/** beforeWrites for one marker. */
const beforeFirstWrite = (marker: string, first: () => Promise<void>) => beforeWrites({ [marker]: first });

/** Deps whose next `calls` calls throw once the first transaction holding `marker` is in (failingAfterWrite). */
function failAfterWrite(marker: string, calls = Number.POSITIVE_INFINITY) {
  const fault = failingAfterWrite(bot.table, marker, calls);
  return { deps: bot.table.deps({ db: fault.db }), failed: fault.failed, destroy: fault.destroy };
}

/** The matcher's every-minute task, run `ms` from now: what a press left undone is done by then. */
const lifecycleTaskIn = (ms: number) =>
  createMatcher(bot.table.deps({ now: () => new Date(Date.now() + ms) }))({
    source: 'haven.schedule',
    task: 'lifecycle',
  });

/** What a stored request shows of a block: its mark, and whether it carries pool keys. */
async function blockState(id: string) {
  const [record, item] = await Promise.all([
    getRequest(bot.table.deps(), id),
    readItem(bot.table, requestKey(id)),
  ]);
  return {
    status: record?.status,
    // What erasure keeps of a record (records.ts ErasedRecord) carries no block mark.
    blocked: unlessErased(record)?.blockedAt !== undefined,
    pooled: item?.gsi1pk !== undefined,
  };
}

describe('a person who came through Telegram, in the coordinator workspace', () => {
  it('is found by their @username, in any case, and audited as a Telegram search', async () => {
    const { id } = await fromTelegram('7400000101', 'olena_ws101');
    const html = await (await coordinator.get('/coordinator/search?q=%40OLENA_WS101')).text();
    expect(html).toContain(`/coordinator/requests/${id}`);
    const none = await (await coordinator.get('/coordinator/search?q=%40olena_ws999')).text();
    expect(none).not.toContain('/coordinator/requests/');
    const audit = await auditTrail(
      bot.table.deps(),
      coordinatorKey(emailHash('tr-coordinator@haven.test')).pk,
      50,
    );
    const searches = audit.filter((event) => event.action === 'coordinator.searched');
    expect(searches.at(-1)?.fields).toEqual(['telegram']);
    expect(JSON.stringify(searches)).not.toMatch(/olena_ws/i);
  });

  it('shows their Telegram contact and chat where the email would be, and no empty address', async () => {
    const { id } = await fromTelegram('7400000102', 'olena_ws102');
    const html = await (await coordinator.get(`/coordinator/requests/${id}?lang=en`)).text();
    expect(html).toContain(
      '<a class="tap" href="https://t.me/olena_ws102" rel="noreferrer">@olena_ws102</a>',
    );
    expect(html).toContain('chat 7400000102');
    expect(html).not.toContain('href="mailto:"');
    const { id: anonymous } = await fromTelegram('7400000103');
    const plain = await (await coordinator.get(`/coordinator/requests/${anonymous}?lang=en`)).text();
    expect(textOf(plain)).toContain('no username: reachable only through the bot’s chat · chat 7400000103');
  });

  it('says on their page, first, that Haven’s messages no longer reach them in Telegram, until they write to the bot again', async () => {
    const { id } = await fromTelegram('7400000104', 'olena_ws104');
    const page = async (lang: string) =>
      textOf(await (await coordinator.get(`/coordinator/requests/${id}?lang=${lang}`)).text());
    expect(await page('en')).not.toContain(translator('en')('coordinator.chatRefused.title'));
    await markChatUnreachable(bot.table.deps(), '7400000104', false);
    for (const lang of ['en', 'ru', 'uk', 'tr'] as const) {
      const t = translator(lang);
      const text = await page(lang);
      expect(text).toContain(t('coordinator.chatRefused.title'));
      expect(text).toContain(t('coordinator.chatRefused.notMailed'));
    }
    await markChatUnreachable(bot.table.deps(), '7400000104', true);
    expect(await page('ru')).toContain(translator('ru')('coordinator.chatRefused.mailed'));
    // They unblock the bot and press Start: the chat takes notices again.
    const app = createApp(bot.table.deps());
    expect(
      (await postUpdate(app, messageUpdate({ id: 7400000104, language_code: 'ru' }, startCommand))).status,
    ).toBe(200);
    expect(await readChatUnreachable(bot.table.deps(), '7400000104')).toBeUndefined();
    expect(await page('ru')).not.toContain(translator('ru')('coordinator.chatRefused.title'));
  });
});

describe('a host nobody could reach, from the bot', () => {
  /** The record links of Türkiye's "no way to reach them" rows. */
  async function unreachableLinks() {
    const page = await (await coordinator.get('/coordinator?country=TR')).text();
    const section = /<section class="queue" aria-labelledby="queue-unreachable"[\s\S]*?<\/section>/.exec(
      page,
    )?.[0];
    return rowsOf(section ?? '').map((row) => /href="([^"?]+)/.exec(row.html)?.[1]);
  }
  /** An offer sent through the bot with a phone number only, which is then taken off it. */
  async function hostLosingThePhone(chat: string) {
    const deps = bot.table.deps();
    const { id } = await submitOffer(deps, offerInput({ email: undefined }), viaTelegram(chat));
    const stored = keptRecord(await getOffer(deps, id));
    await saveOffer(deps, { ...stored, phone: undefined, version: stored.version + 1 }, stored.version, {
      audit: { action: 'updated', actor: 'link:manage', fields: ['phone'] },
    });
    return id;
  }

  it('leaves "no way to reach them" when a coordinator blocks the chat, and when one rejects the host', async () => {
    const blocked = await hostLosingThePhone('7400000231');
    const rejected = await hostLosingThePhone('7400000232');
    const listed = await unreachableLinks();
    expect(listed).toContain(`/coordinator/offers/${blocked}`);
    expect(listed).toContain(`/coordinator/offers/${rejected}`);

    const press = async (id: string, action: string, fields: Record<string, string> = {}) => {
      const page = await (await coordinator.get(`/coordinator/offers/${id}`)).text();
      const done = await coordinator.post(`/coordinator/offers/${id}/${action}`, {
        csrf: csrfIn(page),
        ...fields,
      });
      expect(done.status).toBe(303);
    };
    await press(blocked, 'block');
    await press(rejected, 'verify', { outcome: 'rejected', reason: 'Nobody lives at this address' });
    expect((await getOffer(bot.table.deps(), blocked))?.status).toBe('closed');
    const after = await unreachableLinks();
    expect(after).not.toContain(`/coordinator/offers/${blocked}`);
    expect(after).not.toContain(`/coordinator/offers/${rejected}`);
  });
});

describe('a block, for a person who came through Telegram', () => {
  it('offers to block their chat, not an address, when they gave none: the panel, its hint, its button and the block’s line, in four languages', async () => {
    const { id } = await fromTelegram('7400000104');
    const pageIn = async (lang: string) =>
      textOf(await (await coordinator.get(`${requestPath(id)}?lang=${lang}`)).text());
    const english = await pageIn('en');
    expect(english).toContain('This Telegram chat');
    expect(english).toContain('Blocking closes every record from this chat');
    expect(english).toContain('Block this chat');
    expect(english).not.toContain('address');
    for (const lang of ['en', 'ru', 'uk', 'tr'] as const) {
      const t = translator(lang);
      const text = await pageIn(lang);
      for (const key of [
        'coordinator.block.chatTitle',
        'coordinator.block.chatHint',
        'coordinator.block.chatBlock',
      ] as const)
        expect(text).toContain(t(key));
      for (const key of [
        'coordinator.block.title',
        'coordinator.block.hint',
        'coordinator.block.block',
      ] as const)
        expect(text).not.toContain(t(key));
    }
    expect((await act(id, 'block')).status).toBe(303);
    const blocked = await pageIn('uk');
    expect(blocked).toMatch(/Заблоковано: tr-coordinator@haven\.test, .+\. Усе, що з нього надходить/);
    expect(blocked).toContain('Зняти блокування');
    // A person who gave an address is blocked by it, as before.
    const web = makeRequest(`r-${randomUUID().slice(0, 8)}`, ISTANBUL);
    await putOne(bot.table.db, bot.table.tableName, web);
    const theirs = textOf(await (await coordinator.get(`${requestPath(web.id)}?lang=en`)).text());
    expect(theirs).toContain('Block this address');
    expect(theirs).not.toContain('Block this chat');
  });
  it('waits in the Mini App for the address: a chat that types a blocked one is matched as any other, and blocked with its proposal cancelled once the address confirms it', async () => {
    const deps = bot.table.deps();
    const email = `tg-blocked-${randomUUID().slice(0, 6)}@example.org`;
    const web = makeRequest(`r-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, email });
    await putOne(bot.table.db, bot.table.tableName, web);
    expect((await act(web.id, 'block')).status).toBe(303);
    await waitingHost();
    await waitingHost();

    const free = `tg-free-${randomUUID().slice(0, 6)}@example.org`;
    const typed = email.replace('@', '+mini@');
    const usual = await fromTelegram('7400000201', undefined, { email: free });
    const silent = await fromTelegram('7400000202', undefined, { email: typed });
    expect(Object.keys(silent).sort()).toEqual(Object.keys(usual).sort());
    expect(silent.status).toBe(usual.status);
    // Nothing a chat can see tells the blocked address from another: both are proposed at once.
    expect(await blockState(silent.id)).toEqual({ status: 'open', blocked: false, pooled: true });
    await createMatchingService(deps).matchRequestIds([usual.id, silent.id]);
    expect((await getRequest(deps, usual.id))?.status).toBe('proposed');
    expect((await getRequest(deps, silent.id))?.status).toBe('proposed');
    const proposed = await proposalIdsOfRequest(deps, silent.id);
    expect(proposed).toHaveLength(1);

    const tie = await tieMailTo(typed);
    const voids = async (reason: string) =>
      (await pendingMails(bot.table)).filter((mail) => mail.template === `proposal-request-${reason}`).length;
    const [blocked, changed] = [await voids('blocked'), await voids('changed')];
    await actOnLink(deps, linksIn(String(tie?.text)).confirm, 'confirm');
    expect(await blockState(silent.id)).toEqual({ status: 'open', blocked: true, pooled: false });
    // The coordinators are told as a block tells them, not that the seeker changed the request.
    expect(await voids('blocked')).toBeGreaterThan(blocked);
    expect(await voids('changed')).toBe(changed);
    expect(keptRecord(await getRequest(deps, silent.id)).email).toBe(typed);
    expect((await getProposal(deps, String(proposed[0])))?.status).toBe('cancelled');
    expect(await proposalsAfterMatching(silent.id)).toEqual(proposed);
    expect((await getRequest(deps, usual.id))?.status).toBe('proposed');

    // Blocking a Telegram person blocks their chat and closes their record. The address they
    // typed was never confirmed, so it is not theirs to block: its owner may be someone else.
    expect((await act(usual.id, 'block')).status).toBe(303);
    expect(await blockOf(bot.table.deps(), free)).toBeUndefined();
    expect(await blockOf(bot.table.deps(), chatAddress('7400000201'))).toBeDefined();
    expect((await getRequest(bot.table.deps(), usual.id))?.status).toBe('withdrawn');
  });

  it('blocks a chat’s record whose address a coordinator blocks while its owner presses the link, which is pressed again', async () => {
    const email = `tg-racing-${randomUUID().slice(0, 6)}@example.org`;
    const sent = await fromTelegram('7400000203', undefined, { email });
    expect(await blockState(sent.id)).toEqual({ status: 'open', blocked: false, pooled: true });
    const tie = await tieMailTo(email);
    // The block is written just before the press's transaction goes out, after its reads.
    const raced = beforeFirstWrite('resubmission-confirmed', async () => {
      const block = { by: 'tr-coordinator@haven.test', at: new Date().toISOString() };
      await bot.table.db.send(
        new PutCommand(blockPut(bot.table.deps().config, email, block, [], block.at).Put),
      );
    });

    await actOnLink(raced.deps, linksIn(String(tie?.text)).confirm, 'confirm');
    expect(raced.happened()).toBe(true);
    expect(await blockState(sent.id)).toEqual({ status: 'open', blocked: true, pooled: false });
    expect(keptRecord(await getRequest(bot.table.deps(), sent.id)).email).toBe(email);
    raced.destroy();
  });

  it('reaches the chat that proved a blocked address: what it sends later without the address is never matched, until the address is unblocked', async () => {
    const deps = bot.table.deps();
    const chat = '7400000221';
    const email = `tg-proved-${randomUUID().slice(0, 6)}@example.org`;
    const tied = await fromTelegram(chat, undefined, {
      email,
      arrival: daysFromNow(5),
      departure: daysFromNow(10),
    });
    const tie = await tieMailTo(email);
    await actOnLink(deps, linksIn(String(tie?.text)).confirm, 'confirm');
    expect(keptRecord(await getRequest(deps, tied.id)).email).toBe(email);
    // The block is set from the address's own web record, which knows nothing of the chat.
    const web = makeRequest(`r-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, email });
    await putOne(bot.table.db, bot.table.tableName, web);
    expect((await act(web.id, 'block')).status).toBe(303);

    expect(await blockOf(deps, chatAddress(chat))).toMatchObject({ by: 'tr-coordinator@haven.test' });
    expect((await getRequest(deps, tied.id))?.status).toBe('withdrawn');
    // A host only this request fits: no other test's request comes so late.
    await waitingHost({ availableFrom: daysFromNow(100), availableTo: daysFromNow(120) });
    const around = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(105),
      departure: daysFromNow(115),
    });
    expect(await blockState(around.id)).toEqual({ status: 'open', blocked: true, pooled: false });
    expect(await proposalsAfterMatching(around.id)).toEqual([]);

    expect((await act(web.id, 'unblock')).status).toBe(303);
    expect(await blockOf(deps, chatAddress(chat))).toBeUndefined();
    expect(await blockState(around.id)).toEqual({ status: 'open', blocked: false, pooled: true });
    expect(await proposalsAfterMatching(around.id)).toHaveLength(1);
  });

  it('keeps a chat that confirmed a blocked address from sending around it: what it sends next without the address is not matched', async () => {
    const deps = bot.table.deps();
    const chat = '7400000222';
    const email = `tg-typed-${randomUUID().slice(0, 6)}@example.org`;
    const web = makeRequest(`r-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, email });
    await putOne(bot.table.db, bot.table.tableName, web);
    expect((await act(web.id, 'block')).status).toBe(303);
    const typed = await fromTelegram(chat, undefined, {
      email,
      arrival: daysFromNow(5),
      departure: daysFromNow(10),
    });
    const tie = await tieMailTo(email);
    await actOnLink(deps, linksIn(String(tie?.text)).confirm, 'confirm');
    expect(await blockState(typed.id)).toEqual({ status: 'open', blocked: true, pooled: false });

    // A host only this request fits: no other test's request comes so late.
    await waitingHost({ availableFrom: daysFromNow(130), availableTo: daysFromNow(150) });
    const next = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(135),
      departure: daysFromNow(145),
    });
    expect(await blockState(next.id)).toEqual({ status: 'open', blocked: true, pooled: false });
    expect(await proposalsAfterMatching(next.id)).toEqual([]);
    // Nor as a host: the chat's offer is stored blocked too.
    const offer = await submitOffer(deps, offerInput({ email: undefined }), viaTelegram(chat));
    expect(keptRecord(await getOffer(deps, offer.id)).blockedAt).toBeDefined();
  });

  it('closes what a chat sent before it confirmed a blocked address, as blocking the chat would, and says why in its history', async () => {
    const deps = bot.table.deps();
    const chat = '7400000228';
    const email = `tg-before-${randomUUID().slice(0, 6)}@example.org`;
    const blocked = makeRequest(`r-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, email });
    await putOne(bot.table.db, bot.table.tableName, blocked);
    expect((await act(blocked.id, 'block')).status).toBe(303);
    const earlier = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(40),
      departure: daysFromNow(50),
    });
    const offer = await submitOffer(deps, offerInput({ email: undefined }), viaTelegram(chat));
    const typed = await fromTelegram(chat, undefined, {
      email,
      arrival: daysFromNow(5),
      departure: daysFromNow(10),
    });
    expect(await blockState(earlier.id)).toEqual({ status: 'open', blocked: false, pooled: true });

    await actOnLink(deps, linksIn(String((await tieMailTo(email))?.text)).confirm, 'confirm');

    expect(await blockState(typed.id)).toEqual({ status: 'open', blocked: true, pooled: false });
    expect(await blockState(earlier.id)).toEqual({ status: 'withdrawn', blocked: false, pooled: false });
    expect((await getOffer(deps, offer.id))?.status).toBe('closed');
    const trail = await auditTrail(deps, requestKey(earlier.id).pk, 10);
    expect(trail.find((event) => event.action === 'blocked-with-address')).toMatchObject({
      actor: 'link:confirm-request',
      from: 'open',
      to: 'withdrawn',
    });
  });

  it('leaves open what a chat already blocked sent since its block when it confirms a blocked address, so lifting the chat’s block pools it', async () => {
    const deps = bot.table.deps();
    const chat = '7400000232';
    const email = `tg-already-${randomUUID().slice(0, 6)}@example.org`;
    const bare = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(60),
      departure: daysFromNow(70),
    });
    expect((await act(bare.id, 'block')).status).toBe(303);
    const blocked = makeRequest(`r-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, email });
    await putOne(bot.table.db, bot.table.tableName, blocked);
    expect((await act(blocked.id, 'block')).status).toBe(303);
    const since = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(80),
      departure: daysFromNow(85),
    });
    await fromTelegram(chat, undefined, { email, arrival: daysFromNow(5), departure: daysFromNow(10) });

    await actOnLink(deps, linksIn(String((await tieMailTo(email))?.text)).confirm, 'confirm');

    expect(await blockState(since.id)).toEqual({ status: 'open', blocked: true, pooled: false });
    expect((await act(bare.id, 'unblock')).status).toBe(303);
    expect(await blockState(since.id)).toEqual({ status: 'open', blocked: false, pooled: true });
  });

  it('holds a chat whose request a blocked address merged into its own: what it sends next is not matched, and unblocking the address lifts the chat', async () => {
    const deps = bot.table.deps();
    const chat = '7400000226';
    const email = `tg-merged-${randomUUID().slice(0, 6)}@example.org`;
    const blocked = makeRequest(`r-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, email });
    await putOne(bot.table.db, bot.table.tableName, blocked);
    expect((await act(blocked.id, 'block')).status).toBe(303);
    const dates = { arrival: daysFromNow(5), departure: daysFromNow(10) };
    const own = await submitRequest(deps, requestInput({ email, ...dates }), {
      locale: 'en',
      sourceIp: '192.0.2.95',
      via: 'form',
    });
    await actOnLink(deps, linksIn(String((await mailTo(email, 'confirm-request'))?.text)).confirm, 'confirm');
    expect(await blockState(own.id)).toEqual({ status: 'open', blocked: true, pooled: false });
    const earlier = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(40),
      departure: daysFromNow(50),
    });
    const merged = await fromTelegram(chat, 'olena_merged', { email, ...dates, notes: 'kendi notları' });

    await actOnLink(
      deps,
      linksIn(String((await mailTo(email, 'confirm-request-held'))?.text)).confirm,
      'confirm',
    );

    expect(await blockOf(deps, chatAddress(chat))).toMatchObject({ by: 'tr-coordinator@haven.test' });
    // The merged record is kept as the proof with the chat and the address only, and erased as
    // any closed record is, RETENTION_DAYS after it closed.
    const proof = await readItem(bot.table, requestKey(merged.id));
    expect(proof).toMatchObject({ status: 'withdrawn', email, telegramChatId: chat, name: '' });
    expect([proof?.phone, proof?.notes, proof?.telegramUsername]).toEqual([undefined, undefined, undefined]);
    const erasedAt = await readLifecycleDueAt(deps, 'request', merged.id);
    expect(Date.parse(String(erasedAt))).toBe(
      Date.parse(String(proof?.updatedAt)) + bot.table.config.RETENTION_DAYS * 86_400_000,
    );
    // Said once why the chat is blocked (the press), once that its record went into the address's.
    const said = (await auditTrail(deps, requestKey(merged.id).pk, 20)).map((event) => event.action);
    expect(said.filter((action) => action === 'blocked-with-address')).toHaveLength(1);
    expect(said.filter((action) => action === 'merged')).toHaveLength(1);
    const kept = await getRequest(deps, merged.id);
    expect(
      kept && lifecycleStep(kept, new Date(String(erasedAt)), bot.table.config.RETENTION_DAYS).kind,
    ).toBe('erase');
    expect(await blockState(earlier.id)).toEqual({ status: 'withdrawn', blocked: false, pooled: false });
    const next = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(160),
      departure: daysFromNow(170),
    });
    expect(await blockState(next.id)).toEqual({ status: 'open', blocked: true, pooled: false });
    // Unblocking the address finds the chat through the merged record, kept closed with both.
    expect((await act(own.id, 'unblock')).status).toBe(303);
    expect(await blockOf(deps, chatAddress(chat))).toBeUndefined();
    expect(await blockState(next.id)).toEqual({ status: 'open', blocked: false, pooled: true });
  });

  it('keeps the merged record as proof and closes what the chat sent before, by the sweep, when the press dies after its transaction', async () => {
    const deps = bot.table.deps();
    const chat = '7400000235';
    const email = `tg-crash-${randomUUID().slice(0, 6)}@example.org`;
    const blocked = makeRequest(`r-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, email });
    await putOne(bot.table.db, bot.table.tableName, blocked);
    expect((await act(blocked.id, 'block')).status).toBe(303);
    const dates = { arrival: daysFromNow(5), departure: daysFromNow(10) };
    const own = await submitRequest(deps, requestInput({ email, ...dates }), {
      locale: 'en',
      sourceIp: '192.0.2.97',
      via: 'form',
    });
    await actOnLink(deps, linksIn(String((await mailTo(email, 'confirm-request'))?.text)).confirm, 'confirm');
    const earlier = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(40),
      departure: daysFromNow(50),
    });
    const merged = await fromTelegram(chat, 'olena_crashed', { email, ...dates });
    const press = failAfterWrite('blocked-with-address');

    // The press is in: a step that fails after it is left to the sweep, and the press answers.
    const pressed = await actOnLink(
      press.deps,
      linksIn(String((await mailTo(email, 'confirm-request-held'))?.text)).confirm,
      'confirm',
    );
    expect(pressed.done).toBe('confirmed');

    expect(press.failed()).toBe(true);
    press.destroy();
    // The transaction is in: the chat is blocked, what it sends from now on is stored blocked.
    expect(await blockOf(deps, chatAddress(chat))).toMatchObject({ by: 'tr-coordinator@haven.test' });
    expect(await blockState(earlier.id)).toEqual({ status: 'open', blocked: false, pooled: true });
    const since = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(160),
      departure: daysFromNow(170),
    });

    await lifecycleTaskIn(2 * 60_000);

    expect(await blockState(earlier.id)).toEqual({ status: 'withdrawn', blocked: false, pooled: false });
    expect(await readItem(bot.table, requestKey(merged.id))).toMatchObject({
      status: 'withdrawn',
      email,
      telegramChatId: chat,
      name: '',
    });
    expect(await blockState(since.id)).toEqual({ status: 'open', blocked: true, pooled: false });
    // Done once: a second sweep finds nothing left to do and says nothing more.
    await lifecycleTaskIn(3 * 60_000);
    const said = (await auditTrail(deps, requestKey(earlier.id).pk, 20)).map((event) => event.action);
    expect(said.filter((action) => action === 'blocked-with-address')).toHaveLength(1);
    // Unblocking the address finds the chat through the kept record.
    expect((await act(own.id, 'unblock')).status).toBe(303);
    expect(await blockOf(deps, chatAddress(chat))).toBeUndefined();
    expect(await blockState(since.id)).toEqual({ status: 'open', blocked: false, pooled: true });
  });

  /**
   * A chat blocked by the chat alone; its address's confirmed web request sent before; then the
   * chat types that address, whose owner has yet to press the tie link.
   */
  async function blockedChatTypesAddressOf(chat: string, label: string, sourceIp: string) {
    const deps = bot.table.deps();
    const email = `${label}-${randomUUID().slice(0, 6)}@example.org`;
    const bare = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(60),
      departure: daysFromNow(70),
    });
    expect((await act(bare.id, 'block')).status).toBe(303);
    const web = { locale: 'en', sourceIp, via: 'form' } as const;
    const earlier = await submitRequest(
      deps,
      requestInput({ email, arrival: daysFromNow(40), departure: daysFromNow(50) }),
      web,
    );
    await actOnLink(deps, linksIn(String((await mailTo(email, 'confirm-request'))?.text)).confirm, 'confirm');
    const typed = await fromTelegram(chat, undefined, {
      email,
      arrival: daysFromNow(5),
      departure: daysFromNow(10),
    });
    return { deps, chat, email, earlier, typed };
  }

  it('closes what an address sent before a blocked chat’s tie press blocked it, by the sweep, when a step throws', async () => {
    const { deps, chat, email, earlier, typed } = await blockedChatTypesAddressOf(
      '7400000236',
      'tg-throw',
      '192.0.2.98',
    );
    const press = failAfterWrite('blocked-with-chat', 1);

    // The press is in: a step that fails after it is left to the sweep, and the press answers.
    expect(
      (await actOnLink(press.deps, linksIn(String((await tieMailTo(email))?.text)).confirm, 'confirm')).done,
    ).toBe('confirmed');

    press.destroy();
    expect(await blockOf(deps, email)).toEqual(await blockOf(deps, chatAddress(chat)));
    expect(await blockState(typed.id)).toEqual({ status: 'open', blocked: true, pooled: false });
    expect(await blockState(earlier.id)).toEqual({ status: 'open', blocked: false, pooled: true });

    await lifecycleTaskIn(2 * 60_000);

    expect(await blockState(earlier.id)).toEqual({ status: 'withdrawn', blocked: false, pooled: false });
    expect(await blockState(typed.id)).toEqual({ status: 'open', blocked: true, pooled: false });
  });

  it('closes a never-confirmed record of the address a blocked chat’s tie press blocks with its confirm link’s horizon, not RETENTION_DAYS', async () => {
    const deps = bot.table.deps();
    const chat = '7400000241';
    // A source address of its own: the file's Telegram sends share one, counted per hour.
    const sendFromChat = (overrides: Record<string, unknown>) =>
      submitRequest(deps, requestInput({ email: undefined, ...overrides }), {
        ...viaTelegram(chat),
        sourceIp: '192.0.2.101',
      });
    const bare = await sendFromChat({ arrival: daysFromNow(60), departure: daysFromNow(70) });
    expect((await act(bare.id, 'block')).status).toBe(303);
    const email = `tg-pending-${randomUUID().slice(0, 6)}@example.org`;
    const web = { locale: 'en', sourceIp: '192.0.2.101', via: 'form' } as const;
    const pending = await submitRequest(
      deps,
      requestInput({ email, arrival: daysFromNow(40), departure: daysFromNow(50) }),
      web,
    );
    const sent = (await getRequest(deps, pending.id))?.updatedAt as string;
    await sendFromChat({ email, arrival: daysFromNow(5), departure: daysFromNow(10) });

    await actOnLink(deps, linksIn(String((await tieMailTo(email))?.text)).confirm, 'confirm');

    const horizon = new Date(Date.parse(sent) + 7 * 86_400_000).toISOString();
    expect(await getRequest(deps, pending.id)).toMatchObject({ status: 'withdrawn', eraseBy: horizon });
    expect(await readLifecycleDueAt(deps, 'request', pending.id)).toBe(horizon);
    const trail = await auditTrail(deps, requestKey(pending.id).pk, 10);
    expect(trail.find((event) => event.action === 'blocked-with-chat')).toMatchObject({
      from: 'pending',
      to: 'withdrawn',
    });
  });

  it('closes nothing by the sweep once the person its press blocked was unblocked: what they sent before stays pooled', async () => {
    const { email, earlier, typed } = await blockedChatTypesAddressOf(
      '7400000238',
      'tg-lifted',
      '192.0.2.97',
    );
    const press = failAfterWrite('blocked-with-chat', 1);
    // The press is in: a step that fails after it is left to the sweep, and the press answers.
    expect(
      (await actOnLink(press.deps, linksIn(String((await tieMailTo(email))?.text)).confirm, 'confirm')).done,
    ).toBe('confirmed');
    press.destroy();

    expect((await act(typed.id, 'unblock')).status).toBe(303);
    await lifecycleTaskIn(2 * 60_000);

    expect(await blockState(earlier.id)).toEqual({ status: 'open', blocked: false, pooled: true });
  });

  it('closes nothing in a lifted block’s name when the unblock commits while the press’s steps are closing', async () => {
    const { deps, email, earlier, typed } = await blockedChatTypesAddressOf(
      '7400000240',
      'tg-midstep',
      '192.0.2.95',
    );
    // The steps read the copied block standing; the unblock commits before they close the
    // earlier request (the first transaction naming it).
    const raced = beforeFirstWrite(earlier.id, async () => {
      expect((await act(typed.id, 'unblock')).status).toBe(303);
    });

    await actOnLink(raced.deps, linksIn(String((await tieMailTo(email))?.text)).confirm, 'confirm');

    expect(raced.happened()).toBe(true);
    raced.destroy();
    expect(await blockOf(deps, email)).toBeUndefined();
    expect(await blockState(earlier.id)).toEqual({ status: 'open', blocked: false, pooled: true });
  });

  it('blocks the address a blocked chat proves by a merge: the merged record and what the address sends next are not matched, until the chat is unblocked', async () => {
    const deps = bot.table.deps();
    const chat = '7400000233';
    const email = `tg-mirror-${randomUUID().slice(0, 6)}@example.org`;
    const bare = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(60),
      departure: daysFromNow(70),
    });
    expect((await act(bare.id, 'block')).status).toBe(303);
    const dates = { arrival: daysFromNow(5), departure: daysFromNow(10) };
    const web = { locale: 'en', sourceIp: '192.0.2.96', via: 'form' } as const;
    const own = await submitRequest(deps, requestInput({ email, ...dates }), web);
    await actOnLink(deps, linksIn(String((await mailTo(email, 'confirm-request'))?.text)).confirm, 'confirm');
    const earlier = await submitRequest(
      deps,
      requestInput({ email, arrival: daysFromNow(40), departure: daysFromNow(50) }),
      web,
    );
    await actOnLink(deps, linksIn(String((await mailTo(email, 'confirm-request'))?.text)).confirm, 'confirm');
    await fromTelegram(chat, undefined, { email, ...dates });

    await actOnLink(
      deps,
      linksIn(String((await mailTo(email, 'confirm-request-held'))?.text)).confirm,
      'confirm',
    );

    expect(await blockOf(deps, email)).toEqual(await blockOf(deps, chatAddress(chat)));
    expect(await blockState(own.id)).toEqual({ status: 'open', blocked: true, pooled: false });
    expect(await blockState(earlier.id)).toEqual({ status: 'withdrawn', blocked: false, pooled: false });
    const trail = await auditTrail(deps, requestKey(own.id).pk, 10);
    expect(trail.find((event) => event.action === 'blocked-with-chat')).toMatchObject({
      actor: 'link:confirm-request',
    });
    const next = await submitRequest(
      deps,
      requestInput({ email, arrival: daysFromNow(120), departure: daysFromNow(130) }),
      web,
    );
    await actOnLink(deps, linksIn(String((await mailTo(email, 'confirm-request'))?.text)).confirm, 'confirm');
    expect(await blockState(next.id)).toEqual({ status: 'open', blocked: true, pooled: false });
    // Unblocking the chat finds the address through the merged record, kept closed with both.
    expect((await act(bare.id, 'unblock')).status).toBe(303);
    expect(await blockOf(deps, email)).toBeUndefined();
    expect(await blockState(next.id)).toEqual({ status: 'open', blocked: false, pooled: true });
  });

  it('does not block an address by a chat block lifted while the address’s owner presses the link, which is pressed again', async () => {
    const deps = bot.table.deps();
    const chat = '7400000234';
    const email = `tg-mirror-lifted-${randomUUID().slice(0, 6)}@example.org`;
    const bare = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(60),
      departure: daysFromNow(70),
    });
    expect((await act(bare.id, 'block')).status).toBe(303);
    const typed = await fromTelegram(chat, undefined, {
      email,
      arrival: daysFromNow(5),
      departure: daysFromNow(10),
    });
    const tie = await tieMailTo(email);
    // The chat's block is lifted just before the press's transaction goes out, after its reads.
    const raced = beforeFirstWrite('blocked-with-chat', async () => {
      expect((await act(bare.id, 'unblock')).status).toBe(303);
    });

    await actOnLink(raced.deps, linksIn(String(tie?.text)).confirm, 'confirm');

    expect(raced.happened()).toBe(true);
    expect(await blockOf(deps, email)).toBeUndefined();
    expect(await blockState(typed.id)).toEqual({ status: 'open', blocked: false, pooled: true });
    raced.destroy();
  });

  it('does not block a chat by an address block lifted while its owner presses the link, which is pressed again', async () => {
    const deps = bot.table.deps();
    const chat = '7400000227';
    const email = `tg-lifted-${randomUUID().slice(0, 6)}@example.org`;
    const blocked = makeRequest(`r-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, email });
    await putOne(bot.table.db, bot.table.tableName, blocked);
    expect((await act(blocked.id, 'block')).status).toBe(303);
    const typed = await fromTelegram(chat, undefined, {
      email,
      arrival: daysFromNow(5),
      departure: daysFromNow(10),
    });
    const tie = await tieMailTo(email);
    // The block is lifted just before the press's transaction goes out, after its reads.
    const raced = beforeFirstWrite('blocked-with-address', async () => {
      expect((await act(blocked.id, 'unblock')).status).toBe(303);
    });

    await actOnLink(raced.deps, linksIn(String(tie?.text)).confirm, 'confirm');

    expect(raced.happened()).toBe(true);
    expect(await blockOf(deps, chatAddress(chat))).toBeUndefined();
    expect(await blockState(typed.id)).toEqual({ status: 'open', blocked: false, pooled: true });
    raced.destroy();
  });

  it('lifts the block a tie press copies onto the chat while the address is being unblocked, and releases the chat’s record', async () => {
    const deps = bot.table.deps();
    const chat = '7400000231';
    const email = `tg-unblocking-${randomUUID().slice(0, 6)}@example.org`;
    const blocked = makeRequest(`r-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, email });
    await putOne(bot.table.db, bot.table.tableName, blocked);
    expect((await act(blocked.id, 'block')).status).toBe(303);
    const typed = await fromTelegram(chat, undefined, {
      email,
      arrival: daysFromNow(5),
      departure: daysFromNow(10),
    });
    const tie = await tieMailTo(email);
    // The unblock has read the person (the address alone); the owner presses before its delete.
    const raced = beforeFirstWrite('coordinator.unblocked-address', async () => {
      await actOnLink(deps, linksIn(String(tie?.text)).confirm, 'confirm');
      expect(await blockOf(deps, chatAddress(chat))).toMatchObject({ by: 'tr-coordinator@haven.test' });
    });

    await unblockAddress(
      raced.deps,
      { email: 'tr-coordinator@haven.test', countries: ['TR'] },
      'request',
      blocked.id,
    );

    expect(raced.happened()).toBe(true);
    expect(await blockOf(deps, email)).toBeUndefined();
    expect(await blockOf(deps, chatAddress(chat))).toBeUndefined();
    expect(await blockState(typed.id)).toEqual({ status: 'open', blocked: false, pooled: true });
    const later = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(100),
      departure: daysFromNow(110),
    });
    expect(await blockState(later.id)).toEqual({ status: 'open', blocked: false, pooled: true });
    raced.destroy();
  });

  it('lifts nothing when a later round of an unblock meets a block it may not lift (the chat joined, meanwhile, an address another coordinator blocked), and closes what was sent while the blocks were lifted', async () => {
    const deps = bot.table.deps();
    const chat = '7400000237';
    const email = `tg-undone-${randomUUID().slice(0, 6)}@example.org`;
    const theirs = `tg-undone-theirs-${randomUUID().slice(0, 6)}@example.org`;
    const blocked = makeRequest(`r-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, email });
    await putOne(bot.table.db, bot.table.tableName, blocked);
    expect((await act(blocked.id, 'block')).status).toBe(303);
    const typed = await fromTelegram(chat, undefined, {
      email,
      arrival: daysFromNow(5),
      departure: daysFromNow(10),
    });
    await actOnLink(deps, linksIn(String((await tieMailTo(email))?.text)).confirm, 'confirm');
    const before = await Promise.all([blockOf(deps, email), blockOf(deps, chatAddress(chat))]);
    // Another address, blocked by a coordinator of every country, whom Turkey's may not lift.
    const other = makeRequest(`r-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, email: theirs });
    await putOne(bot.table.db, bot.table.tableName, other);
    await blockAddress(deps, { email: 'coordinator@haven.test', countries: '*' }, 'request', other.id);
    await fromTelegram(chat, undefined, {
      email: theirs,
      arrival: daysFromNow(20),
      departure: daysFromNow(25),
    });
    // The unblock has read the person (the address and the chat); the chat's owner proves the
    // other address before its lift, so the next round finds that address's block. While the
    // lifted blocks are being put back, the address sends a request, which reads no block.
    let meanwhile = '';
    const raced = beforeWrites({
      'coordinator.unblocked-address': async () => {
        await actOnLink(deps, linksIn(String((await tieMailTo(theirs))?.text)).confirm, 'confirm');
      },
      'coordinator.unblock-undone': async () => {
        meanwhile = (
          await submitRequest(
            deps,
            requestInput({ email, arrival: daysFromNow(30), departure: daysFromNow(35) }),
            { locale: 'en', sourceIp: '192.0.2.99', via: 'form' },
          )
        ).id;
        await actOnLink(
          deps,
          linksIn(String((await mailTo(email, 'confirm-request'))?.text)).confirm,
          'confirm',
        );
        expect(await blockState(meanwhile)).toEqual({ status: 'open', blocked: false, pooled: true });
      },
    });

    await expect(
      unblockAddress(
        raced.deps,
        { email: 'tr-coordinator@haven.test', countries: ['TR'] },
        'request',
        typed.id,
      ),
    ).rejects.toThrow(Conflict);

    expect(raced.happened()).toBe(true);
    expect(await Promise.all([blockOf(deps, email), blockOf(deps, chatAddress(chat))])).toEqual(before);
    expect(await blockState(typed.id)).toEqual({ status: 'open', blocked: true, pooled: false });
    const trail = await auditTrail(deps, requestKey(typed.id).pk, 20);
    expect(trail.map((event) => event.action)).toContain('coordinator.unblock-undone');
    expect(await blockState(meanwhile)).toEqual({ status: 'withdrawn', blocked: false, pooled: false });
    // Put back with the records it listed, and what was sent while it was lifted: it stands until
    // they are erased.
    expect((await heldBlockOf(deps, email)).holders).toEqual(
      expect.arrayContaining([holderOf(blocked), `request#${typed.id}`, `request#${meanwhile}`]),
    );
    expect((await heldBlockOf(deps, chatAddress(chat))).holders).toContain(`request#${typed.id}`);
    const page = await coordinator.get(requestPath(typed.id));
    expect(await page.text()).not.toContain('/unblock');
    raced.destroy();
  });

  it('closes, when an unblock is undone, only what the lifted identities sent: a family whose address the chat proved meanwhile keeps its request', async () => {
    const deps = bot.table.deps();
    const chat = '7400000239';
    const email = `tg-undone-own-${randomUUID().slice(0, 6)}@example.org`;
    const theirs = `tg-undone-star-${randomUUID().slice(0, 6)}@example.org`;
    const family = `tg-undone-family-${randomUUID().slice(0, 6)}@example.org`;
    const blocked = makeRequest(`r-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, email });
    await putOne(bot.table.db, bot.table.tableName, blocked);
    expect((await act(blocked.id, 'block')).status).toBe(303);
    const typed = await fromTelegram(chat, undefined, {
      email,
      arrival: daysFromNow(5),
      departure: daysFromNow(10),
    });
    await actOnLink(deps, linksIn(String((await tieMailTo(email))?.text)).confirm, 'confirm');
    const other = makeRequest(`r-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, email: theirs });
    await putOne(bot.table.db, bot.table.tableName, other);
    await blockAddress(deps, { email: 'coordinator@haven.test', countries: '*' }, 'request', other.id);
    await fromTelegram(chat, undefined, {
      email: theirs,
      arrival: daysFromNow(20),
      departure: daysFromNow(25),
    });
    const web = { locale: 'en', sourceIp: '192.0.2.96', via: 'form' } as const;
    const familys = await submitRequest(
      deps,
      requestInput({ email: family, arrival: daysFromNow(40), departure: daysFromNow(50) }),
      web,
    );
    await actOnLink(
      deps,
      linksIn(String((await mailTo(family, 'confirm-request'))?.text)).confirm,
      'confirm',
    );
    // The chat proves the other address before the first lift, so the next round meets its
    // block; while the lifted blocks are being put back, the chat (a volunteer's, say) proves a
    // family's address, which was never blocked and is no one's to close.
    let chatsForFamily = '';
    const raced = beforeWrites({
      'coordinator.unblocked-address': async () => {
        await actOnLink(deps, linksIn(String((await tieMailTo(theirs))?.text)).confirm, 'confirm');
      },
      'coordinator.unblock-undone': async () => {
        chatsForFamily = (
          await fromTelegram(chat, undefined, {
            email: family,
            arrival: daysFromNow(30),
            departure: daysFromNow(35),
          })
        ).id;
        await actOnLink(deps, linksIn(String((await tieMailTo(family))?.text)).confirm, 'confirm');
      },
    });

    await expect(
      unblockAddress(
        raced.deps,
        { email: 'tr-coordinator@haven.test', countries: ['TR'] },
        'request',
        typed.id,
      ),
    ).rejects.toThrow(Conflict);

    expect(raced.happened()).toBe(true);
    expect(await blockOf(deps, family)).toBeUndefined();
    expect(await blockState(familys.id)).toEqual({ status: 'open', blocked: false, pooled: true });
    // The chat's own send read the block of the address it proved before, which was never lifted.
    expect(await blockState(chatsForFamily)).toEqual({ status: 'open', blocked: true, pooled: false });
    raced.destroy();
  });

  it('stores a send from a blocked chat unblocked when the block is lifted between its reads and its write', async () => {
    const chat = '7400000229';
    const bare = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(60),
      departure: daysFromNow(70),
    });
    expect((await act(bare.id, 'block')).status).toBe(303);
    // The send has read the chat's block; the coordinator lifts it before the send's transaction.
    const raced = beforeFirstWrite('', async () => {
      expect((await act(bare.id, 'unblock')).status).toBe(303);
    });

    const sent = await submitRequest(
      raced.deps,
      requestInput({ email: undefined, arrival: daysFromNow(80), departure: daysFromNow(85) }),
      viaTelegram(chat),
    );

    expect(raced.happened()).toBe(true);
    expect(await blockOf(bot.table.deps(), chatAddress(chat))).toBeUndefined();
    expect(await blockState(sent.id)).toEqual({ status: 'open', blocked: false, pooled: true });
    raced.destroy();
  });

  it('blocking a chat blocks the address it proved, so the same person sending by the web form is not matched', async () => {
    const deps = bot.table.deps();
    const chat = '7400000223';
    const email = `tg-chat-side-${randomUUID().slice(0, 6)}@example.org`;
    const tied = await fromTelegram(chat, undefined, {
      email,
      arrival: daysFromNow(5),
      departure: daysFromNow(10),
    });
    const tie = await tieMailTo(email);
    await actOnLink(deps, linksIn(String(tie?.text)).confirm, 'confirm');
    const bare = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(60),
      departure: daysFromNow(70),
    });

    expect((await act(bare.id, 'block')).status).toBe(303);

    expect(await blockOf(deps, email)).toMatchObject({ by: 'tr-coordinator@haven.test' });
    expect((await getRequest(deps, tied.id))?.status).toBe('withdrawn');
    const web = await submitRequest(
      deps,
      requestInput({ email, arrival: daysFromNow(20), departure: daysFromNow(30) }),
      { locale: 'en', sourceIp: '192.0.2.94', via: 'form' },
    );
    const confirm = (await pendingMails(bot.table)).find(
      (mail) => mail.to.includes(email) && mail.template === 'confirm-request',
    );
    await actOnLink(deps, linksIn(String(confirm?.text)).confirm, 'confirm');
    expect(await blockState(web.id)).toEqual({ status: 'open', blocked: true, pooled: false });

    expect((await act(bare.id, 'unblock')).status).toBe(303);
    expect(await blockOf(deps, email)).toBeUndefined();
    expect(await blockOf(deps, chatAddress(chat))).toBeUndefined();
    expect(await blockState(web.id)).toEqual({ status: 'open', blocked: false, pooled: true });
  });

  it('closes a chat’s record that takes the address on while the block is being written', async () => {
    const deps = bot.table.deps();
    const chat = '7400000224';
    const email = `tg-press-race-${randomUUID().slice(0, 6)}@example.org`;
    const tied = await fromTelegram(chat, undefined, {
      email,
      arrival: daysFromNow(5),
      departure: daysFromNow(10),
    });
    const tie = await tieMailTo(email);
    const web = makeRequest(`r-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, email });
    await putOne(bot.table.db, bot.table.tableName, web);
    // The press commits after the block has read the person and before its transaction.
    const raced = beforeFirstWrite('coordinator.blocked-address', async () => {
      await actOnLink(deps, linksIn(String(tie?.text)).confirm, 'confirm');
    });

    await blockAddress(
      raced.deps,
      { email: 'tr-coordinator@haven.test', countries: ['TR'] },
      'request',
      web.id,
    );

    expect(raced.happened()).toBe(true);
    expect(await blockState(tied.id)).toEqual({ status: 'withdrawn', blocked: false, pooled: false });
    expect(await blockOf(deps, chatAddress(chat))).toMatchObject({ by: 'tr-coordinator@haven.test' });
    raced.destroy();
  });

  it('closes a Mini App send that read before the block and commits between its reads, once the chat joins the person', async () => {
    const deps = bot.table.deps();
    const chat = '7400000225';
    const email = `tg-send-race-${randomUUID().slice(0, 6)}@example.org`;
    await fromTelegram(chat, undefined, { email, arrival: daysFromNow(5), departure: daysFromNow(10) });
    const tie = await tieMailTo(email);
    const web = makeRequest(`r-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, email });
    await putOne(bot.table.db, bot.table.tableName, web);
    // The send has read the chat's records (no block anywhere) and waits at its commit.
    const sendClient: DynamoDBClient = testClient(bot.table);
    let atCommit!: () => void;
    const reached = new Promise<void>((done) => {
      atCommit = done;
    });
    let commit!: () => void;
    const committing = new Promise<void>((done) => {
      commit = done;
    });
    const holdCommit: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand') {
        atCommit();
        await committing;
      }
      return next(args);
    };
    sendClient.middlewareStack.add(holdCommit, { step: 'initialize', name: 'holdCommit' });
    // The block's first write goes out after the address's owner pressed the chat's link, so
    // the chat is found only by the block's second read; the send commits just before the
    // second write.
    const blockClient: DynamoDBClient = testClient(bot.table);
    let writes = 0;
    let sending: Promise<{ id: string }> | undefined;
    const interleave: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
      if (
        context.commandName === 'TransactWriteItemsCommand' &&
        JSON.stringify(args.input).includes('coordinator.blocked-address')
      ) {
        writes++;
        if (writes === 1) {
          await actOnLink(deps, linksIn(String(tie?.text)).confirm, 'confirm');
          sending = submitRequest(
            bot.table.deps({ db: createDocumentClient(sendClient) }),
            requestInput({ email: undefined, arrival: daysFromNow(30), departure: daysFromNow(35) }),
            viaTelegram(chat),
          );
          await reached;
        } else if (writes === 2) {
          commit();
          await sending;
        }
      }
      return next(args);
    };
    blockClient.middlewareStack.add(interleave, { step: 'initialize', name: 'interleave' });

    await blockAddress(
      bot.table.deps({ db: createDocumentClient(blockClient) }),
      { email: 'tr-coordinator@haven.test', countries: ['TR'] },
      'request',
      web.id,
    );
    const sent = await sending;

    expect(writes).toBe(2);
    expect(await blockOf(deps, chatAddress(chat))).toBeDefined();
    expect(await blockState(String(sent?.id))).toMatchObject({ status: 'withdrawn', pooled: false });
    sendClient.destroy();
    blockClient.destroy();
  });

  it('does not reach a second family whose address the same chat proved, as a volunteer’s chat may', async () => {
    const deps = bot.table.deps();
    const chat = '7400000226';
    const [first, second] = ['a', 'b'].map(
      (family) => `tg-volunteer-${family}-${randomUUID().slice(0, 6)}@example.org`,
    );
    for (const [email, from] of [
      [String(first), 5],
      [String(second), 20],
    ] as const) {
      await fromTelegram(chat, undefined, {
        email,
        arrival: daysFromNow(from),
        departure: daysFromNow(from + 5),
      });
      const tie = await tieMailTo(email);
      await actOnLink(deps, linksIn(String(tie?.text)).confirm, 'confirm');
    }
    const [firstWeb, secondWeb] = [first, second].map((email) =>
      makeRequest(`r-${randomUUID().slice(0, 8)}`, { ...ISTANBUL, email }),
    );
    for (const record of [firstWeb, secondWeb])
      await putOne(bot.table.db, bot.table.tableName, record as RequestRecord);

    expect((await act(String(firstWeb?.id), 'block')).status).toBe(303);

    expect(await blockOf(deps, chatAddress(chat))).toBeDefined();
    expect(await blockOf(deps, String(second))).toBeUndefined();
    expect(await blockState(String(secondWeb?.id))).toEqual({ status: 'open', blocked: false, pooled: true });
  });

  it('reads no more to show a record whose address a chat proved than a lone one, while neither is blocked', async () => {
    const deps = bot.table.deps();
    const web = { locale: 'en', sourceIp: '192.0.2.97', via: 'form' } as const;
    const confirmedFrom = async (email: string) => {
      const sent = await submitRequest(deps, requestInput({ email }), web);
      await actOnLink(
        deps,
        linksIn(String((await mailTo(email, 'confirm-request'))?.text)).confirm,
        'confirm',
      );
      return sent;
    };
    const lone = await confirmedFrom(`tg-lone-${randomUUID().slice(0, 6)}@example.org`);
    const provedEmail = `tg-proved-${randomUUID().slice(0, 6)}@example.org`;
    const proved = await confirmedFrom(provedEmail);
    await fromTelegram('7400000235', undefined, {
      email: provedEmail,
      arrival: daysFromNow(100),
      departure: daysFromNow(110),
    });
    await actOnLink(deps, linksIn(String((await tieMailTo(provedEmail))?.text)).confirm, 'confirm');
    const client: DynamoDBClient = testClient(bot.table);
    const calls = { count: 0 };
    const counting: InitializeMiddleware<object, MetadataBearer> = (next) => async (args) => {
      calls.count++;
      return next(args);
    };
    client.middlewareStack.add(counting, { step: 'initialize', name: 'counting' });
    const scope = { email: 'tr-coordinator@haven.test', countries: ['TR'] };
    const callsToView = async (id: string) => {
      calls.count = 0;
      const view = await viewRecord(
        bot.table.deps({ db: createDocumentClient(client) }),
        scope,
        'request',
        id,
      );
      expect(view.block).toBeUndefined();
      return calls.count;
    };

    expect(await callsToView(proved.id)).toBe(await callsToView(lone.id));
    client.destroy();
  });

  it('without an address blocks their chat alone: its records close, no one else is blocked, what it sends later is never matched until unblocked', async () => {
    const chat = '7400000211';
    const first = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(5),
      departure: daysFromNow(10),
    });
    const second = await fromTelegram(chat, undefined, {
      arrival: daysFromNow(20),
      departure: daysFromNow(30),
    });
    const someoneElse = await fromTelegram('7400000212');
    expect((await act(first.id, 'block')).status).toBe(303);

    expect(await blockOf(bot.table.deps(), chatAddress(chat))).toMatchObject({
      by: 'tr-coordinator@haven.test',
    });
    expect((await getRequest(bot.table.deps(), first.id))?.status).toBe('withdrawn');
    expect((await getRequest(bot.table.deps(), second.id))?.status).toBe('withdrawn');
    expect(await blockState(someoneElse.id)).toEqual({ status: 'open', blocked: false, pooled: true });
    expect(await (await coordinator.get(requestPath(someoneElse.id))).text()).not.toContain('/unblock');
    expect(() =>
      blockPut(
        bot.table.deps().config,
        '',
        { by: 'tr-coordinator@haven.test', at: new Date().toISOString() },
        [],
        new Date().toISOString(),
      ),
    ).toThrow(/empty address/);

    await waitingHost();
    const again = await fromTelegram(chat);
    expect(await blockState(again.id)).toEqual({ status: 'open', blocked: true, pooled: false });
    expect(await proposalsAfterMatching(again.id)).toEqual([]);
    const offer = await submitOffer(
      bot.table.deps(),
      offerInput({ email: undefined, beds: 8 }),
      viaTelegram(chat),
    );
    const seeker = makeRequest(`r-${randomUUID().slice(0, 8)}`, {
      ...ISTANBUL,
      adults: 7,
      children: 0,
      arrival: daysFromNow(5),
      departure: daysFromNow(20),
    });
    await putOne(bot.table.db, bot.table.tableName, seeker);
    const offered = await Promise.all(
      (await proposalsAfterMatching(seeker.id)).map((id) => getProposal(bot.table.deps(), id)),
    );
    expect(offered.map((proposal) => proposal?.offerId)).not.toContain(offer.id);

    expect((await act(first.id, 'unblock')).status).toBe(303);
    expect(await blockOf(bot.table.deps(), chatAddress(chat))).toBeUndefined();
    expect(await blockState(again.id)).toEqual({ status: 'open', blocked: false, pooled: true });
    expect(await proposalsAfterMatching(again.id)).toHaveLength(1);
  });
});
