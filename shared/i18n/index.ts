import { LOCALES, type Locale } from '../domain/records.ts';
import { type Catalog, en, type MessageKey } from './en.ts';
import { ru } from './ru.ts';
import { tr } from './tr.ts';
import { uk } from './uk.ts';

export type { Catalog, MessageKey };
export { LOCALES, type Locale };

export const DEFAULT_LOCALE: Locale = 'en';
export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en, ru, uk, tr };

/** Each language named in itself, for the switcher: a reader finds their own language by its look. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  ru: 'Русский',
  uk: 'Українська',
  tr: 'Türkçe',
};

/** `?lang=` wins when it names a language we speak; anything else in it is ignored, not an error. */
export function parseLocale(value: string | undefined | null): Locale | undefined {
  const wanted = value?.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(wanted ?? '') ? (wanted as Locale) : undefined;
}

/**
 * Picks the reader's language from `Accept-Language` by its q-values (RFC 9110 §12.5.4), matching
 * on the primary subtag so `ru-RU` and `uk-UA` count; ties keep the header's order.
 */
export function localeFromAcceptLanguage(header: string | undefined | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .slice(0, 1000)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('q='));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0 && entry.tag !== '')
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = parseLocale(tag);
    if (locale) return locale;
  }
  return undefined;
}

/** The one rule for choosing a page's language: `?lang=`, else `Accept-Language`, else English. */
export function negotiateLocale(query: string | undefined, acceptLanguage: string | undefined): Locale {
  return parseLocale(query) ?? localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}

export type Params = Readonly<Record<string, string | number>>;

function fill(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export type Translate = (key: MessageKey, params?: Params) => string;

/** A page's translator: the catalog of its locale, falling back to English should a key ever be blank. */
export function translator(locale: Locale): Translate {
  const catalog = CATALOGS[locale];
  return (key, params) => fill(catalog[key] || en[key], params);
}

/** For keys built at run time (a field and an issue code): says whether the catalog knows them. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
