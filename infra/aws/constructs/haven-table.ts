import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { type IndexName, tableDefinition } from '../../../shared/data/table.ts';

export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:ConditionCheckItem'
  | 'dynamodb:BatchGetItem';

/** What one function may do to the table: the actions it calls, on the table and the indexes it queries. */
export interface TableAccess {
  /** Actions on the table's items. */
  readonly itemActions: readonly TableAction[];
  /**
   * Only items whose partition key starts with one of these prefixes (`OUTBOX#`): the
   * `dynamodb:LeadingKeys` condition on the item actions.
   * @default - every item
   */
  readonly partitionKeyPrefixes?: readonly string[];
  /**
   * The indexes it may Query, by name from the shared definition.
   * @default - none
   */
  readonly queriedIndexes?: readonly IndexName[];
  /**
   * Of a queried index, only the partitions whose key starts with one of these prefixes: the
   * `dynamodb:LeadingKeys` condition, which on an index Query is the index's own partition key.
   * @default - every partition of each queried index
   */
  readonly queriedIndexPrefixes?: Partial<Record<IndexName, readonly string[]>>;
}

/**
 * How many days back the table can be restored to (AWS allows 1–35, default 35). A backup
 * holds what was erased since, so this is how long erased personal data outlives its erasure;
 * a week still covers a bad release or a mistaken delete noticed after a weekend.
 */
export const RECOVERY_PERIOD_DAYS = 7;

export interface HavenTableProps {
  /**
   * What happens to the table when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The one table, built from the definition in shared/data/table.ts that the local runner also
 * uses. Functions get access through grantData, action by action and index by index: no
 * function may Scan, write in batches, or administer the table, and only the suppression list
 * may be read in batches.
 */
export class HavenTable extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: HavenTableProps = {}) {
    super(scope, id);
    const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });
    // 'Default' keeps the table's logical id what it was before the stack had constructs: a
    // new logical id would create a second, empty table.
    this.table = new dynamodb.TableV2(this, 'Default', {
      partitionKey: stringKey(tableDefinition.partitionKey),
      sortKey: stringKey(tableDefinition.sortKey),
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        recoveryPeriodInDays: RECOVERY_PERIOD_DAYS,
      },
      deletionProtection: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      timeToLiveAttribute: tableDefinition.ttlAttribute,
      // The AWS-managed key (aws/dynamodb), not a customer-managed one: TableV2 cannot render
      // a customer-managed key in a region-agnostic stack, and synth must need no account or
      // region. It is still a KMS key in our account, every use is in CloudTrail, and AWS
      // rotates it yearly. What it lacks (our own key policy, crypto-shredding) can be added
      // in place later: DynamoDB switches a table's key without downtime.
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      dynamoStream: dynamodb.StreamViewType[tableDefinition.streamView],
      globalSecondaryIndexes: tableDefinition.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
    });
  }

  get tableName(): string {
    return this.table.tableName;
  }

  /**
   * Grants exactly the given access. Indexes are named one by one (table.grant would give
   * `index/*`), so a function reaches only the access patterns it uses.
   */
  grantData(grantee: iam.IGrantable, access: TableAccess): void {
    const prefixes = access.partitionKeyPrefixes;
    iam.Grant.addToPrincipal({
      grantee,
      actions: [...access.itemActions],
      resourceArns: [this.table.tableArn],
      ...(prefixes
        ? {
            conditions: {
              'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((prefix) => `${prefix}*`) },
            },
          }
        : {}),
    });
    const indexes = access.queriedIndexes ?? [];
    const narrowed = access.queriedIndexPrefixes ?? {};
    const whole = indexes.filter((name) => narrowed[name] === undefined);
    if (whole.length > 0) {
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['dynamodb:Query'],
        resourceArns: whole.map((name) => `${this.table.tableArn}/index/${name}`),
      });
    }
    for (const name of indexes) {
      const partitions = narrowed[name];
      if (partitions === undefined) continue;
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['dynamodb:Query'],
        resourceArns: [`${this.table.tableArn}/index/${name}`],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': partitions.map((prefix) => `${prefix}*`) },
        },
      });
    }
  }
}
