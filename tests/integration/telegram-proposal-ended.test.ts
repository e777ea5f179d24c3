import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { expireProposal } from '../../shared/approval/expire.ts';
import { offerKey, requestKey } from '../../shared/data/keys.ts';
import { createApp } from '../../shared/http/app.ts';
import { actOnLink } from '../../shared/intake/service.ts';
import { pendingMails } from '../support/outbox.ts';
import { useTestTable } from '../support/table.ts';
import { form, manageLinkFor, type SeededProposal, seedProposal } from './approval-support.ts';

let app: ReturnType<typeof createApp>;

const table = useTestTable();
beforeAll(async () => {
  app = createApp(table.deps());
});

/**
 * A proposal between a host and a seeker who both came through the bot (each with an address
 * too).
 */
const seedInTelegram = (chats: { host?: string; seeker?: string } = { host: '', seeker: '' }) => {
  const suffix = String(Math.floor(Math.random() * 1e9));
  return seedProposal(table, {
    offer: {
      locale: 'tr',
      ...(chats.host === undefined ? {} : { telegramChatId: `71${suffix}` }),
    },
    request: {
      locale: 'ru',
      ...(chats.seeker === undefined ? {} : { telegramChatId: `72${suffix}` }),
    },
  });
};

/** What the outbox holds for each side of the proposal that is not the coordinators' mail. */
async function noticesOf(seeded: SeededProposal) {
  const items = (await pendingMails(table)) as (Awaited<ReturnType<typeof pendingMails>>[number] & {
    chat?: string;
  })[];
  const of = (record: { telegramChatId?: string; email: string }) =>
    items.filter(
      (item) =>
        (record.telegramChatId !== undefined && item.chat === record.telegramChatId) ||
        item.to.includes(record.email),
    );
  return { seeker: of(seeded.request), host: of(seeded.offer) };
}

/** Nothing in a notice names or reaches the other side, or says why. */
function expectNothingPersonal(seeded: SeededProposal, text: string) {
  for (const secret of [
    seeded.offer.name,
    seeded.request.name,
    seeded.offer.email,
    seeded.request.email,
    '+49 30 1234567',
    '+380 67 7654321',
    'Berlin',
  ])
    expect(text).not.toContain(secret);
}

const SEEKER_RU = /^Мы нашли для вас возможный вариант, но в этот раз не сложилось\. Ваш запрос снова открыт/;
const HOST_TR_OPEN =
  /^Yeriniz için uygun olabilecek misafirler bulmuştuk, ancak bu sefer olmadı\.\n\nTeklifiniz yeniden açık/;

describe('a proposal that ends without a placement, told in Telegram', () => {
  it('a decline tells each side’s chat, once, in its language, that its record is open again, and nothing of who or why', async () => {
    const seeded = await seedInTelegram();
    const decline = () =>
      app.request(`/proposals/decline/${seeded.declineToken}`, form({ decision: 'decline' }));
    expect((await decline()).status).toBe(303);
    expect((await decline()).status).toBe(410);
    const { seeker, host } = await noticesOf(seeded);
    expect(seeker.map((item) => [item.template, item.chat, item.locale])).toEqual([
      ['proposal-ended-request', seeded.request.telegramChatId, 'ru'],
    ]);
    expect(host.map((item) => [item.template, item.chat, item.locale])).toEqual([
      ['proposal-ended-offer', seeded.offer.telegramChatId, 'tr'],
    ]);
    expect(seeker[0]?.subject).toBe('Haven: новости по вашему запросу');
    expect(seeker[0]?.text).toMatch(SEEKER_RU);
    expect(host[0]?.subject).toBe('Haven: teklifinizle ilgili bir gelişme');
    expect(host[0]?.text).toMatch(HOST_TR_OPEN);
    for (const item of [...seeker, ...host]) expectNothingPersonal(seeded, `${item.subject}\n${item.text}`);
  });

  it('an expiry tells both chats', async () => {
    const seeded = await seedInTelegram();
    const overdue = table.deps({ now: () => new Date(Date.parse(seeded.proposal.decisionDueAt) + 1000) });
    expect(await expireProposal(overdue, seeded.proposal.id)).toBe('expired');
    expect(await expireProposal(overdue, seeded.proposal.id)).toBe('skipped');
    const { seeker, host } = await noticesOf(seeded);
    expect(seeker.map((item) => item.template)).toEqual(['proposal-ended-request']);
    expect(host.map((item) => item.template)).toEqual(['proposal-ended-offer']);
  });

  it('a cancellation tells only the other side: the seeker when the host withdraws, the host when the seeker does', async () => {
    const byHost = await seedInTelegram();
    expect((await actOnLink(table.deps(), await manageLinkFor(table, byHost.offer), 'withdraw')).done).toBe(
      'withdrawn',
    );
    const afterHost = await noticesOf(byHost);
    expect(afterHost.seeker.map((item) => item.template)).toEqual(['proposal-ended-request']);
    expect(afterHost.host).toEqual([]);

    const bySeeker = await seedInTelegram();
    expect(
      (await actOnLink(table.deps(), await manageLinkFor(table, bySeeker.request), 'withdraw')).done,
    ).toBe('withdrawn');
    const afterSeeker = await noticesOf(bySeeker);
    expect(afterSeeker.seeker).toEqual([]);
    expect(afterSeeker.host.map((item) => item.template)).toEqual(['proposal-ended-offer']);
    expect(afterSeeker.host[0]?.text).toMatch(HOST_TR_OPEN);
  });

  it('a host whose offer is paused hears that it is paused, not open', async () => {
    const seeded = await seedInTelegram();
    // Paused by its host in a way whose own cancellation this proposal escaped (it had no room).
    await table.db.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: offerKey(seeded.offer.id),
        UpdateExpression: 'SET #status = :paused',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':paused': 'paused' },
      }),
    );
    const overdue = table.deps({ now: () => new Date(Date.parse(seeded.proposal.decisionDueAt) + 1000) });
    expect(await expireProposal(overdue, seeded.proposal.id)).toBe('expired');
    const { host } = await noticesOf(seeded);
    expect(host[0]?.text).toContain(
      'Teklifiniz duraklatıldı; siz devam ettirene kadar onu kimseye önermiyoruz.',
    );
    expect(host[0]?.text).not.toContain('Teklifiniz yeniden açık');
  });

  it('tells nobody by email, and nothing to a blocked record', async () => {
    // The host came through the web form: no notice, as the Emails table lists none.
    const web = await seedInTelegram({ seeker: '' });
    expect(
      (await app.request(`/proposals/decline/${web.declineToken}`, form({ decision: 'decline' }))).status,
    ).toBe(303);
    const byWeb = await noticesOf(web);
    expect(byWeb.host).toEqual([]);
    expect(byWeb.seeker.map((item) => item.template)).toEqual(['proposal-ended-request']);

    // The seeker was blocked after the proposal (its cancellation had no room and failed): it
    // expires.
    const blocked = await seedInTelegram();
    await table.db.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: requestKey(blocked.request.id),
        UpdateExpression: 'SET blockedAt = :at',
        ExpressionAttributeValues: { ':at': new Date().toISOString() },
      }),
    );
    const overdue = table.deps({ now: () => new Date(Date.parse(blocked.proposal.decisionDueAt) + 1000) });
    expect(await expireProposal(overdue, blocked.proposal.id)).toBe('expired');
    const byBlock = await noticesOf(blocked);
    expect(byBlock.seeker).toEqual([]);
    expect(byBlock.host.map((item) => item.template)).toEqual(['proposal-ended-offer']);
  });
});
