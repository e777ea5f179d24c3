import { describe, expect, it } from 'vitest';
import { coordinatorLanguages, coordinatorsFor } from '../../shared/approval/coordinators.ts';
import { issueProposalLinks } from '../../shared/approval/links.ts';
import { CONFIG_LOCALES, loadConfig } from '../../shared/config.ts';
import {
  LOCALES,
  type Locale,
  type OfferRecord,
  type ProposalRecord,
  type RequestRecord,
  type VoidReason,
} from '../../shared/domain/records.ts';
import { hashToken } from '../../shared/domain/tokens.ts';
import { renderCheckInMail, renderProblemReportMail } from '../../shared/mail/templates/check-in.ts';
import { renderHostPlacementMail, renderSeekerPlacementMail } from '../../shared/mail/templates/placement.ts';
import { renderProposalMail } from '../../shared/mail/templates/proposal.ts';
import { renderProposalVoidMail } from '../../shared/mail/templates/proposal-void.ts';

const config = loadConfig({
  TABLE_NAME: 'haven-unit',
  PUBLIC_URL: 'https://haven.example.org/',
  MAIL_FROM: 'Haven <haven@example.org>',
  COORDINATORS: JSON.stringify({
    TR: ['ayse@coord.example', 'mehmet@coord.example'],
    '*': ['any@coord.example'],
  }),
  MAIL_TRANSPORT: 'directory',
  MAIL_DIR: '/tmp/haven-unit-mail',
});

const STAMP = '2026-04-01T09:30:00.000Z';

const offer: OfferRecord = {
  id: 'offer-1',
  kind: 'offer',
  status: 'open',
  locale: 'tr',
  createdAt: STAMP,
  updatedAt: STAMP,
  version: 2,
  name: 'Ayşe <b>Yılmaz</b>',
  email: 'ayse.host@example.org',
  phone: '+90 555 123 45 67',
  languages: ['tr', 'ru'],
  country: 'TR',
  city: 'İstanbul',
  lat: 41.01,
  lon: 28.97,
  cell: 'c',
  availableFrom: '2026-04-05',
  availableTo: '2026-06-30',
  beds: 4,
  petsAllowed: true,
  childrenAllowed: true,
  stepFree: false,
  multipleParties: false,
  hostHousehold: 'family',
  notes: 'Third floor, no lift',
};

const request: RequestRecord = {
  id: 'request-1',
  kind: 'request',
  status: 'proposed',
  locale: 'uk',
  createdAt: STAMP,
  updatedAt: STAMP,
  version: 3,
  name: 'Олена Коваленко',
  email: 'olena@example.org',
  phone: '+380 67 123 4567',
  languages: ['uk', 'ru'],
  country: 'TR',
  city: 'Istanbul',
  lat: 41.0,
  lon: 28.9,
  cell: 'c',
  maxDistanceKm: 50,
  arrival: '2026-04-10',
  departure: '2026-05-20',
  adults: 1,
  children: 2,
  pets: false,
  needsStepFree: false,
  safeHousehold: true,
  notes: 'We have a cat carrier but no cat',
};

const proposal: ProposalRecord = {
  id: 'proposal-1',
  kind: 'proposal',
  status: 'pending',
  offerId: offer.id,
  requestId: request.id,
  score: 0.87,
  breakdown: { coverage: 1, distance: 0.9, fit: 0.75, languages: 0.6 },
  explanation: {
    coverage: { nightsCovered: 40, nightsRequested: 40, openEnded: false },
    distance: { km: 6.2, maxKm: 50 },
    fit: { party: 3, beds: 4 },
    languages: { shared: ['ru'] },
    weights: { coverage: 0.35, distance: 0.3, fit: 0.25, languages: 0.1 },
  },
  distanceKm: 6.2,
  partySize: 3,
  nightsFrom: '2026-04-10',
  nightsTo: '2026-05-20',
  createdAt: STAMP,
  updatedAt: STAMP,
  decisionDueAt: '2026-04-04T09:30:00.000Z',
  version: 0,
};

