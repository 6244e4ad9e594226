import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import type { UserCore } from '../db/schema/index.js';
import { declareErrors } from '../http/error-codes.js';
import { unauthorized } from '../http/errors.js';
import type { App } from '../http/types.js';
import { findSessionUser } from './lookup.js';
import type { TokenService } from '../jwt/tokens.js';

export interface Account {
  user: UserCore;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    account: Account | undefined;
  }
}

interface GuardDeps {
  db: Db;
  tokens: TokenService;
}

/**
 * preHandler for routes that need `Authorization: Bearer <access token>`. The JWT alone is
 * not trusted: its session must be live, its user active and its key not revoked, checked
 * on every request.
 */
function requireUser(deps: GuardDeps) {
  return async function authenticateRequest(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    if (!header) throw unauthorized('not_authenticated');
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!match) throw unauthorized('token_not_valid');
    const claims = await deps.tokens.verify('access', match[1]!);
    if (!claims) throw unauthorized('token_not_valid');
    const user = await findSessionUser(deps.db, claims.sid, claims.user_id, claims.kid);
    if (!user) throw unauthorized('token_not_valid');
    request.account = { user, sessionId: claims.sid };
  };
}

/** Runs {@link requireUser} first on every route added afterwards whose config has `auth: 'bearer'`, which documents its 401s. */
export function installBearerGuard(app: App, deps: GuardDeps): void {
  const guard = requireUser(deps);
  app.decorateRequest('account', undefined);
  app.addHook('onRoute', (route) => {
    if (route.config?.auth !== 'bearer') return;
    route.preHandler = [guard, ...[route.preHandler ?? []].flat()];
    declareErrors(route, ['not_authenticated', 'token_not_valid']);
  });
}

/** The account a guarded route runs for. */
export function accountOf(request: FastifyRequest): Account {
  if (!request.account) throw unauthorized('not_authenticated');
  return request.account;
}
