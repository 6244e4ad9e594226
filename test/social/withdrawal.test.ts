import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sweepExpired } from '../../src/sweep.js';
import { cliFor } from '../cli-helpers.js';
import { bearer, PASSWORD, sleep, startApp, type TestApp, useFileDatabase } from '../helpers.js';
import { eventsOf, rows } from '../mfa-helpers.js';
import { browserSignIn, exchange, PROVIDERS, type Provider, type Providers, startProviders } from './harness.js';

useFileDatabase();

/**
 * A withdrawal erases every identity at once and undoes each link at its provider after the
 * commit, from the outbox, retried like events: Kakao's admin-key unlink, Naver's and
 * Google's token revocation, Apple's (App Store guideline 5.1.1(v)), the issuer's RFC 7009.
 */
describe('withdrawal and social identities', () => {
  let f: Providers;
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    f = await startProviders({ oidcAccounts: { alice: { email: 'alice@corp.example', emailVerified: true } } });
  });
  afterAll(async () => f?.close());
  afterEach(async () => {
    await t?.close();
    expect(f.problems()).toEqual([]);
  });

  /** An account with a password, and one identity of each provider linked by browser sign-ins proven with its phone. */
  async function linkedEverywhere(phone: string) {
    const { id } = await t.signUp({ email: `w${++n}@example.com`, phone_number: phone });
    const people = {
      kakao: f.kakao.addUser({ id: 9000 + n }),
      naver: f.naver.addUser({ account: `naver-${n}` }),
      google: f.google.addUser({ sub: `g-${n}` }),
      apple: f.apple.addUser({ sub: `001000.apple.${n}` }),
    };
    f.kakao.signInAs(people.kakao);
    f.naver.signInAs(people.naver);
    f.google.signInAs(people.google);
    f.apple.signInAs(people.apple);
    for (const p of PROVIDERS) {
      const flow = await browserSignIn(t, f, p, { account: 'alice' });
      const answer = await exchange(t, flow.result, flow.verifier);
      const linked = await t.post('/users/social', { social_token: answer.body.social_token, phone_number: phone, token: await t.verifyPhone(phone) });
      expect(linked.status, `${p}: ${linked.text}`).toBe(200);
    }
    return { id, people, access: (await t.login({ phone_number: phone, password: PASSWORD })).access };
  }

  const pending = async () => rows(t, sql`select provider, state, attempts, last_error from provider_revocations order by provider`);
  /** Until every revocation was done (its row gone) or failed an attempt: none still waiting for its first answer. */
  async function untilSettled() {
    for (let i = 0; i < 200; i++) {
      t.app.socialRevoker?.wake();
      if ((await rows(t, sql`select 1 from provider_revocations where last_error is null`)).length === 0) return;
      await sleep(50);
    }
  }

  it("reaches every provider's revoke or unlink after the user's withdrawal, and keeps nothing", async () => {
    t = await startApp(f.env);
    const { id, people, access } = await linkedEverywhere('010-8000-0001');
    expect((await t.get('/users/me/identities', bearer(access))).body.map((i: { provider: Provider }) => i.provider).sort()).toEqual([...PROVIDERS].sort());
    const sealed = await rows(t, sql`select tokens_sealed from social_identities where user_id = ${id} and tokens_sealed is not null`);
    expect(sealed.length).toBe(4); // Kakao unlinks with the admin key: no token kept
    for (const r of sealed) expect(String(r.tokens_sealed)).toMatch(/^v1\./);

    expect((await t.delete('/users/me', { password: PASSWORD }, bearer(access))).status).toBe(204);
    expect(await rows(t, sql`select 1 from social_identities where user_id = ${id}`)).toEqual([]);
    expect((await eventsOf(t, 'identity.unlinked')).map((e) => (e.data as { provider: string }).provider).sort()).toEqual([...PROVIDERS].sort());

    await untilSettled();
    expect(await pending()).toEqual([]);
    expect(f.kakao.unlinked).toContain(people.kakao.id);
    const unlink = f.kakao.received.filter((r) => r.path === '/v1/user/unlink').at(-1)!;
    expect(unlink.headers.authorization).toBe('KakaoAK kakao-admin-key');
    expect(f.naver.revoked).toContain(people.naver.account);
    expect(f.naver.received.find((r) => r.path === '/oauth2.0/revoke')!.form.get('token_type_hint')).toBe('refresh_token');
    expect(f.google.revoked).toContain(people.google.sub);
    expect(f.apple.revoked).toEqual([{ sub: people.apple.sub, clientId: 'com.example.web', hint: 'refresh_token' }]);
    expect(f.idp.requests).toContain('POST /token/revocation');
  });

  it("retries a provider that is down with the events' backoff, and undoes the link once it is back", async () => {
    t = await startApp(f.env);
    const { access, people } = await linkedEverywhere('010-8000-0002');
    f.google.down = true;
    try {
      expect((await t.delete('/users/me', { password: PASSWORD }, bearer(access))).status).toBe(204);
      await untilSettled();
      const left = await pending();
      expect(left).toEqual([{ provider: 'google', state: 'pending', attempts: 1, last_error: 'google revoke: HTTP 503' }]);
      const [due] = await rows(t, sql`select extract(epoch from next_attempt_at - now())::int as s from provider_revocations`);
      expect(Number(due!.s)).toBeGreaterThan(0);
      expect(Number(due!.s)).toBeLessThanOrEqual(5);
    } finally {
      f.google.down = false;
    }
    await t.database.db.execute(sql`update provider_revocations set next_attempt_at = now(), last_error = null`);
    await untilSettled();
    expect(await pending()).toEqual([]);
    expect(f.google.revoked).toContain(people.google.sub);
  });

  it('keeps a revocation that failed EVENTS_MAX_ATTEMPTS times as failed, counted in /metrics, until AUDIT_RETENTION_DAYS', async () => {
    t = await startApp({ ...f.env, EVENTS_MAX_ATTEMPTS: '1' });
    const { id } = await linkedEverywhere('010-8000-0003');
    f.naver.down = true;
    try {
      // An admin's withdrawal goes the same way.
      const created = await cliFor(t.database)('api-keys', 'create', '--name', 'ops', '--scopes', 'admin');
      const admin = bearer(created.out.trim().split('\n').at(-1)!);
      const detail = await t.get(`/admin/users/${id}`, admin);
      expect(detail.body.identities.map((i: { provider: string }) => i.provider).sort()).toEqual([...PROVIDERS].sort());
      expect((await t.delete(`/admin/users/${id}`, undefined, admin)).status).toBe(204);
      await untilSettled();
    } finally {
      f.naver.down = false;
    }
    expect(await pending()).toEqual([{ provider: 'naver', state: 'failed', attempts: 1, last_error: 'naver revoke: HTTP 503' }]);
    const { body } = await t.app.metrics!.scrape();
    expect(body).toMatch(/^social_revocations_failed 1$/m);
    expect(body).toMatch(/^social_revocation_failures_total\{provider="naver"\} 1$/m);
    // Kept for the operator AUDIT_RETENTION_DAYS, then swept with the rest.
    await sweepExpired(t.database.db, 600, { retentionDays: 30, sending: false });
    expect(await pending()).toHaveLength(1);
    await t.database.db.execute(sql`update provider_revocations set created_at = now() - interval '31 days'`);
    await sweepExpired(t.database.db, 600, { retentionDays: 30, sending: false });
    expect(await pending()).toEqual([]);
  });
});
