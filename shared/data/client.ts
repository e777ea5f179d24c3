import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoSettings {
  readonly region: string;
  /** DynamoDB Local or another endpoint; in AWS this is unset and the SDK finds the service. */
  readonly endpoint?: string | undefined;
}

/**
 * The one DynamoDB client of a process. DynamoDB Local accepts any credentials, so with an
 * explicit endpoint we pass placeholders rather than require an AWS profile on a laptop or in CI.
 */
export function createDynamoClient(settings: DynamoSettings): DynamoDBClient {
  return new DynamoDBClient({
    region: settings.region,
    ...(settings.endpoint
      ? { endpoint: settings.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 4,
    // The SDK waits for an answer forever by default; a table that stopped answering must fail the call.
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 30_000 },
  });
}

export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}
