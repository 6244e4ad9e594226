import { pbkdf2Sync } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { Secret, TOTP, URI } from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, redactPaths } from '../src/app.js';
import { totpStep } from '../src/mfa/codes.js';
import { sweepExpired } from '../src/sweep.js';
import { bearer, PASSWORD, RecordingSms, startApp, testConfig, type TestApp, useFileDatabase } from './helpers.js';
import { httpClient } from './http-client.js';
import { awayFromStepEdge, eventsOf, firstStep, rows, signUpWithTotp } from './mfa-helpers.js';
import { base32Decode, base32Encode, hotp, totpAt, totpNow } from './totp.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

const KIM = { email: 'kim@example.com', password: PASSWORD };

describe('TOTP as RFC 6238 says, computed without the service', () => {
  // RFC 6238, appendix B: the SHA-1 seed and its 8-digit codes.
  const seed = base32Encode(Buffer.from('12345678901234567890'));
  const vectors: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];

  it.each(vectors)('the test implementation gives the RFC code at %i s', (seconds, code) => {
    expect(totpAt(seed, seconds, 8)).toBe(code);
    expect(base32Decode(seed).toString()).toBe('12345678901234567890');
  });

  it.each(vectors)("the service takes the RFC's 6-digit code at %i s, for its own step only", (seconds, code) => {
    const six = code.slice(-6);
    const step = Math.floor(seconds / 30);
    expect(totpStep(seed, six, seconds * 1000)).toBe(step);
    // One step of drift either way, and no further.
    expect(totpStep(seed, six, (seconds + 30) * 1000)).toBe(step);
    expect(totpStep(seed, six, (seconds - 30) * 1000)).toBe(step);
    expect(totpStep(seed, six, (seconds + 90) * 1000)).toBeUndefined();
    expect(totpStep(seed, hotp(base32Decode(seed), step + 5), seconds * 1000)).toBeUndefined();
  });
});

