import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepExpired } from '../../src/sweep.js';
import { cliFor } from '../cli-helpers.js';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from '../helpers.js';
import { eventsOf, rows } from '../mfa-helpers.js';
import { addPasskey, creationOptions, PASSKEY_ENV, signIn, signInOptions } from './helpers.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

const KIM = { email: 'kim@example.com', password: PASSWORD };
const LEE = { email: 'lee@example.com', phone_number: '010-9876-5432' };

const countOf = async (table: string) =>
  (await rows(t, sql`select count(*)::integer as n from ${sql.raw(table)}`))[0]!.n;

describe('a passkey over the life of an account', () => {
  it("is erased with the account's withdrawal, handle and pending ceremonies too, and signs in no more", async () => {
    t = await startApp(PASSKEY_ENV);
    const { id } = await t.signUp();
    const { access } = await t.login(KIM);
    const { credential } = await addPasskey(t, access);
    await addPasskey(t, access);
    await creationOptions(t, access);
    await t.signUp({ ...LEE, token: await t.verifyPhone(LEE.phone_number) });
    const lee = await t.login({ email: LEE.email, password: PASSWORD });
    await addPasskey(t, lee.access);

    const withdrawn = await t.delete('/users/me', { password: PASSWORD }, bearer(access));
    expect(withdrawn.status, withdrawn.text).toBe(204);
    const left = (table: string) => rows(t, sql`select user_id::integer as user_id from ${sql.raw(table)} where user_id = ${id}`);
    for (const table of ['passkeys', 'webauthn_users', 'webauthn_challenges']) expect(await left(table), table).toEqual([]);
    expect(await countOf('passkeys')).toBe(1);
    expect((await signIn(t, credential)).res.status).toBe(401);
    // The withdrawal says it all: no passkey.removed for each.
    expect(await eventsOf(t, 'passkey.removed')).toEqual([]);
  });

  it('is counted in the admin API\'s user detail', async () => {
    t = await startApp(PASSKEY_ENV);
    const { id } = await t.signUp();
    const created = await cliFor(t.database)('api-keys', 'create', '--name', 'ops', '--scopes', 'admin');
    const admin = bearer(created.out.trim().split('\n').at(-1)!);
    expect((await t.get(`/admin/users/${id}`, admin)).body.passkeys).toBe(0);
    const { access } = await t.login(KIM);
    await addPasskey(t, access);
    await addPasskey(t, access);
    expect((await t.get(`/admin/users/${id}`, admin)).body.passkeys).toBe(2);
  });

  it('leaves its ceremonies\' challenges to the sweep once their five minutes are over', async () => {
    t = await startApp(PASSKEY_ENV);
    await t.signUp();
    const { access } = await t.login(KIM);
    await creationOptions(t, access);
    await signInOptions(t);
    await signInOptions(t);
    await t.database.db.execute(sql`update webauthn_challenges set expires_at = now() - interval '1 second' where purpose = 'login'`);
    await sweepExpired(t.database.db, 600);
    expect(await rows(t, sql`select purpose from webauthn_challenges`)).toEqual([{ purpose: 'register' }]);
  });

  it('makes one user handle per account, whoever asks at once', async () => {
    t = await startApp(PASSKEY_ENV);
    await t.signUp();
    const { access } = await t.login(KIM);
    const handles = await Promise.all(Array.from({ length: 4 }, () => creationOptions(t, access).then((o) => o.user.id)));
    expect(new Set(handles).size).toBe(1);
    expect(await countOf('webauthn_users')).toBe(1);
  });

  it('signs in once per challenge however many answers race for it', async () => {
    t = await startApp(PASSKEY_ENV);
    await t.signUp();
    const { access } = await t.login(KIM);
    const { credential } = await addPasskey(t, access);
    const { challenge_id, options } = await signInOptions(t);
    const { getAssertion } = await import('./soft-authenticator.js');
    const response = getAssertion(options, 'https://accounts.example.com', credential);
    const answers = await Promise.all(Array.from({ length: 6 }, () => t.post('/login/passkey', { challenge_id, response })));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 401, 401, 401, 401, 401]);
    expect((await eventsOf(t, 'session.created')).filter((e) => (e.data as { method: string }).method === 'passkey')).toHaveLength(1);
  });
});
