import { describe, expect, it } from 'vitest';
import { looksLikePhone, normalisePhone, phoneSearchForms } from '../../shared/domain/phone.ts';

describe('phone numbers as the search compares them', () => {
  it('writes a number valid in the record’s country, with or without its country code, as E.164', () => {
    for (const written of ['0532 123 45 67', '+90 532 123 45 67', '0090 532 1234567', '(0532) 123-45-67']) {
      expect(normalisePhone(written, 'TR')).toBe('+905321234567');
    }
    expect(normalisePhone('8 701 123 4567', 'KZ')).toBe('+77011234567');
    expect(normalisePhone('+380 67 123 4567', 'TR')).toBe('+380671234567');
  });

  it('keeps the bare digits of a number it cannot place, so the same typing still finds it', () => {
    expect(normalisePhone('067 123 4567', 'TR')).toBe('0671234567');
    expect(phoneSearchForms('067-123-4567', ['TR'])).toContain('0671234567');
    expect(normalisePhone('0532 123 45 67', 'ZZ')).toBe('05321234567');
  });

  it('tries the number in each of the coordinator’s countries', () => {
    expect(phoneSearchForms('0532 123 45 67', ['GE', 'TR'])).toContain('+905321234567');
    expect(phoneSearchForms('+90 532 123 45 67', [])).toEqual(['+905321234567']);
  });

  it('tells a phone number from an address or a reference', () => {
    expect(looksLikePhone('+90 532 123 45 67')).toBe(true);
    expect(looksLikePhone('0532-123-45-67')).toBe(true);
    expect(looksLikePhone('someone@example.org')).toBe(false);
    expect(looksLikePhone('3f2a9c1e-1b2c-4d5e-8f90-123456789abc')).toBe(false);
    expect(looksLikePhone('12345')).toBe(false);
  });
});