describe('POST /users/me/mfa/totp and its confirm', () => {
  it('answers a 160-bit base32 secret and an otpauth:// URL that authenticator apps read, sealed at rest', async () => {
    t = await startApp();
    await t.signUp();
    const { access } = await t.login(KIM);
    const res = await t.post('/users/me/mfa/totp', { password: PASSWORD }, bearer(access));
    expect(res.status, res.text).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['otpauth_url', 'secret']);
    const secret = res.body.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);

    const url = new URL(res.body.otpauth_url);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/User Demo:kim@example.com');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('User Demo');
    for (const [name, value] of [['algorithm', 'SHA1'], ['digits', '6'], ['period', '30']]) {
      expect([null, value]).toContain(url.searchParams.get(name!));
    }
    // Round trip: a second reader of the URL computes the codes the test computes from the secret.
    const parsed = URI.parse(res.body.otpauth_url) as TOTP;
    expect(parsed).toBeInstanceOf(TOTP);
    expect(parsed.issuer).toBe('User Demo');
    expect(parsed.label).toBe('kim@example.com');
    expect(parsed.generate({ timestamp: 1_700_000_000_000 })).toBe(totpAt(secret, 1_700_000_000));
    expect(new TOTP({ secret: Secret.fromBase32(url.searchParams.get('secret')!) }).generate({ timestamp: 59_000 })).toBe(
      totpAt(secret, 59),
    );

    const [row] = await rows(t, sql`select secret_sealed, confirmed_at from mfa_totp`);
    expect(row!.confirmed_at).toBeNull();
    expect(String(row!.secret_sealed)).toMatch(/^v1\./);
    expect(String(row!.secret_sealed)).not.toContain(secret);

    // Pending: a login still answers tokens.
    expect(Object.keys((await t.post('/login', KIM)).body).sort()).toEqual(['access_token', 'refresh_token']);

    await awayFromStepEdge();
    const confirmed = await t.post('/users/me/mfa/totp/confirm', { code: totpNow(secret) }, bearer(access));
    expect(confirmed.status, confirmed.text).toBe(200);
    const codes = confirmed.body.recovery_codes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await rows(t, sql`select code_hash from mfa_recovery_codes`);
    expect(stored).toHaveLength(10);
    for (const c of codes) expect(JSON.stringify(stored)).not.toContain(c.replace(/-/g, ''));

    const [enabled] = await eventsOf(t, 'mfa.enabled');
    expect(enabled).toMatchObject({ actor: 'user', data: { user_id: Number((await t.get('/users/me', bearer(access))).body.id) } });
  });

  it('needs exactly one proof, the right password, a right code, and refuses a second app while one is on', async () => {
    t = await startApp();
    await t.signUp();
    const { access } = await t.login(KIM);
    const none = await t.post('/users/me/mfa/totp', {}, bearer(access));
    expect(none.status).toBe(400);
    expect(Object.keys(none.body)).toEqual(['non_field_errors']);
    const wrong = await t.post('/users/me/mfa/totp', { password: 'not-the-password-1' }, bearer(access));
    expect(wrong.status).toBe(400);
    expect(Object.keys(wrong.body)).toEqual(['password']);
    expect((await t.post('/users/me/mfa/totp', { password: PASSWORD })).status).toBe(401);
    const early = await t.post('/users/me/mfa/totp/confirm', { code: '123456' }, bearer(access));
    expect(early.status).toBe(400);

    const started = await t.post('/users/me/mfa/totp', { password: PASSWORD }, bearer(access));
    const secret = started.body.secret as string;
    await awayFromStepEdge();
    const bad = await t.post('/users/me/mfa/totp/confirm', { code: totpNow(secret, 3) }, bearer(access));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body)).toEqual(['code']);
    expect((await t.post('/users/me/mfa/totp/confirm', { code: totpNow(secret) }, bearer(access))).status).toBe(200);
    const again = await t.post('/users/me/mfa/totp', { password: PASSWORD }, bearer(access));
    expect(again.status).toBe(400);
    expect(again.body.non_field_errors[0]).toMatch(/이미/);
  });

  it('lets a phone-only account enrol with a verification token for its phone, which is used up', async () => {
    t = await startApp();
    await t.database.db.execute(sql`insert into users (phone_number) values ('+821055550000')`);
    await t.post('/phone-verify', { phone_number: '010-5555-0000' });
    const { access } = await t.login({ phone_number: '010-5555-0000', key: t.sms.lastKey('+821055550000') });
    const token = await t.verifyPhone('010-5555-0000');
    const res = await t.post('/users/me/mfa/totp', { token }, bearer(access));
    expect(res.status, res.text).toBe(201);
    expect(decodeURIComponent(new URL(res.body.otpauth_url).pathname)).toBe('/User Demo:+821055550000');
    expect((await t.post('/users/me/mfa/totp', { token }, bearer(access))).status).toBe(401);
    await awayFromStepEdge();
    expect((await t.post('/users/me/mfa/totp/confirm', { code: totpNow(res.body.secret, -1) }, bearer(access))).status).toBe(200);

    // Its SMS-key login now takes the second step too.
    await t.post('/phone-verify', { phone_number: '010-5555-0000' });
    const mfaToken = await firstStep(t, { phone_number: '010-5555-0000', key: t.sms.lastKey('+821055550000') });
    expect((await t.post('/login/mfa', { mfa_token: mfaToken, code: totpNow(res.body.secret) })).status).toBe(202);
  });

  it('lets a user imported from the Django service enrol like anyone', async () => {
    t = await startApp();
    const salt = 'abcdefghijklmnopqrstuv';
    const hash = `pbkdf2_sha256$1000$${salt}$${pbkdf2Sync(PASSWORD, salt, 1000, 32, 'sha256').toString('base64')}`;
    await t.database.db.execute(sql`
      insert into users (email, email_folded, phone_number, password_hash, django_key, django_synced_at, updated_at)
      values ('lee@example.com', 'lee@example.com', '+821077770000', ${hash}, 'django-lee', now(), now())`);
    const user = await signUpWithTotpFor(t, 'lee@example.com');
    const mfaToken = await firstStep(t, { email: 'lee@example.com', password: PASSWORD });
    const done = await t.post('/login/mfa', { mfa_token: mfaToken, code: totpNow(user.secret) });
    expect(done.status, done.text).toBe(202);
  });
});

