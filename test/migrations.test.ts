import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { foldEmail } from '../src/email/address.js';
import { emptyDatabase, migrateBefore } from './migration-helpers.js';

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)('migrations on PostgreSQL', () => {
  it('when several instances start at once on an empty database, then each migrates without error', async () => {
    const name = `test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    const instances = await Promise.all(Array.from({ length: 4 }, () => openDatabase({ url: url.toString(), poolSize: 2 })));
    try {
      await Promise.all(instances.map((d) => d.migrate()));
      const check = new pg.Client({ connectionString: url.toString() });
      await check.connect();
      const { rows } = await check.query(`select count(*)::int as n from drizzle.__drizzle_migrations`);
      await check.end();
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      await Promise.all(instances.map((d) => d.close()));
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});

/**
 * Issue 13, finding 14: the migration that adds users.email_key fills it for the accounts
 * written before, as the service computes keys (src/email/address.ts).
 */
describe('the email_key backfill', () => {
  it('gives old accounts the key the service computes, and a look-alike pair one key', async () => {
    const { database, drop } = await emptyDatabase();
    try {
      await migrateBefore(database, '0003');

      const old = ['Kim@Example.COM', '\u0130lker@example.com', 'Jos\u00e9@example.com', 'JOSE\u0301@EXAMPLE.COM', 'Stra\u00dfe@example.de'];
      for (const [i, email] of old.entries()) {
        await database.db.execute(sql`insert into users (email, phone_number) values (${email}, ${`+8210000000${i}`})`);
      }
      await database.db.execute(sql`insert into users (email, phone_number, withdrawn_at) values (null, null, now())`);
      await database.migrate();

      const rows = ((await database.db.execute(sql`select email, email_folded from users order by id`)) as unknown as {
        rows: { email: string | null; email_folded: string | null }[];
      }).rows;
      expect(rows.map((r) => r.email_folded)).toEqual([
        foldEmail('Kim@Example.COM'),
        foldEmail('\u0130lker@example.com'),
        foldEmail('Jos\u00e9@example.com'),
        // The newer of two look-alikes the old index let in keeps its email, not the key.
        null,
        foldEmail('Stra\u00dfe@example.de'),
        null,
      ]);
      expect(foldEmail('\u0130lker@example.com')).toBe('i\u0307lker@example.com');
    } finally {
      await drop();
    }
  });
});

/** Issue 14: names and nicknames never given were stored as '' until the columns became nullable. */
describe('the name and nickname backfill', () => {
  it("turns every '' into null, keeps real names, and leaves updated_at (import-django's untouched mark) alone", async () => {
    const { database, drop } = await emptyDatabase();
    try {
      await migrateBefore(database, '0007');
      await database.db.execute(sql`insert into users (email, email_key, phone_number) values ('a@example.com', 'a@example.com', '+821000000001')`);
      await database.db.execute(sql`insert into users (email, email_key, phone_number, name, nickname, updated_at, django_synced_at)
        values ('b@example.com', 'b@example.com', '+821000000002', '김동우', '', '2024-01-02T03:04:05Z', '2024-01-02T03:04:05Z')`);
      await database.migrate();

      const rows = ((await database.db.execute(
        sql`select name, nickname, updated_at = django_synced_at as untouched from users order by id`,
      )) as unknown as { rows: { name: string | null; nickname: string | null; untouched: boolean | null }[] }).rows;
      expect(rows).toEqual([
        { name: null, nickname: null, untouched: null },
        { name: '김동우', nickname: null, untouched: true },
      ]);
      await database.db.execute(sql`insert into users (email, email_folded, phone_number) values ('c@example.com', 'c@example.com', '+821000000003')`);
      const [fresh] = ((await database.db.execute(sql`select name from users where email = 'c@example.com'`)) as unknown as { rows: { name: string | null }[] }).rows;
      expect(fresh!.name).toBeNull();
    } finally {
      await drop();
    }
  });
});

/**
 * Issue 24, finding 3: Django argon2 hashes were stored without Django's `argon2` prefix;
 * they get it back, so that every hash not of the service's own form is Django's.
 */
describe('Django hashes as Django wrote them', () => {
  it("prefixes the imported accounts' Django argon2 hashes, and no other hash", async () => {
    const { database, drop } = await emptyDatabase();
    try {
      await migrateBefore(database, '0019');
      const salted = '$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g';
      const hashes = [
        ['django-key-1', `$argon2id$v=19$m=102400,t=2,p=8${salted}`],
        ['django-key-2', `$argon2i$v=19$m=512,t=2,p=2${salted}`],
        // Rehashed here at a login, under the default configuration or another one.
        ['django-key-3', `$argon2id$v=19$m=19456,t=2,p=1${salted}`],
        ['django-key-4', `$argon2id$v=19$m=65536,t=3,p=4${salted}`],
        // Beyond Django's defaults: left for the service's own bounds to refuse.
        ['django-key-5', `$argon2id$v=19$m=262144,t=10,p=16${salted}`],
        ['django-key-6', 'pbkdf2_sha256$870000$salt$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g='],
        [null, `$argon2id$v=19$m=102400,t=2,p=8${salted}`],
      ] as const;
      for (const [i, [key, hash]] of hashes.entries()) {
        await database.db.execute(sql`insert into users (email, email_folded, phone_number, password_hash, django_key)
          values (${`u${i}@example.com`}, ${`u${i}@example.com`}, ${`+82100000000${i}`}, ${hash}, ${key})`);
      }
      await database.migrate();
      const rows = ((await database.db.execute(sql`select password_hash from users order by id`)) as unknown as { rows: { password_hash: string }[] }).rows;
      expect(rows.map((r) => r.password_hash)).toEqual([
        `argon2${hashes[0][1]}`,
        `argon2${hashes[1][1]}`,
        hashes[2][1],
        hashes[3][1],
        hashes[4][1],
        hashes[5][1],
        hashes[6][1],
      ]);
    } finally {
      await drop();
    }
  });
});