describe('coordinator routing', () => {
  it('sends a country’s proposals to its coordinators, and others to the fallback', () => {
    expect(coordinatorsFor(config, 'TR')).toEqual(['ayse@coord.example', 'mehmet@coord.example']);
    expect(coordinatorsFor(config, 'DE')).toEqual(['any@coord.example']);
  });

  it('refuses loudly when neither the country nor a fallback is configured', () => {
    const strict = { ...config, COORDINATORS: { TR: ['ayse@coord.example'] } };
    expect(() => coordinatorsFor(strict, 'GE')).toThrow(/No coordinator/);
  });
});

describe('the languages of the coordinators’ mails', () => {
  const listed = loadConfig({
    TABLE_NAME: 'haven-unit',
    PUBLIC_URL: 'https://haven.example.org/',
    MAIL_FROM: 'Haven <haven@example.org>',
    COORDINATORS: JSON.stringify({ '*': ['any@coord.example'] }),
    COORDINATOR_LANGUAGES: JSON.stringify({ TR: ['ru'], '*': ['uk', 'en'] }),
    MAIL_TRANSPORT: 'directory',
    MAIL_DIR: '/tmp/haven-unit-mail',
  });
  const to = coordinatorsFor(listed, 'TR');

  it('are the ones listed for the country, in their order, whatever the host’s', () => {
    const languages = coordinatorLanguages(listed, 'TR');
    expect(languages).toEqual(['ru']);
    const mails = [
      renderProposalMail(proposal, offer, request, issueProposalLinks(listed, proposal), to, languages),
      renderProposalVoidMail(proposal, offer, request, 'expired', to, languages),
      renderProblemReportMail(
        'host',
        proposal,
        offer,
        request,
        new Date(STAMP),
        to,
        languages,
        config.PUBLIC_URL,
      ),
    ];
    for (const mail of mails) {
      expect(mail.locale).toBe('ru');
      // Neither English nor the Turkish host's language.
      expect(mail.text).not.toMatch(/\b(the|and)\b/);
      expect(mail.text).not.toContain('ö');
      expect(mail.subject).toMatch(/^Haven: [а-яё]/);
    }
  });

  it('fall back to those listed for `*`, and without any to English and the host’s language', () => {
    expect(coordinatorLanguages(listed, 'DE')).toEqual(['uk', 'en']);
    expect(coordinatorLanguages(config, 'TR')).toBeUndefined();
    const unlisted = renderProposalVoidMail(proposal, offer, request, 'expired', to, undefined);
    expect(unlisted.locale).toBe('en');
    expect(unlisted.text).toMatch(/[öışğ]/);
  });

  it('are Haven’s own languages, named alike in the settings and the domain', () => {
    expect([...CONFIG_LOCALES]).toEqual([...LOCALES]);
  });

  it('must be JSON naming only Haven’s languages, each once, or the process does not start', () => {
    const env = (value: string) => ({
      TABLE_NAME: 'haven-unit',
      PUBLIC_URL: 'https://haven.example.org/',
      MAIL_FROM: 'Haven <haven@example.org>',
      COORDINATORS: '{"*":["any@coord.example"]}',
      COORDINATOR_LANGUAGES: value,
      MAIL_TRANSPORT: 'directory',
      MAIL_DIR: '/tmp/haven-unit-mail',
    });
    expect(() => loadConfig(env('{"TR":["de"]}'))).toThrow(/COORDINATOR_LANGUAGES/);
    expect(() => loadConfig(env('{"TR":[]}'))).toThrow(/COORDINATOR_LANGUAGES/);
    expect(() => loadConfig(env('{"TR":["tr","tr"]}'))).toThrow(/each language once/);
    expect(() => loadConfig(env('tr'))).toThrow(/COORDINATOR_LANGUAGES must be JSON/);
  });
});

