import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { STREAM_CONSUMERS, type StreamConsumerName } from '../../../shared/events.ts';
import { CONSUMER_WIRING } from '../../../shared/wiring.ts';
import type { AlarmTopic } from './alarm-topic.ts';

/** How far a stream consumer may fall behind the table's stream before an alarm fires. */
export const STREAM_LAG_ALARM = Duration.minutes(15);

export interface StreamConsumerProps {
  /** Which consumer: its filter comes from shared/events.ts, its batches from shared/wiring.ts. */
  readonly name: StreamConsumerName;
  readonly fn: lambda.IFunction;
  readonly table: dynamodb.ITableV2;
  readonly alarms: AlarmTopic;
}

/**
 * Feeds one function from the table's stream: filtered to its records, batched as
 * shared/wiring.ts says (the local poller reads the same), bisected on error, given-up batches
 * to its own queue, and alarms on that queue and on the function falling behind.
 */
export class StreamConsumer extends Construct {
  readonly failures: sqs.Queue;

  constructor(scope: Construct, id: string, props: StreamConsumerProps) {
    super(scope, id);
    const wiring = CONSUMER_WIRING[props.name];
    const consumes = STREAM_CONSUMERS[props.name];
    this.failures = new sqs.Queue(this, 'Failures', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    props.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: wiring.batchSize,
        parallelizationFactor: wiring.parallelizationFactor,
        maxBatchingWindow: Duration.seconds(wiring.batchWindowSeconds),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: wiring.retryAttempts,
        maxRecordAge: Duration.seconds(wiring.maxRecordAgeSeconds),
        // Lambda sends the batch's shard and sequence range here, never the items themselves.
        onFailure: new SqsDlq(this.failures),
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.or(...consumes.eventNames),
            dynamodb: { NewImage: { kind: { S: lambda.FilterRule.or(...consumes.kinds) } } },
          }),
        ],
      }),
    );

    props.alarms.alarmAbove(this, 'FailuresAlarm', {
      metric: this.failures.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      description: `Stream batches the ${props.name} gave up on: see the ${this.node.path} failures queue`,
    });
    // Retries of a failing batch hold back everything behind it in its shard: a confirmed
    // request then waits for its proposals, or a coordinator for a mail, long before the
    // batch is given up on.
    props.alarms.alarmAbove(this, 'LagAlarm', {
      metric: props.fn.metric('IteratorAge', {
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      description: `The ${props.name} is more than ${STREAM_LAG_ALARM.toHumanString()} behind the table stream`,
      threshold: STREAM_LAG_ALARM.toMilliseconds(),
    });

    Validations.of(this.failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter (on-failure) destination of a stream mapping. It holds only batch coordinates (shard, sequence numbers) and an alarm fires on its first message; a queue behind it would add nothing.',
    });
  }
}
