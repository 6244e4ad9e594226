import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from '../helpers.js';
import { eventsOf, rows } from '../mfa-helpers.js';
import { addPasskey, creationOptions, ORIGIN, PASSKEY_ENV, register } from './helpers.js';
import { createCredential } from './soft-authenticator.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

const KIM = { email: 'kim@example.com', password: PASSWORD };
const LEE = { email: 'lee@example.com', phone_number: '010-9876-5432' };

async function kim(env: Record<string, string> = {}) {
  t = await startApp({ ...PASSKEY_ENV, ...env });
  const { id } = await t.signUp();
  const { access } = await t.login(KIM);
  return { id, access };
}

describe('POST /users/me/passkeys/options', () => {
  it('answers creation options as SPEC says: a discoverable credential, user verification, no attestation, ES256 and RS256', async () => {
    const { id, access } = await kim();
    const options = await creationOptions(t, access);
    expect(options).toMatchObject({
      rp: { id: 'accounts.example.com', name: 'User Demo' },
      user: { name: 'kim@example.com', displayName: '김동우' },
      pubKeyCredParams: [{ alg: -7, type: 'public-key' }, { alg: -257, type: 'public-key' }],
      timeout: 300_000,
      attestation: 'none',
      excludeCredentials: [],
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    expect(Buffer.from(options.challenge, 'base64url')).toHaveLength(32);
    // The user handle: 32 random bytes, the same each time, never the account's id.
    const handle = Buffer.from(options.user.id, 'base64url');
    expect(handle).toHaveLength(32);
    // Random bytes hold a "1" one time in eight, so compare whole encodings of the id instead.
    const idBytes = (width: number) => Buffer.from(String(id).padStart(width, '0'));
    for (const encoded of [idBytes(1), idBytes(32), Buffer.concat([Buffer.alloc(24), Buffer.from(BigInt(id).toString(16).padStart(16, '0'), 'hex')])]) {
      expect(handle.equals(encoded)).toBe(false);
    }
    expect(handle.subarray(0, 8).readBigUInt64BE()).not.toBe(BigInt(id));
    expect((await creationOptions(t, access)).user.id).toBe(options.user.id);
  });

  it('refuses an access token alone: a stolen five-minute token never plants a passkey', async () => {
    const { access } = await kim();
    const none = await t.post('/users/me/passkeys/options', {}, bearer(access));
    expect(none.status).toBe(400);
    expect(none.body).toEqual({ non_field_errors: ['비밀번호 또는 전화번호 인증 토큰 중 하나만 입력해주세요.'] });
    const wrong = await t.post('/users/me/passkeys/options', { password: 'not-my-password' }, bearer(access));
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({ password: ['비밀번호가 올바르지 않습니다.'] });
    const forged = await t.post('/users/me/passkeys/options', { token: 'f'.repeat(32) }, bearer(access));
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('invalid_verify_token');
    // Without options there is no challenge to answer: a response of the token holder's own making is refused.
    const made = createCredential(
      { ...(await creationOptions(t, access)), challenge: Buffer.alloc(32, 7).toString('base64url') },
      ORIGIN,
    );
    const planted = await t.post('/users/me/passkeys', { response: made.response }, bearer(access));
    expect(planted.status).toBe(400);
    expect(planted.body).toEqual({ response: ['패스키 등록 시간이 지났거나 이미 사용되었습니다. 처음부터 다시 시도해주세요.'] });
    expect(await rows(t, sql`select id from passkeys`)).toEqual([]);
    expect((await t.post('/users/me/passkeys/options', { password: PASSWORD })).status).toBe(401);
  });

  it('takes a verification token for the account phone instead of the password, and spends it', async () => {
    const { access } = await kim();
    const token = await t.verifyPhone('010-1234-5678');
    await creationOptions(t, access, { token });
    const again = await t.post('/users/me/passkeys/options', { token }, bearer(access));
    expect(again.status).toBe(401);
    const other = await t.verifyPhone('010-5555-0000');
    expect((await t.post('/users/me/passkeys/options', { token: other }, bearer(access))).status).toBe(401);
  });

  it('counts a wrong password on the account budget as a login would', async () => {
    const { access } = await kim({ LOGIN_MAX_ACCOUNT_FAILURES: '2' });
    for (let i = 0; i < 2; i++) expect((await t.post('/users/me/passkeys/options', { password: 'wrong' }, bearer(access))).status).toBe(400);
    const locked = await t.post('/users/me/passkeys/options', { password: PASSWORD }, bearer(access));
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('account_locked');
  });
});

describe('POST /users/me/passkeys', () => {
  it('adds a passkey: 201 with its shape, listed, and passkey.added recorded', async () => {
    const { id, access } = await kim();
    const { res, credential } = await register(t, access, { name: '  iPhone  ' });
    expect(res.status, res.text).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['backed_up', 'created_at', 'id', 'last_used_at', 'name']);
    expect(res.body).toMatchObject({ name: 'iPhone', last_used_at: null, backed_up: true });
    const list = await t.get('/users/me/passkeys', bearer(access));
    expect(list.body).toEqual([res.body]);
    const [stored] = await rows(t, sql`select credential_id, algorithm, sign_count::integer as sign_count, backup_eligible, aaguid, transports from passkeys`);
    expect(stored).toEqual({
      credential_id: credential.id,
      algorithm: -7,
      sign_count: 0,
      backup_eligible: true,
      aaguid: '00000000-0000-0000-0000-000000000000',
      transports: ['hybrid', 'internal'],
    });
    expect((await eventsOf(t, 'passkey.added')).map((e) => e.data)).toEqual([{ user_id: id, passkey_id: res.body.id }]);
  });

  it('names a passkey without a name by the date, in the language asked; keeps a single-device one as not backed up; takes RS256', async () => {
    const { access } = await kim();
    const options = await creationOptions(t, access);
    const { response } = createCredential(options, ORIGIN, { backedUp: false, rsa: true });
    const res = await t.post('/users/me/passkeys', { response }, { ...bearer(access), 'accept-language': 'en' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.name).toBe(`Passkey ${new Date().toISOString().slice(0, 10)}`);
    expect(res.body.backed_up).toBe(false);
    expect((await rows(t, sql`select algorithm from passkeys`))[0]).toEqual({ algorithm: -257 });
    const ko = await addPasskey(t, access);
    expect((await t.get('/users/me/passkeys', bearer(access))).body.find((p: { id: string }) => p.id === ko.id).name).toMatch(/^패스키 \d{4}-/);
  });

  it('lists the passkeys it has in excludeCredentials, and refuses the same credential twice', async () => {
    const { access } = await kim();
    const first = await register(t, access);
    const options = await creationOptions(t, access);
    expect(options.excludeCredentials).toEqual([{ id: first.credential.id, type: 'public-key', transports: ['hybrid', 'internal'] }]);
    // An authenticator that ignores the exclude list, making the credential it already registered again.
    const again = await register(t, access, { options, again: first.credential });
    expect(again.response.id).toBe(first.credential.id);
    expect(again.res.status).toBe(400);
    expect(again.res.body).toEqual({ response: ['이미 등록된 패스키입니다.'] });
    expect((await t.get('/users/me/passkeys', bearer(access))).body).toHaveLength(1);
  });

  it.each([
    ['a wrong origin', { origin: 'https://accounts.example.com.evil.example' }],
    ['a wrong RP ID', { rpId: 'evil.example' }],
    ['no user verification', { uv: false }],
  ])('refuses %s with a 400 on response, and stores nothing', async (_what, attack) => {
    const { access } = await kim();
    const { res } = await register(t, access, attack);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ response: ['패스키를 확인할 수 없습니다. 다시 시도해주세요.'] });
    expect(await rows(t, sql`select id from passkeys`)).toEqual([]);
    expect(await eventsOf(t, 'passkey.added')).toEqual([]);
  });

  it('uses a challenge once, for the session that proved itself, within five minutes', async () => {
    const { access } = await kim();
    const options = await creationOptions(t, access);
    // Refused for a wrong origin: the challenge is spent all the same.
    const bad = createCredential(options, 'https://evil.example');
    expect((await t.post('/users/me/passkeys', { response: bad.response }, bearer(access))).status).toBe(400);
    const good = createCredential(options, ORIGIN);
    const replayed = await t.post('/users/me/passkeys', { response: good.response }, bearer(access));
    expect(replayed.body).toEqual({ response: ['패스키 등록 시간이 지났거나 이미 사용되었습니다. 처음부터 다시 시도해주세요.'] });

    // Another session of the same account (another device, or a stolen token) cannot answer this session's options.
    const other = await t.login(KIM);
    const mine = await creationOptions(t, access);
    const fromOther = createCredential(mine, ORIGIN);
    expect((await t.post('/users/me/passkeys', { response: fromOther.response }, bearer(other.access))).status).toBe(400);

    const late = await creationOptions(t, access);
    await t.database.db.execute(sql`update webauthn_challenges set expires_at = now() - interval '1 second' where used_at is null`);
    expect((await register(t, access, { options: late })).res.status).toBe(400);
    expect(await rows(t, sql`select id from passkeys`)).toEqual([]);
  });

  it('answers junk with a 400 before the library sees it, and a well-formed but broken attestation with a 400 too', async () => {
    const { access } = await kim();
    const options = await creationOptions(t, access);
    const { response } = createCredential(options, ORIGIN);
    for (const junk of [
      'text',
      { ...response, type: 'other' },
      { ...response, id: 'not base64url!' },
      { ...response, response: { ...response.response, attestationObject: 'A'.repeat(40_000) } },
      { ...response, response: { clientDataJSON: response.response.clientDataJSON } },
    ]) {
      const res = await t.post('/users/me/passkeys', { response: junk }, bearer(access));
      expect(res.status, JSON.stringify(junk).slice(0, 80)).toBe(400);
      expect(Object.keys(res.body)).toEqual(['response']);
    }
    const broken = await t.post(
      '/users/me/passkeys',
      { response: { ...response, response: { ...response.response, attestationObject: 'oWNmbXQ', clientDataJSON: 'e30' } } },
      bearer(access),
    );
    expect(broken.status).toBe(400);
    expect((await register(t, access, { options })).res.status).toBe(201);
  });
});

