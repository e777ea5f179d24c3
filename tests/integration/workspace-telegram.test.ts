import { beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../shared/data/audit.ts';
import { emailHash } from '../../shared/data/items.ts';
import { coordinatorKey } from '../../shared/data/keys.ts';
import { createApp } from '../../shared/http/app.ts';
import { submitRequest } from '../../shared/intake/service.ts';
import { useTelegramTable } from '../support/telegram-table.ts';
import { requestInput } from './intake-support.ts';
import { signedInVisitor, type Visitor } from './workspace-support.ts';

const bot = useTelegramTable();
let coordinator: Visitor;

beforeAll(async () => {
  const app = createApp(bot.table.deps());
  coordinator = await signedInVisitor(app, bot.table, 'tr-coordinator@haven.test');
});

const fromTelegram = (chatId: string, username?: string) =>
  submitRequest(bot.table.deps(), requestInput({ email: undefined, name: `Олена ${chatId}` }), {
    locale: 'ru',
    sourceIp: '192.0.2.93',
    via: 'form',
    telegram: { chatId, ...(username ? { username } : {}) },
  });

describe('a person who came through Telegram, in the coordinator workspace', () => {
  it('is found by their @username, in any case, and audited as a Telegram search', async () => {
    const { id } = await fromTelegram('7400000101', 'olena_ws101');
    const html = await (await coordinator.get('/coordinator/search?q=%40OLENA_WS101')).text();
    expect(html).toContain(`/coordinator/requests/${id}`);
    const none = await (await coordinator.get('/coordinator/search?q=%40olena_ws999')).text();
    expect(none).not.toContain('/coordinator/requests/');
    const audit = await auditTrail(
      bot.table.deps(),
      coordinatorKey(emailHash('tr-coordinator@haven.test')).pk,
      50,
    );
    const searches = audit.filter((event) => event.action === 'coordinator.searched');
    expect(searches.at(-1)?.fields).toEqual(['telegram']);
    expect(JSON.stringify(searches)).not.toMatch(/olena_ws/i);
  });

  it('shows their Telegram contact and chat where the email would be, and no empty address', async () => {
    const { id } = await fromTelegram('7400000102', 'olena_ws102');
    const html = await (await coordinator.get(`/coordinator/requests/${id}?lang=en`)).text();
    expect(html).toContain('<a href="https://t.me/olena_ws102" rel="noreferrer">@olena_ws102</a>');
    expect(html).toContain('chat 7400000102');
    expect(html).not.toContain('href="mailto:"');
    const { id: anonymous } = await fromTelegram('7400000103');
    const plain = await (await coordinator.get(`/coordinator/requests/${anonymous}?lang=en`)).text();
    expect(plain).toContain('no username: reachable only through the bot’s chat · chat 7400000103');
  });
});
