import { depsFromEnv } from '../../shared/deps.ts';
import { createMailer } from '../../shared/mail/mailer.ts';
import { transportFromConfig } from '../../shared/mail/transports.ts';

const deps = depsFromEnv();

export const handler = createMailer(deps, transportFromConfig(deps.config));
