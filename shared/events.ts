import type { DynamoDBStreamEvent } from 'aws-lambda';

/** What EventBridge Scheduler sends to the stream-fed functions for their periodic work. */
export interface ScheduledTask {
  readonly source: 'haven.schedule';
  readonly task: 'sweep';
}

export const isScheduledTask = (event: unknown): event is ScheduledTask =>
  typeof event === 'object' && event !== null && (event as { source?: unknown }).source === 'haven.schedule';

export type StreamOrSchedule = DynamoDBStreamEvent | ScheduledTask;
