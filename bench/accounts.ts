import { randomBytes } from 'node:crypto';
import type { SmsSink } from './sink.js';
import { mapLimit, type PhoneNumbers } from './util.js';

/** A user made for the run, signed in. */
export interface Account {
  email: string;
  phone: string;
  access: string;
  refresh: string;
}

export const PASSWORD = 'Quiet-Harbor-Lantern-92';
export const JSON_HEADERS = { 'content-type': 'application/json' };

async function call(origin: string, path: string, body: unknown, expect: number): Promise<Record<string, unknown>> {
  const res = await fetch(`${origin}/api/v1${path}`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status !== expect) throw new Error(`POST ${path} answered ${res.status} (expected ${expect}): ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Users made through the API as a client would: phone-verify → confirm → sign-up → login. */
export async function createAccounts(origin: string, sink: SmsSink, phones: PhoneNumbers, n: number): Promise<Account[]> {
  const run = randomBytes(4).toString('hex');
  return mapLimit(Array.from({ length: n }, (_, i) => i), 4, async (i) => {
    const phone = phones.take();
    await call(origin, '/phone-verify', { phone_number: phone.dashed }, 201);
    const key = sink.keyFor(phone.e164);
    if (!key) throw new Error(`the SMS sink got no key for ${phone.e164}`);
    const { token } = await call(origin, '/phone-verify/confirm', { phone_number: phone.dashed, key }, 200);
    const email = `bench-${run}-${i}@example.com`;
    await call(origin, '/users', { email, password: PASSWORD, phone_number: phone.dashed, token, name: `Bench ${i}` }, 201);
    const tokens = await call(origin, '/login', { email, password: PASSWORD }, 202);
    return { email, phone: phone.dashed, access: String(tokens.access_token), refresh: String(tokens.refresh_token) };
  });
}

/** The same users logged in again, at another service on the same database (another JWT_ALGORITHM). */
export async function loginAgain(origin: string, accounts: Account[]): Promise<Account[]> {
  return mapLimit(accounts, 4, async (a) => {
    const tokens = await call(origin, '/login', { email: a.email, password: PASSWORD }, 202);
    return { ...a, access: String(tokens.access_token), refresh: String(tokens.refresh_token) };
  });
}

/** Phones verified through the API (phone-verify → confirm), each with its sign-up token, for sign-ups measured later. */
export async function verifiedPhones(origin: string, sink: SmsSink, phones: PhoneNumbers, n: number): Promise<{ phone: string; token: string }[]> {
  return mapLimit(Array.from({ length: n }, () => phones.take()), 16, async (phone) => {
    await call(origin, '/phone-verify', { phone_number: phone.dashed }, 201);
    const key = sink.keyFor(phone.e164);
    if (!key) throw new Error(`the SMS sink got no key for ${phone.e164}`);
    const { token } = await call(origin, '/phone-verify/confirm', { phone_number: phone.dashed, key }, 200);
    return { phone: phone.dashed, token: String(token) };
  });
}
