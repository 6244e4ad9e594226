import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.js';

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
  /**
   * Calls `onNotify` on each NOTIFY on `channel`, after the notifying transaction commits.
   * Absent where nothing can listen (behind a transaction pooler): callers poll instead.
   */
  listen?(channel: string, onNotify: () => void, onError: (err: unknown) => void): Promise<Unlisten>;
  close(): Promise<void>;
}

// dist/db/client.js and src/db/client.ts are both two levels below the package root.
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Arbitrary but fixed: the advisory lock key that serializes migrations. */
const MIGRATION_LOCK = 727_160_001;

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  /**
   * `transaction`: `url` is a transaction pooler (PgBouncer's `pool_mode = transaction`),
   * which may run each transaction on another server connection. Statements are then sent
   * unnamed (one prepared on a connection would be missing on the next) and nothing listens.
   */
  poolMode?: 'session' | 'transaction';
  /**
   * `memory://` only: start from this dump of a data directory (PGlite's `dumpDataDir`)
   * rather than an empty one. The tests start each file's database from one migrated dump,
   * which saves the seconds of initdb and migrations per file (test/pglite-image.ts).
   */
  image?: Blob;
}

/**
 * `postgres://…` opens a pg pool; `memory://` an in-memory PGlite; anything else is a PGlite
 * data directory. Only the driver in use is loaded: a service on PostgreSQL has no use for
 * PGlite's WebAssembly build, nor the embedded default for pg.
 */
export async function openDatabase({ url, poolSize = 10, poolMode = 'session', image }: DatabaseOptions): Promise<Database> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const [{ default: pg }, { drizzle: drizzlePg }] = await Promise.all([import('pg'), import('drizzle-orm/node-postgres')]);
    const pool = new pg.Pool({
      connectionString: url,
      max: poolSize,
      connectionTimeoutMillis: 5_000,
      ...(poolMode === 'transaction' ? { Client: unnamedStatements(pg.Client) } : {}),
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      migrate: () => migratePostgres(pool),
      ping: async () => {
        await pool.query('select 1');
      },
      ...(poolMode === 'session'
        ? { listen: (channel: string, onNotify: () => void, onError: (err: unknown) => void) => listenPostgres(pg, url, channel, onNotify, onError) }
        : {}),
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
    client = image ? new PGlite({ loadDataDir: image }) : new PGlite();
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

/**
 * A pg Client that drops the names of prepared queries, so each goes out as the unnamed
 * statement, which a transaction pooler can run on any server connection; Drizzle's
 * `.prepare(name)` still builds each statement's SQL once.
 */
function unnamedStatements(Client: PgModule['Client']): PgModule['Client'] {
  return class UnnamedStatementClient extends Client {
    override query(...args: unknown[]): never {
      const [config] = args;
      if (config !== null && typeof config === 'object' && 'name' in config) {
        const { name: _name, ...unnamed } = config as { name?: unknown };
        args[0] = unnamed;
      }
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  };
}

/**
 * Drizzle's migrations, with its bookkeeping table and order, each in a transaction of its
 * own that first takes a transaction-scoped advisory lock: replicas starting together take
 * turns, each applying the next migration none has applied yet. (A session lock would not
 * hold behind a transaction pooler, which may send the unlock to another server
 * connection.) Each migration commits before the next begins, so a migration may count on
 * the locks of the one before being gone: a constraint added NOT VALID (a moment's
 * exclusive lock) is validated by the next under a lock that lets writes go on.
 */
async function migratePostgres(pool: import('pg').Pool): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder });
  for (;;) {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query('create schema if not exists drizzle');
      await client.query(
        'create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)',
      );
      const { rows } = await client.query<{ created_at: string }>(
        'select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1',
      );
      const last = rows[0] === undefined ? undefined : Number(rows[0].created_at);
      const next = migrations.find((m) => last === undefined || m.folderMillis > last);
      if (next) {
        for (const statement of next.sql) await client.query(statement);
        await client.query('insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)', [next.hash, next.folderMillis]);
      }
      await client.query('commit');
      if (!next) return;
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
}

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
