import { describe, expect, it } from 'vitest';
import type { OfferRecord, RequestRecord } from '../../shared/domain/records.ts';
import { LOCALES } from '../../shared/domain/records.ts';
import { hashToken, newToken, type TokenRecord, tokenUsable } from '../../shared/domain/tokens.ts';
import { renderConfirmMail } from '../../shared/mail/templates/confirm.ts';

describe('action-link tokens', () => {
  it('are 256 random bits in base64url, stored only as their SHA-256', () => {
    const { raw, hash } = newToken();
    expect(raw).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(raw, 'base64url')).toHaveLength(32);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(raw);
    expect(hashToken(raw)).toBe(hash);
  });

  it('never repeat', () => {
    const raws = new Set(Array.from({ length: 1000 }, () => newToken().raw));
    expect(raws.size).toBe(1000);
  });

  it('have no hash when altered, truncated or padded', () => {
    const { raw } = newToken();
    expect(hashToken(raw.slice(1))).toBeUndefined();
    expect(hashToken(`${raw}=`)).toBeUndefined();
    expect(hashToken(`${raw.slice(0, -1)}!`)).toBeUndefined();
    expect(hashToken('')).toBeUndefined();
  });

  it('are usable until they expire, and single-use ones only once', () => {
    const now = new Date('2026-11-27T10:00:00Z');
    const token: TokenRecord = {
      kind: 'token',
      hash: 'a'.repeat(64),
      purpose: 'confirm-offer',
      subjectKind: 'offer',
      subjectId: 'o1',
      createdAt: '2026-11-27T09:00:00.000Z',
      validUntil: '2026-11-27T11:00:00.000Z',
      singleUse: true,
    };
    expect(tokenUsable(token, now)).toBe(true);
    expect(tokenUsable(token, new Date('2026-11-27T11:00:00Z'))).toBe(false);
    expect(tokenUsable({ ...token, usedAt: '2026-11-27T09:30:00.000Z' }, now)).toBe(false);
    expect(tokenUsable({ ...token, singleUse: false, usedAt: '2026-11-27T09:30:00.000Z' }, now)).toBe(true);
  });
});

const offer: OfferRecord = {
  id: 'o1',
  kind: 'offer',
  status: 'pending',
  locale: 'en',
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
  version: 0,
  name: '<img src=x onerror=alert(1)> & "Ayşe"',
  email: 'ayse@example.org',
  languages: ['tr'],
  country: 'TR',
  city: 'Istanbul',
  lat: 41.01,
  lon: 28.95,
  cell: '260.312',
  availableFrom: '2026-12-01',
  beds: 3,
  petsAllowed: false,
  childrenAllowed: true,
  stepFree: false,
  multipleParties: false,
};

const request: RequestRecord = {
  id: 'r1',
  kind: 'request',
  status: 'pending',
  locale: 'uk',
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
  version: 0,
  name: 'Олена',
  email: 'olena@example.org',
  languages: ['uk'],
  country: 'PL',
  maxDistanceKm: 50,
  arrival: '2026-12-02',
  departure: '2026-12-20',
  adults: 1,
  children: 2,
  pets: false,
  needsStepFree: false,
  safeHousehold: true,
};

const links = {
  confirmUrl: 'https://haven.test/confirm/abc?lang=en',
  manageUrl: 'https://haven.test/manage/def?lang=en',
};

describe('the confirmation mail', () => {
  it('carries the confirm link and the private manage link in text and HTML', () => {
    const mail = renderConfirmMail({ record: offer, variant: 'new', ...links });
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('https://haven.test/confirm/abc?lang=en');
      expect(body).toContain('https://haven.test/manage/def?lang=en');
    }
    expect(mail).toMatchObject({ template: 'confirm-offer', to: ['ayse@example.org'], locale: 'en' });
  });

  it('escapes markup in the name in HTML and keeps it verbatim in text', () => {
    const mail = renderConfirmMail({ record: offer, variant: 'new', ...links });
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Ayşe&quot;');
    expect(mail.text).toContain(offer.name);
  });

  it('is written in the record’s language', () => {
    const subjects = new Set(
      LOCALES.map(
        (locale) => renderConfirmMail({ record: { ...request, locale }, variant: 'new', ...links }).subject,
      ),
    );
    expect(subjects.size).toBe(LOCALES.length);
    const uk = renderConfirmMail({ record: request, variant: 'new', ...links });
    expect(uk.subject).toBe('Підтвердіть ваш запит у Haven');
    expect(uk.html).toContain('lang="uk"');
    expect(uk.text).toContain('Хто їде: 1 дорослий і 2 дитини');
  });

  it('asks to apply held changes rather than to confirm an address', () => {
    const mail = renderConfirmMail({ record: { ...offer, status: 'open' }, variant: 'held', ...links });
    expect(mail.template).toBe('confirm-offer-held');
    expect(mail.subject).toBe('Confirm the changes to your offer on Haven');
    expect(mail.html).toContain('Apply the changes');
  });

  it('escapes all five HTML-special characters', () => {
    const name = `<a href="x" title='y'>&</a>`;
    const mail = renderConfirmMail({ record: { ...offer, name }, variant: 'new', ...links });
    expect(mail.html).toContain('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(mail.html).not.toContain(name);
  });
});
