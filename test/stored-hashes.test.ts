import { pbkdf2Sync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/index.js';
import { startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * Issue 13, finding 8: hostile hashes from an import (or any other hand) made login answer
 * 500, take 1.6 s, or take the process to 1.1 GB. A stored hash out of bounds or unparseable
 * is a failed login, 401, at the cost of an ordinary one.
 */
let t: TestApp;
afterEach(async () => t?.close());

const PASSWORD = 'old-Django-pass-1';
const django = (iterations: number, password = PASSWORD) =>
  `pbkdf2_sha256$${iterations}$abcdefghijklmnopqrstuv$${pbkdf2Sync(password, 'abcdefghijklmnopqrstuv', Math.min(iterations, 1000), 32, 'sha256').toString('base64')}`;

const HOSTILE = [
  ['pbkdf2 with 3,000,000,000 iterations', django(3_000_000_000)],
  ['pbkdf2 with 8,000,000 iterations', django(8_000_000)],
  ['pbkdf2 with a 2 MB derived key', `pbkdf2_sha256$1000$salt$${'A'.repeat(2_000_000)}`],
  ['pbkdf2 without a salt', 'pbkdf2_sha256$1000$$aGFzaA=='],
  ['argon2 with m = 1 GiB', '$argon2id$v=19$m=1048576,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g'],
  ['argon2 with t = 11', '$argon2id$v=19$m=1024,t=11,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g'],
  ['argon2 with p = 64', '$argon2id$v=19$m=1024,t=1,p=64$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g'],
  ['a malformed argon2 string', '$argon2id$v=19$m=65536,t=2'],
  ['argon2 with m below 8 × p', '$argon2id$v=19$m=1,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g'],
] as const;

describe('stored hashes out of bounds or unparseable', () => {
  it.each(HOSTILE)('%s: login is a quick 401, never a 500', async (_what, hash) => {
    t = await startApp();
    const { id } = await t.signUp();
    await t.database.db.update(users).set({ passwordHash: hash }).where(eq(users.id, id));
    const started = performance.now();
    const res = await t.post('/login', { email: 'kim@example.com', password: PASSWORD });
    const elapsed = performance.now() - started;
    expect(res.status, res.text).toBe(401);
    expect(res.body).toEqual({ detail: '주어진 자격 증명으로 활성화된 계정을 찾을 수 없습니다.', code: 'no_active_account' });
    expect(elapsed).toBeLessThan(1000);
  });

  it('still verifies a pbkdf2 hash within bounds, and rehashes it to argon2id', async () => {
    t = await startApp();
    const { id } = await t.signUp();
    const hash = `pbkdf2_sha256$20000$abcdefghijklmnopqrstuv$${pbkdf2Sync(PASSWORD, 'abcdefghijklmnopqrstuv', 20_000, 32, 'sha256').toString('base64')}`;
    await t.database.db.update(users).set({ passwordHash: hash }).where(eq(users.id, id));
    expect((await t.post('/login', { email: 'kim@example.com', password: 'wrong-Password-1' })).status).toBe(401);
    expect((await t.post('/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(202);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
  });
});
