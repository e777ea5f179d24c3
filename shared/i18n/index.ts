import { LOCALES, type Locale } from '../domain/records.ts';
import { type Catalog, en, type MessageKey } from './en.ts';
import { formatCount, pluralCategory } from './format.ts';
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

/** The language a caller names, if one of ours: `?lang=`, else `Accept-Language`. */
export function namedLocale(
  query: string | undefined,
  acceptLanguage: string | undefined,
): Locale | undefined {
  return parseLocale(query) ?? localeFromAcceptLanguage(acceptLanguage);
}

/** The one rule for choosing a page's language: the one the caller names (namedLocale), else English. */
export function negotiateLocale(query: string | undefined, acceptLanguage: string | undefined): Locale {
  return namedLocale(query, acceptLanguage) ?? DEFAULT_LOCALE;
}

export type Params = Readonly<Record<string, string | number>>;

/** The closing brace that matches the opening one at `open`, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    if (text[index] === '{') depth += 1;
    else if (text[index] === '}') {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return -1;
}

/** `one {# child} other {# children}` as a map from plural category (or `=0`) to its text. */
function pluralForms(body: string): Map<string, string> {
  const forms = new Map<string, string>();
  const selector = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/y;
  let at = 0;
  while (at < body.length) {
    selector.lastIndex = at;
    const match = selector.exec(body);
    if (!match?.[1]) break;
    const open = selector.lastIndex - 1;
    const close = closingBrace(body, open);
    if (close < 0) break;
    forms.set(match[1], body.slice(open + 1, close));
    at = close + 1;
  }
  return forms;
}

/**
 * The one way a message gets its values: `{name}` is replaced by the value, and
 * `{count, plural, one {# child} other {# children}}` picks the form `Intl.PluralRules` names for
 * the locale (with `#` the number as the locale writes it), so "1 children" cannot happen in any
 * language. An unknown placeholder stays visible rather than vanishing.
 */
export function fill(template: string, params: Params | undefined, locale: Locale = DEFAULT_LOCALE): string {
  if (!params) return template;
  let out = '';
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf('{', at);
    if (open < 0) break;
    out += template.slice(at, open);
    const close = closingBrace(template, open);
    if (close < 0) {
      at = open;
      break;
    }
    const inner = template.slice(open + 1, close);
    const plural = /^(\w+),\s*plural,(.*)$/s.exec(inner);
    const value = params[plural?.[1] ?? inner];
    if (plural?.[1] && plural[2] !== undefined && typeof value === 'number') {
      const forms = pluralForms(plural[2]);
      const form =
        forms.get(`=${value}`) ?? forms.get(pluralCategory(value, locale)) ?? forms.get('other') ?? '';
      out += fill(form.replaceAll('#', formatCount(value, locale)), params, locale);
    } else if (!plural && /^\w+$/.test(inner) && value !== undefined) {
      out += String(value);
    } else {
      out += template.slice(open, close + 1);
    }
    at = close + 1;
  }
  return out + template.slice(at);
}

export type Translate = (key: MessageKey, params?: Params) => string;

/**
 * Russian and Ukrainian set a spaced dash after a no-break space, so that no line starts with
 * «—» (a phone broke «Безопасное жильё / — вместе»); formatSpan writes its spans the same way.
 * Applied to the catalog's text only: what a person typed into a form is shown as they typed it.
 */
const NO_BREAK_BEFORE_DASH: Readonly<Record<Locale, boolean>> = { en: false, tr: false, ru: true, uk: true };
const typeset = (text: string, locale: Locale) =>
  NO_BREAK_BEFORE_DASH[locale] ? text.replaceAll(' — ', '\u00a0— ') : text;

/** A page's translator: the catalog of its locale, falling back to English should a key ever be blank. */
export function translator(locale: Locale): Translate {
  const catalog = CATALOGS[locale];
  return (key, params) => fill(typeset(catalog[key] || en[key], locale), params, locale);
}

/** For keys built at run time (a field and an issue code): says whether the catalog knows them. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
