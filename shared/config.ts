import * as z from 'zod';

/**
 * The webhook's secret is all that tells Telegram's updates from forged ones (a forged /start or
 * update id), so it must not be guessable: setWebhook allows 1–256 of these characters, Haven
 * asks for 16 at least (96 bits of chance; `openssl rand -hex 32` gives 64). Not more: the
 * registration script has always asked for 16, and a secret it registered that the functions then
 * refused would stop the whole API at its next start, not only the bot.
 */
export const WEBHOOK_SECRET = {
  pattern: /^[A-Za-z0-9_-]{16,256}$/,
  rule: 'must be 16–256 letters, digits, _ or - (e.g. `openssl rand -hex 32`)',
} as const;

/** A setting that holds JSON: parsed, or an issue naming the setting. */
const jsonSetting = (name: string) =>
  z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: `${name} must be JSON` });
      return z.NEVER;
    }
  });

/** A country code, or `*` for every country not listed. */
const countryKey = z.string().regex(/^([A-Z]{2}|\*)$/);

const coordinatorsSchema = jsonSetting('COORDINATORS').pipe(
  z.record(
    countryKey,
    // A coordinator who reads proposals in Telegram is listed as tg:<chat id>.
    z.array(z.union([z.email(), z.string().regex(/^tg:-?\d{1,20}$/, 'an email or tg:<chat id>')])).min(1),
  ),
);

/**
 * The languages the coordinators of a country read their mails in, in the order the mail shows
 * them: {"TR":["tr","ru"],"*":["en"]}. A country not listed, with no `*`, gets English and the
 * host's language (mail/templates/layout.tsx coordinatorLocales).
 */
/** Haven's languages, as domain/records.ts LOCALES names them (the kernel imports no domain; a test holds them equal). */
export const CONFIG_LOCALES = ['en', 'ru', 'uk', 'tr'] as const;

const coordinatorLanguagesSchema = jsonSetting('COORDINATOR_LANGUAGES').pipe(
  z.record(
    countryKey,
    z
      .array(z.enum(CONFIG_LOCALES))
      .min(1)
      .refine((languages) => new Set(languages).size === languages.length, 'each language once'),
  ),
);

const envSchema = z
  .object({
    TABLE_NAME: z.string().min(1),
    PUBLIC_URL: z.url().transform((url) => url.replace(/\/+$/, '')),
    MAIL_FROM: z.string().min(3),
    COORDINATORS: coordinatorsSchema,
    COORDINATOR_LANGUAGES: z.string().default('{}').pipe(coordinatorLanguagesSchema),
    AWS_REGION: z.string().min(1).default('eu-central-1'),
    DYNAMODB_ENDPOINT: z.url().optional(),
    MAIL_TRANSPORT: z.enum(['ses', 'smtp', 'directory']),
    SMTP_URL: z.url().optional(),
    MAIL_DIR: z.string().min(1).optional(),
    RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
    PROPOSAL_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(72),
    SES_CONFIGURATION_SET: z.string().min(1).optional(),
    /**
     * The mailer function the matcher hands its proposal mails to (mail/handoff.ts); without it
     * they are sent in the matcher's own process, which only `npm start` may do.
     */
    MAILER_FUNCTION_NAME: z.string().min(1).optional(),
    /**
     * Confirmation mails to unconfirmed addresses the whole service sends in an hour, at most: a
     * brake on anyone using the forms to mail strangers. High enough for a surge's first hours
     * (The Ark's day: 6,000 people), since once reached every submission is turned away.
     */
    CONFIRM_MAILS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(3000),
    /** Whether a proposal may be approved only once a coordinator has recorded a check of its host. */
    REQUIRE_VERIFIED_HOSTS: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
    /**
     * The bot's token from @BotFather (`123456:ABC…`); unset, Haven runs no bot. Its digits before
     * ':' are the bot's id. Any token without spaces is taken: a test server issues its own.
     */
    TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(/^\S{1,200}$/, 'must be the token from @BotFather')
      .optional(),
    /** What Telegram sends in X-Telegram-Bot-Api-Secret-Token (WEBHOOK_SECRET). */
    TELEGRAM_WEBHOOK_SECRET: z.string().regex(WEBHOOK_SECRET.pattern, WEBHOOK_SECRET.rule).optional(),
    /** The bot's username without @; only "/start@name" in a group needs it. */
    TELEGRAM_BOT_USERNAME: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'must be the bot’s username without @')
      .optional(),
    TELEGRAM_API_ROOT: z
      .url()
      .default('https://api.telegram.org')
      .transform((url) => url.replace(/\/+$/, '')),
  })
  .superRefine((env, ctx) => {
    if (env.MAIL_TRANSPORT === 'smtp' && !env.SMTP_URL) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'required when MAIL_TRANSPORT=smtp' });
    }
    if (env.MAIL_TRANSPORT === 'directory' && !env.MAIL_DIR) {
      ctx.addIssue({ code: 'custom', path: ['MAIL_DIR'], message: 'required when MAIL_TRANSPORT=directory' });
    }
    // Half a bot is a webhook anyone can call, or one that can never answer: both or neither.
    const telegram = ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET'] as const;
    if (telegram.some((key) => env[key] !== undefined)) {
      for (const key of telegram) {
        if (env[key] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'required when any TELEGRAM_ setting is set',
          });
        }
      }
    }
  });

export type Config = z.output<typeof envSchema>;

/** The bot's settings when Telegram is on. */
export interface TelegramSettings {
  readonly token: string;
  readonly secret: string;
  readonly username: string | undefined;
  readonly botId: number;
  readonly apiRoot: string;
}

/** Telegram's settings, or undefined when the operator runs no bot (the schema allows both or neither). */
export function telegramSettings(config: Config): TelegramSettings | undefined {
  const {
    TELEGRAM_BOT_TOKEN: token,
    TELEGRAM_WEBHOOK_SECRET: secret,
    TELEGRAM_BOT_USERNAME: username,
  } = config;
  if (token === undefined || secret === undefined) return undefined;
  const botId = Number(/^(\d{1,15}):/.exec(token)?.[1] ?? 0);
  return { token, secret, username, botId, apiRoot: config.TELEGRAM_API_ROOT };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment once, at start; a missing or malformed setting stops the process. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
