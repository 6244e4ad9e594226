import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../db/client.js';
import type { ChangeSource } from '../events/record.js';
import { findClientMetadata } from './clients-repository.js';
import {
  consumePayload,
  destroyPayload,
  findPayload,
  findPayloadByUid,
  type Payload,
  revokeGrant,
  revokePayloadsOfGrant,
  upsertGrant,
  upsertPayload,
} from './payloads.js';

export interface AdapterDeps {
  db: Db;
  /** REFRESH_TOKEN_REUSE_INTERVAL_SECONDS: as the service's own refresh tokens follow it. */
  reuseSeconds: number;
  /** The sealed secret of a confidential client, opened. */
  openSecret(sealed: string, clientId: string): string;
  /** Who is acting, for the consent event a new grant records. */
  source(): ChangeSource;
  /** oidc-provider's `errors.InvalidGrant`, from the library as loaded. */
  InvalidGrant: new (description: string) => Error;
}

/**
 * Ids come from clients (a code, a token, a client_id): one PostgreSQL cannot hold (a NUL,
 * half a surrogate pair) or no id is this long is simply not found, never a database error.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const usable = (id: string) => typeof id === 'string' && id.length <= 512 && !id.includes('\u0000') && !LONE_SURROGATE.test(id);

/**
 * oidc-provider's storage interface on PostgreSQL (its `adapter` option): one instance per
 * model name. Clients are read from oidc_clients (created by the CLI or the admin API only,
 * never by the library); everything else is a row of oidc_payloads (payloads.ts).
 */
export function pgAdapter(deps: AdapterDeps): new (model: string) => Adapter {
  const { db, reuseSeconds } = deps;
  return class PgAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      if (this.model === 'Client') throw new Error('clients are made by `oidc-clients create` or the admin API only');
      if (this.model === 'Grant') return upsertGrant(db, deps.source(), id, payload as Payload, expiresIn);
      await upsertPayload(db, this.model, id, payload as Payload, expiresIn);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (!usable(id)) return undefined;
      if (this.model === 'Client') return findClientMetadata(db, id, deps.openSecret);
      const row = await findPayload(db, this.model, id, reuseSeconds);
      if (!row) return undefined;
      // A refresh token retired within the reuse interval (two tabs, a retried request) is
      // presented as unused, so the library rotates it again instead of revoking the grant.
      if (row.consumed === undefined || (this.model === 'RefreshToken' && row.recently)) return row.payload;
      return { ...row.payload, consumed: row.consumed };
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      if (!usable(uid)) return undefined;
      return findPayloadByUid(db, this.model, uid);
    }

    async findByUserCode(): Promise<undefined> {
      return undefined; // the device flow is off
    }

    async consume(id: string): Promise<void> {
      if (usable(id) && (await consumePayload(db, this.model, id, reuseSeconds))) return;
      // Another request used it a moment ago (the library's own check only saw it unused): a
      // code or refresh token used twice revokes everything its grant issued, as a reuse it
      // had seen would.
      const row = usable(id) ? await findPayload(db, this.model, id, 0) : undefined;
      const grantId = row?.payload.grantId;
      if (typeof grantId === 'string') await revokeGrant(db, grantId);
      throw new deps.InvalidGrant(this.model === 'AuthorizationCode' ? 'authorization code already consumed' : 'refresh token already used');
    }

    async destroy(id: string): Promise<void> {
      if (usable(id)) await destroyPayload(db, this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      if (usable(grantId)) await revokePayloadsOfGrant(db, this.model, grantId);
    }
  };
}
