import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config.ts';
import { emailHash } from '../../shared/data/items.ts';
import { sessionKey, signInDecoyKey } from '../../shared/data/keys.ts';
import { createApp } from '../../shared/http/app.ts';
import { pendingMails } from '../support/outbox.ts';
import { watchedClient } from '../support/race.ts';
import { testEnv, useTestTable } from '../support/table.ts';
import { csrfIn, signedInVisitor, signInLinkTo, signInMailsTo, Visitor } from './workspace-support.ts';

/** Each test signs in its own coordinator, so per-address limits never cross tests. */
const COORDINATORS = {
  TR: Array.from({ length: 14 }, (_, i) => `tr${i}@haven.test`),
  GE: ['ge@haven.test'],
  '*': ['all@haven.test'],
};
const tr = (i: number) => COORDINATORS.TR[i] as string;

/** How far the app's clock runs ahead of the real one; tests move it to expire things. */
let offset = 0;
const now = () => new Date(Date.now() + offset);
let app: ReturnType<typeof createApp>;

const table = useTestTable({ COORDINATORS: JSON.stringify(COORDINATORS) });
beforeAll(async () => {
  app = createApp(table.deps({ now }));
});

const neutral = (html: string, email: string) => html.replaceAll(email, '<address>');
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('asking for a sign-in link', () => {
  it('answers a stranger exactly as it answers a coordinator, and mails only the coordinator', async () => {
    const stranger = 'stranger@haven.test';
    const [coordinator, strangerVisitor] = [new Visitor(app), new Visitor(app)];
    const forCoordinator = await coordinator.submit('/coordinator/sign-in', '/coordinator/sign-in', {
      email: tr(0),
    });
    const forStranger = await strangerVisitor.submit('/coordinator/sign-in', '/coordinator/sign-in', {
      email: stranger,
    });
    // Post / redirect / get: both go to the same page, which repeats the address typed.
    expect(forCoordinator.status).toBe(303);
    expect(forStranger.status).toBe(303);
    expect(forStranger.headers.get('location')).toBe(forCoordinator.headers.get('location'));
    const [coordinatorPage, strangerPage] = await Promise.all([
      coordinator.get(forCoordinator.headers.get('location') ?? ''),
      strangerVisitor.get(forStranger.headers.get('location') ?? ''),
    ]);
    expect(coordinatorPage.status).toBe(200);
    const coordinatorText = await coordinatorPage.text();
    expect(coordinatorText).toContain(tr(0));
    expect(neutral(await strangerPage.text(), stranger)).toBe(neutral(coordinatorText, tr(0)));
    expect(await signInMailsTo(table, tr(0))).toBe(1);
    expect(await signInMailsTo(table, stranger)).toBe(0);
    const link = await signInLinkTo(table, tr(0));
    expect(link).toMatch(/^\/coordinator\/sign-in\/[A-Za-z0-9_-]{43}$/);
    const mail = (await pendingMails(table)).find((m) => m.template === 'coordinator-sign-in');
    expect(mail?.text).toContain(`http://haven.test${link}`);
  });

  it('makes the same calls to the table, writing items of the same sizes, for a stranger as for a coordinator', async () => {
    // What each call of one POST sends: its command, and for a transaction each item's kind of write and size.
    let calls: string[][] = [];
    const db = watchedClient(table, (command, input) => {
      const items = (input.TransactItems ?? []) as Record<string, { Item?: unknown }>[];
      calls.push([
        command,
        ...items.map((item) => {
          const [write = '', body] = Object.entries(item)[0] ?? [];
          return `${write} ${JSON.stringify(body?.Item ?? {}).length}`;
        }),
      ]);
      return undefined;
    });
    const watched = createApp(table.deps({ now, db }));
    const callsFor = async (email: string) => {
      const visitor = new Visitor(watched);
      const csrf = csrfIn(await (await visitor.get('/coordinator/sign-in')).text());
      calls = [];
      expect((await visitor.post('/coordinator/sign-in', { email, csrf })).status).toBe(303);
      return calls;
    };
    // Addresses of one length, so the same mail to either has the same size.
    const forCoordinator = await callsFor(tr(12));
    const forStranger = await callsFor('st12@haven.test');
    expect(forCoordinator.some(([command]) => command === 'TransactWriteItemsCommand')).toBe(true);
    const shape = (list: string[][]) => list.map((call) => call.map((part) => part.replace(/ \d+$/, '')));
    expect(shape(forStranger)).toEqual(shape(forCoordinator));
    const sizes = (list: string[][]) =>
      list.flatMap((call) => call.slice(1).map((part) => Number(part.split(' ')[1])));
    // A mail's size varies by some tens of bytes with the random link it carries.
    for (const [i, size] of sizes(forStranger).entries()) {
      expect(Math.abs(size / (sizes(forCoordinator)[i] ?? 0) - 1)).toBeLessThan(0.05);
    }
    expect(await signInMailsTo(table, 'st12@haven.test')).toBe(0);
  });

  it("keeps one set of stand-in items per stranger's address, gone with the link it stands in for", async () => {
    const stranger = 'twice@haven.test';
    for (let i = 0; i < 3; i++) {
      await new Visitor(app).submit('/coordinator/sign-in', '/coordinator/sign-in', { email: stranger });
    }
    const { Items = [] } = await table.db.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': signInDecoyKey(emailHash(stranger), 0).pk },
      }),
    );
    expect(Items).toHaveLength(3);
    const latest = Math.ceil(now().getTime() / 1000) + 15 * 60;
    for (const item of Items) {
      expect(item.expiresAt).toBeLessThanOrEqual(latest);
      expect(JSON.stringify(item)).not.toContain(stranger);
    }
    expect(await signInMailsTo(table, stranger)).toBe(0);
  });

  it('finds a coordinator whatever the case and spaces of the typed address', async () => {
    await new Visitor(app).submit('/coordinator/sign-in', '/coordinator/sign-in', {
      email: `  ${tr(1).toUpperCase()} `,
    });
    expect(await signInMailsTo(table, tr(1))).toBe(1);
  });

  it('answers an address longer than any, ending in an emoji the cut would split, as it answers any other', async () => {
    const response = await new Visitor(app).submit('/coordinator/sign-in', '/coordinator/sign-in', {
      email: `${'a'.repeat(253)}😀`,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toContain('/done/sign-in-sent');
  });

  it('refuses a POST without or with a wrong csrf with 403 and sends nothing', async () => {
    const visitor = new Visitor(app);
    await visitor.get('/coordinator/sign-in');
    expect((await visitor.post('/coordinator/sign-in', { email: tr(2) })).status).toBe(403);
    expect((await visitor.post('/coordinator/sign-in', { email: tr(2), csrf: 'x'.repeat(43) })).status).toBe(
      403,
    );
    // A csrf value lifted from someone else's page does not match this browser's cookie.
    const other = csrfIn(await (await new Visitor(app).get('/coordinator/sign-in')).text());
    expect((await visitor.post('/coordinator/sign-in', { email: tr(2), csrf: other })).status).toBe(403);
    expect(await signInMailsTo(table, tr(2))).toBe(0);
  });

  it('stops mailing one address after five requests an hour, with the same answer', async () => {
    const visitor = new Visitor(app);
    const answers: string[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await visitor.submit('/coordinator/sign-in', '/coordinator/sign-in', { email: tr(3) });
      expect(response.status).toBe(303);
      answers.push(await (await visitor.get(response.headers.get('location') ?? '')).text());
    }
    expect(new Set(answers).size).toBe(1);
    expect(await signInMailsTo(table, tr(3))).toBe(5);
  });

  it('refuses the 21st request from one source address within 15 minutes with 429', async () => {
    const visitor = new Visitor(app, '203.0.113.99');
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push(
        (await visitor.submit('/coordinator/sign-in', '/coordinator/sign-in', { email: `n${i}@haven.test` }))
          .status,
      );
    }
    expect(statuses.every((status) => status === 303)).toBe(true);
    const refused = await visitor.submit('/coordinator/sign-in', '/coordinator/sign-in?lang=ru', {
      email: 'n20@haven.test',
    });
    expect(refused.status).toBe(429);
    // A coordinator asked to sign in; the page for too many forms («анкет») would not say why.
    const page = await refused.text();
    expect(page).toContain('слишком много попыток входа');
    expect(page).not.toContain('анкет');
  });
});

