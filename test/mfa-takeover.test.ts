import { afterEach, describe, expect, it } from 'vitest';
import { cliFor } from './cli-helpers.js';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';
import { awayFromStepEdge, eventsOf, firstStep } from './mfa-helpers.js';
import { totpNow } from './totp.js';

useFileDatabase();

/**
 * Issue 24, findings 6 and 7: a thief who had only the password set up an authenticator
 * app; the owner's session stayed beside it, and nothing but erasing the account took the
 * app away again, while the admin API said `mfa_enabled: false` throughout.
 */
let t: TestApp;
afterEach(async () => t?.close());

const KIM = { email: 'kim@example.com', password: PASSWORD };

async function adminKey(): Promise<{ id: number; auth: Record<string, string> }> {
  const created = await cliFor(t.database)('api-keys', 'create', '--name', 'ops', '--scopes', 'admin');
  expect(created.code).toBe(0);
  const lines = created.out.split('\n');
  return { id: Number(/api key (\d+) created/.exec(lines[0]!)![1]), auth: bearer(lines.at(-1)!) };
}

/** The thief, with the password alone, logs in and sets up an app of its own. */
async function thiefEnrols(): Promise<{ secret: string; access: string }> {
  await awayFromStepEdge();
  const thief = await t.login(KIM);
  const started = await t.post('/users/me/mfa/totp', { password: PASSWORD }, bearer(thief.access));
  expect(started.status, started.text).toBe(201);
  const secret = started.body.secret as string;
  const confirmed = await t.post('/users/me/mfa/totp/confirm', { code: totpNow(secret, -1) }, bearer(thief.access));
  expect(confirmed.status, confirmed.text).toBe(200);
  return { secret, access: thief.access };
}

describe('a second factor set up by a password thief', () => {
  it('ends every other session, as a password change does: the owner’s session opened before cannot refresh', async () => {
    t = await startApp();
    await t.signUp();
    const owner = await t.login(KIM);
    const thief = await thiefEnrols();
    expect((await t.get('/users/me', bearer(owner.access))).status).toBe(401);
    expect((await t.post('/login/refresh', { refresh: owner.refresh })).status).toBe(401);
    // The session that set it up goes on.
    expect((await t.get('/users/me', bearer(thief.access))).status).toBe(200);
    const [revoked] = await eventsOf(t, 'session.revoked');
    expect(revoked).toMatchObject({ actor: 'user', user_id: 1, data: { reason: 'mfa_enabled', session_ids: [expect.any(String)] } });
  });

  it('is removed by the admin API, recorded as mfa.disabled, after which the owner logs in with the password', async () => {
    t = await startApp();
    await t.signUp();
    await thiefEnrols();
    const { id: keyId, auth } = await adminKey();
    expect((await t.get('/admin/users/1', auth)).body.mfa_enabled).toBe(true);
    // The owner resets the password by SMS, and is still asked for the thief's code.
    const token = await t.verifyPhone();
    expect((await t.post('/users/find-password', { email: KIM.email, password: 'reset-Harbor-99', token })).status).toBe(201);
    await firstStep(t, { email: KIM.email, password: 'reset-Harbor-99' });

    expect((await t.delete('/admin/users/1/mfa', undefined, auth)).status).toBe(204);
    expect((await t.get('/admin/users/1', auth)).body.mfa_enabled).toBe(false);
    const owner = await t.post('/login', { email: KIM.email, password: 'reset-Harbor-99' });
    expect(owner.status).toBe(202);
    expect(Object.keys(owner.body).sort()).toEqual(['access_token', 'refresh_token']);
    expect(await eventsOf(t, 'mfa.disabled')).toEqual([{ type: 'mfa.disabled', actor: `admin:${keyId}`, ip: '127.0.0.1', user_id: 1, data: { user_id: 1 } }]);
    // Nothing left to remove: still 204, and no second event. An unknown account is 404.
    expect((await t.delete('/admin/users/1/mfa', undefined, auth)).status).toBe(204);
    expect(await eventsOf(t, 'mfa.disabled')).toHaveLength(1);
    expect((await t.delete('/admin/users/2/mfa', undefined, auth)).status).toBe(404);
  });

  it('is removed by `mfa remove <user id>` from the shell, recorded as mfa.disabled by the CLI', async () => {
    t = await startApp();
    await t.signUp();
    await thiefEnrols();
    const cli = cliFor(t.database);
    expect((await cli('users', 'show', '1')).out).toMatch(/^mfa_enabled +true$/m);
    const removed = await cli('mfa', 'remove', '1');
    expect(removed).toMatchObject({ code: 0, out: 'second factor of user 1 removed' });
    expect((await cli('users', 'show', '1')).out).toMatch(/^mfa_enabled +false$/m);
    expect((await t.post('/login', KIM)).body).toHaveProperty('access_token');
    expect(await eventsOf(t, 'mfa.disabled')).toEqual([{ type: 'mfa.disabled', actor: 'cli', ip: null, user_id: 1, data: { user_id: 1 } }]);
    expect(await cli('mfa', 'remove', '1')).toMatchObject({ code: 0, out: 'user 1 has no second factor' });
    expect(await cli('mfa', 'remove', '7')).toMatchObject({ code: 1, err: 'no user 7' });
    expect((await cli('mfa', 'remove', 'kim')).code).toBe(2);
  });
});
