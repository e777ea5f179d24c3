import { describe, expect, it } from 'vitest';
import { requestKey } from '../../shared/data/keys.ts';
import { offersByEmail } from '../../shared/data/offers.ts';
import {
  type RateLimit,
  SUBMIT_PER_EMAIL,
  SUBMIT_PER_IP,
  takeRateLimit,
} from '../../shared/data/rate-limits.ts';
import { requestsByEmail } from '../../shared/data/requests.ts';
import { mailboxOf } from '../../shared/domain/email-address.ts';
import { TooManyRequests, ValidationError } from '../../shared/domain/errors.ts';
import { HONEYPOT_FIELD } from '../../shared/domain/intake.ts';
import type { RequestRecord } from '../../shared/domain/records.ts';
import { createApp } from '../../shared/http/app.ts';
import { actOnLink, submitOffer, submitRequest } from '../../shared/intake/service.ts';
import { daysFromNow } from '../support/dates.ts';
import { pendingMails } from '../support/outbox.ts';
import { followRedirect } from '../support/redirects.ts';
import { useTestTable } from '../support/table.ts';
import { form, readItem, seedProposal } from './approval-support.ts';
import { allItems, lastMailTo, linksIn, offerInput, requestInput } from './intake-support.ts';

let ipCounter = 0;
const nextIp = () => `198.51.100.${++ipCounter % 250}`;
const meta = () => ({ locale: 'en' as const, via: 'api' as const, sourceIp: nextIp() });

const table = useTestTable();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('no answer tells whether an address already has a record', () => {
  const app = () => createApp(table.deps());
  const postJson = async (path: string, body: unknown) => {
    const response = await app().request(
      `http://localhost${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      { requestContext: { http: { sourceIp: nextIp() } } },
    );
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const postForm = async (path: string, fields: Record<string, string>) => {
    const response = await app().request(
      `http://localhost${path}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
      },
      { requestContext: { http: { sourceIp: nextIp() } } },
    );
    // What the person sees: the page the answer leads to, with the cookies it set.
    const shown = response.status === 303 ? await followRedirect(app(), response) : response;
    return { status: response.status, html: await shown.text() };
  };

  it('answers a duplicate request exactly as a new one, with an id that names nothing stored, in every state', async () => {
    const email = `known-${Date.now()}@example.org`;
    const created = await postJson('/api/v1/requests', requestInput({ email }));
    expect(created.status).toBe(201);
    expect(Object.keys(created.json).sort()).toEqual(['id', 'status']);
    expect(created.json.status).toBe('pending');
    const [stored] = await requestsByEmail(table.deps(), email);
    expect(stored?.id).toBe(created.json.id);

    const duplicate = () => postJson('/api/v1/requests', requestInput({ email, arrival: daysFromNow(6) }));
    const whilePending = await duplicate();
    await actOnLink(table.deps(), linksIn((await lastMailTo(table, email)).text).confirm, 'confirm');
    const whileOpen = await duplicate();
    const fresh = await postJson('/api/v1/requests', requestInput());
    for (const answer of [whilePending, whileOpen]) {
      expect(answer.status).toBe(fresh.status);
      expect(Object.keys(answer.json).sort()).toEqual(Object.keys(fresh.json).sort());
      expect(answer.json.status).toBe(fresh.json.status);
      expect(answer.json.id).toMatch(UUID);
      expect(answer.json.id).not.toBe(stored?.id);
    }
    expect(whilePending.json.id).not.toBe(whileOpen.json.id);
    // The made-up ids are in no item: they cannot be used to look anything up.
    const everything = JSON.stringify(await allItems(table));
    expect(everything).not.toContain(String(whilePending.json.id));
    expect(everything).not.toContain(String(whileOpen.json.id));
  });

  it('answers a duplicate offer exactly as a new one', async () => {
    const email = `known-host-${Date.now()}@example.org`;
    const first = await postJson('/api/v1/offers', offerInput({ email }));
    const again = await postJson('/api/v1/offers', offerInput({ email, beds: 5 }));
    expect(again.status).toBe(first.status);
    expect(again.json.status).toBe(first.json.status);
    expect(again.json.id).toMatch(UUID);
    expect(again.json.id).not.toBe(first.json.id);
    expect(await offersByEmail(table.deps(), email)).toHaveLength(1);
  });

  it('shows the same page for a duplicate form submission as for a new one', async () => {
    const form = (email: string) => ({
      name: 'Olena',
      email,
      country: 'TR',
      city: 'Istanbul',
      languages: 'uk',
      arrival: daysFromNow(5),
      adults: '1',
      children: '0',
    });
    const email = `known-form-${Date.now()}@example.org`;
    const first = await postForm('/requests', form(email));
    const again = await postForm('/requests', form(email));
    const other = `other-form-${Date.now()}@example.org`;
    const fresh = await postForm('/requests', form(other));
    expect(first.status).toBe(303);
    expect(first.html).toContain(email);
    expect(await requestsByEmail(table.deps(), email)).toHaveLength(1);
    expect(again.status).toBe(first.status);
    expect(again.html).toBe(first.html);
    expect(fresh.html.replaceAll(other, email)).toBe(first.html);
  });
});

