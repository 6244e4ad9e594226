import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { bearer, PASSWORD, RecordingSms, startApp, testConfig, type TestApp, useFileDatabase } from '../helpers.js';
import { httpClient } from '../http-client.js';
import { eventsOf, rows, signUpWithTotp } from '../mfa-helpers.js';
import { addPasskey, ORIGIN, PASSKEY_ENV, signIn, signInOptions, tampered } from './helpers.js';
import { createCredential, getAssertion } from './soft-authenticator.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

const KIM = { email: 'kim@example.com', password: PASSWORD };
const LEE = { email: 'lee@example.com', phone_number: '010-9876-5432' };

async function kimWithPasskey(env: Record<string, string> = {}, counter = 0) {
  t = await startApp({ ...PASSKEY_ENV, ...env });
  const { id } = await t.signUp();
  const { access } = await t.login(KIM);
  const { credential, id: passkeyId } = await addPasskey(t, access, { counter });
  return { id, access, credential, passkeyId };
}

const failures = async () => (await eventsOf(t, 'login.failed')).map((e) => e.data);

describe('POST /login/passkey/options', () => {
  it('answers request options for any discoverable passkey of the RP ID, user verification required', async () => {
    t = await startApp(PASSKEY_ENV);
    const { challenge_id, options } = await signInOptions(t);
    expect(challenge_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(options).toMatchObject({ rpId: 'accounts.example.com', allowCredentials: [], userVerification: 'required', timeout: 300_000 });
    expect(Buffer.from(options.challenge, 'base64url')).toHaveLength(32);
  });
});

describe('POST /login/passkey', () => {
  it('signs in without an identifier: 202 tokens, a session of method passkey, and last_used_at set', async () => {
    const { id, credential } = await kimWithPasskey();
    const { res } = await signIn(t, credential);
    expect(res.status, res.text).toBe(202);
    expect(Object.keys(res.body).sort()).toEqual(['access_token', 'refresh_token']);
    expect((await t.get('/users/me', bearer(res.body.access_token))).body.email).toBe('kim@example.com');
    const created = await eventsOf(t, 'session.created');
    expect(created.at(-1)!.data).toMatchObject({ user_id: id, method: 'passkey' });
    const [listed] = (await t.get('/users/me/passkeys', bearer(res.body.access_token))).body;
    expect(listed.last_used_at).not.toBeNull();
    // A synced passkey's counter stays 0, use after use.
    expect((await signIn(t, credential)).res.status).toBe(202);
    expect(await rows(t, sql`select sign_count::integer as n from passkeys`)).toEqual([{ n: 0 }]);
  });

  it('signs a TOTP user in with a passkey in one step, user verification being the second factor', async () => {
    t = await startApp(PASSKEY_ENV);
    const kim = await signUpWithTotp(t);
    const { credential } = await addPasskey(t, kim.access);
    const { res } = await signIn(t, credential);
    expect(res.status, res.text).toBe(202);
    expect(res.body.mfa_required).toBeUndefined();
    expect(typeof res.body.access_token).toBe('string');
  });

  it.each([
    ['a wrong origin', { origin: 'https://accounts.example.com.evil.example' }],
    ['a wrong RP ID', { rpId: 'evil.example' }],
    ['a bad signature', { badSignature: true }],
    ['no user verification', { uv: false }],
    ['a user handle of another account', { userHandle: Buffer.alloc(32, 1).toString('base64url') }],
  ])('refuses %s with a 401, recording login.failed', async (_what, attack) => {
    const { id, credential } = await kimWithPasskey();
    const { res } = await signIn(t, credential, attack);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: '패스키를 확인할 수 없습니다. 다시 시도해주세요.', code: 'passkey_invalid' });
    expect(await failures()).toEqual([{ user_id: id, reason: 'passkey_invalid' }]);
    expect(await eventsOf(t, 'session.created')).toHaveLength(1);
  });

  it('refuses an unknown credential, spending no account\'s budget', async () => {
    t = await startApp({ ...PASSKEY_ENV, LOGIN_MAX_ACCOUNT_FAILURES: '1' });
    await t.signUp();
    const { options } = await signInOptions(t);
    const stranger = createCredential(
      { rp: { id: 'accounts.example.com', name: 'x' }, user: { id: 'AA', name: 'x', displayName: '' }, challenge: options.challenge, pubKeyCredParams: [{ alg: -7, type: 'public-key' }] },
      ORIGIN,
    ).credential;
    for (let i = 0; i < 3; i++) expect((await signIn(t, stranger)).res.status).toBe(401);
    expect(await failures()).toEqual(Array(3).fill({ user_id: null, reason: 'passkey_unknown' }));
    expect((await t.post('/login', KIM)).status).toBe(202);
  });

  it('uses a challenge once and for five minutes: a replayed assertion, or one for another challenge, is refused', async () => {
    const { credential } = await kimWithPasskey();
    const { res, challenge_id, response } = await signIn(t, credential);
    expect(res.status).toBe(202);
    const replayed = await t.post('/login/passkey', { challenge_id, response });
    expect(replayed.status).toBe(401);
    expect(replayed.body.code).toBe('passkey_challenge_invalid');
    // A fresh challenge id, with the old assertion signed over the old challenge.
    const fresh = await signInOptions(t);
    expect((await t.post('/login/passkey', { challenge_id: fresh.challenge_id, response })).body.code).toBe('passkey_invalid');

    const late = await signInOptions(t);
    await t.database.db.execute(sql`update webauthn_challenges set expires_at = now() - interval '1 second' where used_at is null`);
    const expired = await t.post('/login/passkey', { challenge_id: late.challenge_id, response: getAssertion(late.options, ORIGIN, credential) });
    expect(expired.body.code).toBe('passkey_challenge_invalid');
    for (const id of ['not-a-uuid', '00000000-0000-0000-0000-000000000000']) {
      expect((await t.post('/login/passkey', { challenge_id: id, response })).body.code).toBe('passkey_challenge_invalid');
    }
  });

  it('refuses a signature counter that goes backwards, or repeats, and logs it as a possible clone', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { id, credential, passkeyId } = await kimWithPasskey({}, 5);
    const app = await buildApp({ config: t.config, database: t.database, sms: new RecordingSms(), logger: { level: 'warn', stream } });
    try {
      const http = httpClient(app);
      expect((await signIn(http, credential)).res.status).toBe(202); // 6
      for (const counter of [3, 6, 0]) {
        const { res } = await signIn(http, credential, { counter });
        expect(res.status, `counter ${counter}`).toBe(401);
        expect(res.body.code).toBe('passkey_invalid');
      }
      expect((await signIn(http, credential, { counter: 7 })).res.status).toBe(202);
      expect(await rows(t, sql`select sign_count::integer as n from passkeys`)).toEqual([{ n: 7 }]);
      const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === 40 && String(l.msg).startsWith('passkey'));
      expect(warnings.map((w) => [w.msg, w.passkeyId, w.userId, w.stored, w.reported])).toEqual(
        [3, 6, 0].map((reported) => ['passkey signature counter went backwards: possible cloned authenticator', passkeyId, id, 6, reported]),
      );
      expect(await failures()).toEqual(Array(3).fill({ user_id: id, reason: 'passkey_counter' }));
    } finally {
      await app.close();
    }
  });

  it("refuses another user's passkey for the account it claims, and signs each user in as themself", async () => {
    const kim = await kimWithPasskey();
    await t.signUp({ ...LEE, token: await t.verifyPhone(LEE.phone_number) });
    const lee = await t.login({ email: LEE.email, password: PASSWORD });
    const leeKey = await addPasskey(t, lee.access);
    // Lee's credential presenting Kim's user handle.
    expect((await signIn(t, leeKey.credential, { userHandle: kim.credential.userHandle })).res.status).toBe(401);
    const { res } = await signIn(t, leeKey.credential);
    expect((await t.get('/users/me', bearer(res.body.access_token))).body.email).toBe(LEE.email);
  });

  it('counts failed assertions on the account budget like failed passwords; a right passkey still signs in, and clears it', async () => {
    const { credential } = await kimWithPasskey({ LOGIN_MAX_ACCOUNT_FAILURES: '3' });
    for (let i = 0; i < 3; i++) expect((await signIn(t, credential, { badSignature: true })).res.status).toBe(401);
    const locked = await t.post('/login', KIM);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('account_locked');
    expect((await signIn(t, credential)).res.status).toBe(202);
    expect((await t.post('/login', KIM)).status).toBe(202);
  });

  it('refuses a removed passkey, and a deactivated account\'s', async () => {
    const { access, credential, passkeyId } = await kimWithPasskey();
    await t.delete(`/users/me/passkeys/${passkeyId}`, undefined, bearer(access));
    expect((await signIn(t, credential)).res.status).toBe(401);
    const again = await addPasskey(t, access);
    await t.database.db.execute(sql`update users set is_active = false`);
    expect((await signIn(t, again.credential)).res.status).toBe(401);
  });

  it('answers a body that is not an assertion with a 400, and changes nothing', async () => {
    const { credential } = await kimWithPasskey();
    const { challenge_id, options } = await signInOptions(t);
    const response = getAssertion(options, ORIGIN, credential);
    for (const body of [{}, { challenge_id }, { challenge_id, response: 'x' }, { challenge_id, response: tampered(response, { signature: '!!' }) }]) {
      expect((await t.post('/login/passkey', body)).status).toBe(400);
    }
    expect((await t.post('/login/passkey', { challenge_id, response: tampered(response, { authenticatorData: 'AAAA' }) })).status).toBe(401);
  });

  it("signs the account pages in with a passkey: the refresh token in the pages' cookie, only the access token answered", async () => {
    const { credential } = await kimWithPasskey();
    const sameOrigin = { 'sec-fetch-site': 'same-origin' };
    const pages = (path: string, payload: object, headers = sameOrigin) => t.request({ method: 'POST', url: `/account/api${path}`, payload, headers });
    const start = await pages('/login/passkey/options', {});
    expect(start.status, start.text).toBe(200);
    const response = getAssertion(start.body.options, ORIGIN, credential);
    const crossSite = await pages('/login/passkey', { challenge_id: start.body.challenge_id, response }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const res = await pages('/login/passkey', { challenge_id: start.body.challenge_id, response });
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body)).toEqual(['access_token']);
    expect(String(res.headers['set-cookie'])).toMatch(/^__Host-account_refresh=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Strict/);
    const again = await pages('/login/passkey', { challenge_id: start.body.challenge_id, response });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('passkey_challenge_invalid');
  });
});
