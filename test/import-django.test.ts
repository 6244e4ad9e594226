import { pbkdf2Sync, randomBytes, randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importedPasswordHash } from '../src/cli/import-django.js';
import { cliFor } from './cli-helpers.js';
import { bearer, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

const adminUrl = process.env.TEST_DATABASE_URL;

/**
 * Django's PBKDF2PasswordHasher: `pbkdf2_sha256$<iterations>$<salt>$<base64 of the
 * 32-byte PBKDF2-HMAC-SHA256 key>`, the salt 22 random letters and digits.
 */
function djangoHash(password: string, iterations = 260_000): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const salt = Array.from({ length: 22 }, () => alphabet[randomInt(alphabet.length)]).join('');
  const key = pbkdf2Sync(password, salt, iterations, 32, 'sha256').toString('base64');
  return `pbkdf2_sha256$${iterations}$${salt}$${key}`;
}

/** The table Django's migrations make for the seed's user model (email as primary key). */
const DJANGO_USER_TABLE = `
  create table "user" (
    "password" varchar(128) not null,
    "last_login" timestamp with time zone null,
    "email" varchar(254) not null primary key,
    "name" varchar(255) null,
    "nickname" varchar(255) null,
    "phone_number" varchar(20) not null unique,
    "is_active" boolean not null,
    "is_admin" boolean not null,
    "created_at" timestamp with time zone not null
  )`;

const KIM_PASSWORD = 'old-Django-pass-1';
const KIM_CREATED = new Date('2021-06-01T09:30:00Z');

