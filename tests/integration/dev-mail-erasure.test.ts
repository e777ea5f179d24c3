import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devMailRoutes, mailCatcherEraser } from '../../infra/local/dev-mail.ts';
import { sendDueCheckIns } from '../../shared/approval/check-in.ts';
import { createDocumentClient } from '../../shared/data/client.ts';
import { getRequest } from '../../shared/data/requests.ts';
import { CONFIRM_LINK_VALID_MS } from '../../shared/domain/retention.ts';
import { createApp } from '../../shared/http/app.ts';
import { actOnLink, submitOffer, submitRequest } from '../../shared/intake/service.ts';
import { createMailer } from '../../shared/mail/mailer.ts';
import { directoryTransport } from '../../shared/mail/transports.ts';
import { eraseRecord, runLifecycle } from '../../shared/upkeep/lifecycle.ts';
import { eventually, pollTable } from '../support/streams.ts';
import { testClient, useTestTable } from '../support/table.ts';
import { form, seedProposal } from './approval-support.ts';
import { linksIn, offerInput, requestInput } from './intake-support.ts';
import { futureDate } from './matching-support.ts';

const table = useTestTable();
const meta = { locale: 'en' as const, sourceIp: '192.0.2.91', via: 'api' as const };
let dir: string;
let poller: ReturnType<typeof pollTable>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'haven-caught-mail-'));
  poller = pollTable(table, mailCatcherEraser(dir, table.deps()));
});
afterAll(async () => {
  await poller.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The catcher's list, as /dev/mail shows it: one entry per caught mail. */
const caught = async () =>
  (await (await devMailRoutes(dir).request('/?format=json')).json()) as { to: string; text: string }[];
const caughtTo = async (email: string) => (await caught()).filter((mail) => mail.to.includes(email));

/** Sends every unsent mail into the catcher, as `npm start`'s mailer does. */
const deliverAll = (now = () => new Date(Date.now() + 10 * 60_000)) =>
  createMailer(table.deps({ now }), directoryTransport(dir))({ source: 'haven.schedule', task: 'sweep' });

const addressOf = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.org`;

describe('the local mail catcher and erasure', () => {
  it('deletes the mails caught for a record’s address once the record is erased or deleted unconfirmed, and keeps the others’', async () => {
    const [erased, unconfirmed, other] = [addressOf('erased'), addressOf('unconfirmed'), addressOf('other')];
    await submitRequest(table.deps(), requestInput({ email: erased }), meta);
    await submitRequest(table.deps(), requestInput({ email: unconfirmed }), meta);
    await submitRequest(table.deps(), requestInput({ email: other }), meta);
    await deliverAll();
    const { confirm, manage } = linksIn(((await caughtTo(erased))[0] as { text: string }).text);
    await actOnLink(table.deps(), confirm, 'confirm');
    await actOnLink(
      table.deps(),
      linksIn(((await caughtTo(other))[0] as { text: string }).text).confirm,
      'confirm',
    );
    await deliverAll();
    expect(await caughtTo(erased)).not.toEqual([]);
    expect(await caughtTo(unconfirmed)).toHaveLength(1);

    await actOnLink(table.deps(), manage, 'erase');
    await runLifecycle(table.deps({ now: () => new Date(Date.now() + CONFIRM_LINK_VALID_MS + 60_000) }));

    await eventually(
      async () => (await caughtTo(erased)).length === 0 && (await caughtTo(unconfirmed)).length === 0,
    );
    expect(await caughtTo(other)).not.toEqual([]);
  }, 60_000);

  it('keeps the mails of the address’s other record, which its links still name, when one record is erased', async () => {
    const both = addressOf('both');
    await submitRequest(table.deps(), requestInput({ email: both }), meta);
    await deliverAll();
    const request = linksIn(((await caughtTo(both))[0] as { text: string }).text);
    await actOnLink(table.deps(), request.confirm, 'confirm');
    await submitOffer(table.deps(), offerInput({ email: both }), meta);
    await deliverAll();
    const ofOffer = (await caughtTo(both)).filter((mail) => !mail.text.includes(request.manage));
    expect(ofOffer).toHaveLength(1);
    expect((await caughtTo(both)).length).toBeGreaterThan(ofOffer.length);

    await actOnLink(table.deps(), request.manage, 'erase');

    await eventually(async () => (await caughtTo(both)).every((mail) => !mail.text.includes(request.manage)));
    expect(await caughtTo(both)).toEqual(ofOffer);
  }, 60_000);

  it('deletes an erased seeker’s check-in mail, whose link names the placement, and keeps the host’s', async () => {
    const seeded = await seedProposal(table);
    const approved = await createApp(table.deps()).request(
      `/proposals/approve/${seeded.approveToken}`,
      form({ decision: 'approve' }),
    );
    expect(approved.status).toBe(303);
    const dayThree = () => new Date(`${futureDate('03-12')}T10:00:00Z`);
    await sendDueCheckIns(table.deps({ now: dayThree }));
    await deliverAll(() => new Date(dayThree().getTime() + 10 * 60_000));
    const checkInTo = async (email: string) =>
      (await caughtTo(email)).filter((mail) => mail.text.includes('/check-in/'));
    expect(await checkInTo(seeded.request.email)).toHaveLength(1);
    expect(await checkInTo(seeded.offer.email)).toHaveLength(1);

    const placed = await getRequest(table.deps(), seeded.request.id);
    if (placed === undefined) throw new Error('the placed request is gone');
    await eraseRecord(table.deps(), placed, 'process:erase-command');

    await eventually(async () => (await checkInTo(seeded.request.email)).length === 0);
    expect(await checkInTo(seeded.offer.email)).toHaveLength(1);
  }, 60_000);

  it('keeps a mail whose link it cannot read, and fails the batch so the poller tries again', async () => {
    const address = addressOf('unreadable');
    await submitRequest(table.deps(), requestInput({ email: address }), meta);
    await deliverAll();
    expect(await caughtTo(address)).toHaveLength(1);
    const client = testClient(table);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'GetItemCommand' && JSON.stringify(args.input).includes('TOKEN#')) {
          throw Object.assign(new Error('injected failure'), {
            name: 'ProvisionedThroughputExceededException',
            $fault: 'client',
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'refuseTokenReads' },
    );
    const eraser = mailCatcherEraser(dir, table.deps({ db: createDocumentClient(client) }));
    // Another record of the same address erased: only the mail's link can say whose the mail is.
    const erasure = {
      eventName: 'MODIFY' as const,
      dynamodb: {
        OldImage: { kind: { S: 'request' }, id: { S: randomUUID() }, email: { S: address } },
        NewImage: { erasedAt: { S: new Date().toISOString() } },
      },
    };

    await expect(eraser.handler({ Records: [erasure] })).rejects.toThrow('injected failure');
    expect(await caughtTo(address)).toHaveLength(1);
  });

  it('lists the other mails when one is deleted between the listing and its read', async () => {
    const address = addressOf('listed');
    await submitRequest(table.deps(), requestInput({ email: address }), meta);
    await deliverAll();
    // A name the folder lists whose file cannot be read any more, as a mail the eraser has just deleted.
    await symlink(join(dir, 'gone.eml.target'), join(dir, `${randomUUID()}.eml`));

    const listed = await devMailRoutes(dir).request('/?format=json');

    expect(listed.status).toBe(200);
    expect(
      ((await listed.json()) as { to: string }[]).filter((mail) => mail.to.includes(address)),
    ).toHaveLength(1);
  });
});
