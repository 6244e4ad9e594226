import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { bearer, PASSWORD, sleep, type TestApp } from './helpers.js';
import { secondsLeftInStep, totpNow } from './totp.js';

/**
 * Codes are checked within one step of now, so a test that uses the previous step's code
 * starts where the step has time left, never at its edge.
 */
export async function awayFromStepEdge(): Promise<void> {
  if (secondsLeftInStep() < 4) await sleep(secondsLeftInStep() * 1000 + 100);
}

export interface WithTotp {
  id: number;
  email: string;
  access: string;
  secret: string;
  recovery: string[];
}

/**
 * kim@example.com signed up, logged in and with an authenticator app confirmed by the
 * previous step's code, so the codes of this step and the next are still unused.
 */
export async function signUpWithTotp(t: TestApp, overrides: Parameters<TestApp['signUp']>[0] = {}): Promise<WithTotp> {
  await awayFromStepEdge();
  const { id, body } = await t.signUp(overrides);
  const { access } = await t.login({ email: body.email, password: PASSWORD });
  const started = await t.post('/users/me/mfa/totp', { password: PASSWORD }, bearer(access));
  expect(started.status, started.text).toBe(201);
  const secret = started.body.secret as string;
  const confirmed = await t.post('/users/me/mfa/totp/confirm', { code: totpNow(secret, -1) }, bearer(access));
  expect(confirmed.status, confirmed.text).toBe(200);
  return { id, email: body.email, access, secret, recovery: confirmed.body.recovery_codes };
}

/** The first step of a login, which must ask for the second. */
export async function firstStep(t: TestApp, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string> {
  const res = await t.post('/login', body, headers);
  expect(res.status, res.text).toBe(202);
  expect(Object.keys(res.body).sort()).toEqual(['methods', 'mfa_required', 'mfa_token']);
  expect(res.body.mfa_required).toBe(true);
  expect(res.body.methods).toEqual(['totp', 'recovery_code']);
  return res.body.mfa_token as string;
}

/** Rows of one table, as plain objects, PGlite and node-postgres alike. */
export async function rows(t: TestApp, query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  const result = await t.database.db.execute(query);
  return (result as unknown as { rows: Record<string, unknown>[] }).rows;
}

/** The events of one type, oldest first; `user_id` cast so both databases' drivers answer a number. */
export const eventsOf = (t: TestApp, type: string) =>
  rows(t, sql`select type, actor, ip, user_id::integer as user_id, data from events where type = ${type} order by seq`);
