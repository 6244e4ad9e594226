import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { oncePerRun } from './run-once.js';

/**
 * PostgreSQL's counterpart of test/pglite-image.ts: the run migrates one database, once, with
 * the service's own migrate(), and every test database is created from it as a template
 * (a file copy, instead of every migration per database). test/global-setup.ts drops it.
 */
export async function migratedTemplate(adminUrl: string): Promise<string> {
  const dir = await oncePerRun('postgres-template', async (making) => {
    const name = `test_template_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${name}`);
    try {
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      // Closed before any copy: PostgreSQL copies a template nobody is connected to.
      const database = await openDatabase({ url: url.toString(), poolSize: 1 });
      try {
        await database.migrate();
      } finally {
        await database.close();
      }
    } catch (err) {
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
      throw err;
    }
    writeFileSync(join(making, 'name'), name);
  });
  return readFileSync(join(dir, 'name'), 'utf8');
}

async function adminQuery(adminUrl: string, query: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(query);
  } finally {
    await admin.end();
  }
}

/** Drops the run's template, if it made one (test/global-setup.ts, at the end of a run and before a rerun). */
export async function dropTemplate(runDir: string, adminUrl: string): Promise<void> {
  const file = join(runDir, 'postgres-template', 'name');
  if (existsSync(file)) await adminQuery(adminUrl, `drop database if exists ${readFileSync(file, 'utf8')} with (force)`);
}
