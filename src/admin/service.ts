import type { AppContext } from '../context.js';
import type { UserRow } from '../db/schema/index.js';
import { listEvents } from '../events/audit.js';
import { type ChangeSource, EVENT_TYPES } from '../events/record.js';
import { ApiError, type FieldProblem, ValidationError } from '../http/errors.js';
import { countPasskeys } from '../passkeys/repository.js';
import { listIdentities } from '../identities/repository.js';
import { parsePhoneNumber } from '../phone/phone-number.js';
import { countLiveSessions, lastSessionOpenedAt, revokeUserSessions } from '../sessions/repository.js';
import { withdrawAccount } from '../withdrawal/service.js';
import { foldEmail } from '../email/address.js';
import * as users from '../users/repository.js';
import { findKeptUser, searchUsers, type UserQuery } from '../users/search.js';
import { removeSecondFactor } from '../mfa/service.js';
import { totpEnabled } from '../mfa/repository.js';

/** The admin API's actions, each as `admin:<api key id>` from the caller's IP. */

export const adminSource = (keyId: number, ip: string): ChangeSource => ({ actor: `admin:${keyId}`, ip });

const notFound = () => new ApiError('not_found');

/** Opaque page cursors: `u.<id>` and `e.<seq>`, base64url, so clients pass them back untouched. */
const cursor = (kind: 'u' | 'e', n: number) => Buffer.from(`${kind}.${n}`).toString('base64url');
function readCursor(kind: 'u' | 'e', raw: string | undefined, field: string, problems: Record<string, FieldProblem[]>): number | undefined {
  if (raw === undefined) return undefined;
  const m = /^([ue])\.([1-9][0-9]{0,14})$/.exec(Buffer.from(raw, 'base64url').toString());
  if (m?.[1] === kind && Buffer.from(`${kind}.${m[2]}`).toString('base64url') === raw) return Number(m[2]);
  problems[field] = [{ code: 'invalid_cursor' }];
  return undefined;
}
function readLimit(raw: string | undefined, problems: Record<string, FieldProblem[]>): number {
  if (raw === undefined) return 50;
  const n = /^[0-9]{1,3}$/.test(raw) ? Number(raw) : 0;
  if (n >= 1 && n <= 100) return n;
  problems.limit = [{ code: 'invalid_limit' }];
  return 50;
}
const throwIfAny = (problems: Record<string, FieldProblem[]>) => {
  if (Object.keys(problems).length) throw new ValidationError(problems);
};

/** A path id: digits naming an account that was not withdrawn, else 404. */
export async function keptUser(ctx: AppContext, rawId: string): Promise<UserRow> {
  const user = /^[1-9][0-9]{0,14}$/.test(rawId) ? await findKeptUser(ctx.db, Number(rawId)) : undefined;
  if (!user) throw notFound();
  return user;
}

/** `q`: an id, a phone number in any accepted format, or an email prefix (case-insensitively), whichever it can be. */
function userQuery(ctx: AppContext, q: string | undefined): UserQuery {
  if (q === undefined) return {};
  const query: UserQuery = { emailPrefix: foldEmail(q) };
  if (/^[1-9][0-9]{0,14}$/.test(q.trim())) query.id = Number(q.trim());
  try {
    query.phoneNumber = parsePhoneNumber(q, ctx.config.phone);
  } catch {
    // Not a phone number: the other readings stand.
  }
  return query;
}

export async function listUsers(ctx: AppContext, input: { q?: string; limit?: string; after?: string }) {
  const problems: Record<string, FieldProblem[]> = {};
  const limit = readLimit(input.limit, problems);
  const after = readCursor('u', input.after, 'after', problems);
  throwIfAny(problems);
  const rows = await searchUsers(ctx.db, userQuery(ctx, input.q), limit, after);
  const page = rows.slice(0, limit);
  return { results: page, next: rows.length > limit ? cursor('u', page.at(-1)!.id) : null };
}

/** The account with what other tables know of it: live sessions, last login, a second factor. */
export async function userDetails(ctx: AppContext, user: UserRow) {
  const [liveSessions, lastLoginAt, mfaEnabled, passkeys, identities] = await Promise.all([
    countLiveSessions(ctx.db, user.id),
    lastSessionOpenedAt(ctx.db, user.id),
    totpEnabled(ctx.db, user.id),
    countPasskeys(ctx.db, user.id),
    listIdentities(ctx.db, user.id),
  ]);
  return { user, liveSessions, lastLoginAt, mfaEnabled, passkeys, identities };
}

/** Name, nickname and whether it may log in; deactivating revokes every session in the same transaction. */
export async function updateUser(
  ctx: AppContext,
  source: ChangeSource,
  user: UserRow,
  input: { name?: string | null; nickname?: string | null; is_active?: boolean },
): Promise<UserRow> {
  // Name and nickname as the field stage parsed them: trimmed, or null.
  const profile: { name?: string | null; nickname?: string | null } = {};
  if (input.name !== undefined) profile.name = input.name;
  if (input.nickname !== undefined) profile.nickname = input.nickname;
  const row = await ctx.db.transaction(async (tx) => {
    let row: UserRow | undefined = user;
    if (Object.keys(profile).length) row = await users.updateProfile(tx, source, user.id, profile, 'kept');
    if (row && input.is_active !== undefined) {
      row = await users.setActive(tx, source, user.id, input.is_active);
      if (row && !input.is_active) await revokeUserSessions(tx, source, user.id, 'deactivated');
    }
    return row;
  });
  if (!row) throw notFound();
  return row;
}

/** The same withdrawal as `DELETE /users/me`. */
export async function deleteUser(ctx: AppContext, source: ChangeSource, user: UserRow): Promise<void> {
  if (!(await ctx.db.transaction((tx) => withdrawAccount(tx, source, user.id)))) throw notFound();
}

/**
 * Turns the account's second factor off for its owner, who lost it, or whom a password
 * thief locked out by setting one up: `mfa.disabled` with the admin as actor.
 */
export async function turnOffSecondFactor(ctx: AppContext, source: ChangeSource, user: UserRow): Promise<void> {
  await ctx.db.transaction((tx) => removeSecondFactor(tx, source, user.id));
}

export async function endSessions(ctx: AppContext, source: ChangeSource, user: UserRow): Promise<void> {
  await ctx.db.transaction((tx) => revokeUserSessions(tx, source, user.id, 'operator'));
}

export async function auditLog(ctx: AppContext, input: { user_id?: string; type?: string; before?: string; limit?: string }) {
  const problems: Record<string, FieldProblem[]> = {};
  const limit = readLimit(input.limit, problems);
  const before = readCursor('e', input.before, 'before', problems);
  let userId: number | undefined;
  if (input.user_id !== undefined) {
    if (/^[1-9][0-9]{0,14}$/.test(input.user_id)) userId = Number(input.user_id);
    else problems.user_id = [{ code: 'invalid_user_id' }];
  }
  if (input.type !== undefined && !(EVENT_TYPES as readonly string[]).includes(input.type)) problems.type = [{ code: 'unknown_event_type' }];
  throwIfAny(problems);
  const rows = await listEvents(ctx.db, { userId, type: input.type, beforeSeq: before }, limit);
  const page = rows.slice(0, limit);
  return { results: page, next: rows.length > limit ? cursor('e', page.at(-1)!.seq) : null };
}
