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
