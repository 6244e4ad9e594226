import { asc, gt } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { events } from '../src/db/schema/index.js';
import { cliFor } from './cli-helpers.js';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/** The admin API: accounts and the audit log over HTTP, with an API key of scope admin. */
let t: TestApp;
afterEach(async () => t?.close());

async function apiKey(scopes: string): Promise<{ id: number; auth: Record<string, string> }> {
  const created = await cliFor(t.database)('api-keys', 'create', '--name', `ops-${scopes}`, '--scopes', scopes);
  expect(created.code).toBe(0);
  const lines = created.out.split('\n');
  return { id: Number(/api key (\d+) created/.exec(lines[0]!)![1]), auth: bearer(lines.at(-1)!) };
}

async function threeUsers() {
  await t.signUp({ email: 'kim@example.com', phone_number: '010-1234-5678' });
  await t.signUp({ email: 'Kimberly@Example.com', phone_number: '010-2222-3333' });
  await t.signUp({ email: 'lee@example.com', phone_number: '010-4444-5555' });
}

function eventsSince() {
  let seen = 0;
  return async () => {
    const rows = await t.database.db.select().from(events).where(gt(events.seq, seen)).orderBy(asc(events.seq));
    seen = rows.at(-1)?.seq ?? seen;
    return rows.map((r) => ({ type: r.type, actor: r.actor, user_id: r.userId, data: r.data }));
  };
}

describe('who may call the admin API', () => {
  it('refuses no key and a bad one with 401, a key without the admin scope with 403, and a user token with 401', async () => {
    t = await startApp();
    await t.signUp();
    const user = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const introspect = await apiKey('introspect');
    expect((await t.get('/admin/users')).status).toBe(401);
    expect((await t.get('/admin/users', { authorization: 'Bearer acs_nope' })).status).toBe(401);
    expect((await t.get('/admin/users', bearer(user.access))).status).toBe(401);
    expect((await t.get('/admin/users', introspect.auth)).status).toBe(403);
    expect((await t.delete('/admin/users/1', undefined, introspect.auth)).status).toBe(403);
    // And an admin key is no user token.
    const admin = await apiKey('admin');
    expect((await t.get('/users/me', admin.auth)).status).toBe(401);
    expect((await t.get('/admin/users', admin.auth)).status).toBe(200);
  });

  it('documents every admin route under its own security scheme', async () => {
    t = await startApp();
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.components.securitySchemes.adminKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const admin = Object.entries(doc.paths as Record<string, Record<string, { security?: unknown }>>).filter(([p]) => p.startsWith('/api/v1/admin'));
    expect(admin.map(([p]) => p).sort()).toEqual([
      '/api/v1/admin/events',
      '/api/v1/admin/oidc-clients',
      '/api/v1/admin/oidc-clients/{client_id}',
      '/api/v1/admin/users',
      '/api/v1/admin/users/{id}',
      '/api/v1/admin/users/{id}/mfa',
      '/api/v1/admin/users/{id}/sessions',
    ]);
    for (const [, ops] of admin) for (const op of Object.values(ops)) expect(op.security).toEqual([{ adminKey: [] }]);
  });
});

describe('GET /admin/users', () => {
  it('lists newest first, a page at a time, with a cursor', async () => {
    t = await startApp();
    await threeUsers();
    const { auth } = await apiKey('admin');
    const first = await t.get('/admin/users?limit=2', auth);
    expect(first.status).toBe(200);
    expect(first.body.results.map((u: { id: number }) => u.id)).toEqual([3, 2]);
    expect(first.body.results[0]).toEqual({
      id: 3,
      email: 'lee@example.com',
      name: '김동우',
      nickname: 'dongwoo',
      phone_number: '01044445555',
      is_active: true,
      is_admin: false,
      created_at: expect.any(String),
    });
    const second = await t.get(`/admin/users?limit=2&after=${first.body.next}`, auth);
    expect(second.body).toEqual({ results: [expect.objectContaining({ id: 1 })], next: null });
  });

  it('finds by email prefix whatever its case, by a phone number in any accepted format, and by id', async () => {
    t = await startApp();
    await threeUsers();
    const { auth } = await apiKey('admin');
    const ids = async (q: string) => (await t.get(`/admin/users?q=${encodeURIComponent(q)}`, auth)).body.results.map((u: { id: number }) => u.id);
    expect(await ids('KIM')).toEqual([2, 1]);
    expect(await ids('kimb')).toEqual([2]);
    expect(await ids('k%')).toEqual([]);
    for (const phone of ['010-2222-3333', '01022223333', '+82 10-2222-3333', '+821022223333']) expect(await ids(phone)).toEqual([2]);
    expect(await ids('3')).toEqual([3]);
    expect(await ids('nobody')).toEqual([]);
  });

  it('answers 400 for a bad cursor or limit, on each field at once', async () => {
    t = await startApp();
    const { auth } = await apiKey('admin');
    const bad = await t.get('/admin/users?after=bm9wZQ&limit=500', auth);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body).sort()).toEqual(['after', 'limit']);
    expect((await t.get('/admin/users?after=%21%21', auth)).status).toBe(400);
    expect((await t.get('/admin/users?limit=0', auth)).status).toBe(400);
    // An event cursor is not a user cursor.
    expect((await t.get(`/admin/users?after=${Buffer.from('e.5').toString('base64url')}`, auth)).status).toBe(400);
  });
});

