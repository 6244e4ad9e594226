/**
 * Writes the migration that re-creates SQL functions from their files, after a change to
 * one (docs/database-functions.md):
 *
 *   npm run db:function -- src/phone-verify/sql/use_sms_key.sql [more files…]
 *
 * drizzle-kit makes an empty custom migration (`drizzle-kit generate --custom`: the SQL
 * file, its snapshot, its journal entry); this script fills it with each file's text.
 * test/sql-functions.test.ts fails while a file and the migrated database differ.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const journalPath = join(root, 'drizzle', 'meta', '_journal.json');
const BREAKPOINT = '--> statement-breakpoint';

function fail(message) {
  console.error(`db:function: ${message}`);
  process.exit(1);
}

/** A function file, checked for the shape the migration and the test rely on. */
function functionFile(arg) {
  // npm runs scripts from the package root; INIT_CWD is where the command was typed.
  const path = relative(root, resolve(process.env.INIT_CWD ?? process.cwd(), arg)).split('\\').join('/');
  const m = path.match(/^src\/[\w-]+\/sql\/(\w+)\.sql$/);
  if (!m) fail(`${arg}: not a function file (src/<feature>/sql/<function>.sql)`);
  let text;
  try {
    text = readFileSync(join(root, path), 'utf8');
  } catch {
    fail(`${path}: cannot be read`);
  }
  const named = text.match(/^CREATE OR REPLACE FUNCTION (\w+)\(/m)?.[1];
  if (named !== m[1]) fail(`${path}: holds no CREATE OR REPLACE FUNCTION ${m[1]}(…)`);
  if ((text.match(/CREATE\s+(OR\s+REPLACE\s+)?FUNCTION/gi) ?? []).length !== 1) fail(`${path}: holds more than one function`);
  if (text.includes(BREAKPOINT)) fail(`${path}: holds a statement breakpoint`);
  return { path, name: m[1], text: text.endsWith('\n') ? text : `${text}\n` };
}

const args = process.argv.slice(2);
if (args.length === 0 || args.includes('--help')) {
  console.error('usage: npm run db:function -- src/<feature>/sql/<function>.sql [more files…]');
  process.exit(args.length === 0 ? 1 : 0);
}
const files = args.map(functionFile);
const names = files.map((f) => f.name);
const tag = names.join('_').length <= 60 ? names.join('_') : 'sql_functions';

const before = JSON.parse(readFileSync(journalPath, 'utf8')).entries;
execFileSync(join(root, 'node_modules', '.bin', 'drizzle-kit'), ['generate', '--custom', '--name', tag], { cwd: root, stdio: 'inherit' });
const after = JSON.parse(readFileSync(journalPath, 'utf8')).entries;
const entry = after.at(-1);
if (after.length !== before.length + 1) fail('drizzle-kit did not add one migration to drizzle/meta/_journal.json');
// The migrator skips a migration not newer than the last one a database has run.
if (before.length > 0 && entry.when <= before.at(-1).when) {
  fail(`drizzle/${entry.tag}.sql is dated before ${before.at(-1).tag} (is the clock behind?): remove it, its snapshot and its journal entry`);
}

const sql = files.map((f) => `-- Re-created from ${f.path} (npm run db:function).\n${f.text}`).join(`${BREAKPOINT}\n`);
writeFileSync(join(root, 'drizzle', `${entry.tag}.sql`), sql);
console.log(`drizzle/${entry.tag}.sql re-creates ${names.join(', ')}.`);
console.log(
  'If arguments or the result type changed, CREATE OR REPLACE cannot change them: put ' +
    `DROP FUNCTION <name>(<old argument types>);\n${BREAKPOINT}\nabove its CREATE in that migration by hand.`,
);
