import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type StreamConsumer,
  type StreamPoller,
  startStreamPoller,
} from '../../infra/local/stream-poller.ts';
import { getOffer, setVerification } from '../../shared/data/offers.ts';
import { type StreamConsumerName, streamFilterFor } from '../../shared/events.ts';
import { createApp } from '../../shared/http/app.ts';
import { logger } from '../../shared/log.ts';
import { createMailer } from '../../shared/mail/mailer.ts';
import { transportFromConfig } from '../../shared/mail/transports.ts';
import { createMatcher } from '../../shared/matching/matcher.ts';
import { type SmtpSink, startSmtpSink } from '../support/smtp.ts';
import { streamsClient } from '../support/streams.ts';
import { createTestTable, type TestTable } from '../support/table.ts';
import { walkJourney } from './journey-support.ts';

let table: TestTable;
let sink: SmtpSink;
let poller: StreamPoller;

beforeAll(async () => {
  sink = await startSmtpSink();
  table = await createTestTable({ MAIL_TRANSPORT: 'smtp', SMTP_URL: sink.url });
  const deps = table.deps();
  const consumer = (
    name: StreamConsumerName,
    handler: StreamConsumer['handler'],
    batchWindowMs: number,
  ): StreamConsumer => ({
    name,
    handler,
    accepts: streamFilterFor(name),
    batchSize: 100,
    batchWindowMs,
    maxRetries: 3,
  });
  const dir = await mkdtemp(join(tmpdir(), 'haven-journey-'));
  poller = startStreamPoller({
    client: streamsClient(table),
    streamArn: table.streamArn,
    region: table.config.AWS_REGION,
    consumers: [
      consumer('matcher', createMatcher(deps), 200),
      consumer('mailer', createMailer(deps, transportFromConfig(deps.config)), 0),
    ],
    checkpointFile: join(dir, 'checkpoints.json'),
    deadLetterFile: join(dir, 'dead-letter.jsonl'),
    log: logger,
    idleMs: 50,
  });
});
afterAll(async () => {
  await poller.stop();
  await sink.close();
  await table.drop();
});

it('host form → confirm → seeker API → confirm → proposal to the country’s coordinator over SMTP → approve → both placement mails', async () => {
  const app = createApp(table.deps());
  const journey = await walkJourney({
    http: async (path, init) => app.request(path, init),
    sink,
    coordinator: 'tr-coordinator@haven.test',
    // What the workspace's record page writes when the coordinator records the check.
    checkHost: async (offerId) => {
      const deps = table.deps();
      const offer = await getOffer(deps, offerId);
      if (!offer) throw new Error(`no offer ${offerId}`);
      const by = 'tr-coordinator@haven.test';
      const at = new Date().toISOString();
      await setVerification(deps, offer, { state: 'verified', by, at, method: 'phone' }, `coordinator:${by}`);
    },
  });

  expect(journey.proposal.subject).toMatch(/^Haven: new proposal · 3 people → Istanbul \(\d beds\) · from /);
  expect(journey.proposal.html).toContain('/proposals/decline/');
  expect(journey.proposal.text).toContain(journey.host.email);

  expect(journey.toHost.subject).toBe('Haven: misafirlerinizin iletişim bilgileri');
  expect(journey.toHost.text).toContain('Олена Коваленко');
  expect(journey.toHost.text).toContain(journey.seeker.email);
  expect(journey.toHost.text).toContain(journey.seeker.phone);
  expect(journey.toHost.html).toBeTruthy();

  expect(journey.toSeeker.subject).toBe('Haven: ми знайшли для вас житло (Стамбул) – контакти господаря');
  expect(journey.toSeeker.text).toContain('Ayşe Yılmaz');
  expect(journey.toSeeker.text).toContain(journey.host.email);
  expect(journey.toSeeker.text).toContain(journey.host.phone);
  // The seeker writes Ukrainian, so reads the host's city in Ukrainian.
  expect(journey.toSeeker.text).toContain('Стамбул');

  // Nothing went to anyone else: the coordinator got the proposal, each side its own mails.
  const placements = sink.received.filter((mail) =>
    /Haven: (misafirlerinizin|ми знайшли)/.test(mail.subject ?? ''),
  );
  expect(placements).toHaveLength(2);
}, 90_000);