describe('the hashes import-django keeps', () => {
  it('keeps pbkdf2_sha256 as it is, unwraps Django argon2, and drops what login cannot verify', () => {
    const pbkdf2 = djangoHash('x', 1000);
    expect(importedPasswordHash(pbkdf2)).toBe(pbkdf2);
    expect(importedPasswordHash('argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(
      '$argon2id$v=19$m=102400,t=2,p=8$c2FsdHNhbHQ$aGFzaGhhc2g',
    );
    expect(importedPasswordHash('!Xq9unusablepasswordmarker')).toBeNull();
    expect(importedPasswordHash('bcrypt_sha256$$2b$12$abc')).toBeNull();
    expect(importedPasswordHash('')).toBeNull();
  });
});

describe.skipIf(!adminUrl)('import-django from a real PostgreSQL database of the Django service', () => {
  let django: pg.Client;
  let djangoUrl: string;
  let dbName: string;
  let t: TestApp;

  beforeAll(async () => {
    dbName = `django_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(adminUrl!);
    u.pathname = `/${dbName}`;
    djangoUrl = u.toString();
    django = new pg.Client({ connectionString: djangoUrl });
    await django.connect();
    await django.query(DJANGO_USER_TABLE);
  });
  afterAll(async () => {
    await django?.end();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  });
  beforeEach(async () => {
    await django.query('truncate "user"');
    t = await startApp();
  });
  afterEach(() => t.close());

  const addDjangoUser = (u: { email: string; phone: string; password: string; name?: string | null; nickname?: string | null; active?: boolean; admin?: boolean; created?: Date }) =>
    django.query(
      `insert into "user" (password, email, name, nickname, phone_number, is_active, is_admin, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [u.password, u.email, u.name ?? null, u.nickname ?? null, u.phone, u.active ?? true, u.admin ?? false, u.created ?? new Date()],
    );
  const importDjango = (...extra: string[]) => cliFor(t.database)('import-django', '--from', djangoUrl, ...extra);
  const passwordHashOf = async (email: string) => {
    const result = await t.database.db.execute(sql`select password_hash from users where lower(email) = lower(${email})`);
    return (result as unknown as { rows: { password_hash: string | null }[] }).rows[0]?.password_hash;
  };

  it('imports the users, who then log in with their old passwords, rehashed to argon2id; a re-run changes nothing', async () => {
    await addDjangoUser({ email: 'kim@example.com', phone: '010-1234-5678', password: djangoHash(KIM_PASSWORD), name: '김동우', nickname: 'dongwoo', created: KIM_CREATED });
    await addDjangoUser({ email: 'Boss@Example.com', phone: '01099998888', password: djangoHash('boss-Pass-22'), admin: true });
    await addDjangoUser({ email: 'gone@example.com', phone: '010-5555-6666', password: djangoHash('gone-Pass-33'), active: false });
    await addDjangoUser({ email: 'sms-only@example.com', phone: '010-4444-3333', password: '!unusablepassword' });
    await addDjangoUser({ email: 'landline@example.com', phone: '02-123-4567', password: djangoHash('x') });

    const first = await importDjango();
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('read 5, inserted 4, updated 0, unchanged 0, kept (in use here) 0, skipped 1');
    expect(first.out).toContain('1 imported without a usable password');
    expect(first.out).toMatch(/skipped landline@example.com: phone number "02-123-4567": /);

    // The old password works over HTTP, and the Django hash is replaced at that login.
    expect(await passwordHashOf('kim@example.com')).toMatch(/^pbkdf2_sha256\$260000\$/);
    const { access } = await t.login({ email: 'kim@example.com', password: KIM_PASSWORD });
    expect((await t.get('/users/me', bearer(access))).body).toMatchObject({
      email: 'kim@example.com',
      name: '김동우',
      nickname: 'dongwoo',
      phone_number: '01012345678',
    });
    const rehashed = await passwordHashOf('kim@example.com');
    expect(rehashed).toMatch(/^\$argon2id\$/);
    await t.login({ email: 'kim@example.com', password: KIM_PASSWORD });
    await t.login({ phone_number: '010-9999-8888', password: 'boss-Pass-22' });
    expect((await t.post('/login', { email: 'gone@example.com', password: 'gone-Pass-33' })).status).toBe(401);
    expect((await t.post('/login', { email: 'kim@example.com', password: 'wrong-Pass-99' })).status).toBe(401);

    const boss = JSON.parse((await cliFor(t.database)('users', 'show', 'boss@example.com', '--json')).out);
    expect(boss).toMatchObject({ is_admin: true, is_active: true, phone_number: '+821099998888' });
    const kim = JSON.parse((await cliFor(t.database)('users', 'show', 'kim@example.com', '--json')).out);
    expect(kim.created_at).toBe(KIM_CREATED.toISOString());

    // Again: nothing new; the accounts that logged in (kim, boss) now live here and keep their argon2id hash.
    const second = await importDjango();
    expect(second.out).toContain('read 5, inserted 0, updated 0, unchanged 2, kept (in use here) 2, skipped 1');
    expect(await passwordHashOf('kim@example.com')).toBe(rehashed);
    await t.login({ email: 'kim@example.com', password: KIM_PASSWORD });
    const count = await t.database.db.execute(sql`select count(*)::int as n from users`);
    expect((count as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(4);
  });

  it('refreshes accounts not used here yet, and never overwrites one that signed up or logged in here', async () => {
    await t.signUp({ email: 'here@example.com', phone_number: '010-7777-8888' });
    await addDjangoUser({ email: 'HERE@example.com', phone: '010-7777-9999', password: djangoHash('django-Pass-1') });
    await addDjangoUser({ email: 'taken@example.com', phone: '010-7777-8888', password: djangoHash('django-Pass-2') });
    await addDjangoUser({ email: 'park@example.com', phone: '010-2222-3333', password: djangoHash('park-Pass-44'), nickname: 'park' });

    const first = await importDjango();
    expect(first.out).toContain('read 3, inserted 1, updated 0, unchanged 0, kept (in use here) 1, skipped 1');
    expect(first.out).toContain('skipped taken@example.com: phone number +821077778888 belongs to another account here');
    expect((await t.post('/login', { email: 'here@example.com', password: 'django-Pass-1' })).status).toBe(401);

    await django.query(`update "user" set nickname = 'parky', phone_number = '010-2222-4444' where email = 'park@example.com'`);
    const second = await importDjango();
    expect(second.out).toContain('inserted 0, updated 1, unchanged 0, kept (in use here) 1');
    const { access } = await t.login({ email: 'park@example.com', password: 'park-Pass-44' });
    expect((await t.get('/users/me', bearer(access))).body).toMatchObject({ nickname: 'parky', phone_number: '01022224444' });
  });

  it('treats emails that differ only in case as one account, and --dry-run writes nothing', async () => {
    await addDjangoUser({ email: 'dup@example.com', phone: '010-3333-1111', password: djangoHash('dup-Pass-1') });
    await addDjangoUser({ email: 'DUP@example.com', phone: '010-3333-2222', password: djangoHash('dup-Pass-2') });

    const dry = await importDjango('--dry-run');
    expect(dry.out).toContain('dry run, nothing written: read 2, inserted 1');
    expect(dry.out).toMatch(/skipped (dup|DUP)@example.com: another Django user has the same email in another case/);
    expect(await passwordHashOf('dup@example.com')).toBeUndefined();

    expect((await importDjango()).out).toContain('read 2, inserted 1');
    expect(await passwordHashOf('dup@example.com')).toMatch(/^pbkdf2_sha256\$/);
  });

  it('fails with a clear message when the Django table is not there', async () => {
    const res = await importDjango('--table', 'no_such_table');
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/no_such_table/);
  });
});
