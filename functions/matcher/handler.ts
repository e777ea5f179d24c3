import { depsFromEnv } from '../../shared/deps.ts';
import { mailHandOff } from '../../shared/mail/handoff.ts';
import { transportFromConfig } from '../../shared/mail/transports.ts';
import { createMatcher, defaultMatcherOptions } from '../../shared/matching/matcher.ts';

const deps = depsFromEnv();

export const handler = createMatcher(
  deps,
  defaultMatcherOptions,
  mailHandOff(deps, transportFromConfig(deps.config)),
);
