import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../../shared/domain/intake.ts';
import { en } from '../../shared/i18n/en.ts';
import { CATALOGS, isMessageKey, LOCALES, translator } from '../../shared/i18n/index.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it.each(LOCALES)('%s has exactly the keys of en, none of them blank', (locale) => {
    const catalog = CATALOGS[locale];
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(catalog)) {
      expect(value.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it.each(LOCALES)('%s keeps every placeholder of the English message', (locale) => {
    for (const [key, value] of Object.entries(en)) {
      expect(placeholders(CATALOGS[locale][key as keyof typeof en]), `${locale} ${key}`).toEqual(
        placeholders(value),
      );
    }
  });

  it.each(LOCALES.filter((locale) => locale !== 'en'))(
    '%s is a translation, not a copy of English',
    (locale) => {
      const same = Object.entries(CATALOGS[locale]).filter(
        ([key, value]) => value === en[key as keyof typeof en] && key !== 'site.name',
      );
      expect(same.map(([key]) => key)).toEqual([]);
    },
  );

  it('has a general message for every issue code intake can report', () => {
    for (const code of ISSUE_CODES) expect(isMessageKey(`issue.${code}`), code).toBe(true);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translator('ru')('inbox.sent', { email: 'a@b.c' })).toBe('Мы отправили письмо на a@b.c.');
    expect(translator('tr')('inbox.sent')).toContain('{email}');
  });
});
