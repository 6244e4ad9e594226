import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.js';

/** Both drivers give the same query builder; the app only sees this type. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * A transaction. Writes that record an event take one, so the type system refuses a call
 * that would commit the change and its event apart: a plain Db has no `rollback`.
 */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Stops listening; resolves once it has. */
export type Unlisten = () => Promise<void>;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Applies the migrations in `drizzle/`; safe to call on every start. */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** Calls `onNotify` on each NOTIFY on `channel`, after the notifying transaction commits. */
  listen(channel: string, onNotify: () => void, onError: (err: unknown) => void): Promise<Unlisten>;
  close(): Promise<void>;
}

// dist/db/client.js and src/db/client.ts are both two levels below the package root.
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Arbitrary but fixed: the advisory lock key that serializes migrations. */
const MIGRATION_LOCK = 727_160_001;

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
}

/**
 * `postgres://…` opens a pg pool; `memory://` an in-memory PGlite; anything else is a PGlite
 * data directory. Only the driver in use is loaded: a service on PostgreSQL has no use for
 * PGlite's WebAssembly build, nor the embedded default for pg.
 */
export async function openDatabase({ url, poolSize = 10 }: DatabaseOptions): Promise<Database> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const [{ default: pg }, { drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
      import('pg'),
      import('drizzle-orm/node-postgres'),
      import('drizzle-orm/node-postgres/migrator'),
    ]);
    const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      // Replicas starting together take turns: the first migrates, the others then find
      // nothing left to do. The lock is a session lock, so it rides on one client.
      migrate: async () => {
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
          client.release();
        }
      },
      ping: async () => {
        await pool.query('select 1');
      },
      listen: (channel, onNotify, onError) => listenPostgres(pg, url, channel, onNotify, onError),
      close: () => pool.end(),
    };
  }
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  let client: InstanceType<typeof PGlite>;
  if (url === 'memory://') {
    client = new PGlite();
  } else {
    const dir = url.startsWith('file://') ? fileURLToPath(url) : url;
    mkdirSync(dir, { recursive: true });
    client = new PGlite(dir);
  }
  const pgliteDb = drizzlePglite(client, { schema });
  return {
    db: pgliteDb as unknown as Db,
    kind: 'pglite',
    migrate: () => migratePglite(pgliteDb, { migrationsFolder }),
    ping: async () => {
      await pgliteDb.execute(sql`select 1`);
    },
    listen: (channel, onNotify) => client.listen(channel, onNotify),
    close: () => client.close(),
  };
}

type PgModule = typeof import('pg').default;

/** LISTEN on a connection of its own, outside the pool; a lost connection is reported to `onError`. */
async function listenPostgres(
  pg: PgModule,
  url: string,
  channel: string,
  onNotify: () => void,
  onError: (err: unknown) => void,
): Promise<Unlisten> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  let closing = false;
  client.on('error', (err) => {
    if (!closing) onError(err);
  });
  client.on('end', () => {
    if (!closing) onError(new Error('the LISTEN connection ended'));
  });
  client.on('notification', (n) => {
    if (n.channel === channel) onNotify();
  });
  await client.connect();
  await client.query(`listen ${client.escapeIdentifier(channel)}`);
  return async () => {
    closing = true;
    await client.end().catch(() => {});
  };
}

/**
 * The error and the causes it wraps, outermost first. Drizzle wraps the driver's error,
 * so codes and constraint names sit one level or more down.
 */
export function errorChain(err: unknown): Record<string, unknown>[] {
  const chain: Record<string, unknown>[] = [];
  for (let e = err; e !== null && typeof e === 'object' && chain.length < 5; e = (e as { cause?: unknown }).cause) {
    chain.push(e as Record<string, unknown>);
  }
  return chain;
}

/** PostgreSQL error code of a failed query. */
export function pgErrorCode(err: unknown): string | undefined {
  const code = errorChain(err).find((e) => typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code))?.code;
  return code as string | undefined;
}

/** Name of the constraint a unique violation hit, if any. */
export function pgConstraint(err: unknown): string | undefined {
  return errorChain(err).find((e) => typeof e.constraint === 'string')?.constraint as string | undefined;
}

export const UNIQUE_VIOLATION = '23505';
