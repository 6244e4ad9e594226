import { asc, gt, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { events } from '../src/db/schema/index.js';
import { cliFor } from './cli-helpers.js';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * Every route and CLI command that changes an account records its event, in the change's
 * transaction: each step below does one change and checks exactly the events it added.
 */
let t: TestApp;
afterEach(async () => t?.close());

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());
const KIM = { id: 1, email: 'kim@example.com', name: '김동우', nickname: 'dongwoo', phone_number: '+821012345678' };

/** The events recorded since the last call, as `{type, actor, user_id, data}`; each has an id, a time and an IP. */
function eventsSince() {
  let seen = 0;
  return async () => {
    const rows = await t.database.db.select().from(events).where(gt(events.seq, seen)).orderBy(asc(events.seq));
    seen = rows.at(-1)?.seq ?? seen;
    for (const r of rows) {
      expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.occurredAt).toBeInstanceOf(Date);
      if (r.actor === 'cli') expect(r.ip).toBeNull();
    }
    return rows.map((r) => ({ type: r.type, actor: r.actor, user_id: r.userId, data: r.data }));
  };
}

describe('every account change over HTTP records its event', () => {
  it('sign-up, logins, failed logins, profile, password, phone, logouts and withdrawal', async () => {
    t = await startApp();
    const recorded = eventsSince();

    await t.signUp();
    expect(await recorded()).toEqual([{ type: 'user.created', actor: 'user', user_id: 1, data: { user: KIM } }]);
    expect((await t.database.db.select({ ip: events.ip }).from(events))[0]!.ip).toBe('127.0.0.1');

    const first = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const sid1 = decode(first.access).sid;
    expect(await recorded()).toEqual([
      { type: 'session.created', actor: 'user', user_id: 1, data: { user_id: 1, session_id: sid1, method: 'password' } },
    ]);
    expect((await t.post('/phone-verify', { phone_number: '010-1234-5678' })).status).toBe(201);
    const second = await t.login({ phone_number: '010-1234-5678', key: t.sms.lastKey() });
    const sid2 = decode(second.access).sid;
    expect(await recorded()).toEqual([
      { type: 'session.created', actor: 'user', user_id: 1, data: { user_id: 1, session_id: sid2, method: 'sms_key' } },
    ]);

    expect((await t.post('/login', { email: 'kim@example.com', password: 'wrong-Password-1' })).status).toBe(401);
    expect((await t.post('/login', { email: 'nobody@example.com', password: PASSWORD })).status).toBe(401);
    expect(await recorded()).toEqual([
      { type: 'login.failed', actor: 'user', user_id: 1, data: { user_id: 1, reason: 'wrong_password' } },
      { type: 'login.failed', actor: 'user', user_id: null, data: { user_id: null, reason: 'unknown_account' } },
    ]);

    expect((await t.patch('/users/me', { nickname: 'dw' }, bearer(first.access))).status).toBe(200);
    expect((await t.patch('/users/me', { nickname: 'dw', name: KIM.name }, bearer(first.access))).status).toBe(200);
    expect(await recorded()).toEqual([
      { type: 'user.updated', actor: 'user', user_id: 1, data: { user: { ...KIM, nickname: 'dw' }, changed: ['nickname'] } },
    ]);

    const newPassword = 'amber-Lantern-77';
    const changed = await t.post('/users/me/password', { current_password: PASSWORD, new_password: newPassword }, bearer(first.access));
    expect(changed.status).toBe(204);
    expect(await recorded()).toEqual([
      { type: 'user.password_changed', actor: 'user', user_id: 1, data: { user_id: 1 } },
      { type: 'session.revoked', actor: 'user', user_id: 1, data: { user_id: 1, session_ids: [sid2], reason: 'password_changed' } },
    ]);

    const token = await t.verifyPhone('010-5555-6666');
    await recorded();
    const moved = await t.post('/users/me/phone-number', { phone_number: '010-5555-6666', token, password: newPassword }, bearer(first.access));
    expect(moved.status).toBe(200);
    expect(await recorded()).toEqual([{ type: 'user.phone_changed', actor: 'user', user_id: 1, data: { user_id: 1, phone_number: '+821055556666' } }]);

    const third = await t.login({ email: 'kim@example.com', password: newPassword });
    const sid3 = decode(third.access).sid;
    await recorded();
    expect((await t.post('/logout', { refresh: third.refresh })).status).toBe(204);
    expect(await recorded()).toEqual([
      { type: 'session.revoked', actor: 'user', user_id: 1, data: { user_id: 1, session_ids: [sid3], reason: 'logout' } },
    ]);
    expect((await t.post('/logout/all', {}, bearer(first.access))).status).toBeLessThan(300);
    expect(await recorded()).toEqual([
      { type: 'session.revoked', actor: 'user', user_id: 1, data: { user_id: 1, session_ids: [sid1], reason: 'logout_all' } },
    ]);

    const reset = await t.post('/users/find-password', { email: 'kim@example.com', password: PASSWORD, token: await t.verifyPhone('010-5555-6666') });
    expect(reset.status).toBe(201);
    expect(await recorded()).toEqual([{ type: 'user.password_reset', actor: 'user', user_id: 1, data: { user_id: 1 } }]);

    const last = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const sid4 = decode(last.access).sid;
    await recorded();
    expect((await t.delete('/users/me', { password: PASSWORD }, bearer(last.access))).status).toBe(204);
    expect(await recorded()).toEqual([
      { type: 'session.revoked', actor: 'user', user_id: 1, data: { user_id: 1, session_ids: [sid4], reason: 'withdrawn' } },
      { type: 'user.withdrawn', actor: 'user', user_id: 1, data: { user_id: 1 } },
    ]);
  });

  it('a withdrawal erases the personal data of the account’s earlier events in every partition, and nobody else’s', async () => {
    t = await startApp();
    await t.signUp();
    await t.signUp({ email: 'lee@example.com', phone_number: '010-2222-3333' });
    const token = await t.verifyPhone('010-5555-6666');
    const kim = await t.login({ email: 'kim@example.com', password: PASSWORD });
    await t.post('/users/me/phone-number', { phone_number: '010-5555-6666', token, password: PASSWORD }, bearer(kim.access));
    // The account's events over three partitions: the one they were recorded in, a range
    // partition (45 days on) and the default one (past every range), each row moved by its time.
    const db = t.database.db;
    await db.execute(sql`update events set occurred_at = now() + interval '45 days' where type = 'user.created'`);
    await db.execute(sql`update events set occurred_at = now() + interval '3650 days' where type = 'user.phone_changed'`);
    const where = await db.execute(sql`select distinct tableoid::regclass::text as p from events where user_id = 1`);
    expect((where as unknown as { rows: { p: string }[] }).rows.map((r) => r.p).sort()).toEqual(
      expect.arrayContaining(['events_default', expect.stringMatching(/^events_p[0-9]{8}$/)]),
    );
    expect((where as unknown as { rows: unknown[] }).rows.length).toBe(3);
    expect((await t.delete('/users/me', { password: PASSWORD }, bearer(kim.access))).status).toBe(204);

    const rows = await t.database.db.select().from(events).orderBy(asc(events.seq));
    const kims = rows.filter((r) => r.userId === 1);
    expect(kims.every((r) => r.ip === null)).toBe(true);
    const personal = /kim@example|김동우|dongwoo|821012345678|821055556666/;
    for (const r of kims) expect(JSON.stringify(r.data)).not.toMatch(personal);
    expect(kims.find((r) => r.type === 'user.created')!.data).toEqual({
      user: { id: 1, email: null, name: null, nickname: null, phone_number: null },
    });
    expect(kims.find((r) => r.type === 'user.phone_changed')!.data).toEqual({ user_id: 1, phone_number: null });
    const lees = rows.filter((r) => r.userId === 2);
    expect(lees.find((r) => r.type === 'user.created')!.data).toMatchObject({ user: { email: 'lee@example.com' } });
    expect(lees.every((r) => r.ip !== null)).toBe(true);
  });

  it('a retired refresh token presented again revokes its session as the system', async () => {
    t = await startApp({ REFRESH_TOKEN_ROTATION: 'true', REFRESH_TOKEN_REUSE_INTERVAL_SECONDS: '0' });
    await t.signUp();
    const kim = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const recorded = eventsSince();
    await recorded();
    expect((await t.post('/login/refresh', { refresh: kim.refresh })).status).toBe(202);
    expect(await recorded()).toEqual([]);
    expect((await t.post('/login/refresh', { refresh: kim.refresh })).status).toBe(401);
    expect(await recorded()).toEqual([
      { type: 'session.revoked', actor: 'system', user_id: 1, data: { user_id: 1, session_ids: [decode(kim.access).sid], reason: 'refresh_reuse' } },
    ]);
  });

  it('a refused change records nothing', async () => {
    t = await startApp();
    await t.signUp();
    const kim = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const recorded = eventsSince();
    await recorded();
    expect((await t.post('/users/me/password', { current_password: 'wrong-Password-1', new_password: 'amber-Lantern-77' }, bearer(kim.access))).status).toBe(400);
    expect((await t.delete('/users/me', { password: 'wrong-Password-1' }, bearer(kim.access))).status).toBe(400);
    expect((await t.patch('/users/me', { nickname: 'x'.repeat(300) }, bearer(kim.access))).status).toBe(400);
    expect(await recorded()).toEqual([]);
  });
});