describe('the sign-in link', () => {
  async function linkFor(email: string) {
    await new Visitor(app).submit('/coordinator/sign-in', '/coordinator/sign-in', { email });
    return (await signInLinkTo(table, email)) as string;
  }

  it('GET shows one button and spends nothing; the POST with it starts a session and answers 303', async () => {
    const link = await linkFor(tr(4));
    const visitor = new Visitor(app);
    for (let i = 0; i < 2; i++) {
      const page = await visitor.get(link);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      const html = await page.text();
      expect(html.match(/<button /g)).toHaveLength(1);
    }
    const started = await visitor.submit(link, link, { 'sign-in': 'start' });
    expect(started.status).toBe(303);
    expect(started.headers.get('location')).toBe('/coordinator?lang=en');
    const cookie = visitor.setCookies.find((line) => line.startsWith('haven-session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(Number(/Max-Age=(\d+)/.exec(cookie ?? '')?.[1])).toBeLessThanOrEqual(12 * 3600);
    const workspace = await visitor.get('/coordinator');
    expect(workspace.status).toBe(200);
    expect(await workspace.text()).toContain(tr(4));
  });

  it('opens in the language the coordinator asked in, and leads to the queue in it, whatever the browser says', async () => {
    const asked = new Visitor(app);
    await asked.submit('/coordinator/sign-in?lang=uk', '/coordinator/sign-in?lang=uk', { email: tr(13) });
    const mail = (await pendingMails(table)).find(
      (m) => m.template === 'coordinator-sign-in' && m.to.includes(tr(13)),
    );
    const link = new URL(/https?:\/\/\S+\/coordinator\/sign-in\/\S+/.exec(mail?.text ?? '')?.[0] ?? '');
    expect(link.searchParams.get('lang')).toBe('uk');
    // Another device, whose browser names no language: without the link's, the page would be English.
    const visitor = new Visitor(app);
    const path = `${link.pathname}${link.search}`;
    const page = await visitor.get(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Вхід до кабінету');
    const started = await visitor.submit(path, path, { 'sign-in': 'start' });
    expect(started.headers.get('location')).toBe('/coordinator?lang=uk');
  });

  it('keeps only the hash of the session value in the table', async () => {
    const visitor = await signedInVisitor(app, table, tr(5));
    const raw = visitor.cookies.get('haven-session') as string;
    const { Item } = await table.db.send(
      new GetCommand({ TableName: table.tableName, Key: sessionKey(sha256(raw)) }),
    );
    expect(Item?.email).toBe(tr(5));
    expect(JSON.stringify(Item)).not.toContain(raw);
    expect(Item?.expiresAt).toBeLessThanOrEqual(Math.ceil(now().getTime() / 1000) + 12 * 3600);
  });

  it('a POST without the button value changes nothing and the link still works', async () => {
    const link = await linkFor(tr(6));
    const visitor = new Visitor(app);
    const pressed = await visitor.submit(link, link, {});
    expect(pressed.status).toBe(400);
    expect(visitor.cookies.has('haven-session')).toBe(false);
    expect((await visitor.submit(link, link, { 'sign-in': 'start' })).status).toBe(303);
  });

  it('a POST with the button but without or with a wrong csrf is 403 and starts nothing', async () => {
    const link = await linkFor(tr(7));
    const visitor = new Visitor(app);
    await visitor.get(link);
    expect((await visitor.post(link, { 'sign-in': 'start' })).status).toBe(403);
    expect((await visitor.post(link, { 'sign-in': 'start', csrf: 'wrong' })).status).toBe(403);
    expect(visitor.cookies.has('haven-session')).toBe(false);
    expect((await visitor.submit(link, link, { 'sign-in': 'start' })).status).toBe(303);
  });

  it('replayed, expired and altered links all show the same neutral page and start nothing', async () => {
    const used = await linkFor(tr(8));
    await new Visitor(app).submit(used, used, { 'sign-in': 'start' });
    const expiring = await linkFor(tr(9));
    const altered = `${used.slice(0, -1)}${used.endsWith('A') ? 'B' : 'A'}`;
    const pages: string[] = [];
    const visitor = new Visitor(app);
    await visitor.get('/coordinator/sign-in');
    offset += 16 * 60_000;
    try {
      for (const link of [used, expiring, altered, '/coordinator/sign-in/short']) {
        const page = await visitor.get(link);
        expect(page.status).toBe(410);
        pages.push(await page.text());
        const csrf = visitor.cookies.get('haven-csrf') ?? '';
        const post = await visitor.post(link, { 'sign-in': 'start', csrf });
        expect(post.status).toBe(410);
        expect(visitor.cookies.has('haven-session')).toBe(false);
      }
    } finally {
      offset -= 16 * 60_000;
    }
    expect(new Set(pages).size).toBe(1);
    // A coordinator holds it: it says to ask for a new one, not to look after an offer or a request.
    expect(pages[0]).toContain('Ask for a new one on the sign-in page.');
    expect(pages[0]).toContain('href="/coordinator/sign-in?lang=en"');
    expect(pages[0]).not.toContain('your offer or request');
  });
});

describe('the session', () => {
  it('GET /coordinator without a session answers 303 to the sign-in page', async () => {
    const response = await app.request('/coordinator');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/coordinator/sign-in');
    const inTurkish = await app.request('/coordinator/requests?lang=tr');
    expect(inTurkish.headers.get('location')).toBe('/coordinator/sign-in?lang=tr');
  });

  it('a forged cookie goes back to sign-in', async () => {
    const visitor = new Visitor(app);
    visitor.cookies.set('haven-session', 'A'.repeat(43));
    expect((await visitor.get('/coordinator')).status).toBe(303);
    visitor.cookies.set('haven-session', 'not-even-a-token');
    expect((await visitor.get('/coordinator')).status).toBe(303);
  });

  it('ends twelve hours after the sign-in however busy, and after two idle hours (use keeps it alive)', async () => {
    const busy = await signedInVisitor(app, table, tr(10));
    try {
      for (let hour = 1; hour < 12; hour++) {
        offset = hour * 3_600_000;
        expect((await busy.get('/coordinator')).status).toBe(200);
      }
      offset = 12 * 3_600_000;
      expect((await busy.get('/coordinator')).status).toBe(303);
      offset = 0;
      const idle = await signedInVisitor(app, table, tr(11));
      offset = 2 * 3_600_000 - 60_000;
      expect((await idle.get('/coordinator')).status).toBe(200);
      offset = 4 * 3_600_000 - 120_000;
      expect((await idle.get('/coordinator')).status).toBe(200);
      offset = 6 * 3_600_000;
      expect((await idle.get('/coordinator')).status).toBe(303);
    } finally {
      offset = 0;
    }
  });

  it('sign-out ends it on the server: a copy of the old cookie opens nothing', async () => {
    const visitor = await signedInVisitor(app, table, 'ge@haven.test');
    const copy = new Visitor(app);
    copy.cookies.set('haven-session', visitor.cookies.get('haven-session') as string);
    expect((await copy.get('/coordinator')).status).toBe(200);
    const out = await visitor.submit('/coordinator', '/coordinator/sign-out', {});
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toMatch(/^\/coordinator\/sign-in/);
    expect((await copy.get('/coordinator')).status).toBe(303);
  });

  it('sign-out without or with a wrong csrf is 403 and the session lives on', async () => {
    const visitor = await signedInVisitor(app, table, 'all@haven.test');
    expect((await visitor.post('/coordinator/sign-out', {})).status).toBe(403);
    expect((await visitor.post('/coordinator/sign-out', { csrf: 'A'.repeat(43) })).status).toBe(403);
    expect((await visitor.post('/coordinator/anything', { csrf: 'A'.repeat(43) })).status).toBe(403);
    expect((await visitor.get('/coordinator')).status).toBe(200);
  });

  it('ends at the next request once the address is no longer in COORDINATORS', async () => {
    const visitor = await signedInVisitor(app, table, 'all@haven.test');
    const without = { ...COORDINATORS, '*': ['someone-else@haven.test'] };
    const config = loadConfig(testEnv(table.tableName, { COORDINATORS: JSON.stringify(without) }));
    const redeployed = createApp(table.deps({ config, now }));
    const raw = visitor.cookies.get('haven-session') as string;
    const response = await redeployed.request('/coordinator', {
      headers: { cookie: `haven-session=${raw}` },
    });
    expect(response.status).toBe(303);
    expect((await visitor.get('/coordinator')).status).toBe(303);
  });

  it('over https the cookies are Secure and carry the __Host- prefix', async () => {
    const config = loadConfig(
      testEnv(table.tableName, {
        COORDINATORS: JSON.stringify(COORDINATORS),
        PUBLIC_URL: 'https://haven.example',
      }),
    );
    const secureApp = createApp(table.deps({ config, now }));
    const visitor = new Visitor(secureApp);
    await visitor.submit('/coordinator/sign-in', '/coordinator/sign-in', { email: 'ge@haven.test' });
    const link = (await signInLinkTo(table, 'ge@haven.test')) as string;
    await visitor.submit(link, link, { 'sign-in': 'start' });
    const session = visitor.setCookies.find((line) => line.startsWith('__Host-haven-session='));
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; Path=\//);
    expect(session).not.toMatch(/Domain=/);
    expect(visitor.setCookies.find((line) => line.startsWith('__Host-haven-csrf='))).toMatch(/; Secure/);
    expect((await visitor.get('/coordinator')).status).toBe(200);
  });
});