describe('GET, PATCH and DELETE /users/me/passkeys', () => {
  it("renames and removes the user's own, records passkey.removed, and answers 404 for another user's", async () => {
    const { id, access } = await kim();
    const mine = await addPasskey(t, access);
    await t.signUp({ ...LEE, token: await t.verifyPhone(LEE.phone_number) });
    const lee = await t.login({ email: LEE.email, password: PASSWORD });
    const leeKey = await addPasskey(t, lee.access);

    const renamed = await t.patch(`/users/me/passkeys/${mine.id}`, { name: ' Galaxy ' }, bearer(access));
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Galaxy');
    expect((await t.patch(`/users/me/passkeys/${mine.id}`, { name: '   ' }, bearer(access))).status).toBe(400);
    expect((await t.patch(`/users/me/passkeys/${mine.id}`, { name: 'x'.repeat(65) }, bearer(access))).status).toBe(400);
    expect((await t.patch(`/users/me/passkeys/${mine.id}`, { name: 'a\u001bb' }, bearer(access))).status).toBe(400);

    for (const other of [leeKey.id, 'not-a-uuid', '00000000-0000-0000-0000-000000000000']) {
      expect((await t.patch(`/users/me/passkeys/${other}`, { name: 'mine now' }, bearer(access))).status).toBe(404);
      expect((await t.delete(`/users/me/passkeys/${other}`, undefined, bearer(access))).status).toBe(404);
    }
    expect((await t.delete(`/users/me/passkeys/${mine.id}`, undefined, bearer(access))).status).toBe(204);
    expect((await t.get('/users/me/passkeys', bearer(access))).body).toEqual([]);
    expect((await t.get('/users/me/passkeys', bearer(lee.access))).body).toHaveLength(1);
    expect((await eventsOf(t, 'passkey.removed')).map((e) => e.data)).toEqual([{ user_id: id, passkey_id: mine.id }]);
    expect((await t.get('/users/me/passkeys')).status).toBe(401);
  });
});