describe('every account change from the CLI records its event with actor cli', () => {
  it('create-admin, users deactivate and activate, sessions revoke', async () => {
    t = await startApp();
    const cli = cliFor(t.database);
    const recorded = eventsSince();
    const created = await cli('create-admin', '--email', 'root@example.com', '--phone', '010-9999-0000', '--password', PASSWORD);
    expect(created.code).toBe(0);
    expect(await recorded()).toEqual([
      {
        type: 'user.created',
        actor: 'cli',
        user_id: 1,
        data: { user: { id: 1, email: 'root@example.com', name: null, nickname: null, phone_number: '+821099990000' } },
      },
    ]);
    const s = decode((await t.login({ email: 'root@example.com', password: PASSWORD })).access).sid;
    await recorded();

    expect((await cli('users', 'deactivate', '1')).code).toBe(0);
    expect(await recorded()).toEqual([
      { type: 'user.deactivated', actor: 'cli', user_id: 1, data: { user_id: 1 } },
      { type: 'session.revoked', actor: 'cli', user_id: 1, data: { user_id: 1, session_ids: [s], reason: 'deactivated' } },
    ]);
    expect((await cli('users', 'deactivate', '1')).code).toBe(0);
    expect(await recorded()).toEqual([]);
    expect((await cli('users', 'activate', '1')).code).toBe(0);
    expect(await recorded()).toEqual([{ type: 'user.activated', actor: 'cli', user_id: 1, data: { user_id: 1 } }]);

    const s2 = decode((await t.login({ email: 'root@example.com', password: PASSWORD })).access).sid;
    await recorded();
    expect((await cli('sessions', 'revoke', '1')).code).toBe(0);
    expect(await recorded()).toEqual([
      { type: 'session.revoked', actor: 'cli', user_id: 1, data: { user_id: 1, session_ids: [s2], reason: 'operator' } },
    ]);
    expect((await cli('sessions', 'revoke', '1')).code).toBe(0);
    expect(await recorded()).toEqual([]);
  });
});

