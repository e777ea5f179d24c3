import type { StreamConsumerName } from '../../shared/events.ts';
import { CONSUMER_WIRING } from '../../shared/wiring.ts';
import type { StreamConsumer } from './stream-poller.ts';

/** The batch settings the stack gives a consumer's event source mapping, in the local poller's terms. */
export function pollerSettings(
  name: StreamConsumerName,
): Pick<StreamConsumer, 'batchSize' | 'batchWindowMs' | 'maxRetries' | 'lanes'> {
  const wiring = CONSUMER_WIRING[name];
  return {
    batchSize: wiring.batchSize,
    batchWindowMs: wiring.batchWindowSeconds * 1000,
    maxRetries: wiring.retryAttempts,
    lanes: wiring.parallelizationFactor,
  };
}
