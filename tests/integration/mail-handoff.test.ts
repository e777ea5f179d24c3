import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { requestItem } from '../../shared/data/items.ts';
import type { HandedOffLease } from '../../shared/data/outbox.ts';
import type { Deps } from '../../shared/deps.ts';
import type { MailHandOff } from '../../shared/events.ts';
import type { Logger } from '../../shared/log.ts';
import {
  handedOffInProcessSent,
  handOffByInvoking,
  handOffInProcess,
  mailHandOff,
} from '../../shared/mail/handoff.ts';
import { createMailer, mailAtOnce, sendHandedOff } from '../../shared/mail/mailer.ts';
import { directoryTransport, type MailTransport } from '../../shared/mail/transports.ts';
import { createMatcher, defaultMatcherOptions } from '../../shared/matching/matcher.ts';
import { everyItem, useTestTable } from '../support/table.ts';
import { makeOffer, makeRequest, putAll, streamEvent } from './matching-support.ts';

const logged: string[] = [];
const quiet: Logger = {
  info: (event) => logged.push(event),
  warn: (event) => logged.push(event),
  error: (event) => logged.push(event),
};

const table = useTestTable();

beforeEach(() => {
  logged.length = 0;
});

const prefix = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 8)}`;

const plainDeps = (): Deps =>
  table.deps({ log: quiet, config: { ...table.config, COORDINATORS: { '*': ['coordinator@haven.test'] } } });

/** One open offer and one open request of a country of their own, and the stream batch of the request. */
async function aPair(country: string) {
  const id = prefix(`handoff-${country}`);
  const request = makeRequest(`${id}-r`, { country });
  await putAll(table.db, table.tableName, [makeOffer(`${id}-o`, { country }), request]);
  return streamEvent([{ newItem: requestItem(request) }]);
}

/** Proposes a pair of a new country with a hand-off that only keeps its mails, as leased: what is handed on. */
async function leasedOfAProposal(country: string): Promise<Record<string, unknown>[]> {
  const leased: Record<string, unknown>[] = [];
  await createMatcher(plainDeps(), defaultMatcherOptions, async (handed) => {
    leased.push(...handed);
  })(await aPair(country));
  expect(leased).toHaveLength(1);
  return leased;
}

const leaseOf = ({ id, claimedAt }: Record<string, unknown>): HandedOffLease => ({
  id: String(id),
  claimedAt: String(claimedAt),
});

const outboxItem = async (id: string) =>
  (await everyItem(table)).find((item) => item.kind === 'outbox' && item.id === id);

const mailsIn = async (dir: string, outboxId: string) =>
  (await readdir(dir)).filter((file) => file.includes(outboxId));

describe('proposal mail handed off', () => {
  it('lets the run end before its mails are sent, which then go once each', async () => {
    const plain = plainDeps();
    const mailDir = await mkdtemp(join(tmpdir(), 'haven-handoff-'));
    const caught = directoryTransport(mailDir);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // A mail server that answers only when released.
    const slow: MailTransport = {
      name: 'directory',
      send: async (message, from) => {
        await held;
        return caught.send(message, from);
      },
    };
    const leases: Record<string, unknown>[] = [];
    const inProcess = handOffInProcess(mailAtOnce(plain, slow), plain);

    const result = await createMatcher(plain, defaultMatcherOptions, async (handed) => {
      leases.push(...handed);
      await inProcess(handed);
    })(await aPair('YA'));

    // The run is over while its mail waits for the server.
    expect(result.batchItemFailures).toEqual([]);
    const [lease] = leases;
    expect(await outboxItem(String(lease?.id))).toMatchObject({ template: 'proposal', status: 'sending' });
    expect(await readdir(mailDir)).toEqual([]);
    release();
    await handedOffInProcessSent();
    expect(await mailsIn(mailDir, String(lease?.id))).toHaveLength(1);
    expect(await outboxItem(String(lease?.id))).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('hands off the mails of the proposals one transaction wrote together, as one invocation', async () => {
    const id = prefix('handoff-YG');
    const offers = [1, 2, 3].map((n) => makeOffer(`${id}-o${n}`, { country: 'YG' }));
    const requests = [1, 2, 3].map((n) => makeRequest(`${id}-r${n}`, { country: 'YG' }));
    await putAll(table.db, table.tableName, [...offers, ...requests]);
    const handOffs: (readonly Record<string, unknown>[])[] = [];

    await createMatcher(plainDeps(), defaultMatcherOptions, async (handed) => {
      handOffs.push(handed);
    })(streamEvent(requests.map((request) => ({ newItem: requestItem(request) }))));

    expect(handOffs).toHaveLength(1);
    const leased = handOffs[0] ?? [];
    expect(leased).toHaveLength(3);
    const mails = await Promise.all(leased.map(({ id: outboxId }) => outboxItem(String(outboxId))));
    expect(mails.map((mail) => mail?.template)).toEqual(['proposal', 'proposal', 'proposal']);
    expect(new Set(leased.map(({ id: outboxId }) => outboxId)).size).toBe(3);
  });

  it('sends a hand-off that Lambda delivers twice, even at once, a single time', async () => {
    const plain = plainDeps();
    const mailDir = await mkdtemp(join(tmpdir(), 'haven-handoff-'));
    const [leased] = await leasedOfAProposal('YB');
    const lease = leaseOf(leased as Record<string, unknown>);
    const mailer = createMailer(plain, directoryTransport(mailDir));
    const handOff: MailHandOff = { source: 'haven.mail-handoff', leases: [lease] };

    await Promise.all([mailer(handOff), mailer(handOff)]);
    await mailer(handOff);

    expect(await mailsIn(mailDir, String(lease?.id))).toHaveLength(1);
    expect(await outboxItem(String(lease?.id))).toMatchObject({ status: 'sent' });
  });

  it('sends the mails of a hand-off Lambda did not take from the run itself, and nothing twice when it was taken after all', async () => {
    const plain = plainDeps();
    const mailDir = await mkdtemp(join(tmpdir(), 'haven-handoff-'));
    const transport = directoryTransport(mailDir);
    const send = sendHandedOff(plain, transport);
    const mailer = createMailer(plain, transport);
    const refused = handOffByInvoking(
      async () => {
        throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
      },
      send,
      plain,
    );
    // Taken and sent, but its answer lost on the way back.
    const answerLost = handOffByInvoking(
      async (event) => {
        await mailer(event);
        throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
      },
      send,
      plain,
    );

    const [notTaken] = await leasedOfAProposal('YC');
    const [takenAfterAll] = await leasedOfAProposal('YD');
    await refused([notTaken as Record<string, unknown>]);
    await answerLost([takenAfterAll as Record<string, unknown>]);

    for (const lease of [notTaken, takenAfterAll]) {
      expect(await mailsIn(mailDir, String(lease?.id))).toHaveLength(1);
      expect(await outboxItem(String(lease?.id))).toMatchObject({ status: 'sent' });
    }
    expect(logged.filter((event) => event === 'mail.handoff_not_taken')).toHaveLength(2);
  });

  it('sends nothing for a hand-off that comes after the sweep took its stale lease over and sent the mail', async () => {
    const plain = plainDeps();
    const mailDir = await mkdtemp(join(tmpdir(), 'haven-handoff-'));
    const [leased] = await leasedOfAProposal('YE');
    const lease = leaseOf(leased as Record<string, unknown>);
    // The hand-off was lost; past the lease and the sweep's own delay, the sweep sends the mail.
    const later = { ...plain, now: () => new Date(Date.now() + 10 * 60_000) };
    await createMailer(later, directoryTransport(mailDir))({ source: 'haven.schedule', task: 'sweep' });
    expect(await mailsIn(mailDir, String(lease?.id))).toHaveLength(1);

    await createMailer(plain, directoryTransport(mailDir))({ source: 'haven.mail-handoff', leases: [lease] });

    expect(await mailsIn(mailDir, String(lease?.id))).toHaveLength(1);
    expect(logged).toContain('mail.handoff_taken');
  });

  it('sends nothing for a hand-off that comes while the sweep holds the stale lease and is sending', async () => {
    const plain = plainDeps();
    const mailDir = await mkdtemp(join(tmpdir(), 'haven-handoff-'));
    const [leased] = await leasedOfAProposal('YF');
    const lease = leaseOf(leased as Record<string, unknown>);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let sweepSending = false;
    const caught = directoryTransport(mailDir);
    // The sweep's mail server answers only when released: its claim stands, still marked, while the hand-off comes.
    const slow: MailTransport = {
      name: 'directory',
      send: async (message, from) => {
        sweepSending = true;
        await held;
        return caught.send(message, from);
      },
    };
    const later = { ...plain, now: () => new Date(Date.now() + 10 * 60_000) };
    const sweeping = createMailer(later, slow)({ source: 'haven.schedule', task: 'sweep' });
    while (!sweepSending) await new Promise((resolve) => setTimeout(resolve, 20));

    await createMailer(plain, caught)({ source: 'haven.mail-handoff', leases: [lease] });
    expect(await mailsIn(mailDir, lease.id)).toEqual([]);
    expect(logged).toContain('mail.handoff_taken');
    release();
    await sweeping;

    expect(await mailsIn(mailDir, lease.id)).toHaveLength(1);
  });

  it('refuses to start a matcher in a Lambda that names no mailer to hand its mails to', () => {
    const plain = plainDeps();
    const transport = directoryTransport(tmpdir());
    expect(() => mailHandOff(plain, transport, { AWS_LAMBDA_FUNCTION_NAME: 'haven-matcher' })).toThrow(
      /MAILER_FUNCTION_NAME/,
    );
    expect(() => mailHandOff(plain, transport, {})).not.toThrow();
    expect(() =>
      mailHandOff(
        { ...plain, config: { ...plain.config, MAILER_FUNCTION_NAME: 'haven-mailer' } },
        transport,
        {
          AWS_LAMBDA_FUNCTION_NAME: 'haven-matcher',
        },
      ),
    ).not.toThrow();
  });
});
