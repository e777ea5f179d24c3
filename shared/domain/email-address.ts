/** Mailboxes that ignore dots in the local part and answer to both domain names. */
const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * The mailbox an address delivers to, as far as it can be told from the address: one form for
 * `Ana.Lima+x@GoogleMail.com` and `analima@gmail.com`. Rate limits count this, so a bot cannot
 * reach one inbox a thousand times through a thousand spellings of it. Never stored: records
 * keep the address as typed.
 */
export function mailboxOf(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  const domain = address.slice(at + 1);
  const typed = address.slice(0, at);
  // A tag is what follows the first +; an address that starts with + has none.
  const local = typed.split('+')[0] || typed;
  if (GMAIL_DOMAINS.has(domain)) return `${local.replaceAll('.', '')}@gmail.com`;
  return `${local}@${domain}`;
}

/**
 * The mail services people in flight use most (global, Russian, Ukrainian, Turkish, German):
 * a domain one or two keystrokes away from one of these is likely a typo of it.
 */
const COMMON_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'icloud.com',
  'me.com',
  'proton.me',
  'protonmail.com',
  'mail.ru',
  'inbox.ru',
  'list.ru',
  'bk.ru',
  'yandex.ru',
  'yandex.com',
  'yandex.ua',
  'yandex.by',
  'yandex.kz',
  'ya.ru',
  'rambler.ru',
  'ukr.net',
  'i.ua',
  'mail.ua',
  'meta.ua',
  'gmx.de',
  'gmx.net',
  'gmx.at',
  'web.de',
  't-online.de',
  'hotmail.com.tr',
  'outlook.com.tr',
  'yahoo.com.tr',
] as const;
const KNOWN = new Set<string>(COMMON_DOMAINS);

/** Edits (insert, delete, replace, swap two neighbours) between two short strings. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * The address the person most likely meant when its domain is a near miss of a common mail
 * service ("olena@gmial.com" → "olena@gmail.com"), or undefined when it looks right or is
 * nothing like one. Only a suggestion: the person decides, and a rare domain stays allowed.
 */
export function likelyMeant(email: string): string | undefined {
  const address = email.trim();
  const at = address.lastIndexOf('@');
  if (at <= 0) return undefined;
  const domain = address.slice(at + 1).toLowerCase();
  if (domain === '' || KNOWN.has(domain)) return undefined;
  // Short domains (ya.ru, i.ua) are one edit from many real ones: only a single slip counts there.
  let best: { domain: string; distance: number } | undefined;
  for (const known of COMMON_DOMAINS) {
    const allowed = known.length <= 6 ? 1 : 2;
    const distance = editDistance(domain, known);
    if (distance <= allowed && (best === undefined || distance < best.distance))
      best = { domain: known, distance };
  }
  return best ? `${address.slice(0, at)}@${best.domain}` : undefined;
}

/** Whether a phone number lacks the country code the form asks for (+90 …, or 00 90 …). */
export function lacksCountryCode(phone: string): boolean {
  const number = phone.trim();
  return number !== '' && !number.startsWith('+') && !number.startsWith('00');
}
