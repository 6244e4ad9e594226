import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { ApiError, unauthorized } from '../http/errors.js';
import type { App } from '../http/types.js';
import { findLiveApiKey } from './repository.js';
import { apiKeyHash, type ApiKeyScope, looksLikeApiKey } from './service.js';

export interface ApiKeyCaller {
  id: number;
  name: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    apiKey: ApiKeyCaller | undefined;
  }
}

/**
 * An onRequest hook for routes called by other services: `Authorization: Bearer <API key>`
 * with `scope`. It runs before the body is read. A user's access token is no API key (401),
 * and the key is looked up on every request, so a revoked one stops at once. No key, or
 * one that is not live: 401; a live key without the scope: 403.
 */
export function requireApiKey(deps: { db: Db; secretKey: string }, scope: ApiKeyScope) {
  return async function authenticateService(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    if (!header) throw unauthorized('not_authenticated');
    const key = /^Bearer[ ]+(\S+)\s*$/i.exec(header)?.[1];
    if (!key || !looksLikeApiKey(key)) throw unauthorized('invalid_api_key');
    const row = await findLiveApiKey(deps.db, apiKeyHash(deps.secretKey, key));
    if (!row) throw unauthorized('invalid_api_key');
    if (!row.scopes.includes(scope)) throw new ApiError('permission_denied');
    request.apiKey = { id: row.id, name: row.name };
  };
}

/** What {@link requireApiKey} answers, for the routes it guards to declare. */
export const apiKeyRefusals = ['not_authenticated', 'invalid_api_key', 'permission_denied'] as const;

/** Gives requests their `apiKey` slot; called once, before the routes. */
export function installApiKeys(app: App): void {
  app.decorateRequest('apiKey', undefined);
}
