import { afterEach, describe, expect, it } from 'vitest';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';
import { eventsOf } from './mfa-helpers.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

const KIM = { email: 'kim@example.com', password: PASSWORD };

async function loginFrom(userAgent: string, remoteAddress: string, body: object = KIM) {
  const res = await t.request({ method: 'POST', url: '/api/v1/login', payload: body, headers: { 'user-agent': userAgent }, remoteAddress });
  expect(res.status, res.text).toBe(202);
  return { access: res.body.access_token as string, refresh: res.body.refresh_token as string };
}

describe('GET /users/me/sessions', () => {
  it('lists the live sessions with where they were opened from, which one is asking, and when each was refreshed', async () => {
    t = await startApp();
    await t.signUp();
    const phone = await loginFrom('Mozilla/5.0 (Linux; Android 14) Chrome/140.0 Mobile', '203.0.113.7');
    const laptop = await loginFrom(`Mozilla/5.0 ${'x'.repeat(400)}`, '198.51.100.2');
    const ended = await loginFrom('old', '192.0.2.1');
    expect((await t.post('/logout', { refresh: ended.refresh })).status).toBe(204);
    expect((await t.post('/login/refresh', { refresh: phone.refresh })).status).toBe(202);

    const res = await t.get('/users/me/sessions', bearer(laptop.access));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toHaveLength(2);
    const [newest, oldest] = res.body;
    expect(Object.keys(newest).sort()).toEqual(['created_at', 'current', 'id', 'ip', 'refreshed_at', 'user_agent']);
    expect(newest).toMatchObject({ ip: '198.51.100.2', current: true, refreshed_at: null });
    expect(newest.user_agent).toHaveLength(256);
    expect(newest.user_agent.startsWith('Mozilla/5.0 xxx')).toBe(true);
    expect(oldest).toMatchObject({ ip: '203.0.113.7', current: false, user_agent: 'Mozilla/5.0 (Linux; Android 14) Chrome/140.0 Mobile' });
    expect(Date.parse(oldest.refreshed_at)).toBeGreaterThanOrEqual(Date.parse(oldest.created_at));
    expect(Date.parse(newest.created_at)).toBeGreaterThanOrEqual(Date.parse(oldest.created_at));

    expect((await t.get('/users/me/sessions')).status).toBe(401);
  });

  it('records each login as session.created, with the session id, the factor used and the IP', async () => {
    t = await startApp();
    const { id: userId } = await t.signUp();
    await loginFrom('a', '203.0.113.7');
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const byKey = await loginFrom('b', '198.51.100.2', { phone_number: '010-1234-5678', key: t.sms.lastKey() });
    const listed = (await t.get('/users/me/sessions', bearer(byKey.access))).body as { id: string; ip: string }[];
    const idFrom = (ip: string) => listed.find((s) => s.ip === ip)!.id;
    expect(await eventsOf(t, 'session.created')).toEqual([
      { type: 'session.created', actor: 'user', ip: '203.0.113.7', user_id: userId, data: { user_id: userId, session_id: idFrom('203.0.113.7'), method: 'password' } },
      { type: 'session.created', actor: 'user', ip: '198.51.100.2', user_id: userId, data: { user_id: userId, session_id: idFrom('198.51.100.2'), method: 'sms_key' } },
    ]);
  });

  it("shows no one else's sessions", async () => {
    t = await startApp();
    await t.signUp();
    await t.signUp({ email: 'lee@example.com', phone_number: '010-9876-5432' });
    await t.login(KIM);
    const lee = await t.login({ email: 'lee@example.com', password: PASSWORD });
    const res = await t.get('/users/me/sessions', bearer(lee.access));
    expect(res.body).toHaveLength(1);
    expect(res.body[0].current).toBe(true);
  });
});

describe('DELETE /users/me/sessions/{id}', () => {
  it('ends another session at once, its refresh and access tokens with it, and records it', async () => {
    t = await startApp();
    const { id: userId } = await t.signUp();
    const here = await t.login(KIM);
    const there = await t.login(KIM);
    const listed = (await t.get('/users/me/sessions', bearer(here.access))).body as { id: string; current: boolean }[];
    const other = listed.find((s) => !s.current)!;

    expect((await t.delete(`/users/me/sessions/${other.id}`, undefined, bearer(here.access))).status).toBe(204);
    expect((await t.get('/users/me', bearer(there.access))).status).toBe(401);
    expect((await t.post('/login/refresh', { refresh: there.refresh })).status).toBe(401);
    expect((await t.get('/users/me', bearer(here.access))).status).toBe(200);
    expect((await t.get('/users/me/sessions', bearer(here.access))).body).toHaveLength(1);
    const revoked = await eventsOf(t, 'session.revoked');
    expect(revoked).toMatchObject([{ actor: 'user', data: { user_id: userId, session_ids: [other.id], reason: 'logout' } }]);

    // Ended already: nothing to end.
    expect((await t.delete(`/users/me/sessions/${other.id}`, undefined, bearer(here.access))).status).toBe(404);
  });

  it("answers 404 for someone else's session and for an id that is no session, in English when asked", async () => {
    t = await startApp();
    await t.signUp();
    await t.signUp({ email: 'lee@example.com', phone_number: '010-9876-5432' });
    const kim = await t.login(KIM);
    const lee = await t.login({ email: 'lee@example.com', password: PASSWORD });
    const [leeSession] = (await t.get('/users/me/sessions', bearer(lee.access))).body;

    const theirs = await t.delete(`/users/me/sessions/${leeSession.id}`, undefined, { ...bearer(kim.access), 'accept-language': 'en' });
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual({ detail: 'Not found.', code: 'not_found' });
    expect((await t.get('/users/me', bearer(lee.access))).status).toBe(200);
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000', "x' or 1=1 --"]) {
      expect((await t.delete(`/users/me/sessions/${encodeURIComponent(id)}`, undefined, bearer(kim.access))).status).toBe(404);
    }
    expect(await eventsOf(t, 'session.revoked')).toEqual([]);
  });

  it('ending the current session is a logout', async () => {
    t = await startApp();
    await t.signUp();
    const here = await t.login(KIM);
    const [current] = (await t.get('/users/me/sessions', bearer(here.access))).body;
    expect((await t.delete(`/users/me/sessions/${current.id}`, undefined, bearer(here.access))).status).toBe(204);
    expect((await t.get('/users/me', bearer(here.access))).status).toBe(401);
    expect((await t.post('/login/refresh', { refresh: here.refresh })).status).toBe(401);
  });
});
