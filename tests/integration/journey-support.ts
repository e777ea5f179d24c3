import type { AddressObject, ParsedMail } from 'mailparser';
import { getOffer, setVerification } from '../../shared/data/offers.ts';
import type { Deps } from '../../shared/deps.ts';
import { daysFromNow } from '../support/dates.ts';
import { keptRecord } from '../support/records.ts';
import type { SmtpSink } from '../support/smtp.ts';

/**
 * The whole journey of issue 5 as a person and a coordinator walk it, over HTTP and mail only:
 * host form → confirm → seeker via the JSON API → confirm → proposal mail to the country's
 * coordinator → approve (GET, then POST with the button) → both placement mails. The same
 * driver runs in-process (the integration test) and against `npm start` (the timing run).
 */
export type Http = (path: string, init?: RequestInit) => Promise<Response>;

export interface JourneyOptions {
  readonly http: Http;
  readonly sink: SmtpSink;
  /** Where the offer's country's proposals must go. */
  readonly coordinator: string;
  /** Records a coordinator's check of the offer's host, which approving waits for (REQUIRE_VERIFIED_HOSTS). */
  readonly checkHost: (offerId: string) => Promise<void>;
  readonly timeoutMs?: number;
}

export interface JourneyResult {
  readonly host: { email: string; phone: string };
  readonly seeker: { email: string; phone: string };
  readonly proposal: ParsedMail;
  readonly toHost: ParsedMail;
  readonly toSeeker: ParsedMail;
  /** Milliseconds from the host's form to each step. */
  readonly timings: Record<string, number>;
}

const recipients = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((to: AddressObject) =>
    to.value.map((address) => address.address ?? ''),
  );

/** Waits for the first mail to `to` whose text matches, that arrived after `seen` mails. */
export async function mailTo(
  sink: SmtpSink,
  to: string,
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = sink.received.find(
      (mail) => recipients(mail).includes(to) && pattern.test(mail.text ?? ''),
    );
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${pattern} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The path (and query) of the first absolute link in a mail whose path matches. */
export function linkIn(mail: ParsedMail, path: RegExp): string {
  const url = (mail.text ?? '')
    .match(/https?:\/\/\S+/g)
    ?.find((candidate) => path.test(new URL(candidate).pathname));
  if (!url) throw new Error(`no link matching ${path}`);
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** A form's POST as a browser sends it. */
export const formPost = (fields: [string, string][]): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** The host of both journeys (by mail and in Telegram): a family in Istanbul with three beds who take children. */
export const hostOfferFields = (host: { email: string; phone: string }): [string, string][] => [
  ['name', 'Ayşe Yılmaz'],
  ['email', host.email],
  ['phone', host.phone],
  ['languages', 'tr'],
  ['languages', 'ru'],
  ['languagesOther', ''],
  ['country', 'TR'],
  ['city', 'İstanbul'],
  ['availableFrom', daysFromNow(2)],
  ['availableTo', daysFromNow(60)],
  ['beds', '3'],
  ['childrenAllowed', 'on'],
  ['hostHousehold', 'family'],
  ['notes', ''],
  ['website', ''],
];

/** What the workspace's record page writes when a coordinator records that they checked the host by phone. */
export async function recordHostCheck(deps: Deps, offerId: string, by: string): Promise<void> {
  const offer = keptRecord(await getOffer(deps, offerId));
  const verification = { state: 'verified', by, at: new Date().toISOString(), method: 'phone' } as const;
  await setVerification(deps, offer, verification, `coordinator:${by}`);
}

async function expectStatus(response: Response, status: number, step: string): Promise<string> {
  const body = await response.text();
  if (response.status !== status) throw new Error(`${step}: expected ${status}, got ${response.status}`);
  return body;
}

/** Confirms an address the way a person does: open the mailed link, then press the one button. */
async function confirmByMail(http: Http, mail: ParsedMail, step: string) {
  const path = linkIn(mail, /^\/confirm\//);
  await expectStatus(await http(path), 200, `${step}: open confirm link`);
  await expectStatus(await http(path, formPost([['decision', 'confirm']])), 303, `${step}: confirm`);
}

/** Walks the journey and returns what arrived, failing with the step's name if any step does not work. */
export async function walkJourney({
  http,
  sink,
  coordinator,
  checkHost,
  timeoutMs = 30_000,
}: JourneyOptions): Promise<JourneyResult> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const mark = (step: string) => {
    timings[step] = Math.round(performance.now() - started);
  };
  const unique = Math.random().toString(36).slice(2, 10);
  const host = { email: `host-${unique}@example.org`, phone: '+90 555 123 45 67' };
  const seeker = { email: `seeker-${unique}@example.org`, phone: '+380 67 123 4567' };

  await expectStatus(await http('/offers?lang=tr', formPost(hostOfferFields(host))), 303, 'host form');
  mark('host form sent');
  await confirmByMail(http, await mailTo(sink, host.email, /\/confirm\//, timeoutMs), 'host');
  mark('host confirmed');

  const created = await http('/api/v1/requests', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'uk' },
    body: JSON.stringify({
      name: 'Олена Коваленко',
      email: seeker.email,
      phone: seeker.phone,
      languages: ['uk', 'ru'],
      country: 'TR',
      city: 'Стамбул',
      arrival: daysFromNow(5),
      departure: daysFromNow(40),
      adults: 1,
      children: 2,
      pets: false,
      needsStepFree: false,
    }),
  });
  await expectStatus(created, 201, 'seeker API');
  mark('seeker request sent');
  await confirmByMail(http, await mailTo(sink, seeker.email, /\/confirm\//, timeoutMs), 'seeker');
  mark('seeker confirmed');

  const proposal = await mailTo(
    sink,
    coordinator,
    new RegExp(seeker.email.replace(/[.+]/g, '\\$&')),
    timeoutMs,
  );
  mark('proposal mail received');
  const approve = linkIn(proposal, /^\/proposals\/approve\//);
  const unchecked = await expectStatus(await http(approve), 200, 'open approve link');
  const offerId = /\/coordinator\/offers\/([^?"]+)/.exec(unchecked)?.[1];
  if (offerId === undefined)
    throw new Error('approve page: expected to send the coordinator to check the host first');
  await checkHost(offerId);
  mark('host checked');
  const page = await expectStatus(await http(approve), 200, 'open approve link after the check');
  if (!page.includes('Олена Коваленко') || page.includes(seeker.email)) {
    throw new Error('approve page: expected the seeker’s name and no contact details');
  }
  await expectStatus(await http(approve, formPost([['decision', 'approve']])), 303, 'approve');
  mark('approved');

  const toHost = await mailTo(sink, host.email, /\+380 67 123 4567/, timeoutMs);
  const toSeeker = await mailTo(sink, seeker.email, /\+90 555 123 45 67/, timeoutMs);
  mark('placement mails received');
  return { host, seeker, proposal, toHost, toSeeker, timings };
}
