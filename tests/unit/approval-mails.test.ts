import { describe, expect, it } from 'vitest';
import { coordinatorsFor } from '../../shared/approval/coordinators.ts';
import { loadConfig } from '../../shared/config.ts';
import type { OfferRecord, ProposalRecord, RequestRecord } from '../../shared/domain/records.ts';
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
  city: 'Стамбул',
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

describe('the proposal mail', () => {
  const { mail, items } = renderProposalMail(proposal, offer, request, config);

  it('goes to the coordinators of the offer’s country, in English first and then the host’s language', () => {
    expect(mail.to).toEqual(['ayse@coord.example', 'mehmet@coord.example']);
    expect(mail.text.indexOf('Haven proposes this pair')).toBeLessThan(
      mail.text.indexOf('Haven bu eşleşmeyi öneriyor'),
    );
    expect(mail.text).toContain('Please decide before 2026-04-04 09:30 UTC.');
  });

  it('carries both summaries, the score with the facts behind it, and both sides’ contacts', () => {
    for (const fact of [
      'İstanbul, TR',
      'Стамбул, TR',
      '3 (adults: 1, children: 2)',
      '6.2 km',
      'Third floor, no lift',
      'We have a cat carrier but no cat',
      'asks for a safe household: yes',
      'stay covered: 100% (40 of 40 nights; weight 35%)',
      'closeness: 90% (6.2 km, at most 50 km asked; weight 30%)',
      'beds filled: 75% (3 people in 4 beds; weight 25%)',
      'shared languages: 60% (ru; weight 10%)',
      'total: 87%',
      'ayse.host@example.org',
      '+90 555 123 45 67',
      'olena@example.org',
      '+380 67 123 4567',
    ]) {
      expect(mail.text).toContain(fact);
    }
  });

  it('links to approve and decline, absolutely, with tokens issued for the same transaction', () => {
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

  it('escapes markup, loads nothing remote and keeps names out of the subject', () => {
    expect(mail.html).toContain('Ayşe &lt;b&gt;Yılmaz&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Yılmaz');
    expect(mail.html).not.toMatch(/<img|<script|<link|src=/i);
    expect(mail.subject).not.toContain('Ayşe');
    expect(mail.subject).not.toContain('Олена');
  });
});

describe('the placement mails', () => {
  it('tell the host, in the host’s language, who comes: name, email, phone and dates, and nothing else', () => {
    const mail = renderHostPlacementMail(proposal, offer, request);
    expect(mail.to).toEqual([offer.email]);
    expect(mail.locale).toBe('tr');
    expect(mail.subject).toBe('Haven: misafirlerinizin iletişim bilgileri');
    for (const fact of [request.name, request.email, request.phone, '2026-04-10', '2026-05-20']) {
      expect(mail.text).toContain(fact);
    }
    expect(mail.text).not.toContain(offer.phone);
    expect(mail.text).not.toContain(request.notes);
    expect(mail.text).not.toContain('yetişkin');
    expect(mail.html).toContain('Merhaba Ayşe &lt;b&gt;Yılmaz&lt;/b&gt;,');
  });

  it('tell the seeker, in the seeker’s language, who hosts: name, email, phone, city and dates', () => {
    const mail = renderSeekerPlacementMail(proposal, offer, request);
    expect(mail.to).toEqual([request.email]);
    expect(mail.locale).toBe('uk');
    for (const fact of [
      'Ayşe <b>Yılmaz</b>',
      offer.email,
      offer.phone,
      'Стамбул, TR',
      '2026-04-10',
      '2026-05-20',
    ]) {
      expect(mail.text).toContain(fact as string);
    }
    expect(mail.text).toContain('Ваш господар');
    expect(mail.text).not.toContain(request.phone);
    expect(mail.html).toContain('Ayşe &lt;b&gt;Yılmaz&lt;/b&gt;');
  });

  it('name the host’s place in the seeker’s language, though stored in English', () => {
    const stored = { ...offer, city: 'Kadıköy, Istanbul' };
    const russian = renderSeekerPlacementMail(proposal, stored, { ...request, locale: 'ru' });
    expect(russian.text).toContain('Кадыкёй, Стамбул, TR');
    expect(russian.html).toContain('Кадыкёй, Стамбул, TR');
    expect(russian.text).not.toContain('Kadıköy');
    const turkish = renderSeekerPlacementMail(
      proposal,
      { ...offer, city: 'Istanbul' },
      { ...request, locale: 'tr' },
    );
    expect(turkish.text).toContain('İstanbul, TR');
    const unknown = renderSeekerPlacementMail(proposal, { ...offer, city: 'Nowhereville' }, request);
    expect(unknown.text).toContain('Nowhereville, TR');
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
    const expired = renderProposalVoidMail(proposal, offer, request, 'expired', config);
    expect(expired.to).toEqual(['ayse@coord.example', 'mehmet@coord.example']);
    expect(expired.text).toContain('nobody decided before 2026-04-04 09:30 UTC.');
    expect(expired.text).toContain('2026-04-04 09:30 UTC tarihine kadar kimse karar vermedi.');
    expect(renderProposalVoidMail(proposal, offer, request, 'offer-withdrawn', config).text).toContain(
      'the host withdrew the offer',
    );
    expect(renderProposalVoidMail(proposal, offer, request, 'request-withdrawn', config).template).toBe(
      'proposal-request-withdrawn',
    );
    expect(expired.text).not.toContain(request.email);
  });
});

describe('the check-in mails', () => {
  it('ask each side in its language, with its own problem link', () => {
    const toHost = renderCheckInMail(
      'host',
      3,
      proposal,
      offer,
      request,
      'https://haven.example.org/check-in/abc',
    );
    expect(toHost.to).toEqual([offer.email]);
    expect(toHost.text).toContain('bugün sizde kalışlarının 3. günü');
    expect(toHost.text).toContain('Bir sorun var: https://haven.example.org/check-in/abc');
    const toSeeker = renderCheckInMail(
      'seeker',
      30,
      proposal,
      offer,
      request,
      'https://haven.example.org/check-in/def',
    );
    expect(toSeeker.locale).toBe('uk');
    expect(toSeeker.template).toBe('check-in-seeker-day30');
    expect(toSeeker.text).not.toContain(offer.email);
  });

  it('bring a reported problem to the coordinators with both sides’ contacts', () => {
    const report = renderProblemReportMail('host', proposal, offer, request, new Date(STAMP), config);
    expect(report.to).toEqual(['ayse@coord.example', 'mehmet@coord.example']);
    expect(report.text).toContain('Reported by the host');
    for (const contact of [offer.email, offer.phone, request.email, request.phone])
      expect(report.text).toContain(contact);
  });
});
