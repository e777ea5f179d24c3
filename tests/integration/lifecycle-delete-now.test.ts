import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { DeleteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/data/client.ts';
import { emailHash } from '../../shared/data/items.ts';
import { offerKey, outboxKey, requestKey } from '../../shared/data/keys.ts';
import { addNote, notesOf } from '../../shared/data/notes.ts';
import {
  claimOutboxItem,
  outboxPuts,
  settleOutboxItem,
  settleRestoredOutbox,
} from '../../shared/data/outbox.ts';
import { phoneHash } from '../../shared/data/phone-lookups.ts';
import { issueToken } from '../../shared/data/tokens.ts';
import { mailboxOf } from '../../shared/domain/email-address.ts';
import { normalisePhone } from '../../shared/domain/phone.ts';
import { createApp } from '../../shared/http/app.ts';
import { actOnLink, submitOffer, submitRequest } from '../../shared/intake/service.ts';
import { createMailer } from '../../shared/mail/mailer.ts';
import type { MailTransport } from '../../shared/mail/transports.ts';
import { eraseAgain, erasePerson } from '../../shared/upkeep/lifecycle.ts';
import { errorLog } from '../support/kept-log.ts';
import { pendingMails } from '../support/outbox.ts';
import { followRedirect } from '../support/redirects.ts';
import { everyItem, type TestTable, testClient, testEnv, useTestTable } from '../support/table.ts';
import { form, readItem, seedProposal, stateOf } from './approval-support.ts';
import { allItems, lastMailTo, linksIn, offerInput, requestInput } from './intake-support.ts';

const run = promisify(execFile);

const table = useTestTable();
/** What a point-in-time restore of `table` makes: a second table holding its items as they were. */
const restored = useTestTable();

const meta = { locale: 'en' as const, sourceIp: '192.0.2.78', via: 'api' as const };

function person(role: 'host' | 'seeker') {
  const tag = randomUUID().slice(0, 8);
  const digits = String(Math.floor(Math.random() * 9_000_000) + 1_000_000);
  return {
    name: `${role === 'host' ? 'Elif' : 'Daria'} Deletable-${tag}`,
    email: `${role}-${tag}@example.org`,
    phone: `+90 532 ${digits.slice(0, 3)} ${digits.slice(3)}`,
  };
}

async function deliverAll() {
  const transport: MailTransport = { name: 'directory', send: async () => ({ refused: [] }) };
  const now = () => new Date(Date.now() + 10 * 60_000);
  await createMailer(table.deps({ now }), transport)({ source: 'haven.schedule', task: 'sweep' });
}

async function tracesOf(who: { name: string; email: string; phone?: string }, of: TestTable = table) {
  const needles = [
    who.name,
    who.email,
    emailHash(who.email),
    emailHash(mailboxOf(who.email)),
    ...(who.phone ? [who.phone, phoneHash(normalisePhone(who.phone, 'TR'))] : []),
  ];
  return (await allItems(of)).filter((item) =>
    needles.some((needle) => JSON.stringify(item).includes(needle)),
  );
}

describe('“Delete my data now” on the manage page', () => {
  it('shows one button that erases the open request at once: no trace of the person is left, and the link dies', async () => {
    const seeker = person('seeker');
    const { id } = await submitRequest(table.deps(), requestInput(seeker), meta);
    const { confirm, manage } = linksIn((await lastMailTo(table, seeker.email)).text);
    await actOnLink(table.deps(), confirm, 'confirm');
    const app = createApp(table.deps());

    const page = await (await app.request(`/manage/${manage}?lang=en`)).text();
    expect(page.match(/value="erase"/g)).toHaveLength(1);
    expect(page).toContain('Delete my data now');

    const done = await app.request(`/manage/${manage}?lang=en`, form({ action: 'erase' }));
    expect(done.headers.get('location')).toBe('/done/erased?lang=en');
    expect(await (await followRedirect(app, done)).text()).toContain('Your data is deleted');
    await deliverAll();

    expect(await tracesOf(seeker)).toEqual([]);
    // What the overview counts stays: its people (one adult, two children), not the party itself.
    const left = await readItem(table, requestKey(id));
    expect(left).toMatchObject({ status: 'withdrawn', people: 3, erasedAt: expect.any(String) });
    expect(left).not.toHaveProperty('adults');
    expect((await app.request(`/manage/${manage}?lang=en`)).status).toBe(410);
  });

  it("takes the coordinators' notes on the record with it: a note names the person too", async () => {
    const seeker = person('seeker');
    const { id } = await submitRequest(table.deps(), requestInput(seeker), meta);
    const { confirm, manage } = linksIn((await lastMailTo(table, seeker.email)).text);
    await actOnLink(table.deps(), confirm, 'confirm');
    const subjectPk = requestKey(id).pk;
    const note = {
      id: randomUUID(),
      text: `Called ${seeker.name} on ${seeker.phone}`,
      by: 'coordinator@haven.test',
      at: new Date().toISOString(),
    };
    await addNote(table.deps(), subjectPk, note);
    expect(await notesOf(table.deps(), subjectPk)).toHaveLength(1);

    await createApp(table.deps()).request(`/manage/${manage}?lang=en`, form({ action: 'erase' }));
    await deliverAll();

    expect(await notesOf(table.deps(), subjectPk)).toEqual([]);
    expect(await tracesOf(seeker)).toEqual([]);
  });

  it('cancels the pending proposal of a proposed request and tells the coordinators', async () => {
    const seeded = await seedProposal(table);
    const { request } = seeded;

    await actOnLink(table.deps(), await issueManage(request.id), 'erase');
    expect(await stateOf(table, seeded)).toMatchObject({ proposal: 'cancelled', request: 'withdrawn' });
    const notices = (await pendingMails(table)).filter(
      (mail) => mail.template === 'proposal-request-withdrawn',
    );
    expect(notices.map((mail) => mail.to)).toContainEqual(['coordinator@haven.test']);
    await deliverAll();
    expect(await tracesOf({ name: request.name, email: request.email, phone: request.phone })).toEqual([]);
  });

  it('a closed record’s manage page shows no personal data, and still offers to delete it now', async () => {
    const host = person('host');
    await submitOffer(table.deps(), offerInput(host), meta);
    const { confirm, manage } = linksIn((await lastMailTo(table, host.email)).text);
    await actOnLink(table.deps(), confirm, 'confirm');
    await actOnLink(table.deps(), manage, 'withdraw');

    const page = await (await createApp(table.deps()).request(`/manage/${manage}?lang=en`)).text();
    for (const value of [host.name, host.email, host.phone]) expect(page).not.toContain(value);
    expect(page).toContain('value="erase"');
  });
});

/** A manage link for a record seeded without the intake (as the seeded proposal's request is). */
async function issueManage(requestId: string) {
  const token = issueToken(
    table.tableName,
    {
      purpose: 'manage-request',
      subjectKind: 'request',
      subjectId: requestId,
      validForMs: 86_400_000,
      singleUse: false,
    },
    new Date(),
  );
  await table.db.send(new PutCommand(token.put.Put));
  return token.raw;
}

/** Deps whose first transaction is refused (a client error, not retried), and the errors they log. */
function refusingFirstTransaction() {
  const client = testClient(table);
  let refused = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand' && refused++ === 0) {
        throw Object.assign(new Error('injected failure'), { name: 'ValidationException', $fault: 'client' });
      }
      return next(args);
    },
    { step: 'initialize', name: 'refuseFirstTransaction' },
  );
  const { log, errors } = errorLog();
  return { deps: table.deps({ db: createDocumentClient(client), log }), errors };
}

