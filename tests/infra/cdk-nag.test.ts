import { App, Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTEXT } from '../../infra/aws/haven-stack.ts';
import { havenSynthesizer } from './synth.ts';

const synthesizer = havenSynthesizer();
afterAll(() => synthesizer.cleanup());

/** Each finding as "severity rule at path", so a failure names what to fix. */
const findings = (scope: IConstruct): string[] =>
  new AwsSolutionsChecks(scope, { verbose: true })
    .validateScope(scope)
    .violations.flatMap((violation) =>
      violation.violatingResources.map(
        (resource) => `${violation.severity} ${violation.ruleName} at ${resource.constructPath}`,
      ),
    );

const acknowledgements = (scope: IConstruct): { path: string; id: string; reason: string }[] =>
  scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );

describe('cdk-nag AwsSolutions checks', () => {
  const { app, stack } = synthesizer.build();

  it('find no unacknowledged error or warning in the stack', () => {
    expect(findings(stack)).toEqual([]);
  });

  it('find none either with the optional alarm email', () => {
    const variant = synthesizer.build({ [CONTEXT.alarmEmail]: 'ops@haven.example.org' });
    expect(findings(variant.stack)).toEqual([]);
  });

  // Synthesizes and bundles four functions with CloudFormation's own validation: slow on a busy machine.
  it('pass as a validation plugin, the way `npm run synth` runs them, with no CDK warning either', () => {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const messages = app.synth().getStackArtifact(stack.artifactId).messages;
    // Deprecated APIs and ignored settings surface here as warnings; none is tolerated.
    expect(messages.filter((message) => message.level !== 'info')).toEqual([]);
  }, 180_000);

  it('acknowledge only AwsSolutions rules, each with a written reason', () => {
    const acknowledged = acknowledgements(stack);
    // Logical ids carry a hash suffix (MailerFunctionEB1F8359); the rule is what matters.
    const listed = acknowledged.map(
      ({ path, id }) => `${id.replace(/Function[0-9A-F]{8}\./, 'Function.')} at ${path}`,
    );
    expect(listed.sort()).toEqual([
      'AwsSolutions-APIG4 at Haven/HttpApi/Default',
      'AwsSolutions-IAM5[Resource::<MailerFunction.Arn>:*] at Haven/Sweeps/Role',
      'AwsSolutions-IAM5[Resource::<MatcherFunction.Arn>:*] at Haven/Sweeps/Role',
      'AwsSolutions-L1 at Haven/Api/Function',
      'AwsSolutions-L1 at Haven/MailEvents/Function',
      'AwsSolutions-L1 at Haven/Mailer/Function',
      'AwsSolutions-L1 at Haven/Matcher/Function',
      'AwsSolutions-L1 at Haven/Overview/Function',
      'AwsSolutions-SQS3 at Haven/MailerStream/Failures',
      'AwsSolutions-SQS3 at Haven/MatcherStream/Failures',
      'AwsSolutions-SQS3 at Haven/OverviewStream/Failures',
    ]);
    for (const { reason } of acknowledged) {
      expect(reason.length).toBeGreaterThan(80);
    }
  });

  it('do report what they are meant to catch (a queue without a DLQ or SSL policy)', () => {
    const probe = new Stack(new App({ outdir: synthesizer.outdir }), 'Probe');
    new sqs.Queue(probe, 'Bare', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    expect(findings(probe)).toEqual(
      expect.arrayContaining([
        'error AwsSolutions-SQS2 at Probe/Bare/Resource',
        'error AwsSolutions-SQS3 at Probe/Bare/Resource',
        'error AwsSolutions-SQS4 at Probe/Bare/Resource',
      ]),
    );
  });
});
