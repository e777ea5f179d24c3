import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type InitializeMiddleware, type MetadataBearer, SMITHY_CONTEXT_KEY } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/data/client.ts';
import { outboxKey, PK_PREFIX } from '../../shared/data/keys.ts';
import { claimOutboxItem, outboxPuts } from '../../shared/data/outbox.ts';
import {
  claimLeaseMs,
  createDelivery,
  createMailer,
  defaultMailerOptions,
  type MailerOptions,
} from '../../shared/mail/mailer.ts';
import { outboxMessageSchema } from '../../shared/mail/message.ts';
import type { MailTransport } from '../../shared/mail/transports.ts';
import { keptLog } from '../support/kept-log.ts';
import { pkOf } from '../support/race.ts';
import { testClient, useTestTable } from '../support/table.ts';

const table = useTestTable();

/** Waits, a turn of the event loop at a time, until `done` holds: what it waits for takes no timer. */
async function eventuallyTried(done: () => boolean, turns: (count: number) => Promise<void>) {
  for (let turn = 0; !done(); turn++) {
    if (turn > 10_000) throw new Error('never happened');
    await turns(1);
  }
}

/** A promise the test opens when it chooses. */
function latch() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

/** A transport that takes every mail at once and records who sent which. */
const recording = (sends: { who: string; id: string }[], who: string): MailTransport => ({
  name: 'ses',
  send: async (message) => {
    sends.push({ who, id: message.id });
    return { refused: [] };
  },
});