describe('npm run erase -- <email>', () => {
  it('erases every offer and request from the address, live or closed, for a data-subject request', async () => {
    const both = person('host');
    const { id: offerId } = await submitOffer(table.deps(), offerInput(both), meta);
    const offerLinks = linksIn((await lastMailTo(table, both.email)).text);
    await actOnLink(table.deps(), offerLinks.confirm, 'confirm');
    await actOnLink(table.deps(), offerLinks.manage, 'withdraw');
    const { id: requestId } = await submitRequest(table.deps(), requestInput(both), meta);
    await actOnLink(table.deps(), linksIn((await lastMailTo(table, both.email)).text).confirm, 'confirm');

    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'infra/aws/erase.ts', both.email.toUpperCase()],
      { env: { ...process.env, ...testEnv(table.tableName) } },
    );
    expect(stdout).toContain('Erased 1 offer(s) and 1 request(s)');
    await deliverAll();

    expect(await tracesOf(both)).toEqual([]);
    expect(await readItem(table, offerKey(offerId))).toMatchObject({ status: 'closed' });
    expect(await readItem(table, requestKey(requestId))).toMatchObject({ status: 'withdrawn' });
    // It starts a second node process (tsx compiles the command), slow on a busy machine.
  }, 120_000);

  it('goes on past a record it cannot erase, logs and counts it, erases the others, and finishes when run again', async () => {
    const both = person('host');
    const { id: offerId } = await submitOffer(table.deps(), offerInput(both), meta);
    await actOnLink(table.deps(), linksIn((await lastMailTo(table, both.email)).text).confirm, 'confirm');
    const { id: requestId } = await submitRequest(table.deps(), requestInput(both), meta);
    await actOnLink(table.deps(), linksIn((await lastMailTo(table, both.email)).text).confirm, 'confirm');
    const { deps, errors } = refusingFirstTransaction();

    const first = await erasePerson(deps, { email: both.email });

    expect(first).toEqual({ offers: 0, requests: 1, failed: 1 });
    expect(errors).toEqual([
      { event: 'erase.failed', fields: { kind: 'offer', id: offerId, errorType: 'ValidationException' } },
    ]);
    expect(await readItem(table, offerKey(offerId))).toMatchObject({ status: 'open', name: both.name });
    expect(await readItem(table, requestKey(requestId))).not.toHaveProperty('name');

    expect(await erasePerson(table.deps(), { email: both.email })).toEqual({
      offers: 1,
      requests: 0,
      failed: 0,
    });
    await deliverAll();
    expect(await tracesOf(both)).toEqual([]);
  });
});

