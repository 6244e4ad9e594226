import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, PASSWORD, sleep, startApp, type TestApp, useFileDatabase } from '../helpers.js';
import { eventsOf, rows } from '../mfa-helpers.js';
import { type Providers, startProviders } from './harness.js';

useFileDatabase();

/** /users/me/identities: the linked accounts listed, linked with a fresh proof, unlinked here and at the provider. */
describe('linked social accounts', () => {
  let f: Providers;
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    f = await startProviders();
  });
  afterAll(async () => f?.close());
  afterEach(async () => {
    await t?.close();
    expect(f.problems()).toEqual([]);
  });

  async function kim() {
    const { id } = await t.signUp();
    return { id, auth: bearer((await t.login({ email: 'kim@example.com', password: PASSWORD })).access) };
  }
  const googleToken = async (sub = `g-${++n}`, email?: string) =>
    f.google.appIdToken(f.google.addUser({ sub, ...(email ? { email, emailVerified: true } : {}) }));

  it('links a Google account with the password as fresh proof, and lists it', async () => {
    t = await startApp(f.env);
    const { id, auth } = await kim();
    expect((await t.get('/users/me/identities', auth)).body).toEqual([]);
    const res = await t.post('/users/me/identities', { provider: 'google', id_token: await googleToken('g-kim', 'kim.g@gmail.com'), password: PASSWORD }, auth);
    expect(res.status, res.text).toBe(201);
    const listed = { provider: 'google', email: 'kim.g@gmail.com', linked_at: expect.any(String), last_used_at: expect.any(String) };
    expect(res.body).toEqual(listed);
    expect((await t.get('/users/me/identities', auth)).body).toEqual([listed]);
    expect((await eventsOf(t, 'identity.linked')).map((e) => e.data)).toEqual([{ user_id: id, provider: 'google' }]);
    // Signing in with it is signing in to kim.
    const login = await t.post('/login/social', { provider: 'google', id_token: await f.google.appIdToken({ sub: 'g-kim' }) });
    expect((await t.get('/users/me', bearer(login.body.access_token))).body.id).toBe(id);
  });

  it('links with a verification token for the account phone instead of the password', async () => {
    t = await startApp(f.env);
    const { auth } = await kim();
    const res = await t.post('/users/me/identities', { provider: 'google', id_token: await googleToken(), token: await t.verifyPhone('010-1234-5678') }, auth);
    expect(res.status, res.text).toBe(201);
  });

  it('refuses to link on an access token alone, or with a wrong password, and links nothing', async () => {
    t = await startApp(f.env);
    const { auth } = await kim();
    const none = await t.post('/users/me/identities', { provider: 'google', id_token: await googleToken() }, { ...auth, 'accept-language': 'en' });
    expect(none.status).toBe(400);
    expect(none.body).toEqual({ non_field_errors: ['Provide exactly one of password or token.'] });
    const wrong = await t.post('/users/me/identities', { provider: 'google', id_token: await googleToken(), password: 'not-it-at-all' }, auth);
    expect(wrong.status).toBe(400);
    expect(Object.keys(wrong.body)).toEqual(['password']);
    const stranger = await t.post('/users/me/identities', { provider: 'google', id_token: await googleToken(), token: await t.verifyPhone('010-9999-0000') }, auth);
    expect(stranger.body.code).toBe('invalid_verify_token');
    expect(await rows(t, sql`select 1 from social_identities`)).toEqual([]);
  });

  it("refuses an identity another account has, and a second one of a provider already linked", async () => {
    t = await startApp(f.env);
    const { auth } = await kim();
    await t.signUp({ email: 'lee@example.com', phone_number: '010-2222-3333' });
    const lee = bearer((await t.login({ email: 'lee@example.com', password: PASSWORD })).access);
    expect((await t.post('/users/me/identities', { provider: 'google', id_token: await googleToken('g-lee'), password: PASSWORD }, lee)).status).toBe(201);
    const taken = await t.post('/users/me/identities', { provider: 'google', id_token: await f.google.appIdToken({ sub: 'g-lee' }), password: PASSWORD }, { ...auth, 'accept-language': 'en' });
    expect(taken.status).toBe(400);
    expect(taken.body).toEqual({ non_field_errors: ['This social account is already linked to another account.'] });
    expect((await t.post('/users/me/identities', { provider: 'google', id_token: await googleToken(), password: PASSWORD }, auth)).status).toBe(201);
    const second = await t.post('/users/me/identities', { provider: 'google', id_token: await googleToken(), password: PASSWORD }, auth);
    expect(second.status).toBe(400);
    expect(second.body.non_field_errors).toHaveLength(1);
  });

  it('unlinks at once, records identity.unlinked, and unlinks at Kakao after the commit', async () => {
    t = await startApp(f.env);
    const { id, auth } = await kim();
    const user = f.kakao.addUser({ id: 6601 });
    const linked = await t.post('/users/me/identities', { provider: 'kakao', access_token: (await f.kakao.appLogin(user)).access_token, password: PASSWORD }, auth);
    expect(linked.status, linked.text).toBe(201);
    expect((await t.delete('/users/me/identities/kakao', undefined, auth)).status).toBe(204);
    expect((await t.get('/users/me/identities', auth)).body).toEqual([]);
    expect((await eventsOf(t, 'identity.unlinked')).map((e) => e.data)).toEqual([{ user_id: id, provider: 'kakao' }]);
    for (let i = 0; i < 100 && !f.kakao.unlinked.includes(6601); i++) {
      t.app.socialRevoker?.wake();
      await sleep(50);
    }
    expect(f.kakao.unlinked).toContain(6601);
    // The identity is gone: signing in with it again is a new sign-up.
    const again = await t.post('/login/social', { provider: 'kakao', access_token: (await f.kakao.appLogin(user)).access_token });
    expect(again.status).toBe(401); // Kakao unlinked the app, so its tokens died with it
    expect((await t.delete('/users/me/identities/kakao', undefined, auth)).status).toBe(404);
  });

  it('answers 401 for every route without an access token', async () => {
    t = await startApp(f.env);
    expect((await t.get('/users/me/identities')).status).toBe(401);
    expect((await t.post('/users/me/identities', { provider: 'google' })).status).toBe(401);
    expect((await t.delete('/users/me/identities/google')).status).toBe(401);
  });
});
