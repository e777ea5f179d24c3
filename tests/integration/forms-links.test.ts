import { beforeAll, describe, expect, it } from 'vitest';
import { getOffer, offersByEmail } from '../../shared/data/offers.ts';
import { requestsByEmail } from '../../shared/data/requests.ts';
import { createApp } from '../../shared/http/app.ts';
import { submitOffer, submitRequest } from '../../shared/intake/service.ts';
import { daysFromNow } from '../support/dates.ts';
import { keptRecord } from '../support/records.ts';
import { followRedirect } from '../support/redirects.ts';
import { useTestTable } from '../support/table.ts';
import { lastMailTo, linksIn, offerInput, requestInput } from './intake-support.ts';

let app: ReturnType<typeof createApp>;

const table = useTestTable();
beforeAll(async () => {
  app = createApp(table.deps());
});

const meta = { locale: 'tr', sourceIp: '192.0.2.10', via: 'api' } as const;

async function newOffer(overrides: Record<string, unknown> = {}) {
  const input = offerInput(overrides);
  const { id } = await submitOffer(table.deps(), input, meta);
  const links = linksIn((await lastMailTo(table, input.email)).text);
  return { id, email: input.email, ...links };
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

const status = async (id: string) => (await getOffer(table.deps(), id))?.status;

function expectPrivate(response: Response) {
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('confirm link', () => {
  it('GET and HEAD show the facts and one button, in the record language, and change nothing', async () => {
    const offer = await newOffer();
    const get = await app.request(`/confirm/${offer.confirm}`);
    expect(get.status).toBe(200);
    expectPrivate(get);
    const html = await get.text();
    expect(html).toContain('<html lang="tr">');
    expect(html).toContain('E-posta adresinizi onaylayın');
    expect(html).toContain(offer.email);
    expect(html.match(/<form /g)).toHaveLength(1);
    expect(html.match(/<button /g)).toHaveLength(1);
    expect(html).toContain(`<form method="post" action="/confirm/${offer.confirm}?lang=tr">`);
    expect(html).toContain('name="decision" value="confirm"');
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)|autofocus/);
    const head = await app.request(`/confirm/${offer.confirm}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await status(offer.id)).toBe('pending');
  });

  it('says of a stay without an end that it has none, not a single date that reads as one day', async () => {
    const offer = await newOffer({ availableFrom: '2031-12-15', availableTo: undefined });
    const html = await (await app.request(`/confirm/${offer.confirm}`)).text();
    expect(html).toContain('15 Aralık 2031 tarihinden itibaren, bitiş tarihi yok');
  });

  it('a POST without the pressed button (a scanner, a prefetch) shows the page again and changes nothing', async () => {
    const offer = await newOffer();
    for (const body of [{}, { decision: 'yes' }, { decision: '' }] as Record<string, string>[]) {
      const response = await app.request(`/confirm/${offer.confirm}?lang=en`, form(body));
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Confirm my address');
    }
    expect(await status(offer.id)).toBe('pending');
  });

  it('confirms on the pressed button and redirects to the private manage page, which says so', async () => {
    const offer = await newOffer();
    const response = await app.request(`/confirm/${offer.confirm}`, form({ decision: 'confirm' }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/manage\/[A-Za-z0-9_-]{43}\?done=confirmed&lang=tr$/);
    const result = await followRedirect(app, response);
    expectPrivate(result);
    const html = await result.text();
    expect(html).toContain('Teşekkürler, adresiniz onaylandı');
    expect(html).toContain('<h1>Teklifiniz</h1>');
    expect(await status(offer.id)).toBe('open');
  });

  it('a used confirm link, opened again by Back, says it can’t be used again and that the confirmation stands', async () => {
    const offer = await newOffer();
    await app.request(`/confirm/${offer.confirm}?lang=ru`, form({ decision: 'confirm' }));
    const back = await app.request(`/confirm/${offer.confirm}?lang=ru`);
    expect(back.status).toBe(410);
    const html = await back.text();
    expect(html).toContain('Этой ссылкой больше нельзя воспользоваться');
    expect(html).toContain('Всё, что по ней было сделано раньше, остаётся в силе');
    expect(html).not.toContain('Ничего не изменилось.');
    expect(await status(offer.id)).toBe('open');
  });

  it('shows one neutral page for a replayed, an altered and an unknown link, changing nothing', async () => {
    const offer = await newOffer();
    await app.request(`/confirm/${offer.confirm}`, form({ decision: 'confirm' }));
    const altered = `${offer.confirm.slice(0, -1)}${offer.confirm.endsWith('A') ? 'B' : 'A'}`;
    const pages = [];
    for (const [method, token] of [
      ['POST', offer.confirm],
      ['GET', offer.confirm],
      ['GET', altered],
      ['POST', altered],
      ['GET', 'short'],
      ['GET', offer.manage],
    ] as const) {
      const response = await app.request(`/confirm/${token}?lang=en`, {
        ...form({ decision: 'confirm' }),
        method,
        ...(method === 'GET' ? { body: undefined } : {}),
      });
      expect(response.status, `${method} ${token}`).toBe(410);
      expectPrivate(response);
      pages.push((await response.text()).replaceAll(`/confirm/${token}`, '/confirm/TOKEN'));
    }
    expect(new Set(pages).size).toBe(1);
    expect(pages[0]).toContain('This link can’t be used any more');
    expect(pages[0]).toContain('Whatever was done with it before stands; opening it now changed nothing.');
  });

  it('a link given a segment too many or a trailing slash shows the page for a link that does not work, and the link itself still works', async () => {
    const offer = await newOffer();
    const token = 'A'.repeat(43);
    for (const path of [
      `/confirm/${offer.confirm}/`,
      `/confirm/${offer.confirm}/x`,
      `/manage/${offer.manage}/edit`,
      `/proposals/approve/${token}/x`,
      `/check-in/${token}/`,
      `/availability/no/${token}/x/y`,
      `/coordinator/sign-in/${token}/x`,
    ]) {
      const response = await app.request(`${path}?lang=en`);
      expect(response.status, path).toBe(410);
      expectPrivate(response);
      const page = await response.text();
      expect(page).toContain('This link can’t be used any more');
      // The language switcher links home: the page never repeats the token.
      expect(page).not.toContain(path.split('/').find((part) => part.length >= 40));
    }
    expect((await app.request(`/confirm/${offer.confirm}`)).status).toBe(200);
    expect(await status(offer.id)).toBe('pending');
  });
});

describe('manage link', () => {
  async function openOffer() {
    const offer = await newOffer({ availableFrom: daysFromNow(3), availableTo: daysFromNow(30), beds: 2 });
    await app.request(`/confirm/${offer.confirm}`, form({ decision: 'confirm' }));
    return offer;
  }

  it('shows the record with a pause, an edit and a withdraw section, and changes nothing on GET', async () => {
    const offer = await openOffer();
    const response = await app.request(`/manage/${offer.manage}?lang=en`);
    expect(response.status).toBe(200);
    expectPrivate(response);
    const html = await response.text();
    expect(html).toContain('<h1>Your offer</h1>');
    expect(html).toContain('Open for matching');
    expect(html).toContain('name="action" value="pause"');
    expect(html).toContain('name="action" value="update"');
    expect(html).toContain('name="action" value="withdraw"');
    expect(html).not.toContain('value="resume"');
    expect(html).toContain('id="beds" name="beds" value="2"');
    expect(await status(offer.id)).toBe('open');
  });

  it('pauses and resumes on the pressed buttons', async () => {
    const offer = await openOffer();
    const paused = await app.request(`/manage/${offer.manage}?lang=ru`, form({ action: 'pause' }));
    expect(paused.headers.get('location')).toBe(`/manage/${offer.manage}?done=paused&lang=ru`);
    const html = await (await followRedirect(app, paused)).text();
    expect(html).toContain('Ваше предложение приостановлено.');
    expect(html).toContain('name="action" value="resume"');
    expect(await status(offer.id)).toBe('paused');
    await app.request(`/manage/${offer.manage}`, form({ action: 'resume' }));
    expect(await status(offer.id)).toBe('open');
  });

  it('a POST without a known button changes nothing and shows the page again', async () => {
    const offer = await openOffer();
    for (const body of [{}, { action: 'delete' }, { action: 'withdraw-now' }, { beds: '9' }] as Record<
      string,
      string
    >[]) {
      const response = await app.request(`/manage/${offer.manage}`, form(body));
      expect(response.status).toBe(200);
    }
    const record = await getOffer(table.deps(), offer.id);
    expect(record).toMatchObject({ status: 'open', beds: 2 });
  });

  it('edits dates and beds, and explains a bad edit beside the field in the page language', async () => {
    const offer = await openOffer();
    const to = daysFromNow(50);
    const saved = await app.request(
      `/manage/${offer.manage}?lang=en`,
      form({ action: 'update', availableFrom: daysFromNow(4), availableTo: to, beds: '5' }),
    );
    expect(await (await followRedirect(app, saved)).text()).toContain('Your changes are saved.');
    expect(await getOffer(table.deps(), offer.id)).toMatchObject({ beds: 5, availableTo: to });

    const refused = await app.request(
      `/manage/${offer.manage}?lang=uk`,
      form({ action: 'update', availableFrom: daysFromNow(4), availableTo: '', beds: '99' }),
    );
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('id="beds-error"');
    expect(html).toContain('Вкажіть не більше 50 місць.');
    expect(html).toContain('href="#beds"');
    expect(html).toContain('value="99"');
    expect(keptRecord(await getOffer(table.deps(), offer.id)).beds).toBe(5);
  });

  it('withdraws with the one button labelled "Withdraw", whose panel says it can’t be undone', async () => {
    const offer = await openOffer();
    const page = await (await app.request(`/manage/${offer.manage}?lang=en`)).text();
    const withdrawButtons = [...page.matchAll(/<button[^>]*value="([^"]+)"[^>]*>([^<]*)</g)].filter((match) =>
      match[2]?.includes('Withdraw'),
    );
    expect(withdrawButtons.map((match) => [match[1], match[2]])).toEqual([['withdraw', 'Withdraw my offer']]);
    expect(page).toContain('This can’t be undone.');
    expect(await status(offer.id)).toBe('open');

    const done = await app.request(`/manage/${offer.manage}?lang=en`, form({ action: 'withdraw' }));
    expect(done.status).toBe(303);
    expect(await status(offer.id)).toBe('closed');
    const after = await (await followRedirect(app, done)).text();
    expect(after).toContain('It is withdrawn.');
    // Only "Delete my data now" is left, and nothing personal is shown any more.
    expect([...after.matchAll(/<button[^>]*value="([^"]+)"/g)].map((match) => match[1])).toEqual(['erase']);
    expect(after).not.toContain('@example.org');
    expect(await status(offer.id)).toBe('closed');

    const again = await app.request(`/manage/${offer.manage}?lang=en`, form({ action: 'pause' }));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('nothing was changed');
  });

  it('lets a seeker change dates and party, then withdraw', async () => {
    const input = requestInput();
    await submitRequest(table.deps(), input, { ...meta, locale: 'uk' });
    const links = linksIn((await lastMailTo(table, input.email)).text);
    await app.request(`/confirm/${links.confirm}`, form({ decision: 'confirm' }));

    const view = await app.request(`/manage/${links.manage}`);
    const html = await view.text();
    expect(html).toContain('<h1>Ваш запит</h1>');
    expect(html).toContain('value="pause"');
    expect(html).toContain('id="adults"');

    await app.request(
      `/manage/${links.manage}`,
      form({ action: 'update', arrival: daysFromNow(6), departure: '', adults: '2', children: '3' }),
    );
    const [edited] = await requestsByEmail(table.deps(), input.email);
    expect(edited).toMatchObject({ adults: 2, children: 3, arrival: daysFromNow(6) });
    expect(edited?.departure).toBeUndefined();

    await app.request(`/manage/${links.manage}`, form({ action: 'withdraw' }));
    const [withdrawn] = await requestsByEmail(table.deps(), input.email);
    expect(withdrawn?.status).toBe('withdrawn');
  });

  it('treats a confirm token on the manage path like any broken link', async () => {
    const offer = await newOffer();
    const response = await app.request(`/manage/${offer.confirm}`);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('can’t be used any more');
    expect((await offersByEmail(table.deps(), offer.email))[0]?.status).toBe('pending');
  });
});
