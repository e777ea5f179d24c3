import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { HavenStack } from './haven-stack.ts';

const app = new App();
// Environment-agnostic on purpose: synth needs no account, region or credentials.
new HavenStack(app, 'Haven', {
  description:
    'Haven: hosts offer beds, people in flight request them, coordinators approve matches by email',
});
// The same checks as tests/infra run on every synth, so a deploy never ships an unexplained finding.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