describe('limits that a bot cannot step around', () => {
  // A frozen clock keeps every submission in one fixed window, whenever the test runs.
  const frozen = () => {
    const at = new Date();
    return table.deps({ now: () => at });
  };

  it('counts one mailbox however its address is spelt: case, +tags, Gmail’s dots and googlemail.com', async () => {
    const deps = frozen();
    const user = `ana.lima${Date.now()}`;
    const spellings = [
      `${user}@gmail.com`,
      `${user.toUpperCase()}@Gmail.com`,
      `${user}+haven@gmail.com`,
      `${user.replaceAll('.', '')}@googlemail.com`,
      `${user.replace('a', 'a.')}+x@GOOGLEMAIL.COM`,
    ];
    expect(new Set(spellings.map(mailboxOf)).size).toBe(1);
    expect(spellings).toHaveLength(SUBMIT_PER_EMAIL.limit);
    for (const [i, email] of spellings.entries()) {
      await submitRequest(deps, requestInput({ email, arrival: daysFromNow(2 + 3 * i) }), meta());
    }
    const another = `${user.replace('l', 'l.')}+again@gmail.com`;
    // Refused for the mailbox, so the page says so rather than "from this network".
    await expect(submitRequest(deps, requestInput({ email: another }), meta())).rejects.toMatchObject({
      name: 'TooManyRequests',
      counted: 'mailbox-submissions',
    });
    // Elsewhere dots are part of the mailbox: another address, another count.
    await expect(
      submitRequest(deps, requestInput({ email: `${user}@example.org` }), meta()),
    ).resolves.toBeDefined();
  });

  it('refuses a source address whose limit is used up before searching the gazetteer, and a filled honeypot costs nothing', async () => {
    const deps = frozen();
    const sourceIp = '192.0.2.99';
    for (let i = 0; i < SUBMIT_PER_IP.limit - 1; i++) {
      await expect(
        submitRequest(deps, requestInput({ city: 'Nowhereville' }), { ...meta(), sourceIp }),
      ).rejects.toThrow(ValidationError);
    }
    await submitRequest(deps, { ...requestInput(), [HONEYPOT_FIELD]: 'x' }, { ...meta(), sourceIp });
    await submitRequest(deps, requestInput(), { ...meta(), sourceIp });
    // Were the place looked up first, this would answer with suggestions instead.
    await expect(
      submitRequest(deps, requestInput({ city: 'Nowhereville' }), { ...meta(), sourceIp }),
    ).rejects.toThrow(TooManyRequests);
  });
});

describe('the hourly cap on confirmation mail to unconfirmed addresses', () => {
  const capped = useTestTable({ CONFIRM_MAILS_PER_HOUR: '3' });

  it('counts mail to unconfirmed addresses only, and once full turns every submission away alike', async () => {
    const at = new Date();
    const deps = capped.deps({ now: () => at });
    const known = `capped-known-${Date.now()}@example.org`;
    await submitOffer(deps, offerInput({ email: known }), meta());
    await actOnLink(deps, linksIn((await lastMailTo(capped, known)).text).confirm, 'confirm');
    // Changes for a confirmed address go to an inbox that asked for mail before: not counted.
    await submitOffer(deps, offerInput({ email: known, beds: 4 }), meta());
    await submitOffer(deps, offerInput({ email: known, beds: 5 }), meta());
    await submitRequest(deps, requestInput(), meta());
    await submitRequest(deps, requestInput(), meta());

    const error = await submitRequest(deps, requestInput(), meta()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequests);
    expect((error as TooManyRequests).retryAfterSeconds).toBeGreaterThan(0);
    // Everyone's forms filled it, not this sender's: the page must not say "from here".
    expect((error as TooManyRequests).counted).toBe('all-submissions');
    // A known address is refused too: otherwise the refusal would tell which addresses are known.
    await expect(submitOffer(deps, offerInput({ email: known, beds: 6 }), meta())).rejects.toThrow(
      TooManyRequests,
    );
    const confirmMails = (await pendingMails(capped)).filter((mail) => mail.template.startsWith('confirm-'));
    expect(confirmMails).toHaveLength(5);

    const nextHour = capped.deps({ now: () => new Date(at.getTime() + 3600_000) });
    await expect(submitRequest(nextHour, requestInput(), meta())).resolves.toMatchObject({
      status: 'pending',
    });
  });
});

