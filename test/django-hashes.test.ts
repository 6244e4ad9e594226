import { pbkdf2Sync } from 'node:crypto';
import argon2 from 'argon2';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/index.js';
import { PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * Issue 24, finding 3: a wrong password for an account imported from Django took 7-9 times
 * as long as for a native or unknown one, which enumerated Django-era accounts, and eight
 * such guesses at once pushed an unrelated login from ~40 ms to 1.2-2.0 s. Finding 13:
 * hashes at the import bounds (argon2 m = 256 MiB, t = 10, p = 16) took 2 s a login, and
 * two at once stalled every login and took the process from 131 MB to 644 MB.
 */
let t: TestApp;
afterEach(async () => t?.close());

/** Production's argon2id, so that a native account costs what it does in production. */
const OWASP = { ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '2' };
const OLD_PASSWORD = 'django-Era-pass-1';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Django 5.1's PBKDF2PasswordHasher: 870,000 iterations. */
const pbkdf2Hash = (() => {
  const salt = 'QnBzWGhqc2Fsd2h5dGVz';
  return `pbkdf2_sha256$870000$${salt}$${pbkdf2Sync(OLD_PASSWORD, salt, 870_000, 32, 'sha256').toString('base64')}`;
})();
/** Django's Argon2PasswordHasher since 3.2: argon2id, m = 100 MiB, t = 2, p = 8. */
const djangoArgon2 = async (m = 102_400, t = 2, p = 8) =>
  `argon2${await argon2.hash(OLD_PASSWORD, { type: argon2.argon2id, memoryCost: m, timeCost: t, parallelism: p })}`;

/** An account as import-django leaves it: its Django identity and Django's hash, as Django wrote it. */
async function imported(email: string, phone: string, hash: string): Promise<void> {
  const { id } = await t.signUp({ email, phone_number: phone });
  await t.database.db.update(users).set({ passwordHash: hash, djangoKey: `django-${id}` }).where(eq(users.id, id));
}

async function timed(body: object, status: number): Promise<number> {
  const started = performance.now();
  const res = await t.post('/login', body);
  const ms = performance.now() - started;
  expect(res.status, res.text).toBe(status);
  return ms;
}

describe('a wrong password, whichever kind of account it names', () => {
  it('takes as long for a Django pbkdf2 or argon2 account as for a native or unknown one, over interleaved samples', async () => {
    t = await startApp(OWASP);
    await t.signUp();
    await imported('pbkdf2@example.com', '010-2222-0001', pbkdf2Hash);
    await imported('argon2@example.com', '010-2222-0002', await djangoArgon2());
    const kinds = {
      native: (i: number) => ({ email: 'kim@example.com', password: `wrong-Password-${i}` }),
      pbkdf2: (i: number) => ({ email: 'pbkdf2@example.com', password: `wrong-Password-${i}` }),
      argon2: (i: number) => ({ email: 'argon2@example.com', password: `wrong-Password-${i}` }),
      unknown: (i: number) => ({ email: `nobody${i}@example.com`, password: `wrong-Password-${i}` }),
    };
    const names = Object.keys(kinds) as (keyof typeof kinds)[];
    const samples = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<keyof typeof kinds, number[]>;
    await timed(kinds.native(99), 401); // the first refusal after a start waits for the calibration
    // Interleaved, each kind going first in turn, so a busy machine slows every kind alike.
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < names.length; j++) {
        const kind = names[(i + j) % names.length]!;
        samples[kind].push(await timed(kinds[kind](i), 401));
      }
    }
    const native = median(samples.native);
    for (const kind of ['pbkdf2', 'argon2', 'unknown'] as const) {
      expect(median(samples[kind]), `${kind}: ${samples[kind].map(Math.round)} against native ${samples.native.map(Math.round)}`).toBeGreaterThan(0.85 * native);
      expect(median(samples[kind]), `${kind}: ${samples[kind].map(Math.round)} against native ${samples.native.map(Math.round)}`).toBeLessThan(1.15 * native);
    }
    // The right password still opens the Django account, rehashed to argon2id.
    expect((await t.post('/login', { email: 'pbkdf2@example.com', password: OLD_PASSWORD })).status).toBe(202);
  }, 180_000);
});

