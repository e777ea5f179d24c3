import { createHmac, timingSafeEqual } from 'node:crypto';

/** The form field a Mini App's form carries Telegram's init data in. */
export const INIT_DATA_FIELD = 'telegram_init_data';

/** Init data older than this is refused: a Mini App's form is filled in minutes, not days. */
export const INIT_DATA_MAX_AGE_MS = 24 * 3600_000;

/** Who opened the Mini App, as Telegram vouches for it. */
export interface TelegramVisitor {
  /** The person's id, which is also their private chat with the bot. */
  readonly chatId: string;
  readonly username?: string;
  readonly languageCode?: string;
}

/**
 * Checks a Mini App's init data as Telegram documents it: the data-check-string (every field but
 * `hash`, sorted, as `key=value` lines) signed with HMAC-SHA-256 under the key
 * HMAC-SHA-256("WebAppData", bot token). Init data signed for another bot, altered or dated in
 * the future answers undefined, as does anything malformed. Genuine init data older than
 * `maxAgeMs` answers 'stale': the person is who it says, but left the form open too long, and
 * deserves to be told so rather than shown a tampered link.
 */
export function verifyInitData(
  raw: string,
  botToken: string,
  now: Date,
  maxAgeMs = INIT_DATA_MAX_AGE_MS,
): TelegramVisitor | 'stale' | undefined {
  if (raw.length === 0 || raw.length > 8192) return undefined;
  const params = new URLSearchParams(raw);
  const hash = params.get('hash');
  if (hash === null || !/^[0-9a-f]{64}$/.test(hash)) return undefined;
  const checked = [...params.entries()]
    .filter(([key]) => key !== 'hash')
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest();
  const expected = createHmac('sha256', secret).update(checked).digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, 'hex'))) return undefined;

  const authSeconds = params.get('auth_date') ?? '';
  if (!/^\d{1,12}$/.test(authSeconds)) return undefined;
  const authDate = Number(authSeconds) * 1000;
  // A minute's leeway for clocks; anything later was not signed by Telegram for now.
  if (authDate > now.getTime() + 60_000) return undefined;

  let user: unknown;
  try {
    user = JSON.parse(params.get('user') ?? 'null');
  } catch {
    return undefined;
  }
  if (typeof user !== 'object' || user === null) return undefined;
  const { id, username, language_code: languageCode } = user as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return undefined;
  if (now.getTime() - authDate > maxAgeMs) return 'stale';
  return {
    chatId: String(id),
    ...(typeof username === 'string' && /^[A-Za-z0-9_]{3,32}$/.test(username) ? { username } : {}),
    ...(typeof languageCode === 'string' ? { languageCode } : {}),
  };
}
