import { describe, expect, it } from 'vitest';
import type { OfferRecord, RequestRecord } from '../../shared/domain/records.ts';
import { ActionPage, LinkGonePage } from '../../shared/http/pages/action-page.tsx';
import { pageContext, renderDocument } from '../../shared/http/pages/layout.tsx';
import { ConfirmPage } from '../../shared/http/pages/link-pages.tsx';
import { editValues, ManagePage } from '../../shared/http/pages/manage-page.tsx';
import { CheckInboxPage, ErrorPage } from '../../shared/http/pages/notice-pages.tsx';
import { LOCALES } from '../../shared/i18n/index.ts';

const meta = { createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z', version: 2 };
const offer: OfferRecord = {
  ...meta,
  id: 'offer-1',
  kind: 'offer',
  status: 'paused',
  locale: 'tr',
  name: '<img src=x onerror=alert(1)>',
  email: 'host@example.org',
  languages: ['tr', 'ka'],
  country: 'TR',
  city: 'İzmir',
  lat: 38.4,
  lon: 27.1,
  cell: 'c',
  availableFrom: '2026-04-01',
  beds: 4,
  petsAllowed: true,
  childrenAllowed: false,
  stepFree: false,
  multipleParties: true,
  notes: '"><script>alert(2)</script>',
};
const request: RequestRecord = {
  ...meta,
  id: 'request-1',
  kind: 'request',
  status: 'open',
  locale: 'uk',
  name: 'Олена',
  email: 'seeker@example.org',
  languages: ['uk'],
  country: 'GE',
  maxDistanceKm: 50,
  arrival: '2026-04-03',
  departure: '2026-05-01',
  adults: 1,
  children: 2,
  pets: false,
  needsStepFree: true,
  safeHousehold: true,
};

const render = (node: Parameters<typeof renderDocument>[0]) => renderDocument(node);

describe.each(LOCALES)('link pages in %s', (locale) => {
  const page = pageContext(locale, '/manage/TOKEN');

  it('render every page without a missing word or a raw placeholder', () => {
    const pages = [
      ConfirmPage({ page, record: offer, action: '/confirm/TOKEN' }),
      ConfirmPage({ page, record: request, action: '/confirm/TOKEN' }),
      LinkGonePage({ page }),
      CheckInboxPage({ page, kind: 'request', email: 'seeker@example.org' }),
      ErrorPage({ page, kind: 'rateLimited' }),
      ...[offer, request].map((record) =>
        ManagePage({
          state: { page, values: editValues(record), errors: {} },
          record,
          actions: record.kind === 'offer' ? ['resume', 'edit', 'withdraw'] : ['edit', 'withdraw'],
          action: '/manage/TOKEN',
          today: '2026-03-10',
          done: 'updated',
        }),
      ),
    ];
    for (const node of pages) {
      const html = render(node);
      expect(html).toContain(`<html lang="${locale}">`);
      expect(html).not.toMatch(/undefined|\[object|NaN|\{\w+\}|status\.|manage\.|field\./);
    }
  });

  it('escape what people typed', () => {
    const html = render(
      ManagePage({
        state: { page, values: editValues(offer), errors: {} },
        record: offer,
        actions: ['resume'],
        action: '/manage/TOKEN',
        today: '2026-03-10',
      }),
    );
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).not.toMatch(/<img src=x|<script>alert/);
  });
});

describe('a record’s place on its manage page', () => {
  const manage = (record: OfferRecord | RequestRecord, locale: 'ru' | 'tr') =>
    render(
      ManagePage({
        state: { page: pageContext(locale, '/manage/TOKEN'), values: editValues(record), errors: {} },
        record,
        actions: ['pause'],
        action: '/manage/TOKEN',
        today: '2026-03-10',
      }),
    );

  it('is named in the reader’s language, though stored in English', () => {
    const seeker = { ...request, locale: 'ru' as const, country: 'TR', city: 'Kadıköy, Istanbul' };
    const html = manage(seeker, 'ru');
    expect(html).toContain('Кадыкёй, Стамбул');
    expect(html).not.toContain('Kadıköy');
    expect(manage({ ...offer, country: 'TR', city: 'Istanbul' }, 'tr')).toContain('İstanbul');
  });

  it('is shown as stored when the gazetteer does not know the name', () => {
    expect(manage({ ...offer, country: 'TR', city: 'Nowhereville' }, 'ru')).toContain('Nowhereville');
  });
});

describe('action pages', () => {
  const page = pageContext('en', '/proposals/TOKEN/approve');

  it('carry exactly one button, in one form that posts back with the language, and nothing that acts alone', () => {
    const html = render(
      ActionPage({
        page,
        title: 'Approve this match?',
        facts: [{ label: 'Host', value: 'A & B' }],
        action: '/proposals/TOKEN/approve',
        button: { name: 'decision', value: 'approve', label: 'Approve' },
        cancel: { href: '/', label: 'Not now' },
      }),
    );
    expect(html.match(/<form /g)).toHaveLength(1);
    expect(html.match(/<button /g)).toHaveLength(1);
    expect(html).toContain('<form method="post" action="/proposals/TOKEN/approve?lang=en">');
    expect(html).toContain('name="decision" value="approve"');
    expect(html).toContain('<dd>A &amp; B</dd>');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow"/>');
    expect(html).not.toMatch(/<script|autofocus|http-equiv|onload/);
  });

  it('a manage page lists only the sections the record state allows', () => {
    const html = render(
      ManagePage({
        state: { page, values: editValues(offer), errors: {} },
        record: { ...offer, status: 'closed' },
        actions: [],
        action: '/manage/TOKEN',
        today: '2026-03-10',
      }),
    );
    expect(html).not.toContain('<button');
    expect(html).toContain('This is closed and can no longer be changed.');
  });
});
