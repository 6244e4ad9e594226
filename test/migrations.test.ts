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
