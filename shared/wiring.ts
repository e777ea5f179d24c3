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
  /**
   * Batches of one shard handled at once (ParallelizationFactor, 1–10): records of one item stay
   * in order, records of different items need not wait for each other.
   */
  readonly parallelizationFactor: number;
  /** Retries of a failing batch (bisected each time) before it is given up on. */
  readonly retryAttempts: number;
  /** Records older than this are given up on whatever their retries (AWS only: the local stream is ours). */
  readonly maxRecordAgeSeconds: number;
  /** How often the periodic sweep runs (EventBridge Scheduler in AWS, a timer locally); none when absent. */
  readonly sweepEverySeconds?: number;
}

export const CONSUMER_WIRING = {
  // No window: a shard hands the matcher one batch at a time, so while it matches, the next
  // records gather by themselves and a burst is matched together anyway; a window would only
  // hold back a lone confirmation (at 2 s, the median confirmation waited 2 s before matching
  // began). So a proposal takes the stream's delivery, one matcher run and the mailer's
  // delivery. The sweep catches what no change triggers (a request whose candidates were all
  // held elsewhere).
  matcher: {
    // A batch costs about the same small or large (its country's open pool read and solved
    // once), so a busy shard must hand over all that gathered: at 100 records a full surge's
    // matcher fell minutes behind its confirmations on a laptop, solving the same pool again for
    // every hundred records. The size counts records read, and nine in ten are not the
    // matcher's (a submission writes about ten: record, tokens, registry, audit, rate limits):
    // at 1,000 a surge's table wrote 220-260 a second while runs took 3-7.5 s, so the matcher
    // ran 30-142 s behind, and a request confirmed after its offer waited through up to six runs
    // that could not see it. 5,000 holds a 7.5 s run's records twice over; the records the
    // filter passes (about 600, some 2 MB) stay far below Lambda's 6 MB payload, which bounds a
    // batch of larger ones by itself. 10,000 is the most a DynamoDB event source takes.
    batchSize: 5000,
    batchWindowSeconds: 0,
    // One batch at a time: a burst is then matched in one solve, and parallel matchers would
    // only race each other for the same offers.
    parallelizationFactor: 1,
    retryAttempts: 5,
    maxRecordAgeSeconds: 3600,
    sweepEverySeconds: 15 * 60,
  },
  // The batch size counts the stream records read, before the filter drops all but outbox
  // inserts: each submission writes about ten records (record, tokens, registry, audit, rate
  // limits …) and one mail, so batches of 10 handed the mailer one mail at a time, and a surge's
  // mail queued for tens of seconds behind the stream. The mailer sends a batch's mails at once
  // (shared/mail/mailer.ts), so one slow send holds back no other. Mail that fails for good stays
  // unsent in the outbox and the sweep retries it, so the stream need not hold records for long.
  // Ten batches at once: one batch at a time, each waiting for its slowest mail, sent about 6
  // mails a second on a busy laptop, and a surge's proposal mails queued behind every
  // confirmation mail before them (issue 17's run: proposals written from 14.6 s on, their mails
  // sent from 25.7 s, after the last confirmation mail). Each mail is its own outbox item, and
  // its claim (shared/data/outbox.ts) sends it once whichever batch carries it.
  mailer: {
    batchSize: 100,
    batchWindowSeconds: 0,
    parallelizationFactor: 10,
    retryAttempts: 5,
    maxRecordAgeSeconds: 3600,
    sweepEverySeconds: 5 * 60,
  },
  // Counting is cheap and idempotent per record: big batches, one transaction per ~30 records.
  // It has no sweep of its own (npm run overview:rebuild recounts offline).
  overview: {
    batchSize: 100,
    batchWindowSeconds: 0,
    parallelizationFactor: 1,
    retryAttempts: 10,
    maxRecordAgeSeconds: 86_400,
  },
} as const satisfies Record<StreamConsumerName, ConsumerWiring>;

/**
 * How often the matcher's lifecycle task runs (closing, expiry, erasure), in AWS and under
 * `npm start` alike: RETENTION_DAYS=0 promises erasure within a minute of a record's end.
 */
export const LIFECYCLE_EVERY_SECONDS = 60;
