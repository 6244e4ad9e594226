import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { oncePerRun } from './run-once.js';

/**
 * Starting PGlite runs initdb (seconds of CPU); the migrations add more. So the run migrates
 * one PGlite data directory, once, with the service's own migrate(), and every test database
 * and server process on PGlite starts from a copy of it. They still call migrate(), which finds
 * nothing left to do, as on every start of a deployed service.
 */
const migrated = () =>
  oncePerRun('pglite-migrated', async (dir) => {
    const data = join(dir, 'data');
    const database = await openDatabase({ url: data });
    await database.migrate();
    await database.close();
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = new PGlite(data);
    await pglite.waitReady;
    writeFileSync(join(dir, 'image.tar'), Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    await pglite.close();
  });

/** The migrated database as a dump, for `openDatabase({ url: 'memory://', image })`. */
export async function migratedImage(): Promise<Blob> {
  return new Blob([readFileSync(join(await migrated(), 'image.tar'))]);
}

/** A copy of the migrated data directory in `folder`, for a server process's DATABASE_URL; answers its path. */
export async function migratedDataDir(folder: string): Promise<string> {
  const dir = join(folder, 'data');
  cpSync(join(await migrated(), 'data'), dir, { recursive: true });
  return dir;
}
