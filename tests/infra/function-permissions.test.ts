import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TABLE_ACCESS } from '../../infra/aws/haven-stack.ts';
import { PK_PREFIX } from '../../shared/data/keys.ts';
import { havenSynthesizer } from './synth.ts';

// biome-ignore lint/suspicious/noExplicitAny: a synthesized template is untyped JSON.
type Cfn = any;
const names = ['api', 'matcher', 'mailer', 'overview', 'mailEvents'] as const;
type Name = (typeof names)[number];

/** The roles whose code reads a batch's recipients' suppressions (suppressedAmong): BatchGetItem. */
const SUPPRESSION_READERS: readonly Name[] = ['matcher', 'mailer'];
/** Their one batch statement: BatchGetItem of suppression items, nothing else. */
const suppressionBatchReads = expect.objectContaining({
  Action: 'dynamodb:BatchGetItem',
  Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${PK_PREFIX.suppressed}*`] } },
});

const synthesizer = havenSynthesizer();
let resources: Record<string, { Type: string; Properties: Cfn }>;

beforeAll(() => {
  vi.stubEnv('CDK_VALIDATION', 'false');
  resources = (synthesizer.synth().template.toJSON() as { Resources: typeof resources }).Resources;
});
afterAll(() => {
  vi.unstubAllEnvs();
  synthesizer.cleanup();
});

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** The table statements of a function's role: every dynamodb action but the stream's. */
function tableStatements(name: Name): Cfn[] {
  const [fnId] =
    Object.entries(resources).find(
      ([id, resource]) =>
        resource.Type === 'AWS::Lambda::Function' &&
        id.startsWith(`${name[0]?.toUpperCase()}${name.slice(1)}Function`),
    ) ?? [];
  const roleId = resources[fnId as string]?.Properties.Role['Fn::GetAtt'][0];
  return Object.values(resources)
    .filter(
      (r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((role: Cfn) => role.Ref === roleId),
    )
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
    .filter((statement: Cfn) =>
      asList(statement.Action).some(
        (action: string) =>
          action.startsWith('dynamodb:') && !/Stream|GetRecords|GetShardIterator/.test(action),
      ),
    );
}

/** What the code bundled into functions/<name>/handler.ts asks of the table, read from the bundle. */
async function usedByBundle(
  name: Name,
): Promise<{ actions: Set<string>; readsSuppressions: boolean; indexes: Set<string> }> {
  // Packages stay outside and esbuild drops what is never called, so the output is the code
  // the function can run: shared modules it imports but never calls from add nothing.
  const result = await build({
    entryPoints: [`functions/${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}/handler.ts`],
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  // esbuild may rename an import it sees twice (GetCommand2), hence the digits.
  const sources = result.outputFiles.map((file) => file.text).join('\n');
  const uses: [RegExp, string][] = [
    [/\bnew GetCommand\d*\(/, 'dynamodb:GetItem'],
    [/\bnew PutCommand\d*\(|\bPut: \{/, 'dynamodb:PutItem'],
    [/\bnew UpdateCommand\d*\(|\bUpdate: \{/, 'dynamodb:UpdateItem'],
    [/\bnew DeleteCommand\d*\(|\bDelete: \{/, 'dynamodb:DeleteItem'],
    [/\bConditionCheck: \{/, 'dynamodb:ConditionCheckItem'],
    [/\bnew QueryCommand\d*\(/, 'dynamodb:Query'],
    [/\bnew ScanCommand\d*\(/, 'dynamodb:Scan'],
    [/\bnew BatchGetCommand\d*\(/, 'dynamodb:BatchGetItem'],
    [/\bnew BatchWriteCommand\d*\(/, 'dynamodb:BatchWriteItem'],
  ];
  return {
    actions: new Set(uses.filter(([pattern]) => pattern.test(sources)).map(([, action]) => action)),
    readsSuppressions: /\bfunction suppressedAmong\d*\(/.test(sources),
    indexes: new Set([...sources.matchAll(/["'](gsi\d)["']/g)].map((match) => match[1] as string)),
  };
}

describe('each function role', () => {
  it.each(names)(
    '%s may do to the table exactly what its bundled code does, on the indexes it names',
    async (name) => {
      const used = await usedByBundle(name);
      const statements = tableStatements(name);
      const granted = new Set(statements.flatMap((statement) => asList(statement.Action)));
      // Query is granted on the indexes; the table's own statement may carry it too.
      expect([...granted].sort()).toEqual([...used.actions].sort());
      const indexes = statements
        .flatMap((statement) => asList(statement.Resource))
        .flatMap((resource: Cfn) => {
          const suffix = resource['Fn::Join']?.[1]?.[1];
          return typeof suffix === 'string' ? [suffix.replace('/index/', '')] : [];
        });
      expect(indexes.sort()).toEqual([...used.indexes].sort());
      expect(TABLE_ACCESS[name].queriedIndexes.slice().sort()).toEqual([...used.indexes].sort());
    },
  );

  it('lets the mailer touch only outbox items, the suppression list, the bot’s shared send count and the marks of chats that refused a notice (and delete only those marks), and query only the unsent-mail queue and a chat’s lookups', () => {
    const statements = tableStatements('mailer');
    const onTable = statements.filter((statement) =>
      asList(statement.Resource).some((r: Cfn) => r['Fn::GetAtt']),
    );
    expect(onTable).toHaveLength(3);
    expect(onTable[0].Action).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(onTable[0].Condition).toEqual({
      'ForAllValues:StringLike': {
        'dynamodb:LeadingKeys': [
          `${PK_PREFIX.outbox}*`,
          `${PK_PREFIX.suppressed}*`,
          'RATE#telegram-send#*',
          `${PK_PREFIX.chatUnreachable}*`,
        ],
      },
    });
    expect(onTable[1]).toMatchObject({
      Action: 'dynamodb:DeleteItem',
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${PK_PREFIX.chatUnreachable}*`] } },
    });
    expect(onTable[2]).toEqual(suppressionBatchReads);
    const onIndexes = statements.filter((statement) => !onTable.includes(statement));
    const indexOf = (statement: Cfn) =>
      asList(statement.Resource)[0]['Fn::Join'][1][1].replace('/index/', '');
    expect(onIndexes.map((statement) => [statement.Action, indexOf(statement), statement.Condition])).toEqual(
      [
        ['dynamodb:Query', 'gsi3', undefined],
        [
          'dynamodb:Query',
          'gsi2',
          { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['TELEGRAM#CHAT#*'] } },
        ],
      ],
    );
  });

  it('lets the overview function write only its own items, and only read offers’ holds and proposals', () => {
    expect(tableStatements('overview')).toEqual([
      expect.objectContaining({
        Action: [
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:ConditionCheckItem',
        ],
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${PK_PREFIX.overview}*`] } },
      }),
      expect.objectContaining({
        Action: ['dynamodb:GetItem', 'dynamodb:Query'],
        Condition: {
          'ForAllValues:StringLike': {
            'dynamodb:LeadingKeys': [`${PK_PREFIX.offer}*`, `${PK_PREFIX.proposal}*`],
          },
        },
      }),
    ]);
  });

  it('lets the mail-events function only add to the suppression list', () => {
    expect(tableStatements('mailEvents')).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:PutItem',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${PK_PREFIX.suppressed}*`] } },
      }),
    ]);
  });

  it.each(names)('%s may never Scan, write in batches or administer the table', (name) => {
    const actions = tableStatements(name).flatMap((statement) => asList(statement.Action));
    for (const forbidden of ['Scan', 'BatchWriteItem', 'DeleteTable', 'UpdateTable']) {
      expect(actions).not.toContain(`dynamodb:${forbidden}`);
    }
  });

  it.each(names)(
    '%s may read in batches only the suppression list, and only if it sends mail (suppressedAmong)',
    async (name) => {
      const batchReads = tableStatements(name).filter((statement) =>
        asList(statement.Action).includes('dynamodb:BatchGetItem'),
      );
      const reads = SUPPRESSION_READERS.includes(name);
      expect((await usedByBundle(name)).readsSuppressions).toBe(reads);
      expect(batchReads).toEqual(reads ? [suppressionBatchReads] : []);
    },
  );
});
