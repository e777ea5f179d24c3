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

  it('fit a notice too long for one message by shortening its longest lines, keeping every short one and whole characters', () => {
    const notes = (who: string) => `${who}: ${'Комната на втором этаже 😀 '.repeat(80)}`;
    const text = [
      'A proposal',
      notes('Host notes'),
      notes('Seeker notes'),
      notes('Заметки хозяина'),
      notes('Заметки гостя'),
      'Dates covered: 1.00',
      'Distance: 0.92',
      'Total: 0.83',
      'Approve: https://haven.example.org/proposals/approve/x',
    ].join('\n');
    const notice = noticeFromMail(
      { subject: 'Haven: a proposal', text },
      '42',
      'https://haven.example.org',
      'Open',
    );
    expect(notice.text.length).toBeLessThanOrEqual(4096);
    expect(notice.text.length).toBeGreaterThan(4000);
    for (const line of ['A proposal', 'Dates covered: 1.00', 'Distance: 0.92', 'Total: 0.83'])
      expect(notice.text.split('\n')).toContain(line);
    const shortened = notice.text.split('\n').filter((line) => line.endsWith('…'));
    expect(shortened).toHaveLength(4);
    expect(shortened.some((line) => line.startsWith('Заметки гостя: Комната'))).toBe(true);
    // Half an emoji cannot be encoded: the message would not be sent.
    expect(() => encodeURIComponent(notice.text)).not.toThrow();
    expect(notice.buttons).toEqual([
      [{ text: 'Approve', url: 'https://haven.example.org/proposals/approve/x' }],
    ]);
  });
});
