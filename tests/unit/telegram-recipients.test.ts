import { describe, expect, it } from 'vitest';
import { parseRecipient } from '../../shared/domain/mail.ts';
import { noticeFromMail, reachOf, recipientOf } from '../../shared/mail/recipients.ts';

describe('recipients', () => {
  it('send a person who came through the bot to their chat, with their address as the fallback', () => {
    expect(recipientOf({ email: 'a@example.org' })).toEqual(['a@example.org']);
    expect(recipientOf({ email: '', telegramChatId: '42' })).toEqual(['tg:42']);
    expect(recipientOf({ email: 'a@example.org', telegramChatId: '42' })).toEqual(['tg:42|a@example.org']);
    expect(parseRecipient('tg:42|a|b@example.org')).toEqual({
      kind: 'telegram',
      chatId: '42',
      fallback: 'a|b@example.org',
    });
    expect(parseRecipient('tg:-100')).toEqual({ kind: 'telegram', chatId: '-100' });
    expect(parseRecipient('tg@example.org')).toEqual({ kind: 'email', address: 'tg@example.org' });
  });

  it('tell coordinators how to reach a person, with or without an address or a username', () => {
    expect(reachOf({ email: 'a@example.org' })).toBe('a@example.org');
    expect(reachOf({ email: '', telegramChatId: '42', telegramUsername: 'olena_k' })).toBe(
      'Telegram @olena_k',
    );
    expect(reachOf({ email: 'a@example.org', telegramChatId: '42' })).toBe('a@example.org, Telegram');
  });

  it('make a notice of a mail: its links under PUBLIC_URL become buttons, once each', () => {
    const token = 'A'.repeat(43);
    const notice = noticeFromMail(
      {
        subject: 'Haven: still available?',
        text: [
          'Hello',
          '',
          `Yes: https://haven.example.org/availability/yes/${token}?lang=en`,
          'Open: https://haven.example.org/manage/x',
          'Open: https://haven.example.org/manage/x',
          '  Notes: https://haven.example.org/manage/y',
        ].join('\n'),
      },
      '42',
      'https://haven.example.org',
      'Open',
    );
    expect(notice).toEqual({
      chatId: '42',
      text: 'Haven: still available?\n\nHello\n\n  Notes: https://haven.example.org/manage/y',
      buttons: [
        [{ text: 'Yes', callback_data: `av:yes:${token}` }],
        [{ text: 'Open', url: 'https://haven.example.org/manage/x' }],
      ],
    });
  });
});
