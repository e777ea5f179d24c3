import { describe, expect, it } from 'vitest';
import { TYPING_CHECKS_JS } from '../../shared/http/assets/typing-checks-js.ts';

/** The checks as the browser runs them: the script's own source, evaluated. */
const { likelyMeant, lacksCountryCode } = new Function(
  `${TYPING_CHECKS_JS}\nreturn { likelyMeant: likelyMeant, lacksCountryCode: lacksCountryCode };`,
)() as { likelyMeant: (email: string) => string; lacksCountryCode: (phone: string) => boolean };

describe('the address the person probably meant', () => {
  it.each([
    ['olena@gmial.com', 'olena@gmail.com'],
    ['ayse@hotmial.com', 'ayse@hotmail.com'],
    ['ivan@yandex.rru', 'ivan@yandex.ru'],
    ['oksana@ukr.nte', 'oksana@ukr.net'],
    [' Anna@GMAIL.CMO ', 'Anna@gmail.com'],
    ['a+b@outlok.com.tr', 'a+b@outlook.com.tr'],
  ])('suggests %s → %s', (typed, meant) => {
    expect(likelyMeant(typed)).toBe(meant);
  });

  it.each([
    'olena@gmail.com',
    'ivan@ya.ru',
    'ivan@xy.ru',
    'someone@haven.test',
    'no-at-sign',
    '@gmial.com',
    'olena@',
  ])('leaves %s alone: right, rare or not an address', (typed) => {
    expect(likelyMeant(typed)).toBe('');
  });

  it('puts the address into the wording with any character the address holds', () => {
    const meant = likelyMeant('a$&b@gmial.com');
    expect('Did you mean #?'.replace('#', () => meant)).toBe('Did you mean a$&b@gmail.com?');
  });
});

describe('a phone number without its country code', () => {
  it.each([
    ['0532 123 45 67', true],
    ['532 123 45 67', true],
    ['+90 532 123 45 67', false],
    ['0090 532 123 45 67', false],
    ['  +380 67 123 4567', false],
    ['', false],
    ['   ', false],
  ])('%j lacks it: %s', (phone, lacks) => {
    expect(lacksCountryCode(phone)).toBe(lacks);
  });
});
