import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

export interface ChangedItem {
  readonly sequenceNumber: string;
  /** Unique across the stream (a sequence number is unique within its shard only). */
  readonly eventId: string;
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly newItem: Record<string, unknown> | undefined;
  readonly oldItem: Record<string, unknown> | undefined;
  /** An instant (ms) the change was written before: the stream gives whole seconds, rounded down. */
  readonly writtenBefore: number | undefined;
}

type StreamImage = NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];

// aws-lambda's image type and the SDK's AttributeValue describe the same wire format.
const toItem = (image: StreamImage) =>
  image ? unmarshall(image as Record<string, AttributeValue>) : undefined;

const writtenBeforeOf = (seconds: number | undefined) =>
  seconds === undefined ? undefined : (seconds + 1) * 1000;

/** Turns a DynamoDB stream batch (as Lambda delivers it, and as the local poller rebuilds it) into plain items. */
export function changedItems(event: DynamoDBStreamEvent): ChangedItem[] {
  return event.Records.flatMap((record) => {
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    const eventName = record.eventName;
    if (!sequenceNumber || !eventName) return [];
    return [
      {
        sequenceNumber,
        eventId: record.eventID ?? sequenceNumber,
        eventName,
        newItem: toItem(record.dynamodb?.NewImage),
        oldItem: toItem(record.dynamodb?.OldImage),
        writtenBefore: writtenBeforeOf(record.dynamodb?.ApproximateCreationDateTime),
      },
    ];
  });
}
