import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyInitData } from '../../shared/telegram/init-data.ts';
import { signInitData } from '../support/telegram-init-data.ts';

const TOKEN = '7000001:AAE-haven-test-token-0123456789abcdef';
const OTHER_BOT = '7000002:AAE-another-bot-token-0123456789abcd';
const now = new Date('2026-12-01T12:00:00Z');
const user = { id: 424242, username: 'olena_k', language_code: 'uk' };

describe('verifyInitData', () => {
  it('accepts init data Telegram signed for this bot, naming the person and their chat', () => {
    const raw = signInitData(TOKEN, user, new Date(now.getTime() - 3600_000), { signature: 'abc' });
    expect(verifyInitData(raw, TOKEN, now)).toEqual({
      chatId: '424242',
      username: 'olena_k',
      languageCode: 'uk',
    });
  });

  it('refuses init data signed for another bot', () => {
    expect(verifyInitData(signInitData(OTHER_BOT, user, now), TOKEN, now)).toBeUndefined();
  });

  it('refuses init data whose fields were changed after signing', () => {
    const raw = new URLSearchParams(signInitData(TOKEN, user, now));
    raw.set('user', JSON.stringify({ ...user, id: 1 }));
    expect(verifyInitData(raw.toString(), TOKEN, now)).toBeUndefined();
    const hash = raw.get('hash') ?? '';
    raw.set('hash', `${hash.slice(0, -1)}${hash.endsWith('0') ? '1' : '0'}`);
    expect(verifyInitData(raw.toString(), TOKEN, now)).toBeUndefined();
  });

  it('calls genuine init data more than 24 hours old stale, and refuses it from the future', () => {
    const old = signInitData(TOKEN, user, new Date(now.getTime() - 24 * 3600_000 - 1000));
    expect(verifyInitData(old, TOKEN, now)).toBe('stale');
    const justInTime = signInitData(TOKEN, user, new Date(now.getTime() - 24 * 3600_000 + 1000));
    expect(verifyInitData(justInTime, TOKEN, now)).toMatchObject({ chatId: '424242' });
    expect(
      verifyInitData(signInitData(TOKEN, user, new Date(now.getTime() + 3600_000)), TOKEN, now),
    ).toBeUndefined();
  });

  it('refuses old init data that was altered, rather than calling it stale', () => {
    const raw = new URLSearchParams(signInitData(TOKEN, user, new Date(now.getTime() - 48 * 3600_000)));
    raw.set('user', JSON.stringify({ ...user, id: 1 }));
    expect(verifyInitData(raw.toString(), TOKEN, now)).toBeUndefined();
    expect(verifyInitData(signInitData(OTHER_BOT, user, new Date(0)), TOKEN, now)).toBeUndefined();
  });

  it('refuses old signed init data without a date or a user, rather than calling it stale', () => {
    const resign = (params: URLSearchParams) => {
      params.delete('hash');
      const checked = [...params.entries()]
        .map(([k, v]) => `${k}=${v}`)
        .sort()
        .join('\n');
      const secret = createHmac('sha256', 'WebAppData').update(TOKEN).digest();
      params.set('hash', createHmac('sha256', secret).update(checked).digest('hex'));
      return params.toString();
    };
    const undated = new URLSearchParams(signInitData(TOKEN, user, now));
    undated.delete('auth_date');
    expect(verifyInitData(resign(undated), TOKEN, now)).toBeUndefined();
    const nobody = new URLSearchParams(signInitData(TOKEN, user, new Date(now.getTime() - 48 * 3600_000)));
    nobody.set('user', JSON.stringify({ first_name: 'Test' }));
    expect(verifyInitData(resign(nobody), TOKEN, now)).toBeUndefined();
  });

  it.each([
    ['nothing', ''],
    ['no hash', 'auth_date=1&user=%7B%22id%22%3A1%7D'],
    ['a hash that is not hex', 'auth_date=1&hash=zz'],
    ['junk', '%%%&&&==='],
  ])('refuses %s', (_, raw) => {
    expect(verifyInitData(raw, TOKEN, now)).toBeUndefined();
  });

  it('refuses signed init data without a user to write to', () => {
    const params = new URLSearchParams(signInitData(TOKEN, user, now));
    params.delete('user');
    params.delete('hash');
    // Re-sign what is left, as a bot token holder could: there is still nobody to write to.
    const rest = Object.fromEntries(params.entries());
    const checked = Object.entries(rest)
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join('\n');
    const secret = createHmac('sha256', 'WebAppData').update(TOKEN).digest();
    params.set('hash', createHmac('sha256', secret).update(checked).digest('hex'));
    expect(verifyInitData(params.toString(), TOKEN, now)).toBeUndefined();
  });
});
