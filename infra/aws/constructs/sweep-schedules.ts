import { Aws, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { ScheduledTask, StreamConsumerName } from '../../../shared/events.ts';
import { CONSUMER_WIRING, type ConsumerWiring, LIFECYCLE_EVERY_SECONDS } from '../../../shared/wiring.ts';

/** What EventBridge Scheduler sends; typed by the contract in shared/events.ts. */
const SWEEP: ScheduledTask = { source: 'haven.schedule', task: 'sweep' };
const LIFECYCLE: ScheduledTask = { source: 'haven.schedule', task: 'lifecycle' };

export interface SweepSchedulesProps {
  /** The function of each consumer whose sweep runs on its cadence from shared/wiring.ts. */
  readonly functions: Readonly<Partial<Record<StreamConsumerName, lambda.IFunction>>>;
}

/**
 * EventBridge Scheduler starts each consumer's sweep on the cadence shared/wiring.ts gives it
 * (the local runner's timers read the same), through one role that only this account's
 * default schedule group may assume.
 */
export class SweepSchedules extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: SweepSchedulesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      description: 'Lets EventBridge Scheduler start the Haven sweeps',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': Aws.ACCOUNT_ID,
            'aws:SourceArn': stack.formatArn({
              service: 'scheduler',
              resource: 'schedule-group',
              resourceName: 'default',
            }),
          },
        },
      }),
    });
    for (const [name, fn] of Object.entries(props.functions) as [StreamConsumerName, lambda.IFunction][]) {
      const wiring: ConsumerWiring = CONSUMER_WIRING[name];
      if (wiring.sweepEverySeconds === undefined) continue;
      const every = Duration.seconds(wiring.sweepEverySeconds);
      new Schedule(this, `${name[0]?.toUpperCase()}${name.slice(1)}`, {
        description: `Periodic sweep of the Haven ${name}`,
        schedule: ScheduleExpression.rate(every),
        target: new LambdaInvoke(fn, {
          role: this.role,
          input: ScheduleTargetInput.fromObject(SWEEP),
          // A missed sweep is made good by the next one, so retries stop before it is due.
          retryAttempts: 2,
          maxEventAge: every,
        }),
      });
      if (name === 'matcher') {
        // Closing, expiry and erasure: RETENTION_DAYS=0 means within a minute of a record's end.
        new Schedule(this, 'MatcherLifecycle', {
          description: 'Haven lifecycle: ended offers close, ended requests expire, personal data is erased',
          schedule: ScheduleExpression.rate(Duration.seconds(LIFECYCLE_EVERY_SECONDS)),
          target: new LambdaInvoke(fn, {
            role: this.role,
            input: ScheduleTargetInput.fromObject(LIFECYCLE),
            retryAttempts: 0,
            maxEventAge: Duration.seconds(LIFECYCLE_EVERY_SECONDS),
          }),
        });
      }
      const cfnFunction = fn.node.defaultChild as lambda.CfnFunction;
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(cfnFunction)}.Arn>:*]`,
        reason:
          'lambda:InvokeFunction on ARN:* covers the versions and aliases of this one function, as the scheduler target grants it; no other function is reachable.',
      });
    }
  }
}