/** An existing account (any origin) turns TOTP on, confirmed with the previous step's code. */
async function signUpWithTotpFor(t: TestApp, email: string) {
  await awayFromStepEdge();
  const { access } = await t.login({ email, password: PASSWORD });
  const started = await t.post('/users/me/mfa/totp', { password: PASSWORD }, bearer(access));
  expect(started.status, started.text).toBe(201);
  const confirmed = await t.post('/users/me/mfa/totp/confirm', { code: totpNow(started.body.secret, -1) }, bearer(access));
  expect(confirmed.status, confirmed.text).toBe(200);
  return { secret: started.body.secret as string, access };
}

describe('POST /login with a second factor, and POST /login/mfa', () => {
  it('answers an mfa_token and no tokens for the password, then tokens for the code', async () => {
    t = await startApp();
    const { secret } = await signUpWithTotp(t);
    const mfaToken = await firstStep(t, KIM);
    const done = await t.post('/login/mfa', { mfa_token: mfaToken, code: totpNow(secret) });
    expect(done.status, done.text).toBe(202);
    expect(Object.keys(done.body).sort()).toEqual(['access_token', 'refresh_token']);
    expect((await t.get('/users/me', bearer(done.body.access_token))).status).toBe(200);
    // The session opened at the second step, not the first.
    expect((await eventsOf(t, 'session.created')).map((e) => (e.data as { method: string }).method)).toEqual(['password', 'mfa']);
    // Used once.
    expect((await t.post('/login/mfa', { mfa_token: mfaToken, code: totpNow(secret, 1) })).status).toBe(401);
  });

  it('asks an SMS-key login of a TOTP user for the second step as well', async () => {
    t = await startApp();
    const { secret } = await signUpWithTotp(t);
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const mfaToken = await firstStep(t, { phone_number: '010-1234-5678', key: t.sms.lastKey() });
    expect((await t.post('/login/mfa', { mfa_token: mfaToken, code: totpNow(secret) })).status).toBe(202);
  });

  it('accepts a code once: the same code, or an earlier one, is refused afterwards, on any instance', async () => {
    t = await startApp();
    const { secret } = await signUpWithTotp(t);
    const other = await buildApp({ config: testConfig(), database: t.database, sms: t.sms, logger: false });
    try {
      const second = httpClient(other);
      const tokens = [await firstStep(t, KIM), await firstStep(t, KIM)];
      const code = totpNow(secret);
      const answers = await Promise.all([
        t.post('/login/mfa', { mfa_token: tokens[0], code }),
        second.post('/login/mfa', { mfa_token: tokens[1], code }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([202, 401]);
      const refused = answers.find((a) => a.status === 401)!;
      expect(refused.body.detail).toMatch(/코드/);
      expect(refused.body.code).toBe('mfa_code_invalid');
      // The step before the one used is no good either.
      const later = await firstStep(t, KIM);
      expect((await second.post('/login/mfa', { mfa_token: later, code: totpNow(secret, -1) })).status).toBe(401);
      expect((await second.post('/login/mfa', { mfa_token: later, code: totpNow(secret, 1) })).status).toBe(202);
    } finally {
      await other.close();
    }
  });

  it('takes each recovery code once, in any case and with or without hyphens', async () => {
    t = await startApp();
    const { recovery } = await signUpWithTotp(t);
    const first = await t.post('/login/mfa', { mfa_token: await firstStep(t, KIM), code: recovery[0]!.toUpperCase() });
    expect(first.status, first.text).toBe(202);
    expect((await t.post('/login/mfa', { mfa_token: await firstStep(t, KIM), code: recovery[0] })).status).toBe(401);
    const plain = recovery[1]!.replace(/-/g, '');
    expect((await t.post('/login/mfa', { mfa_token: await firstStep(t, KIM), code: plain })).status).toBe(202);
  });

  it('binds the mfa_token to its client and kills it after five wrong codes, even for the right one', async () => {
    t = await startApp();
    const { secret } = await signUpWithTotp(t);
    const mfaToken = await firstStep(t, KIM, { 'user-agent': 'phone/1' });
    const elsewhere = await t.post('/login/mfa', { mfa_token: mfaToken, code: totpNow(secret) }, { 'user-agent': 'laptop/2' });
    expect(elsewhere.status).toBe(401);
    for (let i = 0; i < 5; i++) {
      const wrong = await t.post('/login/mfa', { mfa_token: mfaToken, code: '000000' }, { 'user-agent': 'phone/1' });
      expect(wrong.status).toBe(401);
    }
    const dead = await t.post('/login/mfa', { mfa_token: mfaToken, code: totpNow(secret) }, { 'user-agent': 'phone/1' });
    expect(dead.status).toBe(401);
    expect((await t.post('/login/mfa', { mfa_token: 'made-up', code: totpNow(secret) })).status).toBe(401);
  });

  it('refuses an mfa_token past its five minutes, in English when asked', async () => {
    t = await startApp();
    const { secret } = await signUpWithTotp(t);
    const mfaToken = await firstStep(t, KIM);
    await t.database.db.execute(sql`update mfa_challenges set expires_at = now() - interval '1 second'`);
    const res = await t.post('/login/mfa', { mfa_token: mfaToken, code: totpNow(secret) }, { 'accept-language': 'en' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: 'This two-step login has expired or is not valid. Please log in again.', code: 'mfa_token_invalid' });
  });

  it("counts wrong codes on the account's failure budget, which then locks password login", async () => {
    t = await startApp({ LOGIN_MAX_ACCOUNT_FAILURES: '5' });
    const { secret } = await signUpWithTotp(t);
    // Every code and password is counted before it is compared: the enrolment's code, the
    // first step's password and three wrong codes spend the budget of five.
    const mfaToken = await firstStep(t, KIM);
    for (let i = 0; i < 3; i++) expect((await t.post('/login/mfa', { mfa_token: mfaToken, code: '000000' })).status).toBe(401);
    const locked = await t.post('/login/mfa', { mfa_token: mfaToken, code: totpNow(secret) });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.body.code).toBe('mfa_locked');
    const password = await t.post('/login', KIM);
    expect(password.status).toBe(429);
    expect(password.body.code).toBe('account_locked');
    // SMS-key login stays open, and its second step too: the phone is proven.
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const byKey = await firstStep(t, { email: KIM.email, key: t.sms.lastKey() });
    expect((await t.post('/login/mfa', { mfa_token: byKey, code: totpNow(secret) })).status).toBe(202);
    // The session it opened cleared the budget.
    expect((await t.post('/login', KIM)).status).toBe(202);
  });

  it("leaves the seed's login as it was for users without TOTP", async () => {
    t = await startApp();
    await t.signUp();
    const res = await t.post('/login', KIM);
    expect(res.status).toBe(202);
    expect(Object.keys(res.body).sort()).toEqual(['access_token', 'refresh_token']);
  });
});

describe('DELETE /users/me/mfa/totp', () => {
  it('turns the second factor off with a code from the app; login then answers tokens again', async () => {
    t = await startApp();
    const { id, access, secret } = await signUpWithTotp(t);
    const wrong = await t.delete('/users/me/mfa/totp', { code: '000000' }, bearer(access));
    expect(wrong.status).toBe(400);
    expect(Object.keys(wrong.body)).toEqual(['code']);
    expect((await t.delete('/users/me/mfa/totp', { code: totpNow(secret) })).status).toBe(401);
    expect((await t.delete('/users/me/mfa/totp', { code: totpNow(secret) }, bearer(access))).status).toBe(204);
    expect(await rows(t, sql`select * from mfa_totp`)).toEqual([]);
    expect(await rows(t, sql`select * from mfa_recovery_codes`)).toEqual([]);
    expect(await eventsOf(t, 'mfa.disabled')).toMatchObject([{ actor: 'user', data: { user_id: id } }]);
    expect(Object.keys((await t.post('/login', KIM)).body).sort()).toEqual(['access_token', 'refresh_token']);
    const off = await t.delete('/users/me/mfa/totp', { code: totpNow(secret, 1) }, bearer(access));
    expect(off.status).toBe(400);
  });

  it('turns it off with a recovery code as well', async () => {
    t = await startApp();
    const { access, recovery } = await signUpWithTotp(t);
    expect((await t.delete('/users/me/mfa/totp', { code: recovery[4] }, bearer(access))).status).toBe(204);
    expect(Object.keys((await t.post('/login', KIM)).body).sort()).toEqual(['access_token', 'refresh_token']);
  });
});

describe('the second factor in logs', () => {
  it('logs no TOTP secret, code, recovery code or mfa_token at level trace', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    // The file's database, emptied by startApp, with a user; then an app with production's logger on it.
    const base = await startApp();
    await base.signUp();
    await base.close();
    const app = await buildApp({ config: testConfig(), database: base.database, sms: new RecordingSms(), logger: { level: 'trace', redact: redactPaths, stream } });
    try {
      const http = httpClient(app);
      const { access_token: access } = (await http.post('/login', KIM)).body;
      await awayFromStepEdge();
      const { secret } = (await http.post('/users/me/mfa/totp', { password: PASSWORD }, bearer(access))).body;
      const enrolled = await http.post('/users/me/mfa/totp/confirm', { code: totpNow(secret, -1) }, bearer(access));
      const recovery = enrolled.body.recovery_codes as string[];
      const mfaToken = (await http.post('/login', KIM)).body.mfa_token as string;
      expect((await http.post('/login/mfa', { mfa_token: mfaToken, code: '000000' })).status).toBe(401);
      expect((await http.post('/login/mfa', { mfa_token: mfaToken, code: totpNow(secret) })).status).toBe(202);
      const again = (await http.post('/login', KIM)).body.mfa_token as string;
      expect((await http.post('/login/mfa', { mfa_token: again, code: recovery[0] })).status).toBe(202);
      // Every string in every line (numbers such as timestamps could hold six digits by chance).
      const strings: string[] = [];
      const collect = (v: unknown): void => {
        if (typeof v === 'string') strings.push(v);
        else if (v && typeof v === 'object') Object.values(v).forEach(collect);
      };
      lines.join('').split('\n').filter(Boolean).forEach((line) => collect(JSON.parse(line)));
      expect(strings.some((v) => v.includes('/login/mfa'))).toBe(true);
      for (const secretPart of [secret, mfaToken, again, totpNow(secret, -1), totpNow(secret), recovery[0]!, '000000']) {
        expect(strings.filter((v) => v.includes(secretPart))).toEqual([]);
      }
    } finally {
      await app.close();
    }
  });
});

describe('sweeping the second factor', () => {
  it("erases a withdrawn account's secret and recovery codes with the withdrawal, and sweeps challenges past their five minutes, keeping the rest", async () => {
    t = await startApp();
    const kim = await signUpWithTotp(t);
    const lee = await signUpWithTotp(t, { email: 'lee@example.com', phone_number: '010-9876-5432' });
    await firstStep(t, KIM);
    await firstStep(t, { email: 'lee@example.com', password: PASSWORD });
    await t.database.db.execute(sql`update mfa_challenges set expires_at = now() - interval '1 second' where user_id = ${kim.id}`);
    expect((await t.delete('/users/me', { password: PASSWORD }, bearer(kim.access))).status).toBe(204);
    const left = async (table: string) =>
      (await rows(t, sql`select distinct user_id::integer as user_id from ${sql.identifier(table)}`)).map((r) => r.user_id);
    // The withdrawal itself erased the secret and the codes, in its transaction.
    for (const table of ['mfa_totp', 'mfa_recovery_codes']) expect(await left(table)).toEqual([lee.id]);

    await sweepExpired(t.database.db, 600);

    for (const table of ['mfa_totp', 'mfa_recovery_codes', 'mfa_challenges']) expect(await left(table)).toEqual([lee.id]);
  });
});
