import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { Provider } from 'oidc-provider';
import type { Db } from '../db/client.js';
import type { OidcClientRow } from '../db/schema/index.js';
import { findClient, insertClient, listClients, revokeClientRow } from './clients-repository.js';
import type { OidcLibrary } from './library.js';
import { clientDefaults, clientSecrets } from './provider.js';

/*
 * Registering the apps that sign in through the service: `oidc-clients create|list|revoke`
 * and /api/v1/admin/oidc-clients both come here. A secret is shown once, when made, and
 * stored sealed.
 */

export interface NewClient {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[] | undefined;
  /** No secret: the app proves itself with PKCE alone (a mobile app, a single-page app). */
  public?: boolean | undefined;
  /** The product's own app: no consent screen. */
  firstParty?: boolean | undefined;
}

/** A refusal of a client's fields, by field, in the operator's words. */
export class ClientRefused extends Error {
  constructor(
    readonly field: 'name' | 'redirect_uris' | 'post_logout_redirect_uris',
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export interface ClientView {
  client_id: string;
  name: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  public: boolean;
  first_party: boolean;
  created_at: string;
  revoked_at: string | null;
}

export const clientView = (row: OidcClientRow): ClientView => ({
  client_id: row.clientId,
  name: row.name,
  redirect_uris: (row.metadata.redirect_uris as string[] | undefined) ?? [],
  post_logout_redirect_uris: (row.metadata.post_logout_redirect_uris as string[] | undefined) ?? [],
  public: row.secretSealed === null,
  first_party: row.firstParty,
  created_at: row.createdAt.toISOString(),
  revoked_at: row.revokedAt?.toISOString() ?? null,
});

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * What kind of address a redirect URI is: an https page (or a loopback http one, an app
 * running on the developer's machine), or an app's own scheme (`com.example.app:/cb`,
 * RFC 8252 §7.1), which makes the client a native app. Plain http elsewhere only outside
 * production. Compared later exactly as written.
 */
function uriKind(raw: string, production: boolean): 'web' | 'native' | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw.slice(0, 200)}" is not an absolute URI`;
  }
  if (raw.includes('#')) return `"${raw.slice(0, 200)}" has a fragment`;
  if (url.protocol === 'https:') return 'web';
  if (url.protocol === 'http:') return LOOPBACK.has(url.hostname) || !production ? 'web' : `"${raw.slice(0, 200)}" is plain http`;
  // Reverse domain names only (RFC 8252 §7.1): a scheme like `javascript:` or `data:` is no app's.
  if (/^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/.test(url.protocol)) return 'native';
  return `"${raw.slice(0, 200)}": ${url.protocol} is not an app's own scheme (reverse domain name, like com.example.app:)`;
}

function checkUris(field: ClientRefused['field'], uris: string[], production: boolean, required: boolean): ('web' | 'native')[] {
  if (required && uris.length === 0) throw new ClientRefused(field, 'give at least one');
  if (uris.length > 20) throw new ClientRefused(field, 'at most 20');
  return uris.map((uri) => {
    const kind = uriKind(uri, production);
    if (kind !== 'web' && kind !== 'native') throw new ClientRefused(field, kind);
    return kind;
  });
}

/**
 * oidc-provider's own check of client metadata, by a provider built for nothing else (a
 * throwaway key, no storage), so a client the running provider would refuse is never stored.
 */
let validating: Promise<Provider> | undefined;
async function validator(library: OidcLibrary): Promise<Provider> {
  validating ??= (async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const unused = () => Promise.reject(new Error('validation only'));
    return new library.Provider('https://validation.invalid', {
      adapter: class {
        upsert = unused;
        find = unused;
        findByUid = unused;
        findByUserCode = unused;
        consume = unused;
        destroy = unused;
        revokeByGrantId = unused;
      },
      jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: 'ES256', kid: 'validation' }] as never },
      features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
      responseTypes: ['code'],
      clientAuthMethods: ['client_secret_basic', 'none'],
      clientDefaults: clientDefaults('ES256') as never,
      extraClientMetadata: { properties: ['firstParty'] },
    });
  })();
  return validating;
}

export async function createClient(
  deps: { db: Db; secretKey: string; production: boolean; library: OidcLibrary },
  input: NewClient,
): Promise<{ client: ClientView; secret: string | undefined }> {
  const name = input.name.trim();
  if (!name || name.length > 200 || /[\u0000-\u001f\u007f-\u009f]/.test(name)) throw new ClientRefused('name', 'must be 1 to 200 printable characters');
  const kinds = checkUris('redirect_uris', input.redirectUris, deps.production, true);
  checkUris('post_logout_redirect_uris', input.postLogoutRedirectUris ?? [], deps.production, false);
  const clientId = `oc_${randomBytes(16).toString('base64url')}`;
  const secret = input.public ? undefined : `ocs_${randomBytes(32).toString('base64url')}`;
  const metadata = {
    redirect_uris: input.redirectUris,
    ...(input.postLogoutRedirectUris?.length ? { post_logout_redirect_uris: input.postLogoutRedirectUris } : {}),
    application_type: kinds.includes('native') ? ('native' as const) : ('web' as const),
    token_endpoint_auth_method: input.public ? ('none' as const) : ('client_secret_basic' as const),
  };
  try {
    await (await validator(deps.library)).Client.validate({ ...metadata, client_id: clientId, ...(secret ? { client_secret: secret } : {}) });
  } catch (err) {
    const { error_description: reason } = err as { error_description?: string };
    if (reason === undefined) throw err;
    throw new ClientRefused(/post_logout/.test(reason) ? 'post_logout_redirect_uris' : 'redirect_uris', reason);
  }
  const row = await insertClient(deps.db, {
    clientId,
    name,
    metadata,
    secretSealed: secret ? clientSecrets(deps.secretKey).seal(secret, clientId) : null,
    firstParty: Boolean(input.firstParty),
  });
  return { client: clientView(row), secret };
}

export async function listClientViews(db: Db): Promise<ClientView[]> {
  return (await listClients(db)).map(clientView);
}

export class UnknownClient extends Error {}

/** Revoked at once: its grants, codes and tokens are deleted with it. */
export async function revokeClient(db: Db, clientId: string): Promise<void> {
  if (await revokeClientRow(db, clientId)) return;
  throw new UnknownClient((await findClient(db, clientId)) ? `client ${clientId} is already revoked` : `no client ${clientId}`);
}
