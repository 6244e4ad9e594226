import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, migrationsFolder, openDatabase } from '../src/db/client.js';

/* Databases at an earlier state of drizzle/, for the tests of what a migration does to what was there. */

const adminUrl = process.env.TEST_DATABASE_URL;

/** A database without any migration: in-memory PGlite, or a new database on TEST_DATABASE_URL. */
export async function emptyDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!adminUrl) {
    const database = await openDatabase({ url: 'memory://' });
    return { database, drop: () => database.close() };
  }
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 2 });
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Applies the migrations of another folder (an earlier state of drizzle/) with drizzle's own migrator. */
export async function migrateFrom(database: Database, folder: string): Promise<void> {
  if (database.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder: folder });
  } else {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(database.db as never, { migrationsFolder: folder });
  }
}

/** Migrates `database` with the migrations whose tag sorts before `tag`: the schema as it was then. */
export async function migrateBefore(database: Database, tag: string): Promise<void> {
  const earlier = mkdtempSync(join(tmpdir(), 'migrations-'));
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
  const before = journal.entries.filter((e: { tag: string }) => e.tag < tag);
  mkdirSync(join(earlier, 'meta'));
  writeFileSync(join(earlier, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: before }));
  for (const e of before) copyFileSync(join(migrationsFolder, `${e.tag}.sql`), join(earlier, `${e.tag}.sql`));
  await migrateFrom(database, earlier);
  rmSync(earlier, { recursive: true, force: true });
}
