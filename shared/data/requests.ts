import { erasedRequestSchema, requestRecordSchema } from '../domain/records.ts';
import { recordStore } from './intake-records.ts';
import { requestItem } from './items.ts';
import { requestKey } from './keys.ts';
import type { TransactItem } from './transact.ts';

const requests = recordStore('request', requestKey, requestRecordSchema, erasedRequestSchema, requestItem);

/** Reads one request, consistently and parsed; undefined when there is none. */
export const getRequest = requests.get;

/** Every request ever made from one address, for de-duplication. */
export const requestsByEmail = requests.byEmail;

/** Stores a request in its next state, with everything its change writes, in one transaction. */
export const saveRequest = requests.save;

/** What saving a request writes, as items of another record's change (intake/links.ts, a merge). */
export const requestWrites = requests.writes;

/** Writes what a change about a request issues (tokens, mail, audit) while the request itself stays as it is. */
export const noteRequestChange = requests.note;

/**
 * For a write that relies on a stay as read (a tie press closing the chat's request over it):
 * fails when the request is no longer placed, or its data was erased since, so the writer reads
 * again and finds no stay for the address.
 */
export function stillPlacedCheck(table: string, id: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: table,
      Key: requestKey(id),
      ConditionExpression: '#status = :placed AND attribute_not_exists(erasedAt)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':placed': 'placed' },
    },
  };
}
