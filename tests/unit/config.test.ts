import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../shared/config.ts';
import { depsFromEnv } from '../../shared/deps.ts';
import type { LogFields, Logger } from '../../shared/log.ts';

/** As `openssl rand -hex 32` gives, the README's way to make one. */
const LONG_SECRET = '5f0c2a9e8b7d6c4f3a2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a';

const valid = {
  TABLE_NAME: 'haven',
  PUBLIC_URL: 'https://haven.example.org/',
  MAIL_FROM: 'Haven <haven@example.org>',
  COORDINATORS: '{"TR":["tr@example.org"],"*":["all@example.org"]}',
  MAIL_TRANSPORT: 'ses',
};

describe('loadConfig', () => {
  it('parses a complete environment once, with defaults for the optional settings', () => {
    const config = loadConfig(valid);
    expect(config.PUBLIC_URL).toBe('https://haven.example.org');
    expect(config.COORDINATORS).toEqual({ TR: ['tr@example.org'], '*': ['all@example.org'] });
    expect(config.RETENTION_DAYS).toBe(90);
    expect(config.PROPOSAL_TTL_HOURS).toBe(72);
  });

  it('accepts RETENTION_DAYS=0 (erase within a minute of the end) and refuses a negative one', () => {
    expect(loadConfig({ ...valid, RETENTION_DAYS: '0' }).RETENTION_DAYS).toBe(0);
    expect(() => loadConfig({ ...valid, RETENTION_DAYS: '-1' })).toThrow(/RETENTION_DAYS/);
  });

  it('fails loudly, naming every missing setting', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({})).toThrow(/TABLE_NAME[\s\S]*PUBLIC_URL[\s\S]*MAIL_FROM[\s\S]*COORDINATORS/);
  });

  it('rejects coordinators that are not JSON or not a map of country to emails', () => {
    expect(() => loadConfig({ ...valid, COORDINATORS: 'tr@example.org' })).toThrow(
      /COORDINATORS must be JSON/,
    );
    expect(() => loadConfig({ ...valid, COORDINATORS: '{"Turkey":["a@example.org"]}' })).toThrow(
      /COORDINATORS.Turkey/,
    );
    expect(() => loadConfig({ ...valid, COORDINATORS: '{"TR":["not an email"]}' })).toThrow(ConfigError);
  });

  it('takes coordinators for some countries only, without a "*" entry', () => {
    expect(loadConfig({ ...valid, COORDINATORS: '{"TR":["tr@example.org"]}' }).COORDINATORS).toEqual({
      TR: ['tr@example.org'],
    });
  });

  it('requires the settings that the chosen mail transport needs', () => {
    expect(() => loadConfig({ ...valid, MAIL_TRANSPORT: 'smtp' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ ...valid, MAIL_TRANSPORT: 'directory' })).toThrow(/MAIL_DIR/);
    expect(loadConfig({ ...valid, MAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtp://127.0.0.1:2525' }).SMTP_URL).toBe(
      'smtp://127.0.0.1:2525',
    );
  });

  it('runs no bot without Telegram settings, and takes the bot id from the token', async () => {
    const { telegramSettings } = await import('../../shared/config.ts');
    expect(telegramSettings(loadConfig(valid))).toBeUndefined();
    const on = loadConfig({
      ...valid,
      TELEGRAM_BOT_TOKEN: '123456789:AAH-abcdefghijklmnopqrstuvwxyz012345',
      TELEGRAM_WEBHOOK_SECRET: 'a-secret-of-enough-length-for-telegram',
      TELEGRAM_BOT_USERNAME: 'haven_help_bot',
    });
    expect(telegramSettings(on)).toEqual({
      token: '123456789:AAH-abcdefghijklmnopqrstuvwxyz012345',
      secret: 'a-secret-of-enough-length-for-telegram',
      username: 'haven_help_bot',
      botId: 123456789,
      apiRoot: 'https://api.telegram.org',
    });
  });

  it('fails loudly on half a Telegram setup, naming what is missing', () => {
    const half = { ...valid, TELEGRAM_BOT_TOKEN: '123456789:AAH-abcdefghijklmnopqrstuvwxyz012345' };
    expect(() => loadConfig(half)).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    expect(() => loadConfig({ ...valid, TELEGRAM_WEBHOOK_SECRET: LONG_SECRET })).toThrow(
      /TELEGRAM_BOT_TOKEN/,
    );
    expect(() => loadConfig({ ...half, TELEGRAM_WEBHOOK_SECRET: 'not allowed!' })).toThrow(
      /TELEGRAM_WEBHOOK_SECRET/,
    );
  });

  it('refuses a webhook secret short enough to guess', () => {
    const half = { ...valid, TELEGRAM_BOT_TOKEN: '42:test' };
    expect(() => loadConfig({ ...half, TELEGRAM_WEBHOOK_SECRET: 'x'.repeat(15) })).toThrow(
      /TELEGRAM_WEBHOOK_SECRET/,
    );
    expect(loadConfig({ ...half, TELEGRAM_WEBHOOK_SECRET: 'x'.repeat(16) }).TELEGRAM_WEBHOOK_SECRET).toBe(
      'x'.repeat(16),
    );
  });

  it('runs a bot from the two documented settings alone, with any token a test server issues', async () => {
    const { telegramSettings } = await import('../../shared/config.ts');
    const bot = telegramSettings(
      loadConfig({ ...valid, TELEGRAM_BOT_TOKEN: '42:test', TELEGRAM_WEBHOOK_SECRET: LONG_SECRET }),
    );
    expect(bot).toMatchObject({ token: '42:test', secret: LONG_SECRET, botId: 42, username: undefined });
  });

  it('accepts coordinators who read proposals in Telegram, as tg:<chat id>', () => {
    const config = loadConfig({
      ...valid,
      COORDINATORS: '{"TR":["tr@example.org","tg:123456"],"*":["tg:-1009"]}',
    });
    expect(config.COORDINATORS).toEqual({ TR: ['tr@example.org', 'tg:123456'], '*': ['tg:-1009'] });
    expect(() => loadConfig({ ...valid, COORDINATORS: '{"*":["tg:@someone"]}' })).toThrow(ConfigError);
  });
});

describe('depsFromEnv', () => {
  const started = (coordinators: string) => {
    const warnings: [string, LogFields | undefined][] = [];
    const log: Logger = {
      info: () => {},
      warn: (event, fields) => warnings.push([event, fields]),
      error: () => {},
    };
    depsFromEnv({ ...valid, COORDINATORS: coordinators, AWS_REGION: 'local' }, log);
    return warnings;
  };

  it('warns at start-up when COORDINATORS has no `*`, so the countries nobody is listed for get no proposals', () => {
    expect(started('{"TR":["tr@example.org"],"GE":["ge@example.org"]}')).toEqual([
      ['config.no-fallback-coordinator', { countriesListed: 2 }],
    ]);
    expect(started('{"TR":["tr@example.org"],"*":["all@example.org"]}')).toEqual([]);
  });
});
