import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './util.js';

/** A database the service under test gets for itself, and how to get rid of it. */
export interface PgTarget {
  /** Database URL handed to the service (`DATABASE_URL`). */
  url: string;
  /** Where it came from, for the report. */
  source: string;
  cleanup(): Promise<void>;
}

export type PgOutcome = { ok: true; target: PgTarget } | { ok: false; reason: string };

/**
 * BENCH_DATABASE_URL names a server whose user may create databases: a fresh database is
 * made there and dropped afterwards. Without it, a throwaway PostgreSQL is started the way
 * .ci/run does (initdb + pg_ctl in a temp directory, as the `postgres` user when run as root).
 */
export async function providePostgres(adminUrl: string | undefined, log: (line: string) => void): Promise<PgOutcome> {
  if (adminUrl) return { ok: true, target: await freshDatabase(adminUrl, 'BENCH_DATABASE_URL', async () => {}, log) };
  return startThrowawayServer(log);
}

async function freshDatabase(
  adminUrl: string,
  source: string,
  afterDrop: () => Promise<void>,
  log: (line: string) => void,
): Promise<PgTarget> {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
  } catch (err) {
    await admin.end().catch(() => {});
    log(`could not create a database on ${redact(adminUrl)} (${(err as Error).message}); using it as it is`);
    return { url: adminUrl, source, cleanup: afterDrop };
  }
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    source: `${source} (database ${name}, dropped afterwards)`,
    async cleanup() {
      const a = new pg.Client({ connectionString: adminUrl });
      try {
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
      } catch (err) {
        log(`could not drop ${name}: ${(err as Error).message}`);
      } finally {
        await a.end().catch(() => {});
      }
      await afterDrop();
    },
  };
}

function findPgBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : undefined;
}

async function startThrowawayServer(log: (line: string) => void): Promise<PgOutcome> {
  const bin = findPgBin();
  if (!bin) {
    return {
      ok: false,
      reason:
        'no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql) and BENCH_DATABASE_URL is unset',
    };
  }
  const root = process.getuid?.() === 0;
  let asPostgres: string[] = [];
  if (root) {
    if (spawnSync('id', ['-u', 'postgres']).status !== 0) {
      return { ok: false, reason: 'running as root but there is no `postgres` user to run a throwaway PostgreSQL as' };
    }
    asPostgres = ['runuser', '-u', 'postgres', '--'];
  }
  const run = (args: string[]) => {
    const cmd = [...asPostgres, ...args];
    const r = spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args[0]} failed (${r.status}): ${r.stderr || r.stdout}`);
  };

  const dir = mkdtempSync(join(tmpdir(), 'bench-pg-'));
  if (root) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim();
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim();
    chownSync(dir, Number(id), Number(gid));
  }
  const port = await freePort();
  const data = join(dir, 'data');
  const stop = async () => {
    const cmd = [...asPostgres, join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'];
    spawnSync(cmd[0]!, cmd.slice(1), { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    log(`starting a throwaway PostgreSQL (${bin}) on 127.0.0.1:${port}`);
    run([join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
    // The same settings as .ci/run: durability off, since this measures the service, not the disk.
    const options = `-h 127.0.0.1 -p ${port} -k ${dir} -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run([join(bin, 'pg_ctl'), '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
  } catch (err) {
    await stop();
    return { ok: false, reason: `could not start a throwaway PostgreSQL: ${(err as Error).message.trim()}` };
  }
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const target = await freshDatabase(adminUrl, `throwaway PostgreSQL (${bin.split('/').at(-2)}) on port ${port}`, stop, log);
  return { ok: true, target };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}
