import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

/** One item of a TransactWriteItems (a Put, Update, Delete or ConditionCheck), with plain JS values. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Writes the items in one TransactWriteItems: all of them or none. With `clientRequestToken`,
 * DynamoDB applies a retried call once (idempotency for 10 minutes). `abortSignal` ends the call
 * at its caller's deadline.
 */
export async function transact(
  db: DynamoDBDocumentClient,
  items: readonly TransactItem[],
  clientRequestToken?: string,
  abortSignal?: AbortSignal,
): Promise<void> {
  await db.send(
    new TransactWriteCommand({
      TransactItems: [...items],
      ...(clientRequestToken === undefined ? {} : { ClientRequestToken: clientRequestToken }),
    }),
    { abortSignal },
  );
}
