import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { UserCore } from '../db/schema.js';
import { unauthorized } from '../http/errors.js';
import { findSessionUser } from './repository.js';

export interface Account {
  user: UserCore;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    account: Account | undefined;
  }
}

/**
 * preHandler for routes that need `Authorization: Bearer <access token>`. The JWT alone is
 * not trusted: its session must be live and its user active, checked on every request.
 */
export function requireUser(ctx: AppContext) {
  return async function authenticateRequest(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    if (!header) throw unauthorized('not_authenticated');
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!match) throw unauthorized('token_not_valid');
    const claims = ctx.tokens.verify('access', match[1]!);
    if (!claims) throw unauthorized('token_not_valid');
    const user = await findSessionUser(ctx.db, claims.sid, claims.user_id);
    if (!user) throw unauthorized('token_not_valid');
    request.account = { user, sessionId: claims.sid };
  };
}

/** The account a `requireUser` route runs for. */
export function accountOf(request: FastifyRequest): Account {
  if (!request.account) throw unauthorized('not_authenticated');
  return request.account;
}