describe('Django hashes as a load', () => {
  it('eight wrong guesses at once for Django accounts leave an unrelated login its own time', async () => {
    t = await startApp(OWASP);
    await t.signUp();
    for (let i = 0; i < 8; i++) await imported(`old${i}@example.com`, `010-3333-000${i}`, pbkdf2Hash);
    const quiet: number[] = [];
    for (let i = 0; i < 3; i++) quiet.push(await timed({ email: 'kim@example.com', password: PASSWORD }, 202));
    const guesses = Array.from({ length: 8 }, (_, i) => t.post('/login', { email: `old${i}@example.com`, password: 'wrong-Password-1' }));
    const during = await timed({ email: 'kim@example.com', password: PASSWORD }, 202);
    expect(during, `${Math.round(during)} ms against ${quiet.map(Math.round)} ms`).toBeLessThan(3 * median(quiet) + 150);
    // The guesses wait their turn on the Django queue: a slot and four waiting; past that, 503.
    const answers = await Promise.all(guesses);
    expect(answers.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(5);
    for (const busy of answers.filter((r) => r.status !== 401)) {
      expect(busy.status).toBe(503);
      expect(busy.body.code).toBe('login_busy');
      expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
    }
  }, 120_000);

  it('holds one Django argon2 hash in memory at a time, however many arrive at once', async () => {
    t = await startApp(OWASP);
    await t.signUp();
    const hash = await djangoArgon2();
    // As import-django keeps them now, and as it kept them before (without Django's prefix).
    for (let i = 0; i < 4; i++) await imported(`old${i}@example.com`, `010-3333-000${i}`, i % 2 ? hash : hash.slice('argon2'.length));
    // One login first, so the calibration's own 100 MiB is behind us.
    await timed({ email: 'old0@example.com', password: 'wrong-Password-0' }, 401);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      const guesses = Array.from({ length: 4 }, (_, i) => t.post('/login', { email: `old${i}@example.com`, password: 'wrong-Password-1' }));
      const during = await timed({ email: 'kim@example.com', password: PASSWORD }, 202);
      expect((await Promise.all(guesses)).map((r) => r.status)).toEqual(Array(4).fill(401));
      expect(during).toBeLessThan(1000);
    } finally {
      clearInterval(sampler);
    }
    // One 100 MiB hash area, and no second beside it.
    expect((peak - before) / 2 ** 20).toBeLessThan(160);
  }, 120_000);

  it('refuses, as a wrong password and at its cost, a hash at the old import bounds that Django never writes', async () => {
    t = await startApp(OWASP);
    await t.signUp();
    // Issue 24's hash: m = 256 MiB, t = 10, p = 16, within the bounds import-django had;
    // with Django's prefix, as it is kept now, and without, as it was kept before.
    const hostile = '$argon2id$v=19$m=262144,t=10,p=16$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';
    await imported('huge@example.com', '010-4444-0001', `argon2${hostile}`);
    await imported('huge2@example.com', '010-4444-0002', hostile);
    await timed({ email: 'huge@example.com', password: OLD_PASSWORD }, 401); // past the calibration
    const quiet: number[] = [];
    for (let i = 0; i < 3; i++) quiet.push(await timed({ email: 'kim@example.com', password: PASSWORD }, 202));
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      const answers = Promise.all(['huge', 'huge2', 'huge', 'huge2'].map((u) => t.post('/login', { email: `${u}@example.com`, password: OLD_PASSWORD })));
      // Two such hashes at once stalled every login for 5 s; now each costs the dummy hash, a
      // native one: this login waits for the four ahead of it on the slots, no more.
      const during = await timed({ email: 'kim@example.com', password: PASSWORD }, 202);
      expect(during, `${Math.round(during)} ms against ${quiet.map(Math.round)} ms`).toBeLessThan(4 * median(quiet) + 150);
      expect((await answers).map((r) => r.status)).toEqual([401, 401, 401, 401]);
    } finally {
      clearInterval(sampler);
    }
    expect((peak - before) / 2 ** 20).toBeLessThan(100);
  }, 120_000);
});
