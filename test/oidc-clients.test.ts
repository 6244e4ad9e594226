import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliFor } from './cli-helpers.js';
import { bearer, startApp, type TestApp, useFileDatabase } from './helpers.js';
import { rows } from './oidc/harness.js';

useFileDatabase();

/** Registering the apps that sign in through the service: `oidc-clients` and /admin/oidc-clients, one repository behind both. */
describe('OpenID clients', () => {
  let t: TestApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startApp();
    const made = await cliFor(t.database)('api-keys', 'create', '--name', 'ops', '--scopes', 'admin');
    admin = bearer(made.out.split('\n').at(-1)!);
  });
  afterAll(() => t.close());

  // On Node 20 the library's import warns that it wants Node 22 (docs/openid-provider.md); the CLI passes that on to stderr.
  const cli = async (...argv: string[]) => {
    const res = await cliFor(t.database)('oidc-clients', ...argv);
    return { ...res, err: res.err.split('\n').filter((line) => !line.startsWith('oidc-provider WARNING')).join('\n') };
  };

  it('are created by the CLI, which prints the id and the secret once, each on its own line; the secret is stored sealed', async () => {
    const made = await cli('create', '--name', 'Shop', '--redirect-uri', 'https://shop.example.com/cb', '--redirect-uri', 'https://shop.example.com/cb2', '--post-logout-redirect-uri', 'https://shop.example.com/');
    expect(made.code).toBe(0);
    const [idLine, secretLine, ...rest] = made.out.split('\n');
    expect(rest).toEqual([]);
    const clientId = /^client_id: (oc_[\w-]{22})$/.exec(idLine!)![1]!;
    const secret = /^client_secret: (ocs_[\w-]{43})$/.exec(secretLine!)![1]!;
    const [row] = await rows(t.database, sql`select secret_sealed, metadata from oidc_clients where client_id = ${clientId}`);
    expect(String(row!.secret_sealed)).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(secret.slice(4));
    expect(row!.metadata).toEqual({
      redirect_uris: ['https://shop.example.com/cb', 'https://shop.example.com/cb2'],
      post_logout_redirect_uris: ['https://shop.example.com/'],
      application_type: 'web',
      token_endpoint_auth_method: 'client_secret_basic',
    });
    const listed = await cli('list', '--json');
    expect(JSON.parse(listed.out)).toContainEqual(expect.objectContaining({ client_id: clientId, name: 'Shop', public: false, first_party: false, revoked_at: null }));
    expect(listed.out).not.toContain(secret);
  });

  it('made public print no secret; a native app\'s own scheme makes it a native client', async () => {
    const made = await cli('create', '--name', 'App', '--public', '--first-party', '--redirect-uri', 'com.example.app:/cb');
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^client_id: oc_[\w-]{22}$/);
    const clientId = made.out.slice('client_id: '.length);
    const [row] = await rows(t.database, sql`select secret_sealed, first_party, metadata->>'application_type' as type from oidc_clients where client_id = ${clientId}`);
    expect(row).toEqual({ secret_sealed: null, first_party: true, type: 'native' });
  });

  it('refuse redirect URIs no browser should be sent to, naming the reason', async () => {
    for (const uri of ['https://shop.example.com/cb#frag', 'javascript:alert(1)', 'not a uri', 'data:text/html,x']) {
      const res = await cli('create', '--name', 'Bad', '--redirect-uri', uri);
      expect(res.code, uri).toBe(1);
      expect(res.err, uri).toMatch(/^redirect_uris: /);
    }
    expect((await cli('create', '--name', 'Bad')).code).toBe(2);
    const prod = await cliFor(t.database, '', { NODE_ENV: 'production', PUBLIC_URL: 'https://accounts.example.com', SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: 'https://hooks.example' })(
      'oidc-clients', 'create', '--name', 'Plain', '--redirect-uri', 'http://shop.example.com/cb',
    );
    expect(prod.err).toMatch(/^redirect_uris: "http:\/\/shop.example.com\/cb" is plain http$/m);
  });

  it('are revoked by the CLI at once, and a second revoke says so', async () => {
    const clientId = (await cli('create', '--name', 'Gone', '--redirect-uri', 'https://gone.example/cb')).out.split('\n')[0]!.slice(11);
    expect((await cli('revoke', clientId)).code).toBe(0);
    const again = await cli('revoke', clientId);
    expect(again).toMatchObject({ code: 1, err: `client ${clientId} is already revoked` });
    expect((await cli('revoke', 'oc_nobody')).err).toBe('no client oc_nobody');
  });

  it('are managed the same way through the admin API', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/oidc-clients',
      headers: admin,
      payload: { name: 'Partner', redirect_uris: ['https://partner.example/cb'], first_party: false },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ name: 'Partner', redirect_uris: ['https://partner.example/cb'], post_logout_redirect_uris: [], public: false, first_party: false, revoked_at: null });
    expect(body.client_secret).toMatch(/^ocs_/);
    const list = await t.app.inject({ url: '/api/v1/admin/oidc-clients', headers: admin });
    const listed = list.json().find((c: { client_id: string }) => c.client_id === body.client_id);
    expect(listed).not.toHaveProperty('client_secret');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/admin/oidc-clients', headers: { ...admin, 'accept-language': 'en' }, payload: { name: 'X', redirect_uris: ['https://x.example/#f'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ redirect_uris: ['Not accepted: "https://x.example/#f" has a fragment'] });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/admin/oidc-clients', headers: admin, payload: { name: 'X', redirect_uris: [] } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/oidc-clients/${body.client_id}`, headers: admin })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/oidc-clients/${body.client_id}`, headers: admin })).json()).toMatchObject({ code: 'not_found' });
    expect((await t.app.inject({ url: '/api/v1/admin/oidc-clients' })).statusCode).toBe(401);
  });
});
