import { depsFromEnv } from '../../shared/deps.ts';
import { createMailer, defaultMailerOptions } from '../../shared/mail/mailer.ts';
import { telegramTransportFor } from '../../shared/mail/telegram-transport.ts';
import { transportFromConfig } from '../../shared/mail/transports.ts';

const deps = depsFromEnv();

export const handler = createMailer(
  deps,
  transportFromConfig(deps.config),
  defaultMailerOptions,
  telegramTransportFor(deps),
);
