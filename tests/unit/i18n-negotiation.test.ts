import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, negotiateLocale, parseLocale } from '../../shared/i18n/index.ts';

describe('choosing the language', () => {
  it('takes ?lang= before Accept-Language', () => {
    expect(negotiateLocale('uk', 'ru-RU,ru;q=0.9')).toBe('uk');
  });

  it('ignores an unknown ?lang= and falls back to Accept-Language', () => {
    expect(negotiateLocale('de', 'tr-TR')).toBe('tr');
    expect(negotiateLocale('<script>', 'ru')).toBe('ru');
  });

  it('defaults to English when nothing matches', () => {
    expect(negotiateLocale(undefined, undefined)).toBe('en');
    expect(negotiateLocale(undefined, 'de-DE,fr;q=0.8')).toBe('en');
    expect(negotiateLocale(undefined, '')).toBe('en');
  });

  it('orders Accept-Language by q-value, not by position', () => {
    expect(localeFromAcceptLanguage('en;q=0.3, uk;q=0.9, ru;q=0.8')).toBe('uk');
    expect(localeFromAcceptLanguage('de, tr;q=0.5, ru;q=0.7')).toBe('ru');
  });

  it('keeps header order between equal q-values', () => {
    expect(localeFromAcceptLanguage('ru, uk')).toBe('ru');
    expect(localeFromAcceptLanguage('uk;q=0.8, ru;q=0.8')).toBe('uk');
  });

  it('matches regional tags on their primary subtag, case-insensitively', () => {
    expect(localeFromAcceptLanguage('UK-ua')).toBe('uk');
    expect(parseLocale('tr_TR')).toBe('tr');
  });

  it('skips languages refused with q=0 and survives malformed q-values', () => {
    expect(localeFromAcceptLanguage('ru;q=0, tr;q=0.1')).toBe('tr');
    expect(localeFromAcceptLanguage('ru;q=abc, uk')).toBe('uk');
    expect(localeFromAcceptLanguage(';;;,,,q=1')).toBeUndefined();
    expect(localeFromAcceptLanguage('*')).toBeUndefined();
  });
});
