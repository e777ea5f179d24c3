import { depsFromEnv } from '../../shared/deps.ts';
import { mailHandOff } from '../../shared/mail/handoff.ts';
import { transportFromConfig } from '../../shared/mail/transports.ts';
import { createMatcher, defaultMatcherOptions } from '../../shared/matching/matcher.ts';

const deps = depsFromEnv();
const mails = mailHandOff(deps, transportFromConfig(deps.config));

export const handler = createMatcher(deps, defaultMatcherOptions, mails.handOff);

/** Proposal mails handed off in this process and not yet sent (`npm start` only; see mailHandOff). */
export const handedOffMailsSent = mails.drained;
