import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { auditPut } from './audit.ts';
import { translateWriteError } from './errors.ts';
import { NOTE_PREFIX, noteKey } from './keys.ts';
import { queryAll } from './query.ts';
import { transact } from './transact.ts';

/**
 * A coordinator's internal note on a record. It sits in the record's partition, so whatever
 * erases the record's partition erases its notes, and it is never part of any mail.
 */
export const noteSchema = lazySchema(() =>
  z.object({
    kind: z.literal('note'),
    id: z.string().min(1),
    text: z.string().min(1).max(2000),
    by: z.string().min(3),
    at: z.iso.datetime(),
  }),
);
export type Note = z.infer<typeof noteSchema>;

/** Adds a note and its audit event (which names the note, never its text). */
export async function addNote(deps: Deps, subjectPk: string, note: Omit<Note, 'kind'>): Promise<void> {
  const table = deps.config.TABLE_NAME;
  try {
    await transact(deps.db, [
      {
        Put: {
          TableName: table,
          Item: { ...noteKey(subjectPk, note.at, note.id), kind: 'note', ...note },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditPut(
        table,
        { subjectPk, action: 'coordinator.note-added', actor: `coordinator:${note.by}`, fields: ['note'] },
        deps.now(),
      ),
    ]);
  } catch (error) {
    translateWriteError(error, 'note');
  }
}

/** A record's notes, newest first. */
export async function notesOf(deps: Deps, subjectPk: string): Promise<Note[]> {
  const { Items = [] } = await deps.db.send(
    new QueryCommand({
      TableName: deps.config.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :note)',
      ExpressionAttributeValues: { ':pk': subjectPk, ':note': NOTE_PREFIX },
      ScanIndexForward: false,
      Limit: 100,
    }),
  );
  return Items.map((item) => noteSchema.parse(item));
}

/** Deletes every note on a record: coordinators write about the person, so notes go with the person's data. */
export async function deleteNotesOf(deps: Deps, subjectPk: string): Promise<void> {
  const notes = await queryAll(deps.db, {
    TableName: deps.config.TABLE_NAME,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :note)',
    ExpressionAttributeValues: { ':pk': subjectPk, ':note': NOTE_PREFIX },
    ProjectionExpression: 'pk, sk',
  });
  for (const note of notes) {
    await deps.db.send(
      new DeleteCommand({ TableName: deps.config.TABLE_NAME, Key: { pk: note.pk, sk: note.sk } }),
    );
  }
}
