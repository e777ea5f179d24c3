import { depsFromEnv } from '../../shared/deps.ts';
import { createMailer, defaultMailerOptions } from '../../shared/mail/mailer.ts';
import { transportFromConfig } from '../../shared/mail/transports.ts';
import { telegramTransportFromConfig } from '../../shared/telegram/transport.ts';

const deps = depsFromEnv();

export const handler = createMailer(
  deps,
  transportFromConfig(deps.config),
  defaultMailerOptions,
  telegramTransportFromConfig(deps.config),
);
