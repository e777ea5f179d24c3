import { beforeAll, describe, expect, it } from 'vitest';
import { offerKey, requestKey } from '../../shared/data/keys.ts';
import { requestPoolCell } from '../../shared/domain/matching/request-cells.ts';
import { createApp } from '../../shared/http/app.ts';
import { actOnLink, submitOffer, submitRequest } from '../../shared/intake/service.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { resolveCity } from '../../shared/places/gazetteer.ts';
import { daysFromNow } from '../support/dates.ts';
import { followRedirect } from '../support/redirects.ts';
import { useTestTable } from '../support/table.ts';
import { readItem } from './approval-support.ts';
import { lastMailTo, linksIn, offerInput, requestInput } from './intake-support.ts';

let app: ReturnType<typeof createApp>;

const table = useTestTable();
beforeAll(async () => {
  app = createApp(table.deps());
});

const meta = { sourceIp: '192.0.2.20', via: 'api' } as const;

async function confirmed(kind: 'offer' | 'request', locale: 'ru' | 'tr', overrides = {}) {
  const input = kind === 'offer' ? offerInput(overrides) : requestInput(overrides);
  const { id } =
    kind === 'offer'
      ? await submitOffer(table.deps(), input, { ...meta, locale })
      : await submitRequest(table.deps(), input, { ...meta, locale });
  const links = linksIn((await lastMailTo(table, input.email)).text);
  await actOnLink(table.deps(), links.confirm, 'confirm');
  return { id, manage: links.manage, email: input.email };
}

/** The edit form as the manage page draws it, filled: the fields a browser sends, with its hidden offs. */
async function editForm(manage: string, lang: string) {
  return editFormIn(await (await app.request(`/manage/${manage}?lang=${lang}`)).text());
}

function editFormIn(html: string) {
  const form = /<form id="edit-form"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
  const fields = new URLSearchParams();
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]+)"/.exec(tag)?.[1];
    if (!name) continue;
    const type = /\btype="([^"]+)"/.exec(tag)?.[1];
    const value = /\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '';
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(tag)) continue;
    fields.append(name, value.replaceAll('&amp;', '&').replaceAll('&quot;', '"'));
  }
  for (const [, name, options] of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields.set(name as string, /<option value="([^"]*)"[^>]*selected/.exec(options as string)?.[1] ?? '');
  }
  for (const [, name, text] of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
    fields.set(name as string, text as string);
  }
  return { html, fields };
}

