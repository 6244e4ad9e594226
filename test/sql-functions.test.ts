import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../src/db/client.js';
import { openTestDatabase } from './helpers.js';

/*
 * Each SQL function of the database has one file, src/<feature>/sql/<name>.sql, holding its
 * current definition (docs/database-functions.md). The migrated database is held to those
 * files as the README's configuration table is held to src/config/table.ts.
 */

const root = fileURLToPath(new URL('..', import.meta.url));

interface FunctionFile {
  /** Relative to the repository, as headers and messages name it. */
  path: string;
  name: string;
  text: string;
}

/** Every src/<feature>/sql/*.sql. */
function functionFiles(): FunctionFile[] {
  const src = join(root, 'src');
  return readdirSync(src, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(src, d.name, 'sql')))
    .flatMap((d) =>
      readdirSync(join(src, d.name, 'sql'))
        .filter((f) => f.endsWith('.sql'))
        .map((f) => {
          const full = join(src, d.name, 'sql', f);
          return { path: relative(root, full), name: f.slice(0, -'.sql'.length), text: readFileSync(full, 'utf8') };
        }),
    );
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Functions of the public schema that no extension brought: the ones the migrations made. */
async function publicFunctions(db: Db): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and not exists (
        select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
      order by 1`),
  );
  return rows.map((r) => r.name);
}

/** pg_get_functiondef of every public function called `name` (all overloads). */
async function definitions(db: Db, name: string): Promise<string[]> {
  const rows = rowsOf<{ def: string }>(
    await db.execute(sql`select pg_get_functiondef(p.oid) as def from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.proname = ${name} order by 1`),
  );
  return rows.map((r) => r.def);
}

class Undo extends Error {}

/**
 * The function's definitions in the database, and what they become once the file has run:
 * equal when the file holds the definition the migrations left. PostgreSQL writes both, so
 * layout is compared as PostgreSQL keeps it (the body verbatim). The file runs in a
 * transaction (a savepoint inside one) that is rolled back.
 */
async function compare(db: Db, file: FunctionFile): Promise<{ before: string[]; after: string[] }> {
  let result: { before: string[]; after: string[] } | undefined;
  await db
    .transaction(async (tx) => {
      const before = await definitions(tx, file.name);
      await tx.execute(sql.raw(file.text));
      result = { before, after: await definitions(tx, file.name) };
      throw new Undo();
    })
    .catch((err: unknown) => {
      if (!(err instanceof Undo)) throw err;
    });
  return result!;
}

/** A file's shape: comments, then one CREATE OR REPLACE FUNCTION of the function it is named after. */
function shapeProblems(file: FunctionFile): string[] {
  const problems: string[] = [];
  const start = file.text.search(/^CREATE OR REPLACE FUNCTION /m);
  if (start < 0) return [`${file.path}: no CREATE OR REPLACE FUNCTION`];
  const header = file.text.slice(0, start).split('\n').slice(0, -1);
  if (header.some((l) => l !== '' && !l.startsWith('--'))) problems.push(`${file.path}: only comments may come before CREATE`);
  const named = file.text.slice(start).match(/^CREATE OR REPLACE FUNCTION (\w+)\(/)?.[1];
  if (named !== file.name) problems.push(`${file.path}: defines ${named}, not ${file.name}`);
  if ((file.text.match(/CREATE\s+(OR\s+REPLACE\s+)?FUNCTION/gi) ?? []).length !== 1) problems.push(`${file.path}: more than one function`);
  if (file.text.includes('--> statement-breakpoint')) problems.push(`${file.path}: a statement breakpoint`);
  if (!/\$\w*\$;\s*$/.test(file.text)) problems.push(`${file.path}: anything after the function's closing $$;`);
  return problems;
}

/**
 * The header names each caller, `-- Called by <name> in <path>`: the path must exist and
 * hold both the caller's name and a call of the function. Every other path it names must
 * exist, so a moved caller shows here.
 */