/** Copies every item of `table` as it is now into `restored`, as a point-in-time restore would. */
async function restoreInto(target: TestTable) {
  for (const item of await everyItem(table)) {
    await target.db.send(new PutCommand({ TableName: target.tableName, Item: item }));
  }
}

describe('npm run erase -- --restored-to <restore point> <table before the restore>', () => {
  it('goes on past a record it cannot erase again, logs and counts it, and erases the others', async () => {
    const [first, second] = [person('seeker'), person('seeker')];
    const ids: string[] = [];
    for (const who of [first, second]) {
      ids.push((await submitRequest(table.deps(), requestInput(who), meta)).id);
      await actOnLink(table.deps(), linksIn((await lastMailTo(table, who.email)).text).confirm, 'confirm');
    }
    const { deps, errors } = refusingFirstTransaction();

    const report = await eraseAgain(
      deps,
      ids.map((id) => ({ kind: 'request' as const, id })),
    );

    expect(report).toEqual({ found: 2, failed: 1 });
    expect(errors).toEqual([
      { event: 'erase.failed', fields: { kind: 'request', id: ids[0], errorType: 'ValidationException' } },
    ]);
    expect(await tracesOf(first)).not.toEqual([]);
    expect(await readItem(table, requestKey(ids[1] as string))).toMatchObject({ status: 'withdrawn' });
    expect(await readItem(table, requestKey(ids[1] as string))).not.toHaveProperty('name');
  });

  it('goes on past a mail it cannot settle, logs and counts it, and settles the others', async () => {
    const queued = (subject: string) => {
      const rendered = {
        template: 'test',
        to: ['someone@haven.test'],
        locale: 'en' as const,
        subject,
        text: subject,
        html: `<p>${subject}</p>`,
      };
      const [put] = outboxPuts(table.tableName, rendered, new Date());
      if (!put) throw new Error('no outbox item');
      return put.Put.Item;
    };
    const [refused, settles] = [queued('refused'), queued('settles')];
    for (const item of [refused, settles]) {
      for (const into of [table, restored])
        await into.db.send(new PutCommand({ TableName: into.tableName, Item: item }));
      const claim = await claimOutboxItem(table.deps(), String(item.id), new Date(0));
      await settleOutboxItem(
        table.deps(),
        { id: String(item.id), claimedAt: String(claim?.claimedAt) },
        'sent',
      );
    }
    const client = testClient(restored);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (
          context.commandName === 'GetItemCommand' &&
          JSON.stringify(args.input).includes(String(refused.id))
        ) {
          throw Object.assign(new Error('injected failure'), {
            name: 'ProvisionedThroughputExceededException',
            $fault: 'client',
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'refuseOneRead' },
    );
    const { log, errors } = errorLog();

    const report = await settleRestoredOutbox(
      restored.deps({ db: createDocumentClient(client), log }),
      table.tableName,
      new Date(Date.now() + 1),
    );

    expect(report.failed).toBe(1);
    expect(errors).toEqual([
      {
        event: 'erase.outbox_failed',
        fields: { outboxId: refused.id, errorType: 'ProvisionedThroughputExceededException' },
      },
    ]);
    expect(await readItem(restored, outboxKey(String(refused.id)))).toMatchObject({ status: 'pending' });
    expect(await readItem(restored, outboxKey(String(settles.id)))).toMatchObject({ status: 'sent' });
  });

  it('erases again in the restored table what was erased since the restore point, or in flight at it, and nothing else', async () => {
    const gone = person('seeker');
    const inFlight = person('seeker');
    const stays = person('host');
    const { id: goneId } = await submitRequest(table.deps(), requestInput(gone), meta);
    const { confirm, manage } = linksIn((await lastMailTo(table, gone.email)).text);
    await actOnLink(table.deps(), confirm, 'confirm');
    await submitRequest(table.deps(), requestInput(inFlight), meta);
    const flight = linksIn((await lastMailTo(table, inFlight.email)).text);
    await actOnLink(table.deps(), flight.confirm, 'confirm');
    const { id: staysId } = await submitOffer(table.deps(), offerInput(stays), meta);
    await actOnLink(table.deps(), linksIn((await lastMailTo(table, stays.email)).text).confirm, 'confirm');
    await deliverAll();
    await restoreInto(restored);
    // An erasure that started before the restore point and was written after it: the restore
    // holds its record as it was.
    await actOnLink(table.deps(), flight.manage, 'erase');
    const restorePoint = new Date(Date.now() + 1);
    await actOnLink(table.deps(), manage, 'erase');
    expect(await tracesOf(gone)).toEqual([]);
    expect(await tracesOf(gone, restored)).not.toEqual([]);
    expect(await tracesOf(inFlight, restored)).not.toEqual([]);

    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'infra/aws/erase.ts', '--restored-to', restorePoint.toISOString(), table.tableName],
      { env: { ...process.env, ...testEnv(restored.tableName) } },
    );
    // The file's other tests erased records in the same table minutes before: read within the margin, erased again.
    expect(stdout).toMatch(/\d+ record\(s\) were erased/);

    expect(await tracesOf(gone, restored)).toEqual([]);
    expect(await tracesOf(inFlight, restored)).toEqual([]);
    expect(await readItem(restored, requestKey(goneId))).toMatchObject({ status: 'withdrawn' });
    expect(await readItem(restored, offerKey(staysId))).toMatchObject({ status: 'open', name: stays.name });
  }, 120_000);

  it('settles the mails unsent at the restore point as the table before it shows them, deletes a never-confirmed record deleted since, and changes nothing when run again', async () => {
    const unconfirmed = person('seeker');
    const { id: pendingId } = await submitRequest(table.deps(), requestInput(unconfirmed), meta);
    const { manage } = linksIn((await lastMailTo(table, unconfirmed.email)).text);
    await deliverAll();
    const queue = async (subject: string, into: TestTable = table, at = new Date()) => {
      const rendered = {
        template: 'test',
        to: ['someone@haven.test'],
        locale: 'en' as const,
        subject,
        text: subject,
        html: `<p>${subject}</p>`,
      };
      const [put] = outboxPuts(into.tableName, rendered, at);
      if (!put) throw new Error('no outbox item');
      await into.db.send(new TransactWriteCommand({ TransactItems: [put] }));
      return put.Put.Item.id;
    };
    const sentSince = await queue('sent since the restore point');
    const goneSince = await queue('sent and expired since the restore point');
    const stillUnsent = await queue('still unsent');
    await restoreInto(restored);
    const restorePoint = new Date(Date.now() + 1);
    // The restored table's own: the table before the restore never had it.
    const queuedAfter = await queue(
      'queued after the restore point',
      restored,
      new Date(restorePoint.getTime() + 1),
    );
    const claim = await claimOutboxItem(table.deps(), sentSince, new Date(0));
    await settleOutboxItem(table.deps(), { id: sentSince, claimedAt: String(claim?.claimedAt) }, 'sent');
    await table.db.send(new DeleteCommand({ TableName: table.tableName, Key: outboxKey(goneSince) }));
    await actOnLink(table.deps(), manage, 'erase');
    expect(await readItem(table, requestKey(pendingId))).toBeUndefined();
    expect(await tracesOf(unconfirmed, restored)).not.toEqual([]);
    const erase = () =>
      run(
        process.execPath,
        [
          '--import',
          'tsx',
          'infra/aws/erase.ts',
          '--restored-to',
          restorePoint.toISOString(),
          table.tableName,
        ],
        { env: { ...process.env, ...testEnv(restored.tableName) } },
      );

    const first = await erase();

    expect(first.stdout).toMatch(/\d+ mail\(s\) were unsent at the restore point: 1 sent/);
    const settled = await readItem(restored, outboxKey(sentSince));
    expect(settled).toMatchObject({ status: 'sent', sentAt: expect.any(String) });
    for (const part of ['to', 'subject', 'body', 'claimedAt', 'gsi3pk'])
      expect(settled).not.toHaveProperty(part);
    expect(await readItem(restored, outboxKey(goneSince))).toBeUndefined();
    expect(await readItem(restored, outboxKey(stillUnsent))).toMatchObject({
      status: 'pending',
      subject: 'still unsent',
    });
    expect(await readItem(restored, outboxKey(queuedAfter))).toMatchObject({
      status: 'pending',
      subject: 'queued after the restore point',
    });
    expect(await readItem(restored, requestKey(pendingId))).toBeUndefined();
    expect(await tracesOf(unconfirmed, restored)).toEqual([]);

    const before = await allItems(restored);
    const second = await erase();

    expect(second.stdout).toMatch(/: 0 sent \(or given up\) since .* 0 gone from it are deleted/);
    expect(await allItems(restored)).toEqual(before);
  }, 180_000);
});
