import type { DynamoDBBatchResponse } from 'aws-lambda';
import { changedItems } from '../data/stream.ts';
import type { Deps } from '../deps.ts';
import { isScheduledTask, type StreamOrSchedule } from '../events.ts';

/** The matcher Lambda's work: a stream batch or the periodic sweep in, proposals out. */
export function createMatcher(deps: Deps) {
  return async (event: StreamOrSchedule): Promise<DynamoDBBatchResponse> => {
    if (isScheduledTask(event)) {
      deps.log.info('matcher.sweep');
      return { batchItemFailures: [] };
    }
    deps.log.info('matcher.batch', { records: changedItems(event).length });
    return { batchItemFailures: [] };
  };
}
