import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from '../helpers.js';
import { eventsOf, rows, signUpWithTotp } from '../mfa-helpers.js';
import { totpNow } from '../totp.js';
import type { KakaoUser } from './kakao-fake.js';
import { type Providers, startProviders } from './harness.js';

useFileDatabase();

/** POST /users/social: every new identity finishes with a phone verification; a phone an account has links to it. */
describe('finishing a social sign-up', () => {
  let f: Providers;
  let t: TestApp;
  let nextId = 7000;
  beforeAll(async () => {
    f = await startProviders();
  });
  afterAll(async () => f?.close());
  afterEach(async () => t?.close());

  /** A Kakao user signing in from an app for the first time: the social_token. */
  async function socialToken(u: Partial<KakaoUser> = {}) {
    const user = f.kakao.addUser({ id: nextId++, nickname: '카카오', ...u });
    const res = await t.post('/login/social', { provider: 'kakao', access_token: (await f.kakao.appLogin(user)).access_token });
    expect(res.status, res.text).toBe(202);
    return { user, token: res.body.social_token as string };
  }
  const finish = async (token: string, phone: string, extra: Record<string, unknown> = {}) =>
    t.post('/users/social', { social_token: token, phone_number: phone, token: await t.verifyPhone(phone), ...extra });

  it("makes an account without a password for a phone no account has, the provider's verified email its email, signed in as social:kakao", async () => {
    t = await startApp(f.env);
    const { user, token } = await socialToken({ email: 'new@kakao.com', emailValid: true, emailVerified: true });
    const res = await finish(token, '010-6000-0001');
    expect(res.status, res.text).toBe(201);
    expect(res.body.user).toEqual({ id: expect.any(Number), email: 'new@kakao.com', name: null, nickname: '카카오', phone_number: '01060000001' });
    expect((await t.get('/users/me', bearer(res.body.access_token))).status).toBe(200);
    const [row] = await rows(t, sql`select password_hash from users where id = ${res.body.user.id}`);
    expect(row!.password_hash).toBeNull();
    // No password: password login fails like any wrong password.
    expect((await t.post('/login', { email: 'new@kakao.com', password: PASSWORD })).status).toBe(401);
    expect((await eventsOf(t, 'user.created')).map((e) => (e.data as { user: { id: number } }).user.id)).toEqual([res.body.user.id]);
    expect((await eventsOf(t, 'identity.linked')).map((e) => e.data)).toEqual([{ user_id: res.body.user.id, provider: 'kakao' }]);
    expect((await eventsOf(t, 'session.created')).map((e) => (e.data as { method: string }).method)).toEqual(['social:kakao']);
    // The next sign-in with the identity opens a session directly.
    const again = await t.post('/login/social', { provider: 'kakao', access_token: (await f.kakao.appLogin(user)).access_token });
    expect(Object.keys(again.body).sort()).toEqual(['access_token', 'refresh_token']);
    // The social_token was used once.
    expect((await finish(token, '010-6000-0002')).body.code).toBe('social_signup_token_invalid');
  });

  it("takes the email from the body when the provider's is unverified or another account's, and requires it then", async () => {
    t = await startApp(f.env);
    await t.signUp({ email: 'taken@kakao.com', phone_number: '010-6000-0010' });
    const taken = await socialToken({ email: 'taken@kakao.com', emailValid: true, emailVerified: true });
    const missing = await finish(taken.token, '010-6000-0011', {});
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body)).toEqual(['email']);
    const res = await finish(taken.token, '010-6000-0011', { email: 'mine@example.com', name: '  이름  ' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.user).toMatchObject({ email: 'mine@example.com', name: '이름' });

    const unverified = await socialToken({ email: 'maybe@kakao.com', emailValid: true, emailVerified: false });
    const other = await finish(unverified.token, '010-6000-0012', { email: 'chosen@example.com' });
    expect(other.body.user.email).toBe('chosen@example.com');
  });

  it("links the identity to the account whose phone it verifies, and signs in to that account", async () => {
    t = await startApp(f.env);
    const { id } = await t.signUp({ email: 'owner@example.com', phone_number: '010-6000-0020' });
    const { user, token } = await socialToken({ email: 'owner@example.com', emailValid: true, emailVerified: true });
    const res = await finish(token, '010-6000-0020');
    expect(res.status, res.text).toBe(200);
    expect(res.body.user.id).toBe(id);
    const next = await t.post('/login/social', { provider: 'kakao', access_token: (await f.kakao.appLogin(user)).access_token });
    const me = await t.get('/users/me', bearer(next.body.access_token));
    expect(me.body.id).toBe(id);
  });

  it('links to an account with a second factor only once its second step succeeds', async () => {
    t = await startApp(f.env);
    const owner = await signUpWithTotp(t, { phone_number: '010-6000-0030' });
    const { user, token } = await socialToken();
    const res = await finish(token, '010-6000-0030');
    expect(res.status, res.text).toBe(202);
    expect(Object.keys(res.body).sort()).toEqual(['methods', 'mfa_required', 'mfa_token']);
    expect(res.body.methods).toEqual(['totp', 'recovery_code']);
    expect(await eventsOf(t, 'identity.linked')).toEqual([]);
    const step = await t.post('/login/mfa', { mfa_token: res.body.mfa_token, code: totpNow(owner.secret) });
    expect(step.status, step.text).toBe(202);
    expect((await eventsOf(t, 'identity.linked')).map((e) => e.data)).toEqual([{ user_id: owner.id, provider: 'kakao' }]);
    // Signing in with it now asks the second factor too: a social login is one factor.
    const next = await t.post('/login/social', { provider: 'kakao', access_token: (await f.kakao.appLogin(user)).access_token });
    expect(Object.keys(next.body).sort()).toEqual(['methods', 'mfa_required', 'mfa_token']);
  });

  it('forgets a link waiting for the second step when the account is withdrawn meanwhile', async () => {
    t = await startApp(f.env);
    const owner = await signUpWithTotp(t, { phone_number: '010-6000-0035' });
    const { token } = await socialToken();
    const waiting = await finish(token, '010-6000-0035');
    expect(waiting.status).toBe(202);
    expect(await rows(t, sql`select 1 from mfa_challenges where pending_link_sealed is not null`)).toHaveLength(1);
    expect((await t.delete('/users/me', { password: PASSWORD }, bearer(owner.access))).status).toBe(204);
    expect(await rows(t, sql`select 1 from mfa_challenges`)).toEqual([]);
    expect((await t.post('/login/mfa', { mfa_token: waiting.body.mfa_token, code: totpNow(owner.secret) })).status).toBe(401);
  });

  it('leaves both tokens usable when the phone token is wrong, and refuses a social_token no flow gave', async () => {
    t = await startApp(f.env);
    const { token } = await socialToken();
    const phoneToken = await t.verifyPhone('010-6000-0040');
    const wrong = await t.post('/users/social', { social_token: token, phone_number: '010-6000-0040', token: 'f'.repeat(32) });
    expect(wrong.body.code).toBe('invalid_verify_token');
    const unknown = await t.post('/users/social', { social_token: 'x'.repeat(43), phone_number: '010-6000-0040', token: phoneToken });
    expect(unknown.body.code).toBe('social_signup_token_invalid');
    const right = await t.post('/users/social', { social_token: token, phone_number: '010-6000-0040', token: phoneToken, email: 'ok@example.com' });
    expect(right.status, right.text).toBe(201);
  });

  it('lets one of several sign-ups racing on one social_token through', async () => {
    t = await startApp(f.env);
    const { token } = await socialToken();
    const phones = ['010-6000-0051', '010-6000-0052', '010-6000-0053', '010-6000-0054'];
    const tokens: string[] = [];
    for (const p of phones) tokens.push(await t.verifyPhone(p));
    const answers = await Promise.all(
      phones.map((p, i) => t.post('/users/social', { social_token: token, phone_number: p, token: tokens[i], email: `race${i}@example.com` })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 401, 401, 401]);
    const [count] = await rows(t, sql`select count(*)::int as n from social_identities`);
    expect(count!.n).toBe(1);
  });
});
