import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config.ts';
import type { Deps } from '../../shared/deps.ts';
import { createApp } from '../../shared/http/app.ts';
import { ASSETS } from '../../shared/http/assets/index.ts';
import { waited } from '../../shared/http/pages/coordinator-queue.tsx';
import { DisclosureMarker, pageContext } from '../../shared/http/pages/layout.tsx';
import { LOCALES } from '../../shared/i18n/index.ts';
import { logger } from '../../shared/log.ts';

// These pages never touch the table, so the client is never called.
const deps: Deps = {
  config: loadConfig({
    TABLE_NAME: 'pages-test',
    PUBLIC_URL: 'http://haven.test',
    MAIL_FROM: 'Haven <haven@haven.test>',
    COORDINATORS: '{"*":["c@haven.test"]}',
    MAIL_TRANSPORT: 'directory',
    MAIL_DIR: '/tmp/haven-pages-test',
  }),
  db: {} as Deps['db'],
  now: () => new Date('2026-03-10T12:00:00Z'),
  log: logger,
};
const app = createApp(deps);
const PAGES = ['/', '/offers/new', '/requests/new'];

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await app.request(path, { headers });
  return { response, html: await response.text() };
}

const ids = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));

describe('pages', () => {
  it.each(LOCALES.flatMap((locale) => PAGES.map((path) => [locale, path] as const)))(
    '%s %s renders in its language with a switcher back to itself (or, on a form, posting it)',
    async (locale, path) => {
      const { response, html } = await get(`${path}?lang=${locale}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-language')).toBe(locale);
      expect(html.startsWith(`<!doctype html><html lang="${locale}">`)).toBe(true);
      // A form's switcher posts what was typed so far, so that a change of language loses none of it.
      const form = path.endsWith('/new') ? path.slice(0, -'/new'.length) : undefined;
      for (const other of LOCALES)
        expect(html).toContain(
          form ? `formaction="${form}?switch-language=1&amp;lang=${other}"` : `href="${path}?lang=${other}"`,
        );
      expect(html).toContain(`aria-current="true"`);
      expect(html).not.toMatch(/undefined|\[object|NaN|\{\w+\}/);
    },
  );

  it('chooses the language from Accept-Language when there is no ?lang=', async () => {
    const { html } = await get('/offers/new', { 'accept-language': 'de;q=1, uk;q=0.9, ru;q=0.8' });
    expect(html).toContain('<html lang="uk">');
    expect(html).toContain('Запропонувати житло');
  });

  it('keeps the chosen language in its links and in the form action', async () => {
    const { html: landing } = await get('/?lang=tr');
    expect(landing).toContain('href="/offers/new?lang=tr"');
    expect(landing).toContain('href="/requests/new?lang=tr"');
    const { html: form } = await get('/requests/new?lang=tr');
    expect(form).toContain('action="/requests?lang=tr"');
  });

  it.each(['/offers/new', '/requests/new'])(
    '%s labels every control and links hints by aria-describedby',
    async (path) => {
      const { html } = await get(path);
      const known = ids(html);
      const controls = [...html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)].map((m) => m[2] ?? '');
      expect(controls.length).toBeGreaterThan(10);
      for (const attributes of controls) {
        const id = /\sid="([^"]+)"/.exec(attributes)?.[1];
        expect(id, attributes).toBeDefined();
        expect(html, `label for ${id}`).toContain(`for="${id}"`);
        const described = /aria-describedby="([^"]+)"/.exec(attributes)?.[1];
        for (const ref of described?.split(' ') ?? []) expect(known.has(ref), ref).toBe(true);
      }
    },
  );

  it('offers the forms without JavaScript: a real form that posts, fieldsets with legends', async () => {
    const { html } = await get('/offers/new');
    expect(html).toMatch(/<form id="intake-form" method="post" action="\/offers\?lang=en"/);
    expect(html).toContain('<button type="submit"');
    expect((html.match(/<fieldset/g) ?? []).length).toBe((html.match(/<legend>/g) ?? []).length);
    expect(html).toContain('type="checkbox" id="petsAllowed" name="petsAllowed" value="on"');
    expect(html).toContain('type="date" id="availableFrom" name="availableFrom" value="2026-03-10"');
  });

  it('hides the honeypot from people: not tabbable, not autofilled, not read aloud', async () => {
    const { html } = await get('/requests/new');
    expect(html).toMatch(
      /<div class="hp" aria-hidden="true">.*name="website"[^>]*tabindex="-1"[^>]*autocomplete="off"/,
    );
  });

  it('offers the common destination countries first, named in the reader language', async () => {
    const { html } = await get('/offers/new?lang=ru');
    const common = /<optgroup label="Чаще всего">(.*?)<\/optgroup>/.exec(html)?.[1] ?? '';
    expect([...common.matchAll(/value="(\w\w)"/g)].map((m) => m[1])).toEqual(['TR', 'GE', 'AM', 'KZ', 'RS']);
    expect(common).toContain('>Грузия<');
  });

  it('sends a CSP without unsafe-inline and pages without inline script or style', async () => {
    for (const path of PAGES) {
      const { response, html } = await get(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
      expect(html).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
    }
  });

  it('serves the stylesheet, the script and the icon under hashed URLs with a long cache', async () => {
    for (const asset of Object.values(ASSETS)) {
      const response = await app.request(asset.path);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-type')).toBe(asset.type);
      expect(await response.text()).toBe(asset.body);
    }
    expect((await app.request('/assets/site.000000000000.css')).status).toBe(404);
  });

  it('makes each export link of the queue a whole row to tap: the link, not the item, holds the padding', () => {
    const css = ASSETS.css.body;
    const rule = (selector: string) =>
      new RegExp(`(?:^|\\n)${selector.replaceAll('.', '\\.')} \\{([^}]*)\\}`).exec(css)?.[1] ?? '';
    expect(rule('ul.plain.exports li')).toContain('padding: 0;');
    const link = rule('ul.plain.exports a');
    expect(link).toContain('display: block;');
    expect(link).toContain('min-height: 44px;');
    expect(link).toMatch(/padding: 0\.5rem 0;/);
  });

  it('draws a summary’s triangle as a character in the page, hidden from screen readers, not as CSS content that Safari before 17.4 drops', () => {
    const css = ASSETS.css.body;
    // `content: "▾" / ""` (alternative text) is a declaration older Safari throws away whole.
    expect(css).not.toMatch(/content:[^;]*\//);
    expect(css).not.toMatch(/summary::(?:before|after)/);
    for (const shape of ['▾', '▸'] as const) {
      const marker = String(DisclosureMarker({ shape }));
      expect(marker).toMatch(new RegExp(`^<span class="marker[^"]*" aria-hidden="true">${shape}</span>$`));
    }
    expect(css).toContain('details[open] > summary .marker { transform: rotate(180deg); }');
  });

  it('says how long a queue row has waited as a person would: "just now" in its first minute, then minutes, hours, days', () => {
    const since = '2026-03-10T12:00:00Z';
    const after = (ms: number) => new Date(Date.parse(since) + ms);
    const said = (locale: 'en' | 'ru' | 'uk' | 'tr', ms: number) =>
      waited(since, after(ms), pageContext(locale, '/'));
    expect(LOCALES.map((locale) => said(locale, 59_000))).toEqual([
      'just now',
      'только что',
      'щойно',
      'az önce',
    ]);
    expect(said('en', 5 * 60_000)).toBe('5 min');
    expect(said('ru', 3 * 3_600_000)).toBe('3 ч');
    expect(said('en', 3 * 86_400_000)).toBe('3 days');
  });

  it('answers an unknown address with a page for browsers and JSON for the API and tools', async () => {
    const page = await get('/no-such-page', { 'accept-language': 'tr', accept: 'text/html,*/*;q=0.8' });
    expect(page.response.status).toBe(404);
    expect(page.html).toContain('Sayfa bulunamadı');
    const api = await app.request('/api/v1/no-such-thing');
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({
      error: { code: 'not_found', message: expect.any(String), issues: [] },
    });
  });
});