describe('the proposal mail', () => {
  const links = issueProposalLinks(config, proposal);
  const { items } = links;
  const mail = renderProposalMail(proposal, offer, request, links, coordinatorsFor(config, 'TR'), undefined);

  it('goes to the coordinators of the offer’s country, in English first and then the host’s language', () => {
    expect(mail.to).toEqual(['ayse@coord.example', 'mehmet@coord.example']);
    expect(mail.text.indexOf('Haven proposes this pair')).toBeLessThan(
      mail.text.indexOf('Haven bu eşleşmeyi öneriyor'),
    );
  });

  it('gives the deadline in the offer’s country’s time, with the zone named', () => {
    expect(mail.text).toContain('Please decide by April 4, 2026 at 12:30 (Türkiye time).');
    expect(mail.text).toContain('karar verin: 4 Nisan 2026 12:30 (Türkiye saati).');
    expect(mail.text).not.toContain('UTC');
  });

  it('carries both summaries, the score with the facts behind it, and both sides’ contacts', () => {
    for (const fact of [
      'Place: Istanbul, Türkiye',
      'Yer: İstanbul, Türkiye',
      'Who is coming: 1 adult and 2 children',
      'Kimler geliyor: 1 yetişkin ve 2 çocuk',
      'Dates: April 10, 2026 – May 20, 2026',
      'Tarihler: 10 Nisan 2026 – 20 Mayıs 2026',
      'Distance: 6.2 km',
      'Mesafe: 6,2 km',
      'Who lives there: A family',
      'Evde kimler yaşıyor: Bir aile',
      'Languages: Ukrainian and Russian',
      'Diller: Türkçe ve Rusça',
      'Third floor, no lift',
      'We have a cat carrier but no cat',
      'Asks for a safe household: Yes',
      'Stay covered: 100% (40 of 40 nights; weight 35%)',
      'Closeness: 90% (6.2 km apart; at most 50 km asked; weight 30%)',
      'Beds filled: 75% (3 people in 4 beds; weight 25%)',
      'Yatak doluluğu: %75 (4 yatakta 3 kişi; ağırlık %25)',
      'Shared languages: 60% (Russian; weight 10%)',
      'Total: 87%',
      'Toplam: %87',
      'ayse.host@example.org',
      '+90 555 123 45 67',
      'olena@example.org',
      '+380 67 123 4567',
    ]) {
      expect(mail.text).toContain(fact);
    }
    expect(mail.text).not.toMatch(/: family$|, TR$|\b1 children\b/m);
  });

  // In brackets mid-line a language's name is a common noun in ru and uk: lower case.
  it('names the shared languages inside the score’s brackets in lower case in Russian and Ukrainian', () => {
    const inEach = (locale: OfferRecord['locale']) =>
      renderProposalMail(proposal, { ...offer, locale }, request, links, ['a@coord.example'], undefined).text;
    expect(inEach('ru')).toContain('(русский; вес 10');
    expect(inEach('uk')).toContain('(російська; вага 10');
  });

  it('shows the stay proposed beside the dates asked when the seeker is proposed after their arrival day', () => {
    const later = { ...proposal, nightsFrom: '2026-04-14' };
    const inEach = (locale: OfferRecord['locale']) =>
      renderProposalMail(later, { ...offer, locale }, request, links, ['a@coord.example'], undefined).text;
    expect(inEach('tr')).toContain('Dates: April 10, 2026 – May 20, 2026');
    expect(inEach('tr')).toContain('Proposed dates: April 14, 2026 – May 20, 2026');
    expect(inEach('tr')).toContain('Önerilen tarihler: 14 Nisan 2026 – 20 Mayıs 2026');
    expect(inEach('ru')).toContain('Предлагаемые даты: 14 апреля 2026 г.\u00a0— 20 мая 2026 г.');
    expect(inEach('uk')).toContain('Запропоновані дати: 14 квітня 2026 р.\u00a0— 20 травня 2026 р.');
    // When the stay is the dates asked, one line says it.
    expect(mail.text).not.toContain('Proposed dates');
  });

  it('names the place and the first night in the subject, in each of the mail’s languages, without names', () => {
    expect(mail.subject).toBe(
      'Haven: new proposal · 3 people → Istanbul (4 beds) · from April 10, 2026 / yeni öneri · 3 kişi → İstanbul (4 yatak) · 10 Nisan 2026 tarihinden itibaren',
    );
    const english = renderProposalMail(
      proposal,
      { ...offer, locale: 'en' },
      request,
      links,
      ['a@coord.example'],
      undefined,
    );
    expect(english.subject).toBe('Haven: new proposal · 3 people → Istanbul (4 beds) · from April 10, 2026');
    expect(mail.subject).not.toContain('Ayşe');
    expect(mail.subject).not.toContain('Олена');
  });

  it('links to approve and decline, absolutely, with the tokens the service issued for them', () => {
    const approve = /https:\/\/haven\.example\.org\/proposals\/approve\/([A-Za-z0-9_-]{43})/.exec(
      mail.text,
    )?.[1];
    const decline = /https:\/\/haven\.example\.org\/proposals\/decline\/([A-Za-z0-9_-]{43})/.exec(
      mail.text,
    )?.[1];
    expect(approve).toBeDefined();
    expect(decline).toBeDefined();
    expect(mail.html).toContain(`href="https://haven.example.org/proposals/approve/${approve}"`);
    const puts = items.map((item) => (item as { Put: { Item: Record<string, unknown> } }).Put.Item);
    const tokens = puts.filter((item) => item.kind === 'token');
    expect(tokens.map((token) => [token.purpose, token.hash, token.validUntil, token.singleUse])).toEqual([
      ['approve', hashToken(approve as string), proposal.decisionDueAt, true],
      ['decline', hashToken(decline as string), proposal.decisionDueAt, true],
    ]);
    expect(JSON.stringify(items)).not.toContain(approve as string);
    expect(puts.find((item) => item.kind === 'proposal-links')).toMatchObject({
      approveHash: hashToken(approve as string),
      declineHash: hashToken(decline as string),
    });
  });

  it('escapes markup, loads nothing remote and reads on a phone', () => {
    expect(mail.html).toContain('Ayşe &lt;b&gt;Yılmaz&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Yılmaz');
    expect(mail.html).not.toMatch(/<img|<script|<link|src=/i);
    expect(mail.html).toMatch(/^<!doctype html><html lang="en">/);
    expect(mail.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
  });

  it('repeats the decision buttons under a second language, but not in a mail of one', () => {
    const approves = (text: string) => text.match(/^Approve: /gm)?.length;
    expect(approves(mail.text)).toBe(2);
    const english = renderProposalMail(
      proposal,
      { ...offer, locale: 'en' },
      request,
      links,
      ['x@coord.example'],
      undefined,
    );
    expect(approves(english.text)).toBe(1);
  });
});

describe('the placement mails', () => {
  it('tell the host, in the host’s language, who comes: name, email, phone, where and dates, and nothing else', () => {
    const mail = renderHostPlacementMail(proposal, offer, request);
    expect(mail.to).toEqual([offer.email]);
    expect(mail.locale).toBe('tr');
    expect(mail.subject).toBe('Haven: misafirlerinizin iletişim bilgileri');
    for (const fact of [
      request.name,
      request.email,
      request.phone,
      'Kimler geliyor: 1 yetişkin ve 2 çocuk',
      'Yer: İstanbul, Türkiye',
      'Varış: 10 Nisan 2026',
      'Ayrılış: 20 Mayıs 2026',
    ]) {
      expect(mail.text).toContain(fact);
    }
    expect(mail.text).not.toContain(offer.phone);
    expect(mail.text).not.toContain(request.notes);
    expect(mail.text).not.toContain('2026-04-10');
    expect(mail.html).toContain('Merhaba Ayşe &lt;b&gt;Yılmaz&lt;/b&gt;,');
  });

  it('tell the host how to reach a coordinator when something goes wrong, as the seeker is told', () => {
    const mail = renderHostPlacementMail(proposal, offer, request);
    expect(mail.text).toContain('size özel bağlantıyı açın ve “Bir sorun var” düğmesine basın');
  });

  it('tell the seeker, in the seeker’s language, who hosts: name, email, phone, city and dates', () => {
    const mail = renderSeekerPlacementMail(proposal, offer, request);
    expect(mail.to).toEqual([request.email]);
    expect(mail.locale).toBe('uk');
    for (const fact of [
      'Ayşe <b>Yılmaz</b>',
      offer.email,
      offer.phone,
      'Місце: Стамбул, Туреччина',
      'Приїзд: 10 квітня 2026 р.',
      'Від’їзд: 20 травня 2026 р.',
    ]) {
      expect(mail.text).toContain(fact as string);
    }
    expect(mail.subject).toBe('Haven: ми знайшли для вас житло (Стамбул)\u00a0— контакти господаря');
    expect(mail.text.match(/Ваш господар/g)).toHaveLength(1);
    expect(mail.text).not.toContain(request.phone);
    expect(mail.html).toContain('Ayşe &lt;b&gt;Yılmaz&lt;/b&gt;');
  });

  it('name the host’s place in the seeker’s language, though stored in English', () => {
    const stored = { ...offer, city: 'Kadıköy, Istanbul' };
    const russian = renderSeekerPlacementMail(proposal, stored, { ...request, locale: 'ru' });
    expect(russian.text).toContain('Кадыкёй, Стамбул, Турция');
    expect(russian.html).toContain('Кадыкёй, Стамбул, Турция');
    expect(russian.subject).toContain('Кадыкёй, Стамбул');
    expect(russian.text).not.toContain('Kadıköy');
    const turkish = renderSeekerPlacementMail(
      proposal,
      { ...offer, city: 'Istanbul' },
      { ...request, locale: 'tr' },
    );
    expect(turkish.text).toContain('İstanbul, Türkiye');
    expect(turkish.subject).toContain('İstanbul');
    const unknown = renderSeekerPlacementMail(proposal, { ...offer, city: 'Nowhereville' }, request);
    expect(unknown.text).toContain('Nowhereville, Туреччина');
  });

  it('say when a date is still open', () => {
    const openEnded = { ...proposal, nightsTo: undefined };
    expect(renderHostPlacementMail(openEnded, { ...offer, locale: 'en' }, request).text).toContain(
      'Departure: not fixed yet',
    );
  });
});

describe('the void notice', () => {
  it('tells the coordinators why the proposal is void', () => {
    const to = coordinatorsFor(config, 'TR');
    const expired = renderProposalVoidMail(proposal, offer, request, 'expired', to, undefined);
    expect(expired.to).toEqual(['ayse@coord.example', 'mehmet@coord.example']);
    expect(expired.subject).toBe(
      'Haven: proposal void · Istanbul · from April 10, 2026 / öneri geçersiz · İstanbul · 10 Nisan 2026 tarihinden itibaren',
    );
    expect(expired.text).toContain('nobody decided by April 4, 2026 at 12:30 (Türkiye time).');
    expect(expired.text).toContain('kimse 4 Nisan 2026 12:30 (Türkiye saati) tarihine kadar karar vermedi.');
    expect(renderProposalVoidMail(proposal, offer, request, 'offer-withdrawn', to, undefined).text).toContain(
      'the host withdrew the offer',
    );
    expect(
      renderProposalVoidMail(proposal, offer, request, 'request-withdrawn', to, undefined).template,
    ).toBe('proposal-request-withdrawn');
    expect(expired.text).not.toContain(request.email);
  });

  it('says who ended a side that its owner did not: a coordinator, a block, or its last night passing', () => {
    const to = coordinatorsFor(config, 'TR');
    const told = (reason: VoidReason, locale: Locale) =>
      renderProposalVoidMail(proposal, { ...offer, locale }, request, reason, to, undefined).text;
    expect(told('offer-closed', 'tr')).toContain('a coordinator closed the offer.');
    expect(told('offer-closed', 'tr')).toContain('bir koordinatör teklifi kapattı.');
    expect(told('request-closed', 'uk')).toContain('координатор закрив запит.');
    expect(told('offer-ended', 'uk')).toContain('остання вільна ніч минула, і пропозицію житла закрито.');
    expect(told('request-blocked', 'ru')).toContain(
      'координатор заблокировал адрес или Telegram-чат ищущего жильё.',
    );
    expect(told('request-blocked', 'ru')).toContain(
      'a coordinator blocked the seeker’s address or Telegram chat.',
    );
    expect(told('offer-ended', 'tr')).toContain('teklifin son müsait gecesi geçti');
    for (const reason of ['offer-closed', 'request-closed', 'offer-blocked', 'offer-ended'] as const)
      expect(told(reason, 'ru')).not.toMatch(/withdrew|отозвал/);
  });
});

describe('the check-in mails', () => {
  it('ask each side in its language, with its own problem link', () => {
    const toHost = renderCheckInMail(
      'host',
      3,
      proposal,
      offer,
      request.name,
      'https://haven.example.org/check-in/abc',
    );
    expect(toHost.to).toEqual([offer.email]);
    expect(toHost.text).toContain('10 Nisan 2026 tarihinde geldi; bugün sizde kalışlarının 3. günü');
    expect(toHost.text).toContain('Bir sorun var: https://haven.example.org/check-in/abc');
    const toSeeker = renderCheckInMail(
      'seeker',
      30,
      proposal,
      request,
      offer.name,
      'https://haven.example.org/check-in/def',
    );
    expect(toSeeker.locale).toBe('uk');
    expect(toSeeker.template).toBe('check-in-seeker-day30');
    expect(toSeeker.text).not.toContain(offer.email);
  });

  it('bring a reported problem to the coordinators with both sides’ contacts', () => {
    const report = renderProblemReportMail(
      'host',
      proposal,
      offer,
      request,
      new Date(STAMP),
      coordinatorsFor(config, 'TR'),
      undefined,
      config.PUBLIC_URL,
    );
    expect(report.to).toEqual(['ayse@coord.example', 'mehmet@coord.example']);
    expect(report.text).toContain('The host reported a problem');
    expect(report.text).toContain('Reported: April 1, 2026 at 12:30 (Türkiye time)');
    for (const contact of [offer.email, offer.phone, request.email, request.phone])
      expect(report.text).toContain(contact);
    // Each side's page in the workspace, a tap away on a phone.
    expect(report.text).toContain(
      'Open the host’s offer in the workspace: https://haven.example.org/coordinator/offers/offer-1?lang=en',
    );
    expect(report.text).toContain(
      'Open the guest’s request in the workspace: https://haven.example.org/coordinator/requests/request-1?lang=en',
    );
  });

  it('bring a problem the guest reported once the host erased their data: the guest’s contact alone, the city and party the proposal kept', () => {
    const erasedHost = {
      id: offer.id,
      kind: 'offer' as const,
      status: 'closed' as const,
      country: 'TR',
      createdAt: STAMP,
      updatedAt: STAMP,
      erasedAt: STAMP,
      version: 5,
    };
    const kept = {
      ...proposal,
      status: 'approved' as const,
      country: 'TR',
      city: 'İstanbul',
      cityCounted: true as const,
    };
    const report = renderProblemReportMail(
      'seeker',
      kept,
      erasedHost,
      request,
      new Date(STAMP),
      coordinatorsFor(config, 'TR'),
      undefined,
      config.PUBLIC_URL,
    );
    expect(report.text).toContain(
      'Please get in touch with whoever reported it (the other side’s data has been deleted from Haven)',
    );
    expect(report.text).toContain('Istanbul, Türkiye');
    expect(report.text).toContain('1 adult and 2 children');
    for (const contact of [request.email, request.phone]) expect(report.text).toContain(contact);
    expect(report.text).not.toContain(offer.email);
    expect(report.text).not.toMatch(/^Host:/m);
    expect(report.text).not.toContain('/coordinator/offers/');
    expect(report.text).toContain('/coordinator/requests/request-1?lang=en');
  });

  it('ask a side whose other side erased their data without naming anyone', () => {
    const toSeeker = renderCheckInMail(
      'seeker',
      3,
      proposal,
      request,
      undefined,
      'https://haven.example.org/check-in/abc',
    );
    expect(toSeeker.text).toContain(
      'Вас приймають з 10 квітня 2026 р.; сьогодні 3-й день вашого проживання.',
    );
    expect(toSeeker.text).not.toContain(offer.name);
  });
});
