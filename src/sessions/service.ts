import type { AppContext } from '../context.js';
import { type ChangeSource, recordEvent } from '../events/record.js';
import { ApiError } from '../http/errors.js';
import type { Account } from './guard.js';
import { listLiveSessions, revokeSessionOfUser } from './repository.js';

/** Where the signed-in user is logged in, and ending one of those sessions. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listSessions(ctx: AppContext, account: Account) {
  const rows = await listLiveSessions(ctx.db, account.user.id);
  return rows.map((s) => ({
    id: s.id,
    created_at: s.createdAt.toISOString(),
    refreshed_at: s.refreshedAt?.toISOString() ?? null,
    ip: s.ip,
    user_agent: s.userAgent,
    current: s.id === account.sessionId,
  }));
}

/**
 * Ends one of the user's live sessions: its refresh and access tokens stop at once. Ending
 * the current one is a logout. Another user's session, an ended one and an id that is no
 * UUID are all the same 404, so nothing is learnt of other people's sessions.
 */
export async function endSession(ctx: AppContext, account: Account, sessionId: string, source: ChangeSource): Promise<void> {
  const id = sessionId.toLowerCase();
  if (!UUID.test(id)) throw new ApiError('not_found');
  await ctx.db.transaction(async (tx) => {
    if (!(await revokeSessionOfUser(tx, account.user.id, id))) throw new ApiError('not_found');
    await recordEvent(tx, source, 'session.revoked', { user_id: account.user.id, session_ids: [id], reason: 'logout' });
  });
}
