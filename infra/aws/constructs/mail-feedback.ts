import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { AlarmTopic } from './alarm-topic.ts';

/**
 * SES's account-wide reputation thresholds: at a 5% bounce rate or 0.1% complaint rate SES puts
 * the account under review (and may pause sending at 10% and 0.5%). The alarms fire at half.
 */
export const MAIL_REPUTATION_ALARMS = { bounceRate: 0.025, complaintRate: 0.0005 } as const;

export interface MailFeedbackProps {
  /** The function that puts bounced and complaining addresses on the suppression list. */
  readonly handler: lambda.IFunction;
  readonly alarms: AlarmTopic;
}

/**
 * The configuration set the mailer sends through, outside SES's account-level suppression list.
 * Its permanent bounces and complaints reach the handler through EventBridge (the account's
 * default bus, matched to this set only), and alarms watch the account's bounce and complaint rates.
 */
export class MailFeedback extends Construct {
  readonly configurationSet: ses.ConfigurationSet;

  constructor(scope: Construct, id: string, props: MailFeedbackProps) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      // Left on, SES's account-level suppression list would keep every bounced or complaining
      // address in plain text until someone deletes it, beyond any erasure. Haven's own list
      // (SUPPRESSED#<hash>) stops the mail instead, and goes with the person's data.
      disableSuppressionList: true,
    });
    const bus = events.EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.eventBus(bus),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    new events.Rule(this, 'Rule', {
      description: 'SES bounces and complaints of the Haven configuration set, for the suppression list',
      eventBus: bus,
      eventPattern: {
        source: ['aws.ses'],
        detailType: ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
      targets: [
        new targets.LambdaFunction(props.handler, { retryAttempts: 8, maxEventAge: Duration.hours(6) }),
      ],
    });

    const rate = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName,
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.hours(1),
      });
    props.alarms.alarmAbove(this, 'BounceRateAlarm', {
      metric: rate('Reputation.BounceRate'),
      description: `SES bounce rate above ${MAIL_REPUTATION_ALARMS.bounceRate * 100}% (SES reviews the account at 5%)`,
      threshold: MAIL_REPUTATION_ALARMS.bounceRate,
    });
    props.alarms.alarmAbove(this, 'ComplaintRateAlarm', {
      metric: rate('Reputation.ComplaintRate'),
      description: `SES complaint rate above ${MAIL_REPUTATION_ALARMS.complaintRate * 100}% (SES reviews the account at 0.1%)`,
      threshold: MAIL_REPUTATION_ALARMS.complaintRate,
    });
  }
}