describe('mail claim lease', () => {
  it.each([
    ['holds the call', false],
    ['takes the write but holds its answer', true],
  ])(
    'a settle whose table %s past the call deadline ends within the lease, and the sweep sends the mail no second time',
    async (_, reaches) => {
      // The lease as the mailer derives it, from short deadlines so the test waits for them in real
      // time; the transport answers at once, well within the 50 ms counted for its try.
      const base = { ...defaultMailerOptions, backoffMs: 1, tableCallMs: 1_000, sweepAfterMs: 0 };
      const options: MailerOptions = { ...base, claimTimeoutMs: claimLeaseMs(base, 50) };
      let offset = 0;
      const now = () => new Date(Date.now() + offset);

      const [put] = outboxPuts(
        table.tableName,
        { template: 'test', to: ['x@haven.test'], locale: 'en', subject: 's', text: 't', html: '<p>t</p>' },
        now(),
      );
      if (!put) throw new Error('no outbox item');
      await table.db.send(new TransactWriteCommand({ TransactItems: [put] }));
      const id = put.Put.Item.id as string;
      const raw = await claimOutboxItem(table.deps({ now }), id, new Date(0));
      if (!raw) throw new Error('not claimed');
      const claimed = outboxMessageSchema.parse(raw);
      const staleAt = Date.parse(claimed.claimedAt as string) + options.claimTimeoutMs;

      const sends: { who: string; id: string }[] = [];
      const sweep = createMailer(table.deps({ now }), recording(sends, 'sweep'), options);

      // The table holds the settle's first call (or, having taken it, its answer): until the call is
      // aborted, or else until its claim is stale, when the sweep runs (on its own schedule) before
      // the table answers.
      let held = 0;
      let abandoned = false;
      const holdFirstSettle: InitializeMiddleware<object, MetadataBearer> =
        (next, context) => async (args) => {
          const input = args.input as { ConditionExpression?: string };
          if (
            context.commandName === 'UpdateItemCommand' &&
            input.ConditionExpression?.includes('claimedAt = :claimedAt') &&
            held++ === 0
          ) {
            const signal = context[SMITHY_CONTEXT_KEY]?.abortSignal as AbortSignal | undefined;
            const taken = reaches
              ? await next(args).catch((error: unknown) => {
                  // A busy table may answer past the deadline itself.
                  abandoned = (error as Error).name === 'AbortError';
                  throw error;
                })
              : undefined;
            const aborted = await new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => resolve(false), staleAt - now().getTime() + 500);
              signal?.addEventListener('abort', () => {
                clearTimeout(timer);
                resolve(true);
              });
            });
            if (aborted) {
              abandoned = true;
              throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
            }
            await sweep({ source: 'haven.schedule', task: 'sweep' }).catch(() => undefined);
            if (taken) return taken;
          }
          return next(args);
        };
      const client = testClient(table);
      client.middlewareStack.add(holdFirstSettle, { step: 'initialize', name: 'holdFirstSettle' });
      const { deliverClaimed } = createDelivery(
        table.deps({ now, db: createDocumentClient(client) }),
        recording(sends, 'first'),
        options,
      );

      try {
        // The claim waited behind other mails until just before half its lease: its try may still begin.
        offset = Date.parse(claimed.claimedAt as string) + options.claimTimeoutMs / 2 - 1_000 - Date.now();
        await expect(deliverClaimed(claimed)).resolves.toBe('sent');
        expect(abandoned).toBe(true);

        // Once the claim would be stale, the sweep finds the mail sent.
        offset += options.claimTimeoutMs;
        await sweep({ source: 'haven.schedule', task: 'sweep' });
        expect(sends.filter((send) => send.id === id).map((send) => send.who)).toEqual(['first']);
        const { Item } = await table.db.send(
          new GetCommand({ TableName: table.tableName, Key: outboxKey(id) }),
        );
        expect(Item?.status).toBe('sent');
      } finally {
        client.destroy();
      }
    },
  );

  /** `count` mails queued and claimed, as a delivery holds them before it sends. */
  const claimedMails = (count: number) =>
    Promise.all(
      Array.from({ length: count }, async () => {
        const [put] = outboxPuts(
          table.tableName,
          { template: 'test', to: ['x@haven.test'], locale: 'en', subject: 's', text: 't', html: '<p>t</p>' },
          new Date(),
        );
        if (!put) throw new Error('no outbox item');
        await table.db.send(new TransactWriteCommand({ TransactItems: [put] }));
        const raw = await claimOutboxItem(table.deps(), put.Put.Item.id as string, new Date(0));
        if (!raw) throw new Error('not claimed');
        return outboxMessageSchema.parse(raw);
      }),
    );

  /**
   * Three claimed mails sent at once: the first settle goes alone and is held a moment, so the
   * other two queue behind it and go as one transaction, which `groupFault` answers; with
   * `holdFirstRead`, the table holds the first read of a mail past its call deadline. Returns
   * each delivery's result by mail, and the mails of the group.
   */
  async function settledInGroup(
    groupFault: (send: () => Promise<unknown>) => Promise<unknown>,
    {
      beforeGroup = async () => undefined,
      holdFirstRead = false,
    }: { beforeGroup?: (grouped: string[]) => Promise<void>; holdFirstRead?: boolean } = {},
  ) {
    const options: MailerOptions = { ...defaultMailerOptions, backoffMs: 1, tableCallMs: 2_000 };
    const claimed = await claimedMails(3);
    let heldFirst = false;
    const sends: { who: string; id: string }[] = [];
    let reads = 0;
    let groups = 0;
    let grouped: string[] = [];
    const fault: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
      const settles = JSON.stringify(args.input).includes('claimedAt = :claimedAt');
      if (settles && context.commandName === 'UpdateItemCommand' && !heldFirst) {
        heldFirst = true;
        // The first settle goes alone; held until the others are sent (a fixed pause was too short
        // on a loaded machine), their settles wait behind it and then go as one group.
        const until = Date.now() + 1_500;
        while (sends.length < claimed.length) {
          if (Date.now() > until) throw new Error('the other mails were never sent');
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const readsMail =
        context.commandName === 'GetItemCommand' &&
        (args.input as { Key?: { pk?: string } }).Key?.pk?.startsWith(PK_PREFIX.outbox);
      if (holdFirstRead && readsMail && reads++ === 0) {
        const signal = context[SMITHY_CONTEXT_KEY]?.abortSignal as AbortSignal | undefined;
        await new Promise((resolve) => signal?.addEventListener('abort', resolve));
        throw timedOut();
      }
      if (settles && context.commandName === 'TransactWriteItemsCommand' && groups++ === 0) {
        const { TransactItems } = args.input as { TransactItems: { Update: { Key: { pk: string } } }[] };
        grouped = TransactItems.map(({ Update }) => Update.Key.pk.slice(PK_PREFIX.outbox.length));
        await beforeGroup(grouped);
        return (await groupFault(() => next(args))) as Awaited<ReturnType<typeof next>>;
      }
      return next(args);
    };
    const client = testClient(table);
    client.middlewareStack.add(fault, { step: 'initialize', name: 'groupFault' });
    const { deliverClaimed } = createDelivery(
      table.deps({ db: createDocumentClient(client) }),
      recording(sends, 'first'),
      options,
    );
    try {
      const results = await Promise.allSettled(claimed.map((message) => deliverClaimed(message)));
      expect(groups).toBe(1);
      if (holdFirstRead) expect(reads).toBeGreaterThan(1);
      expect(grouped).toHaveLength(2);
      const delivered = new Map(claimed.map((message, i) => [message.id, results[i]?.status]));
      return { delivered, grouped };
    } finally {
      client.destroy();
    }
  }

  const statusOf = async (id: string) =>
    (await table.db.send(new GetCommand({ TableName: table.tableName, Key: outboxKey(id) }))).Item?.status;

  const timedOut = () => Object.assign(new Error('Request aborted'), { name: 'AbortError' });

  it('counts a group of settles the table applied but whose answer came past the deadline as settled', async () => {
    const { delivered } = await settledInGroup(async (send) => {
      await send();
      throw timedOut();
    });

    expect([...delivered.values()]).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    for (const id of delivered.keys()) expect(await statusOf(id)).toBe('sent');
  });

  it('reads again whether a cut-off group settled when the first read is cut off too', async () => {
    const { delivered } = await settledInGroup(
      async (send) => {
        await send();
        throw timedOut();
      },
      { holdFirstRead: true },
    );

    expect([...delivered.values()]).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    for (const id of delivered.keys()) expect(await statusOf(id)).toBe('sent');
  });

  it('after a group cut off unapplied, settles each mail still its own and fails the one another delivery took over', async () => {
    let takenOver = '';
    const { delivered } = await settledInGroup(
      async () => {
        throw timedOut();
      },
      {
        // One mail of the group is taken over before the group goes, as the sweep takes a stale claim.
        beforeGroup: async ([first]) => {
          takenOver = first as string;
          if (!(await claimOutboxItem(table.deps(), takenOver, new Date(Date.now() + 60_000))))
            throw new Error('not taken over');
        },
      },
    );

    for (const [id, result] of delivered) {
      expect(result).toBe(id === takenOver ? 'rejected' : 'fulfilled');
      expect(await statusOf(id)).toBe(id === takenOver ? 'sending' : 'sent');
    }
  });
  it('settles the mails after a refused group while its settles go one by one, at most ten of them at once', async () => {
    const options: MailerOptions = { ...defaultMailerOptions, backoffMs: 1, tableCallMs: 2_000 };
    const [lone, b1, b2, ...group] = await claimedMails(15);
    if (!lone || !b1 || !b2) throw new Error('not claimed');
    /** SETTLES_RETRYING_AT_ONCE in shared/mail/mailer.ts: the two settles past it wait for a place. */
    const atOnce = 10;
    const refused = new Set(group.map((mail) => mail.id));
    const later = new Set([b1.id, b2.id]);
    /** What the table did, in order: `group`, `refused`, `alone <id>`, `settled <id>`. */
    const events: string[] = [];
    const loneQueuedBehind = latch();
    const bothAlone = latch();
    const refusedMayGo = latch();
    // Only a failure's way out: the refused group's settles wait for the later mails' settles.
    setTimeout(refusedMayGo.open, 10_000).unref();
    const idsOf = (input: Record<string, unknown>) =>
      'TransactItems' in input
        ? (input.TransactItems as { Update: { Key: { pk: string } } }[]).map(({ Update }) =>
            Update.Key.pk.slice(PK_PREFIX.outbox.length),
          )
        : [pkOf(input).slice(PK_PREFIX.outbox.length)];
    const order: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (!JSON.stringify(input).includes('claimedAt = :claimedAt')) return next(args);
      const ids = idsOf(input);
      if (context.commandName === 'TransactWriteItemsCommand' && ids.some((id) => refused.has(id))) {
        events.push('refused');
        throw Object.assign(new Error('injected'), { name: 'InternalServerError' });
      }
      if (ids[0] === lone.id) await loneQueuedBehind.opened;
      const [id] = ids;
      if (context.commandName === 'UpdateItemCommand' && id !== undefined && refused.has(id)) {
        events.push(`alone ${id}`);
        if (events.filter((event) => event.startsWith('alone')).length === atOnce) bothAlone.open();
        await refusedMayGo.opened;
      }
      const result = await next(args);
      for (const settled of ids) events.push(`settled ${settled}`);
      return result;
    };
    const client = testClient(table);
    client.middlewareStack.add(order, { step: 'initialize', name: 'settleOrder' });
    const sends: { who: string; id: string }[] = [];
    const { deliverClaimed } = createDelivery(
      table.deps({ db: createDocumentClient(client) }),
      recording(sends, 'mailer'),
      options,
    );
    const nothingSuppressed = new Set<string>();
    try {
      // The first settle goes alone and is held; the next twelve queue behind it and go as a group.
      const first = deliverClaimed(lone, nothingSuppressed);
      const grouped = group.map((mail) => deliverClaimed(mail, nothingSuppressed));
      // Their sends take no I/O: once the sends are in, their settles are queued.
      while (sends.length < 1 + group.length) await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      loneQueuedBehind.open();
      await bothAlone.opened;
      await Promise.all([b1, b2].map((mail) => deliverClaimed(mail, nothingSuppressed)));
      refusedMayGo.open();
      await Promise.all([first, ...grouped]);
    } finally {
      client.destroy();
    }

    expect(events.filter((event) => event === 'refused')).toHaveLength(1);
    const at = (event: string) => events.indexOf(event);
    for (const id of later)
      for (const held of refused) expect(at(`settled ${id}`)).toBeLessThan(at(`settled ${held}`));
    const firstSettled = Math.min(...[...refused].map((id) => at(`settled ${id}`)));
    expect(events.slice(0, firstSettled).filter((event) => event.startsWith('alone'))).toHaveLength(atOnce);
    expect(events.filter((event) => event.startsWith('alone'))).toHaveLength(refused.size);
    for (const mail of [lone, b1, b2, ...group]) {
      expect(await statusOf(mail.id)).toBe('sent');
      expect(sends.filter((sent) => sent.id === mail.id)).toHaveLength(1);
    }
  });
  it('settles a later mail at once while the retries of two failed settles before it are held', async () => {
    const options: MailerOptions = { ...defaultMailerOptions, backoffMs: 1, tableCallMs: 2_000 };
    const [m1, m2, m3] = await claimedMails(3);
    if (!m1 || !m2 || !m3) throw new Error('not claimed');
    const retrying = new Map([m1.id, m2.id].map((id) => [id, latch()]));
    // Only a failure's way out: the held retries wait for m3's settle.
    setTimeout(() => {
      for (const held of retrying.values()) held.open();
    }, 10_000).unref();
    const tries = new Map<string, number>();
    /** What the table saw, in order: `try <id>` for each settle call, `settled <id>` once one is through. */
    const events: string[] = [];
    const order: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (
        context.commandName !== 'UpdateItemCommand' ||
        !JSON.stringify(input).includes('claimedAt = :claimedAt')
      )
        return next(args);
      const id = pkOf(input).slice(PK_PREFIX.outbox.length);
      const attempt = (tries.get(id) ?? 0) + 1;
      tries.set(id, attempt);
      events.push(`try ${id}`);
      const held = retrying.get(id);
      // The first try of m1's and m2's settle is refused; their retries wait until the test lets them go.
      if (held && attempt === 1) throw Object.assign(new Error('injected'), { name: 'InternalServerError' });
      if (held) await held.opened;
      const result = await next(args);
      events.push(`settled ${id}`);
      return result;
    };
    const client = testClient(table);
    client.middlewareStack.add(order, { step: 'initialize', name: 'settleOrder' });
    const sends: { who: string; id: string }[] = [];
    const { deliverClaimed } = createDelivery(
      table.deps({ db: createDocumentClient(client) }),
      recording(sends, 'mailer'),
      options,
    );
    const nothingSuppressed = new Set<string>();
    const turns = async (count: number) => {
      for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
    };
    try {
      const first = deliverClaimed(m1, nothingSuppressed);
      await eventuallyTried(() => tries.get(m1.id) === 2, turns);
      const second = deliverClaimed(m2, nothingSuppressed);
      await eventuallyTried(() => tries.get(m2.id) === 2, turns);
      await deliverClaimed(m3, nothingSuppressed);
      for (const held of retrying.values()) held.open();
      await Promise.all([first, second]);
    } finally {
      client.destroy();
    }

    for (const held of [m1, m2])
      expect(events.indexOf(`settled ${m3.id}`)).toBeLessThan(events.indexOf(`settled ${held.id}`));
    for (const mail of [m1, m2, m3]) {
      expect(await statusOf(mail.id)).toBe('sent');
      expect(sends.filter((sent) => sent.id === mail.id)).toHaveLength(1);
    }
  });
  it('logs a lone settle’s failed first try and retries it after the backoff, in two table calls', async () => {
    const options: MailerOptions = { ...defaultMailerOptions, backoffMs: 1, tableCallMs: 2_000 };
    const [mail] = await claimedMails(1);
    if (!mail) throw new Error('not claimed');
    let calls = 0;
    const refuseFirst: InitializeMiddleware<object, MetadataBearer> = (next) => async (args) => {
      if (!JSON.stringify(args.input).includes('claimedAt = :claimedAt')) return next(args);
      calls++;
      if (calls === 1) throw Object.assign(new Error('injected'), { name: 'InternalServerError' });
      return next(args);
    };
    const client = testClient(table);
    client.middlewareStack.add(refuseFirst, { step: 'initialize', name: 'refuseFirstSettle' });
    const { log, events } = keptLog();
    const sends: { who: string; id: string }[] = [];
    const { deliverClaimed } = createDelivery(
      table.deps({ db: createDocumentClient(client), log }),
      recording(sends, 'mailer'),
      options,
    );
    try {
      await deliverClaimed(mail, new Set());
    } finally {
      client.destroy();
    }

    expect(calls).toBe(2);
    expect(events('mail.settle_retry')).toEqual([
      { event: 'mail.settle_retry', fields: expect.objectContaining({ outboxId: mail.id, attempt: 1 }) },
    ]);
    expect(await statusOf(mail.id)).toBe('sent');
  });
});
