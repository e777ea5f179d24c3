import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StreamPoller } from '../../infra/local/stream-poller.ts';
import { createApp } from '../../shared/http/app.ts';
import { createMailer } from '../../shared/mail/mailer.ts';
import { transportFromConfig } from '../../shared/mail/transports.ts';
import { type SmtpSink, startSmtpSink } from '../support/smtp.ts';
import { matcherAndMailer, pollTable } from '../support/streams.ts';
import { useTestTable } from '../support/table.ts';
import { recordHostCheck, walkJourney } from './journey-support.ts';

let sink: SmtpSink;
let poller: StreamPoller;

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});
const table = useTestTable(() => ({ MAIL_TRANSPORT: 'smtp', SMTP_URL: sink.url }));
beforeAll(() => {
  const deps = table.deps();
  poller = pollTable(table, matcherAndMailer(deps, createMailer(deps, transportFromConfig(deps.config))));
});
afterAll(async () => {
  await poller.stop();
});

it('host form → confirm → seeker API → confirm → proposal to the country’s coordinator over SMTP → approve → both placement mails', async () => {
  const app = createApp(table.deps());
  const journey = await walkJourney({
    http: async (path, init) => app.request(path, init),
    sink,
    coordinator: 'tr-coordinator@haven.test',
    checkHost: (offerId) => recordHostCheck(table.deps(), offerId, 'tr-coordinator@haven.test'),
  });

  expect(journey.proposal.subject).toMatch(/^Haven: new proposal · 3 people → Istanbul \(\d beds\) · from /);
  expect(journey.proposal.html).toContain('/proposals/decline/');
  expect(journey.proposal.text).toContain(journey.host.email);

  expect(journey.toHost.subject).toBe('Haven: misafirlerinizin iletişim bilgileri');
  expect(journey.toHost.text).toContain('Олена Коваленко');
  expect(journey.toHost.text).toContain(journey.seeker.email);
  expect(journey.toHost.text).toContain(journey.seeker.phone);
  expect(journey.toHost.html).toBeTruthy();

  expect(journey.toSeeker.subject).toBe(
    'Haven: ми знайшли для вас житло (Стамбул)\u00a0— контакти господаря',
  );
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
