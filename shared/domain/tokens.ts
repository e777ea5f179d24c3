import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod';
import { lazySchema } from './lazy-schema.ts';

/**
 * Action-link tokens: 256 random bits in the link (base64url, 43 characters); the table keeps
 * only their SHA-256, so a leaked table or backup holds no working link. Every flow that acts
 * by link (confirm, manage, approve/decline, "still available?") uses this one module.
 */
export const TOKEN_PURPOSES = [
  'confirm-offer',
  'confirm-request',
  'manage-offer',
  'manage-request',
  'approve',
  'decline',
  'availability-yes',
  'availability-no',
  'check-in',
  'coordinator-sign-in',
] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** How long a private manage link works: longer than any stay it may be needed for. */
export const MANAGE_LINK_VALID_MS = 400 * 86400_000;

/** What a token acts on. */
export const TOKEN_SUBJECT_KINDS = ['offer', 'request', 'proposal', 'coordinator'] as const;
export type TokenSubjectKind = (typeof TOKEN_SUBJECT_KINDS)[number];

/** The one thing a caller learns about a token that does not work: not which of the reasons. */
export const LINK_GONE_MESSAGE =
  'This link can’t be used any more. Whatever was done with it before stands; this request changed nothing.';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const tokenRecordSchema = lazySchema(() =>
  z.object({
    kind: z.literal('token'),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    purpose: z.enum(TOKEN_PURPOSES),
    subjectKind: z.enum(TOKEN_SUBJECT_KINDS),
    subjectId: z.string().min(1),
    createdAt: z.iso.datetime(),
    /** After this instant the link does nothing (checked by us; TTL deletion is only housekeeping). */
    validUntil: z.iso.datetime(),
    /** A single-use token is spent by the first action it performs. */
    singleUse: z.boolean(),
    usedAt: z.iso.datetime().optional(),
    /**
     * For a confirm link sent after a resubmission: the fields the confirmation applies to a
     * record that is already confirmed (so nobody can rewrite someone else's record by knowing
     * the address). Held here, with the token's expiry, and never shown to anyone else.
     */
    changes: z.record(z.string(), z.unknown()).optional(),
    /**
     * For a confirm link sent after a Telegram chat sent what the address's record repeats: the
     * chat's record (same kind) that confirming merges into the subject and then erases.
     */
    mergeFrom: z.string().min(1).optional(),
    /**
     * For a confirm link sent to an address a chat's record newly gives: confirming ties the
     * address to that record, which stays the chat's (its notices go on to the chat).
     */
    addressChange: z.literal(true).optional(),
  }),
);
export type TokenRecord = z.infer<typeof tokenRecordSchema>;

/** A new raw token and the hash under which it is stored. */
export function newToken(): { raw: string; hash: string } {
  const raw = randomBytes(32).toString('base64url');
  return { raw, hash: hashToken(raw) as string };
}

/** The storage key of a raw token, or undefined when it cannot be one of ours (altered, truncated). */
export function hashToken(raw: string): string | undefined {
  if (!TOKEN_PATTERN.test(raw)) return undefined;
  return createHash('sha256').update(raw).digest('hex');
}

/** Whether a stored token may act now: the same answer for used and expired, by design. */
export function tokenUsable(token: TokenRecord, now: Date): boolean {
  if (token.singleUse && token.usedAt !== undefined) return false;
  return Date.parse(token.validUntil) > now.getTime();
}