describe('acting on one account', () => {
  it('shows the account with its flags, last login and live sessions; unknown or withdrawn ids are 404', async () => {
    t = await startApp();
    await t.signUp();
    await t.login({ email: 'kim@example.com', password: PASSWORD });
    const { auth } = await apiKey('admin');
    const got = await t.get('/admin/users/1', auth);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: 1, email: 'kim@example.com', is_active: true, is_admin: false, mfa_enabled: false, live_sessions: 1 });
    expect(Date.parse(got.body.last_login_at)).toBeGreaterThan(Date.now() - 60_000);
    for (const id of ['2', 'abc', '0', '99999999999999999999']) {
      expect((await t.get(`/admin/users/${id}`, auth)).status).toBe(404);
      expect((await t.patch(`/admin/users/${id}`, { is_active: false }, auth)).status).toBe(404);
      expect((await t.delete(`/admin/users/${id}`, undefined, auth)).status).toBe(404);
      expect((await t.delete(`/admin/users/${id}/sessions`, undefined, auth)).status).toBe(404);
    }
  });

  it('deactivating revokes every session at once, and each action is an event with actor admin:<key id>', async () => {
    t = await startApp();
    await t.signUp();
    const kim = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const { id: keyId, auth } = await apiKey('admin');
    const recorded = eventsSince();
    await recorded();
    const actor = `admin:${keyId}`;

    const renamed = await t.patch('/admin/users/1', { nickname: 'dw', name: null }, auth);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: null, nickname: 'dw' });
    expect(await recorded()).toEqual([
      {
        type: 'user.updated',
        actor,
        user_id: 1,
        data: { user: { id: 1, email: 'kim@example.com', name: null, nickname: 'dw', phone_number: '+821012345678' }, changed: ['name', 'nickname'] },
      },
    ]);

    expect((await t.patch('/admin/users/1', { is_active: false }, auth)).status).toBe(200);
    expect((await t.get('/users/me', bearer(kim.access))).status).toBe(401);
    expect((await t.post('/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(401);
    const [deactivated, revoked] = await recorded();
    expect(deactivated).toEqual({ type: 'user.deactivated', actor, user_id: 1, data: { user_id: 1 } });
    expect(revoked).toMatchObject({ type: 'session.revoked', actor, data: { reason: 'deactivated', session_ids: [expect.any(String)] } });

    expect((await t.patch('/admin/users/1', { is_active: true }, auth)).status).toBe(200);
    const again = await t.login({ email: 'kim@example.com', password: PASSWORD });
    await recorded();
    expect((await t.delete('/admin/users/1/sessions', undefined, auth)).status).toBe(204);
    expect((await t.get('/users/me', bearer(again.access))).status).toBe(401);
    expect(await recorded()).toEqual([
      { type: 'session.revoked', actor, user_id: 1, data: { user_id: 1, session_ids: [expect.any(String)], reason: 'operator' } },
    ]);

    expect((await t.delete('/admin/users/1', undefined, auth)).status).toBe(204);
    expect(await recorded()).toEqual([{ type: 'user.withdrawn', actor, user_id: 1, data: { user_id: 1 } }]);
    expect((await t.get('/admin/users/1', auth)).status).toBe(404);
    // The same erasure as a withdrawal: the email and phone can sign up again.
    await t.signUp();
  });

  it('refuses bad profile text with 400 on each field', async () => {
    t = await startApp();
    await t.signUp();
    const { auth } = await apiKey('admin');
    const res = await t.patch('/admin/users/1', { name: 'a\u0007b', nickname: 'x'.repeat(300), is_active: 'no' }, auth);
    expect(res.status).toBe(400);
  });
});

describe('GET /admin/events', () => {
  it('pages through the audit log newest first, filtered by user and type; bad filters are 400', async () => {
    t = await startApp();
    await t.signUp();
    await t.signUp({ email: 'lee@example.com', phone_number: '010-2222-3333' });
    for (let i = 0; i < 3; i++) await t.login({ email: 'kim@example.com', password: PASSWORD });
    const { auth } = await apiKey('admin');

    const all = await t.get('/admin/events?limit=100', auth);
    expect(all.body.results.map((e: { type: string }) => e.type)).toEqual(['session.created', 'session.created', 'session.created', 'user.created', 'user.created']);
    expect(all.body.results[0]).toEqual({
      id: expect.any(String),
      type: 'session.created',
      occurred_at: expect.any(String),
      actor: 'user',
      ip: '127.0.0.1',
      user_id: 1,
      data: { user_id: 1, session_id: expect.any(String), method: 'password' },
    });
    const first = await t.get('/admin/events?user_id=1&limit=2', auth);
    expect(first.body.results).toHaveLength(2);
    const rest = await t.get(`/admin/events?user_id=1&limit=2&before=${first.body.next}`, auth);
    expect(rest.body.results.map((e: { type: string }) => e.type)).toEqual(['session.created', 'user.created']);
    expect(rest.body.next).toBeNull();
    const created = await t.get('/admin/events?type=user.created', auth);
    expect(created.body.results.map((e: { user_id: number }) => e.user_id)).toEqual([2, 1]);

    const bad = await t.get('/admin/events?type=user.exploded&user_id=x&before=zz&limit=101', auth);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body).sort()).toEqual(['before', 'limit', 'type', 'user_id']);
  });
});
