import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type InitializeMiddleware, type MetadataBearer, SMITHY_CONTEXT_KEY } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { createDocumentClient, createDynamoClient } from '../../shared/data/client.ts';
import { outboxKey } from '../../shared/data/keys.ts';
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
import { useTestTable } from '../support/table.ts';

const table = useTestTable();

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
      const client = createDynamoClient({
        region: table.config.AWS_REGION,
        endpoint: table.config.DYNAMODB_ENDPOINT,
      });
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
});
