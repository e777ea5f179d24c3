import { depsFromEnv } from '../../shared/deps.ts';
import { createMailEventHandler } from '../../shared/mail/mail-events.ts';

export const handler = createMailEventHandler(depsFromEnv());
