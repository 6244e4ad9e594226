import { type AddressInfo, createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import * as client from 'openid-client';
import { buildApp } from '../../src/app.js';
import type { ResolvedConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import type { App } from '../../src/http/types.js';
import { createClient, type NewClient } from '../../src/oidc-provider/clients.js';
import { loadOidcLibrary } from '../../src/oidc-provider/library.js';
import { codeChecks, PASSWORD, RecordingSms, testConfig } from '../helpers.js';

/** A port nobody listens on now, so PUBLIC_URL can name it before the app is built. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface OidcInstance {
  app: App;
  config: ResolvedConfig;
  sms: RecordingSms;
  /** Where this instance listens (127.0.0.1 and its own port). */
  address: string;
  close(): Promise<void>;
}

/**
 * The real app with OIDC_PROVIDER=on, listening; `issuer` is its PUBLIC_URL. Several
 * instances on one database share one issuer, as they would behind a load balancer.
 */
export async function startInstance(database: Database, issuer: string, env: Record<string, string> = {}, pagesDir?: string): Promise<OidcInstance> {
  const port = Number(new URL(issuer).port);
  const config = testConfig({ OIDC_PROVIDER: 'on', PUBLIC_URL: issuer, ...env });
  const sms = new RecordingSms();
  const codes = codeChecks();
  const app = await buildApp({ config, database, sms, logger: codes.logger, ...(pagesDir ? { pagesDir } : {}) });
  const address = await app.listen({ port: env.LISTEN_PORT ? Number(env.LISTEN_PORT) : port, host: '127.0.0.1' });
  return {
    app,
    config,
    sms,
    address,
    close: async () => {
      await app.close();
      codes.check();
    },
  };
}

export async function emptyOidcDatabase(database: Database): Promise<void> {
  await database.db.execute(
    sql`truncate oidc_payloads, oidc_clients, sessions, users, phone_verifications, rate_limits, events restart identity cascade`,
  );
}

export const sameOrigin = { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' };

/** kim@example.com, signed up through the API; answers the user id. */
export async function signUpKim(app: App, phone = '010-1234-5678', email = 'kim@example.com', sms: RecordingSms): Promise<number> {
  const json = { 'content-type': 'application/json' };
  await app.inject({ method: 'POST', url: '/api/v1/phone-verify', headers: json, payload: { phone_number: phone } });
  const to = sms.sent.at(-1)!.to;
  const confirmed = await app.inject({ method: 'POST', url: '/api/v1/phone-verify/confirm', headers: json, payload: { phone_number: phone, key: sms.lastKey(to) } });
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: json,
    payload: { email, password: PASSWORD, phone_number: phone, token: confirmed.json().token, name: '김동우', nickname: 'dongwoo' },
  });
  if (res.statusCode !== 201) throw new Error(`sign-up answered ${res.statusCode}: ${res.body}`);
  return res.json().id as number;
}

/** An access token of the account pages' session (what the pages hold after their login). */
export async function pagesLogin(app: App, email = 'kim@example.com'): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/account/api/login', headers: sameOrigin, payload: { email, password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`pages login answered ${res.statusCode}: ${res.body}`);
  return res.json().access_token as string;
}

export async function registerClient(database: Database, input: Partial<NewClient> = {}) {
  return createClient(
    { db: database.db, secretKey: testConfig().secretKey, production: false, library: await loadOidcLibrary(() => undefined) },
    { name: 'Shop', redirectUris: ['http://127.0.0.1:9/cb'], postLogoutRedirectUris: ['http://127.0.0.1:9/bye'], ...input },
  );
}

export const insecure = { execute: [client.allowInsecureRequests] };

/** A response's JSON, as assertions read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions read any shape
export const json = async (res: Response): Promise<any> => res.json();

/** The rows of a query, as assertions read them. */
export async function rows(database: Database, query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  return ((await database.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
}
