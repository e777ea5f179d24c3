import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../infra/local/stream-poller.ts';
import { sendDueCheckIns } from '../../shared/approval/check-in.ts';
import { createApp } from '../../shared/http/app.ts';
import { translator } from '../../shared/i18n/index.ts';
import { createMailer, defaultMailerOptions } from '../../shared/mail/mailer.ts';
import { telegramTransportFor } from '../../shared/mail/telegram-transport.ts';
import { transportFromConfig } from '../../shared/mail/transports.ts';
import { daysFromNow } from '../support/dates.ts';
import {
  type BotCall,
  type FakeTelegram,
  messageUpdate,
  postUpdate,
  startCommand,
  startFakeTelegram,
  TELEGRAM_TEST_TOKEN,
  telegramEnv,
} from '../support/fake-telegram.ts';
import { followRedirect } from '../support/redirects.ts';
import { type SmtpSink, startSmtpSink } from '../support/smtp.ts';
import { matcherAndMailer, pollTable } from '../support/streams.ts';
import { useTestTable } from '../support/table.ts';
import { signInitData } from '../support/telegram-init-data.ts';
import { formPost, hostOfferFields, mailTo, recordHostCheck } from './journey-support.ts';

const HOST_CHAT = 7100100;
const SEEKER_CHAT = 7100200;
const COORDINATOR_CHAT = 7100900;

let fake: FakeTelegram;
let sink: SmtpSink;
let poller: StreamPoller;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  fake = await startFakeTelegram();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
  await fake.close();
});
const table = useTestTable(() => ({
  ...telegramEnv(fake),
  MAIL_TRANSPORT: 'smtp',
  SMTP_URL: sink.url,
  COORDINATORS: JSON.stringify({
    TR: ['tr-coordinator@haven.test', `tg:${COORDINATOR_CHAT}`],
    '*': ['coordinator@haven.test'],
  }),
}));
beforeAll(() => {
  const deps = table.deps();
  app = createApp(deps);
  const mailer = createMailer(
    deps,
    transportFromConfig(deps.config),
    defaultMailerOptions,
    telegramTransportFor(deps),
  );
  poller = pollTable(table, matcherAndMailer(deps, mailer));
});
afterAll(async () => {
  await poller.stop();
});

