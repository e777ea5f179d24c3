import { depsFromEnv } from '../../shared/deps.ts';
import { mailAtOnce } from '../../shared/mail/mailer.ts';
import { transportFromConfig } from '../../shared/mail/transports.ts';
import { createMatcher, defaultMatcherOptions } from '../../shared/matching/matcher.ts';

const deps = depsFromEnv();

export const handler = createMatcher(
  deps,
  defaultMatcherOptions,
  mailAtOnce(deps, transportFromConfig(deps.config)),
);