describe('the hourly cap on confirmation mail with a full source address or mailbox', () => {
  const capped = useTestTable({ CONFIRM_MAILS_PER_HOUR: '3' });

  /** What the person is shown for a refusal: which page, its message and when to try again. */
  const refusalOf = async (submitted: Promise<unknown>) => {
    const error = await submitted.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TooManyRequests);
    const { counted, message, retryAfterSeconds } = error as TooManyRequests;
    return { counted, message, retryAfterSeconds };
  };

  it('refuses a full source address and a full mailbox alike for an address with no record, a pending, a confirmed and a placed one', async () => {
    const at = new Date();
    const deps = capped.deps({ now: () => at });
    /** Uses up a window to its limit, whatever it held already. */
    const fill = async (rule: RateLimit, subject: string) => {
      for (let i = 0; i <= rule.limit; i++) {
        const full = await takeRateLimit(deps, rule, subject).then(
          () => false,
          (error: unknown) => {
            if (error instanceof TooManyRequests) return true;
            throw error;
          },
        );
        if (full) return;
      }
      throw new Error(`${rule.scope} never filled`);
    };

    const none = `capped-none-${Date.now()}@example.org`;
    const pending = `capped-pending-${Date.now()}@example.org`;
    const confirmed = `capped-confirmed-${Date.now()}@example.org`;
    await submitRequest(deps, requestInput({ email: pending }), meta());
    await submitRequest(deps, requestInput({ email: confirmed }), meta());
    await actOnLink(deps, linksIn((await lastMailTo(capped, confirmed)).text).confirm, 'confirm');
    // Placed as in production: the coordinator's approve link of a proposal.
    const seeded = await seedProposal(capped, { deps });
    const approved = await createApp(deps).request(
      `/proposals/approve/${seeded.approveToken}`,
      form({ decision: 'approve' }),
    );
    expect(approved.status).toBe(303);
    const placed = (await readItem(capped, requestKey(seeded.request.id))) as unknown as RequestRecord;
    expect(placed.status).toBe('placed');
    // The third confirmation mail fills the cap: the next new address is refused for it.
    await submitRequest(deps, requestInput(), meta());
    expect(await refusalOf(submitRequest(deps, requestInput(), meta()))).toMatchObject({
      counted: 'all-submissions',
    });
    const addresses = [none, pending, confirmed, placed.email];

    const sourceIp = '192.0.2.77';
    await fill(SUBMIT_PER_IP, sourceIp);
    const fromFullSource: Awaited<ReturnType<typeof refusalOf>>[] = [];
    for (const email of addresses) {
      fromFullSource.push(
        await refusalOf(submitRequest(deps, requestInput({ email }), { ...meta(), sourceIp })),
      );
    }
    expect(fromFullSource[0]?.counted).toBe('submissions');
    for (const refusal of fromFullSource) expect(refusal).toStrictEqual(fromFullSource[0]);

    const forFullMailbox: Awaited<ReturnType<typeof refusalOf>>[] = [];
    for (const email of addresses) {
      await fill(SUBMIT_PER_EMAIL, mailboxOf(email));
      forFullMailbox.push(await refusalOf(submitRequest(deps, requestInput({ email }), meta())));
    }
    expect(forFullMailbox[0]?.counted).toBe('mailbox-submissions');
    for (const refusal of forFullMailbox) expect(refusal).toStrictEqual(forFullMailbox[0]);
  });
});

describe('the hourly cap on confirmation mail under a surge', () => {
  const capped = useTestTable({ CONFIRM_MAILS_PER_HOUR: '20' });

  it('lets exactly the cap through when many submissions race for its last places, and refuses the rest', async () => {
    const deps = capped.deps();
    const results = await Promise.allSettled(
      Array.from({ length: 32 }, () => submitRequest(deps, requestInput(), meta())),
    );

    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    expect(refused).toHaveLength(12);
    for (const result of refused) expect(result.reason).toBeInstanceOf(TooManyRequests);
    const confirmMails = (await pendingMails(capped)).filter((mail) => mail.template.startsWith('confirm-'));
    expect(confirmMails).toHaveLength(20);
  });
});

describe('the honeypot on the JSON API', () => {
  it('is documented, and a filled one answers 201 like any submission while storing and mailing nothing', async () => {
    const app = createApp(table.deps());
    const document = (await (await app.request('http://localhost/api/v1/openapi.json')).json()) as {
      components: { schemas: Record<string, { properties: Record<string, { description?: string }> }> };
    };
    for (const schema of ['OfferInput', 'RequestInput']) {
      expect(document.components.schemas[schema]?.properties[HONEYPOT_FIELD]?.description).toMatch(/empty/);
    }
    const input = requestInput();
    const response = await app.request(
      'http://localhost/api/v1/requests',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...input, [HONEYPOT_FIELD]: 'https://spam.example' }),
      },
      { requestContext: { http: { sourceIp: nextIp() } } },
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: expect.stringMatching(UUID), status: 'pending' });
    expect(await requestsByEmail(table.deps(), input.email)).toEqual([]);
    expect((await pendingMails(table)).filter((mail) => mail.to.includes(input.email))).toEqual([]);
  });
});