function headerProblems(file: FunctionFile): string[] {
  const header = file.text.slice(0, file.text.search(/^CREATE OR REPLACE FUNCTION /m));
  const problems: string[] = [];
  const callers = [...header.matchAll(/^-- Called by (\w+) in (\S+?)\.?$/gm)];
  if (callers.length === 0) problems.push(`${file.path}: no "-- Called by <name> in <path>" line (nothing calls it? drop it with a migration)`);
  for (const [, caller, path] of callers) {
    const full = join(root, path!);
    if (!existsSync(full)) {
      problems.push(`${file.path}: caller file ${path} does not exist`);
      continue;
    }
    const text = readFileSync(full, 'utf8');
    if (!text.includes(caller!)) problems.push(`${file.path}: ${path} has no ${caller}`);
    if (!new RegExp(`\\b${file.name}\\(`).test(text)) problems.push(`${file.path}: ${path} does not call ${file.name}`);
  }
  for (const [path] of header.matchAll(/\b(?:src|drizzle|test|docs)\/[\w./-]*\w/g)) {
    if (!existsSync(join(root, path))) problems.push(`${file.path}: names ${path}, which does not exist`);
  }
  return problems;
}

const files = functionFiles();

describe('the SQL function files', () => {
  it('are each one CREATE OR REPLACE FUNCTION of the function named like the file, after a header of comments', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap(shapeProblems)).toEqual([]);
  });

  it('name callers that exist and call the function', () => {
    expect(files.flatMap(headerProblems)).toEqual([]);
  });

  it('are each listed in docs/database-functions.md', () => {
    const page = readFileSync(join(root, 'docs', 'database-functions.md'), 'utf8');
    expect(files.filter((f) => !page.includes(`](../${f.path})`)).map((f) => f.path)).toEqual([]);
  });

  it('name each function once', () => {
    const names = files.map((f) => f.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });
});

describe('the migrated database', () => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
  });
  afterAll(async () => {
    await drop?.();
  });

  it('has exactly the functions that have a file', async () => {
    expect(await publicFunctions(database.db)).toEqual(files.map((f) => f.name).sort());
  });

  it.each(files.map((f) => [f.path, f] as const))('holds the definition in %s', async (_, file) => {
    const { before, after } = await compare(database.db, file);
    expect(before, `${file.name} is not in the migrated database`).toHaveLength(1);
    expect(after, `the migrations leave ${file.name} other than ${file.path} has it: add the migration (npm run db:function)`).toEqual(before);
  });

  describe('the check itself', () => {
    /** Runs `body` in a transaction that is rolled back, so the database stays as migrated. */
    async function inUndoneTransaction(body: (tx: Db) => Promise<void>): Promise<void> {
      await database.db
        .transaction(async (tx) => {
          await body(tx);
          throw new Undo();
        })
        .catch((err: unknown) => {
          if (!(err instanceof Undo)) throw err;
        });
    }

    const probe = (body: string, args = 'p integer') => ({
      path: 'src/x/sql/drift_probe.sql',
      name: 'drift_probe',
      text: `-- A probe.\nCREATE OR REPLACE FUNCTION drift_probe(${args}) RETURNS integer LANGUAGE sql AS $$ ${body} $$;\n`,
    });

    it('finds a file that matches the database equal, and one a space apart different', async () => {
      await inUndoneTransaction(async (tx) => {
        await tx.execute(sql.raw(probe('SELECT p + 1').text));
        const same = await compare(tx, probe('SELECT p + 1'));
        expect(same.before).toHaveLength(1);
        expect(same.after).toEqual(same.before);
        const apart = await compare(tx, probe('SELECT p  + 1'));
        expect(apart.after).not.toEqual(apart.before);
      });
    });

    it('tells a file whose function the database lacks, and one with other arguments', async () => {
      expect((await compare(database.db, probe('SELECT 1'))).before).toEqual([]);
      await inUndoneTransaction(async (tx) => {
        await tx.execute(sql.raw(probe('SELECT 1').text));
        const { before, after } = await compare(tx, probe('SELECT 1', 'p bigint'));
        expect(after).toHaveLength(2);
        expect(after).not.toEqual(before);
      });
    });

    it('tells a function no file holds', async () => {
      await inUndoneTransaction(async (tx) => {
        await tx.execute(sql.raw('CREATE FUNCTION stray_function() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$'));
        const found = await publicFunctions(tx);
        expect(found).toContain('stray_function');
        expect(found).not.toEqual(files.map((f) => f.name).sort());
      });
    });
  });
});
