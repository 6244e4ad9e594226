import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from '../helpers.js';
import { eventsOf, rows, signUpWithTotp } from '../mfa-helpers.js';
import { totpNow } from '../totp.js';
import { addPasskey, ORIGIN, PASSKEY_ENV } from './helpers.js';
import { getAssertion, type SoftCredential } from './soft-authenticator.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

const KIM = { email: 'kim@example.com', password: PASSWORD };
const LEE = { email: 'lee@example.com', phone_number: '010-9876-5432' };

/** Kim with an authenticator app and a passkey. */
async function kim(env: Record<string, string> = {}) {
  t = await startApp({ ...PASSKEY_ENV, ...env });
  const totp = await signUpWithTotp(t);
  const { credential, id } = await addPasskey(t, totp.access);
  return { ...totp, credential, passkeyId: id };
}

/** The first step, which must offer a passkey. */
async function firstStep() {
  const res = await t.post('/login', KIM);
  expect(res.status, res.text).toBe(202);
  return res.body as { mfa_token: string; methods: string[]; passkey_options: PublicKeyCredentialRequestOptionsJSON };
}

const answer = (mfa_token: string, options: PublicKeyCredentialRequestOptionsJSON, credential: SoftCredential, opts = {}) =>
  t.post('/login/mfa', { mfa_token, passkey: getAssertion(options, ORIGIN, credential, opts) });

describe('a passkey as the second step, for a user with an authenticator app', () => {
  it("is offered after the password: methods lists it, and passkey_options name the user's passkeys", async () => {
    const { credential } = await kim();
    const first = await firstStep();
    expect(Object.keys(first).sort()).toEqual(['methods', 'mfa_required', 'mfa_token', 'passkey_options']);
    expect(first.methods).toEqual(['totp', 'recovery_code', 'passkey']);
    expect(first.passkey_options).toMatchObject({
      rpId: 'accounts.example.com',
      userVerification: 'required',
      allowCredentials: [{ id: credential.id, type: 'public-key', transports: ['hybrid', 'internal'] }],
    });
  });

  it('answers the second step: 202 tokens, the mfa_token used up, method mfa', async () => {
    const { id, credential } = await kim();
    const { mfa_token, passkey_options } = await firstStep();
    const res = await answer(mfa_token, passkey_options, credential);
    expect(res.status, res.text).toBe(202);
    expect((await t.get('/users/me', bearer(res.body.access_token))).status).toBe(200);
    expect((await eventsOf(t, 'session.created')).at(-1)!.data).toMatchObject({ user_id: id, method: 'mfa' });
    // The token is spent: neither a second assertion nor a code opens another session.
    expect((await answer(mfa_token, passkey_options, credential)).body.code).toBe('mfa_token_invalid');
  });

  it("refuses another user's passkey, however good its signature, and a sign-in challenge's assertion", async () => {
    const kimKey = await kim();
    await t.signUp({ ...LEE, token: await t.verifyPhone(LEE.phone_number) });
    const lee = await t.login({ email: LEE.email, password: PASSWORD });
    const leeKey = await addPasskey(t, lee.access);
    const { mfa_token, passkey_options } = await firstStep();
    const other = await answer(mfa_token, passkey_options, leeKey.credential, { ignoreAllowList: true });
    expect(other.status).toBe(401);
    expect(other.body).toEqual({ detail: '패스키를 확인할 수 없습니다. 다시 시도해주세요.', code: 'passkey_invalid' });
    // Signed over another challenge (a sign-in's): refused too.
    const signIn = (await t.post('/login/passkey/options')).body.options as PublicKeyCredentialRequestOptionsJSON;
    const elsewhere = await t.post('/login/mfa', { mfa_token, passkey: getAssertion({ ...signIn, allowCredentials: passkey_options.allowCredentials }, ORIGIN, kimKey.credential) });
    expect(elsewhere.status).toBe(401);
    expect((await answer(mfa_token, passkey_options, kimKey.credential)).status).toBe(202);
  });

  it.each([
    ['a bad signature', { badSignature: true }],
    ['a wrong RP ID', { rpId: 'evil.example' }],
    ['no user verification', { uv: false }],
    ['a counter that went backwards', { counter: 0, setCounter: 9 }],
  ])('refuses %s with a 401, counting it on the token like a wrong code', async (_what, attack) => {
    const { credential } = await kim();
    const { setCounter, ...opts } = attack as { setCounter?: number };
    if (setCounter) await t.database.db.execute(sql`update passkeys set sign_count = ${setCounter}`);
    const { mfa_token, passkey_options } = await firstStep();
    const res = await answer(mfa_token, passkey_options, credential, opts);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('passkey_invalid');
    expect(await rows(t, sql`select attempts from mfa_challenges`)).toEqual([{ attempts: 1 }]);
    expect((await answer(mfa_token, passkey_options, credential, setCounter ? { counter: setCounter + 1 } : {})).status).toBe(202);
  });

  it('takes a code still, and refuses a body with both a code and a passkey, or neither', async () => {
    const { credential, secret } = await kim();
    const { mfa_token, passkey_options } = await firstStep();
    const both = await t.post('/login/mfa', { mfa_token, code: totpNow(secret), passkey: getAssertion(passkey_options, ORIGIN, credential) });
    expect(both.status).toBe(400);
    expect(both.body).toEqual({ non_field_errors: ['인증 코드 또는 패스키 중 하나만 입력해주세요.'] });
    const neither = await t.post('/login/mfa', { mfa_token });
    expect(neither.status).toBe(400);
    expect(neither.body).toEqual({ code: ['이 필드는 필수 항목입니다.'] });
    expect(await rows(t, sql`select attempts from mfa_challenges`)).toEqual([{ attempts: 0 }]);
    expect((await t.post('/login/mfa', { mfa_token, code: totpNow(secret) })).status).toBe(202);
  });

  it('is not offered to a user without a passkey, and one added after the first step cannot answer it', async () => {
    t = await startApp(PASSKEY_ENV);
    const kim = await signUpWithTotp(t);
    const res = await t.post('/login', KIM);
    expect(Object.keys(res.body).sort()).toEqual(['methods', 'mfa_required', 'mfa_token']);
    expect(res.body.methods).toEqual(['totp', 'recovery_code']);
    const { credential } = await addPasskey(t, kim.access);
    const options = (await t.post('/login/passkey/options')).body.options as PublicKeyCredentialRequestOptionsJSON;
    const late = await t.post('/login/mfa', { mfa_token: res.body.mfa_token, passkey: getAssertion(options, ORIGIN, credential) });
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('passkey_invalid');
  });

  it('lets a right passkey through a spent failure budget, as at sign-in', async () => {
    const { credential } = await kim({ LOGIN_MAX_ACCOUNT_FAILURES: '3' });
    const { mfa_token, passkey_options } = await firstStep();
    for (let i = 0; i < 3; i++) await t.post('/login', { ...KIM, password: 'wrong-password' });
    expect((await t.post('/login', KIM)).body.code).toBe('account_locked');
    expect((await answer(mfa_token, passkey_options, credential)).status).toBe(202);
  });
});