describe('the register of write routes', () => {
  /** Each write route of the API, and the test that checks the events its changes record; or why it records none. */
  const walked: Record<string, string> = {
    'POST /api/v1/phone-verify': 'changes no account: a key for a phone',
    'POST /api/v1/phone-verify/confirm': 'changes no account: a verification token',
    'POST /api/v1/users': 'events.test.ts: user.created',
    'POST /api/v1/users/find-password': 'events.test.ts: user.password_reset',
    'PATCH /api/v1/users/me': 'events.test.ts: user.updated',
    'DELETE /api/v1/users/me': 'events.test.ts: session.revoked, user.withdrawn',
    'POST /api/v1/users/me/password': 'events.test.ts: user.password_changed, session.revoked',
    'POST /api/v1/users/me/phone-number': 'events.test.ts: user.phone_changed',
    'DELETE /api/v1/users/me/sessions/{id}': 'sessions.test.ts: session.revoked',
    'POST /api/v1/users/me/mfa/totp': 'changes no account until confirmed: a pending secret',
    'POST /api/v1/users/me/mfa/totp/confirm': 'mfa.test.ts: mfa.enabled; mfa-takeover.test.ts: session.revoked of the other sessions',
    'DELETE /api/v1/users/me/mfa/totp': 'mfa.test.ts: mfa.disabled',
    'POST /api/v1/users/me/passkeys/options': 'changes no account: a challenge',
    'POST /api/v1/users/me/passkeys': 'passkeys/registration.test.ts: passkey.added',
    'PATCH /api/v1/users/me/passkeys/{id}': 'a passkey\'s name only: in no event\'s data',
    'DELETE /api/v1/users/me/passkeys/{id}': 'passkeys/registration.test.ts: passkey.removed',
    'POST /api/v1/login/passkey/options': 'changes no account: a challenge',
    'POST /api/v1/login/passkey': 'passkeys/sign-in.test.ts: session.created with method passkey, login.failed',
    'POST /api/v1/login': 'events.test.ts: session.created, login.failed',
    'POST /api/v1/login/mfa': 'mfa.test.ts: session.created with method mfa; mfa-guessing.test.ts: mfa.failed',
    'POST /api/v1/login/refresh': 'events.test.ts: session.revoked when a retired refresh token comes back',
    'POST /api/v1/logout': 'events.test.ts: session.revoked',
    'POST /api/v1/logout/all': 'events.test.ts: session.revoked',
    'POST /api/v1/introspect': 'changes no account: a question',
    'POST /api/v1/login/social': 'social/signup.test.ts: session.created with method social:kakao',
    'POST /api/v1/oauth/{provider}/callback': 'changes no account: a flow\'s result (the GET does the same)',
    'POST /api/v1/oauth/exchange': 'social/oidc.test.ts: answers as POST /api/v1/login/social',
    'POST /api/v1/users/social': 'social/signup.test.ts: user.created, identity.linked, session.created',
    'POST /api/v1/users/me/identities': 'social/identities.test.ts: identity.linked',
    'DELETE /api/v1/users/me/identities/{provider}': 'social/identities.test.ts: identity.unlinked',
    'PATCH /api/v1/admin/users/{id}': 'admin.test.ts: user.deactivated (activating records user.activated the same way)',
    'DELETE /api/v1/admin/users/{id}': 'admin.test.ts: user.withdrawn',
    'DELETE /api/v1/admin/users/{id}/sessions': 'admin.test.ts: session.revoked',
    'DELETE /api/v1/admin/users/{id}/mfa': 'mfa-takeover.test.ts: mfa.disabled with actor admin:<key id>',
    'POST /account/api/login': 'the pages call POST /api/v1/login',
    'POST /account/api/login/mfa': 'the pages call POST /api/v1/login/mfa',
    'POST /account/api/login/passkey/options': 'the pages call POST /api/v1/login/passkey/options',
    'POST /account/api/login/passkey': 'the pages call POST /api/v1/login/passkey',
    'POST /account/api/refresh': 'the pages call POST /api/v1/login/refresh',
    'POST /account/api/logout': 'the pages call POST /api/v1/logout',
    'POST /account/api/oauth/exchange': 'the pages call POST /api/v1/oauth/exchange',
    'POST /account/api/users/social': 'the pages call POST /api/v1/users/social',
    'DELETE /api/v1/users/me/apps/{client_id}': 'oidc-provider.test.ts: oidc.consent_revoked',
    'POST /account/oidc/{uid}/consent': 'oidc-provider.test.ts: oidc.consent_granted (a first-party app\'s implied consent too)',
    'POST /account/oidc/{uid}/login': 'changes no account: signs in to an app with the pages\' session',
    'POST /account/oidc/{uid}/abort': 'changes no account: the app is told no',
    'POST /api/v1/admin/oidc-clients': 'changes no account: registers an app (oidc-clients.test.ts)',
    'DELETE /api/v1/admin/oidc-clients/{client_id}': 'changes no account: revokes an app and its tokens (oidc-clients.test.ts)',
  };

  it('names every write route of the OpenAPI document, so a new one cannot go unrecorded unnoticed', async () => {
    t = await startApp();
    const doc = (await t.get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(writes.sort()).toEqual(Object.keys(walked).sort());
  });
});
