import { depsFromEnv } from '../../shared/deps.ts';
import { createOverviewCounter } from '../../shared/overview/counters.ts';

export const handler = createOverviewCounter(depsFromEnv());
