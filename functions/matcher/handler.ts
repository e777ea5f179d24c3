import { depsFromEnv } from '../../shared/deps.ts';
import { createMatcher } from '../../shared/matching/matcher.ts';

export const handler = createMatcher(depsFromEnv());