const post = (manage: string, lang: string, fields: URLSearchParams) =>
  app.request(`/manage/${manage}?lang=${lang}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields,
  });

/** The edit form as drawn, with `changes` typed over it, sent by its save button. */
async function saveEdit(manage: string, lang: string, changes: Record<string, string>) {
  const { fields } = await editForm(manage, lang);
  for (const [name, value] of Object.entries(changes)) fields.set(name, value);
  fields.set('action', 'update');
  return post(manage, lang, fields);
}

describe('the manage page corrects everything a person entered', () => {
  it('shows every field filled in as stored, the city in the reader’s language, and no email field', async () => {
    const offer = await confirmed('offer', 'ru', { notes: 'Второй этаж', hostHousehold: 'family' });
    const { html, fields } = await editForm(offer.manage, 'ru');
    expect(fields.get('name')).toBe('Ayşe Yılmaz');
    expect(fields.get('city')).toBe('Стамбул');
    expect(fields.get('phone')).toBe('+90 555 123 45 67');
    expect(fields.getAll('languages').sort()).toEqual(['en', 'tr']);
    expect(fields.getAll('childrenAllowed')).toEqual(['off', 'on']);
    expect(fields.getAll('petsAllowed')).toEqual(['off']);
    expect(fields.get('hostHousehold')).toBe('family');
    expect(fields.get('notes')).toBe('Второй этаж');
    expect(fields.has('email')).toBe(false);
    expect(html).toContain('<h2 id="edit-title">Изменить предложение</h2>');
  });

  it('saves a full edit of an offer in Turkish: place through the gazetteer, phone, languages, pets, notes, dates, beds, and re-indexes it for matching', async () => {
    const offer = await confirmed('offer', 'tr');
    const before = await readItem(table, offerKey(offer.id));
    const { fields } = await editForm(offer.manage, 'tr');
    fields.set('city', 'Kadikoy');
    fields.set('phone', '+90 532 000 11 22');
    fields.delete('languages');
    fields.append('languages', 'ru');
    fields.set('languagesOther', 'ka');
    fields.append('petsAllowed', 'on');
    fields.set('notes', 'Kedimiz var');
    fields.set('availableFrom', daysFromNow(6));
    fields.set('availableTo', '');
    fields.set('beds', '5');
    fields.set('action', 'update');
    // Two places are called Kadıköy: the edit saves the one the name resolves to, İstanbul's.
    const saved = await post(offer.manage, 'tr', fields);
    expect(saved.headers.get('location')).toBe(`/manage/${offer.manage}?done=updated&lang=tr`);
    expect(await (await followRedirect(app, saved)).text()).toContain('Değişiklikleriniz kaydedildi.');

    const kadikoy = await resolveCity('TR', 'Kadıköy');
    if ('suggestions' in kadikoy) throw new Error('Kadıköy does not resolve');
    const after = await readItem(table, offerKey(offer.id));
    expect(after).toMatchObject({
      city: kadikoy.name,
      lat: kadikoy.lat,
      lon: kadikoy.lon,
      cell: kadikoy.cell,
      phone: '+90 532 000 11 22',
      languages: ['ru', 'ka'],
      petsAllowed: true,
      childrenAllowed: true,
      notes: 'Kedimiz var',
      availableFrom: daysFromNow(6),
      beds: 5,
      name: 'Ayşe Yılmaz',
    });
    expect(after).not.toHaveProperty('availableTo');
    // The pool keys follow the new beds and first night; the item says where it is now.
    expect(after?.gsi1sk).toBe(`05#${daysFromNow(6)}#${offer.id}`);
    expect(after?.gsi3sk).toBe(`05#${daysFromNow(6)}#${offer.id}`);
    expect(before?.gsi1sk).not.toBe(after?.gsi1sk);
  });

  it('sending the form back unchanged changes nothing', async () => {
    const offer = await confirmed('offer', 'ru');
    const before = await readItem(table, offerKey(offer.id));
    const { fields } = await editForm(offer.manage, 'ru');
    fields.set('action', 'update');
    expect((await post(offer.manage, 'ru', fields)).status).toBe(303);
    expect(await readItem(table, offerKey(offer.id))).toEqual(before);
  });

  it('lets a seeker clear the city (anywhere in the country), clear the phone, untick a need and grow the party', async () => {
    const request = await confirmed('request', 'ru', { needsStepFree: true });
    const { fields } = await editForm(request.manage, 'ru');
    fields.set('city', '');
    fields.set('phone', '');
    fields.delete('needsStepFree');
    fields.append('needsStepFree', 'off');
    fields.set('adults', '3');
    fields.set('action', 'update');
    expect((await post(request.manage, 'ru', fields)).status).toBe(303);
    const after = await readItem(table, requestKey(request.id));
    expect(after).toMatchObject({ adults: 3, children: 2, needsStepFree: false, country: 'TR' });
    for (const gone of ['city', 'lat', 'lon', 'cell', 'phone']) expect(after).not.toHaveProperty(gone);
    expect(after?.gsi1pk).toBe('POOL#REQUEST#TR#ANY');
  });

  it('a request moved by its edit into an offer’s reach is matched there: the pool keys follow the place', async () => {
    await confirmed('offer', 'tr', { city: 'Bursa', beds: 4 });
    const request = await confirmed('request', 'ru', { city: 'Ankara', maxDistanceKm: 30 });
    const matcher = createMatchingService(table.deps());
    expect((await matcher.matchRequestIds([request.id])).proposed).toBe(0);
    const { fields } = await editForm(request.manage, 'ru');
    fields.set('city', 'Бурса');
    fields.set('action', 'update');
    expect((await post(request.manage, 'ru', fields)).status).toBe(303);
    const moved = await readItem(table, requestKey(request.id));
    expect(moved?.city).toBe('Bursa');
    expect(moved?.gsi1pk).toBe(
      `POOL#REQUEST#TR#${requestPoolCell({ lat: moved?.lat as number, lon: moved?.lon as number, maxDistanceKm: 30 })}`,
    );
    expect((await matcher.matchRequestIds([request.id])).proposed).toBe(1);
  });

  it('shows every problem at once on the first try: a bad number, dates out of order, an unknown place, an emptied name', async () => {
    const offer = await confirmed('offer', 'ru');
    const { fields } = await editForm(offer.manage, 'ru');
    fields.set('beds', '0');
    fields.set('availableFrom', daysFromNow(20));
    fields.set('availableTo', daysFromNow(10));
    fields.set('city', 'Istanbulx');
    fields.set('name', '');
    fields.set('action', 'update');
    const refused = await post(offer.manage, 'ru', fields);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    for (const field of ['beds', 'availableTo', 'city', 'name']) {
      expect(html, field).toContain(`id="${field}-error"`);
      expect(html, field).toContain(`href="#${field}"`);
    }
    // What was typed stays, and the nearest place is a button.
    expect(html).toContain('value="Istanbulx"');
    expect(html).toMatch(/<button[^>]*class="choice"[^>]*>Стамбул<\/button>/);
    expect((await readItem(table, offerKey(offer.id)))?.beds).toBe(3);
  });

  it('saves a new phone number without its country code as typed, beside which the page has a word for the script to show', async () => {
    const offer = await confirmed('offer', 'tr');
    const { html } = await editForm(offer.manage, 'tr');
    expect(html).toContain('<div id="phone-prompt" role="status" data-text="Bu numarada ülke kodu yok.');
    const saved = await saveEdit(offer.manage, 'tr', { phone: '0555 987 65 43', beds: '4' });
    expect(saved.status).toBe(303);
    expect(await readItem(table, offerKey(offer.id))).toMatchObject({ beds: 4, phone: '0555 987 65 43' });
  });

  it('refuses an edit for its real problems only: a phone without its country code is none', async () => {
    const request = await confirmed('request', 'ru');
    const refused = await saveEdit(request.manage, 'ru', { phone: '067 765 43 21', name: '' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('id="name-error"');
    expect(html).not.toContain('id="phone-error"');
    expect(html).toContain('value="067 765 43 21"');
  });

  it('pressing a suggested place shows the form again with it, saving nothing', async () => {
    const offer = await confirmed('offer', 'ru');
    const { fields } = await editForm(offer.manage, 'ru');
    fields.set('city', 'Istanbulx');
    fields.set('beds', '4');
    const chosen = await app.request(
      `/manage/${offer.manage}?choose-city=${encodeURIComponent('Анкара')}&lang=ru`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: fields,
      },
    );
    expect(chosen.status).toBe(200);
    const html = await chosen.text();
    expect(html).toContain('value="Анкара"');
    expect(html).toContain('id="beds" name="beds" value="4"');
    expect((await readItem(table, offerKey(offer.id)))?.beds).toBe(3);
  });
});

describe('a city name several places share, on the manage page', () => {
  it('saves the place the name resolves to at once, shows it by a name no other place has, and saves another when that name is typed', async () => {
    const offer = await confirmed('offer', 'ru');
    const saved = await saveEdit(offer.manage, 'ru', { city: 'Kemer', beds: '4' });
    expect(saved.status).toBe(303);
    expect(await readItem(table, offerKey(offer.id))).toMatchObject({ city: 'Kemer, Antalya', beds: 4 });
    const { fields } = await editForm(offer.manage, 'ru');
    expect(fields.get('city')).toBe('Кемер, Анталья');

    expect((await saveEdit(offer.manage, 'ru', { city: 'Kemer, Burdur' })).status).toBe(303);
    expect((await readItem(table, offerKey(offer.id)))?.city).toBe('Kemer, Burdur');
  });
});
