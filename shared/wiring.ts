import type { StreamConsumerName } from './events.ts';

/**
 * How each stream consumer is fed and swept. The CDK stack (infra/aws) and `npm start`
 * (infra/local) both read this one table, so a batch or a cadence cannot differ between the
 * cloud and a laptop; which records each consumer takes is in shared/events.ts.
 */
export interface ConsumerWiring {
  /** Most stream records handed to one invocation. */
  readonly batchSize: number;
  /** How long to gather records for a batch that is not yet full. */
  readonly batchWindowSeconds: number;
  /** Retries of a failing batch (bisected each time) before it is given up on. */
  readonly retryAttempts: number;
  /** Records older than this are given up on whatever their retries (AWS only: the local stream is ours). */
  readonly maxRecordAgeSeconds: number;
  /** How often the periodic sweep runs (EventBridge Scheduler in AWS, a timer locally). */
  readonly sweepEverySeconds: number;
}

export const CONSUMER_WIRING = {
  // A burst of new offers and requests is matched together, so wait a little to batch it; two
  // seconds are nothing to someone waiting for a proposal. The sweep catches what no change
  // triggers (a request whose candidates were all held elsewhere).
  matcher: {
    batchSize: 100,
    batchWindowSeconds: 2,
    retryAttempts: 5,
    maxRecordAgeSeconds: 3600,
    sweepEverySeconds: 15 * 60,
  },
  // Mail goes out promptly, in small batches so that one slow send holds back few others.
  // Mail that fails for good stays unsent in the outbox and the sweep retries it, so the
  // stream need not hold records for long.
  mailer: {
    batchSize: 10,
    batchWindowSeconds: 0,
    retryAttempts: 5,
    maxRecordAgeSeconds: 3600,
    sweepEverySeconds: 5 * 60,
  },
} as const satisfies Record<StreamConsumerName, ConsumerWiring>;