/** The first message the bot sent to `chat` whose text matches, waiting for the mailer. */
async function messageTo(chat: number, pattern: RegExp, timeoutMs = 30_000): Promise<BotCall> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = fake
      .callsOf('sendMessage')
      .find(
        (call) => String(call.payload.chat_id) === String(chat) && pattern.test(String(call.payload.text)),
      );
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no message to ${chat} matching ${pattern}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Button = { text: string; url?: string; web_app?: { url: string }; callback_data?: string };
const buttonsOf = (call: BotCall): Button[] =>
  ((call.payload.reply_markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();
const local = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

/** A person presses /start, then the button of one form: the Mini App's page, as Telegram opens it. */
async function openMiniApp(chat: number, languageCode: string, button: RegExp): Promise<string> {
  expect(
    (await postUpdate(app, messageUpdate({ id: chat, language_code: languageCode }, startCommand))).status,
  ).toBe(200);
  const start = await messageTo(chat, /Haven/);
  const pressed = buttonsOf(start).find((candidate) => button.test(candidate.text));
  if (!pressed?.web_app) throw new Error(`no web_app button ${button}`);
  const page = await app.request(local(pressed.web_app.url));
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('name="telegram_init_data"');
  return local(pressed.web_app.url).replace('/new', '').replace('&via=telegram', '');
}

describe('in Telegram, a host in Turkish and a seeker in Russian', () => {
  it('go from /start through the Mini App forms to the placement messages, with no email confirmation', async () => {
    // The host: /start in Turkish, the offer form as a Mini App, no email at all.
    const offerAction = await openMiniApp(HOST_CHAT, 'tr', /Yer teklif et|teklif/i);
    const hostInit = signInitData(
      TELEGRAM_TEST_TOKEN,
      { id: HOST_CHAT, username: 'ayse_ist', language_code: 'tr' },
      new Date(),
    );
    const hostPage = await app.request(
      offerAction,
      formPost([
        ...hostOfferFields({ email: '', phone: '+90 555 123 45 67' }),
        ['telegram_init_data', hostInit],
      ]),
    );
    expect(hostPage.status).toBe(303);
    expect(await (await followRedirect(app, hostPage)).text()).toContain(
      'Teşekkürler, bilgileriniz bize ulaştı',
    );
    const hostReceived = await messageTo(HOST_CHAT, /^Teşekkürler, bilgileriniz bize ulaştı/);
    expect(buttonsOf(hostReceived).map((button) => local(button.url ?? ''))).toEqual([
      expect.stringMatching(/^\/manage\/[A-Za-z0-9_-]{43}\?lang=tr$/),
    ]);

    // The seeker: /start in Russian, the request form, an address given as a fallback.
    const requestAction = await openMiniApp(SEEKER_CHAT, 'ru', /Найти жильё/);
    const seekerInit = signInitData(
      TELEGRAM_TEST_TOKEN,
      { id: SEEKER_CHAT, username: 'olena_k', language_code: 'ru' },
      new Date(),
    );
    const seekerPage = await app.request(
      requestAction,
      formPost([
        ['name', 'Олена Коваленко'],
        ['email', 'olena-tg@example.org'],
        ['phone', '+380 67 123 4567'],
        ['languages', 'uk'],
        ['languages', 'ru'],
        ['country', 'TR'],
        ['city', 'Стамбул'],
        ['arrival', daysFromNow(5)],
        ['departure', daysFromNow(40)],
        ['adults', '1'],
        ['children', '2'],
        ['website', ''],
        ['telegram_init_data', seekerInit],
      ]),
    );
    expect(seekerPage.status).toBe(303);
    expect(await (await followRedirect(app, seekerPage)).text()).toContain('Спасибо, мы всё получили');
    await messageTo(SEEKER_CHAT, /^Спасибо, мы всё получили\n\nВаш запрос открыт/);
    // The request is open at once; the address typed into the form is the request's only once
    // its owner presses the link mailed to it (Telegram vouches for the chat, not the address).
    // Nobody presses it here: the chat alone carries the journey.
    const tie = await mailTo(sink, 'olena-tg@example.org', /\/confirm\//);
    expect(tie.text).not.toMatch(/\/manage\//);

    // The proposal reaches the country's coordinators: by email, and in Telegram with buttons
    // that open the decision page (a decision still takes a press there).
    const proposalMail = await mailTo(sink, 'tr-coordinator@haven.test', /Олена Коваленко/);
    // Coordinators see how to reach each side: the address if given, and the Telegram username.
    expect(proposalMail.text).toContain('Ayşe Yılmaz: Telegram @ayse_ist, phone +90 555 123 45 67');
    expect(proposalMail.text).toContain('Telegram @olena_k');
    expect(proposalMail.text).not.toContain('olena-tg@example.org');
    const proposal = await messageTo(COORDINATOR_CHAT, /Олена Коваленко/);
    const buttons = buttonsOf(proposal);
    expect(buttons.every((button) => button.callback_data === undefined)).toBe(true);
    const approve = buttons.find((button) => /\/proposals\/approve\//.test(button.url ?? ''));
    expect(buttons.some((button) => /\/proposals\/decline\//.test(button.url ?? ''))).toBe(true);
    if (!approve?.url) throw new Error('no approve button');
    const unchecked = await (await app.request(local(approve.url))).text();
    const offerId = /\/coordinator\/offers\/([^?"]+)/.exec(unchecked)?.[1];
    if (!offerId) throw new Error('approve page: no host check link');
    await recordHostCheck(table.deps(), offerId, 'tr-coordinator@haven.test');
    expect((await app.request(local(approve.url), formPost([['decision', 'approve']]))).status).toBe(303);

    // Each side learns the other's contact in its own chat and language.
    const toSeeker = await messageTo(SEEKER_CHAT, /Ayşe Yılmaz/);
    expect(toSeeker.payload.text).toContain('@ayse_ist');
    expect(toSeeker.payload.text).toContain('+90 555 123 45 67');
    expect(toSeeker.payload.text).toContain('Стамбул');
    const toHost = await messageTo(HOST_CHAT, /Олена Коваленко/);
    expect(toHost.payload.text).not.toContain('olena-tg@example.org');
    expect(toHost.payload.text).toContain('@olena_k');
    expect(toHost.payload.text).toContain('+380 67 123 4567');
    // Neither got a confirmation mail: each placement message carries its own private page as a
    // button, where "there is a problem" reaches a coordinator, and points at no email.
    for (const [message, locale] of [
      [toSeeker, 'ru'],
      [toHost, 'tr'],
    ] as const) {
      expect(message.payload.text).toContain(
        translator(locale)(
          locale === 'tr' ? 'mail.placement.problemHostButton' : 'mail.placement.safetyButton',
        ),
      );
      expect(message.payload.text).not.toContain(translator(locale)('mail.placement.safety'));
      expect(message.payload.text).not.toContain(translator(locale)('mail.placement.problemHost'));
      const manage = buttonsOf(message).find((button) => /\/manage\//.test(button.url ?? ''));
      if (!manage?.url) throw new Error('no manage button on the placement message');
      expect(manage.url).toMatch(new RegExp(`/manage/[A-Za-z0-9_-]{43}\\?lang=${locale}$`));
      const managePage = await (await app.request(local(manage.url))).text();
      expect(managePage).toContain(translator(locale)('manage.placement.problem.button'));
    }
    // Nothing but the address's confirm link went by email to the seeker, whose chat works.
    expect(sink.received.filter((mail) => /olena-tg@example\.org/.test(JSON.stringify(mail.to)))).toEqual([
      tie,
    ]);

    // Day 3 of the stay: each side's check-in comes to its chat with a "there is a problem" button.
    const stay = table.deps({ now: () => new Date(Date.now() + 9 * 86400_000) });
    expect((await sendDueCheckIns(stay)).sent).toBe(1);
    // The placement message names the problem button too; the check-in is the one asking how the stay goes.
    const hostCheckIn = await messageTo(HOST_CHAT, /Her şey yolundaysa/);
    expect(buttonsOf(hostCheckIn).map((button) => button.text)).toContain('Bir sorun var');
    const seekerCheckIn = await messageTo(SEEKER_CHAT, /-й день вашего проживания/);
    const problem = buttonsOf(seekerCheckIn).find((button) => button.text === 'Есть проблема');
    if (!problem?.url) throw new Error('no "there is a problem" button');
    const stayApp = createApp(stay);
    expect((await stayApp.request(local(problem.url))).status).toBe(200);
    expect((await stayApp.request(local(problem.url), formPost([['report', 'problem']]))).status).toBe(303);
    // The coordinators hear of it in Telegram too, with how to reach the guest.
    const report = await messageTo(COORDINATOR_CHAT, /sorun bildirdi|reported a problem/);
    expect(report.payload.text).toContain('Telegram @olena_k');
  }, 120_000);
});
