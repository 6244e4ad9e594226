import { createHash } from 'node:crypto';
import { TransactionRollbackError } from 'drizzle-orm';
import pg from 'pg';
import type { Db } from '../db/client.js';
import type { UserRow } from '../db/schema/index.js';
import { ValidationError } from '../http/errors.js';
import { translate } from '../http/messages.js';
import { djangoHashProblem } from '../passwords/django.js';
import { parsePhoneNumber, type PhoneRules } from '../phone/phone-number.js';
import { foldEmail, normalizeEmail } from '../email/address.js';
import { profileText } from '../users/profile.js';
import * as users from '../users/repository.js';
import { CLI } from './users.js';
import * as imported from '../users/imported.js';
import type { ImportedUser } from '../users/imported.js';
import { CliError } from './errors.js';

/** A row of the Django service's `user` table, as it is read. */
export interface DjangoUser {
  email: string;
  name: string | null;
  nickname: string | null;
  phone_number: string | null;
  password: string | null;
  is_active: boolean | null;
  is_admin: boolean | null;
  created_at: Date | null;
}

export interface ImportReport {
  read: number;
  inserted: number;
  /** Existing accounts refreshed from Django: they had not been used here yet. */
  updated: number;
  /** Existing accounts already equal to their Django row. */
  unchanged: number;
  /** Existing accounts left alone: withdrawn, deactivated, changed, logged in to or signed up here, so they live here now. */
  kept: number;
  /** Imported without a usable password: they log in with an SMS key or reset their password. */
  withoutPassword: number;
  skipped: { email: string; reason: string }[];
  dryRun: boolean;
}

const PAGE = 500;

/**
 * Django's hash as this service can verify it, kept as Django wrote it: `pbkdf2_sha256$…` or
 * `argon2$argon2id$…` (login verifies it on its own queue and rehashes it to argon2id, and
 * the form says it is Django's). Anything else (unusable `!…`, bcrypt, md5) gives no
 * password. A pbkdf2 or argon2 hash that does not parse or asks for more work than Django's
 * defaults (src/passwords/django.ts) is a `problem`: the user is skipped rather than given a
 * hash no login could pass, or one that makes each login a weapon.
 */
export function importedPasswordHash(django: string | null): { hash: string | null } | { problem: string } {
  const hash = django?.startsWith('pbkdf2_sha256$') || django?.startsWith('argon2$') ? django : null;
  if (hash === null) return { hash };
  const problem = djangoHashProblem(hash);
  return problem ? { problem: `password hash: ${problem}` } : { hash };
}

/** The identity of a Django user: SHA-256 of its primary key (the email, exactly as Django holds it). */
export const djangoKey = (primaryKey: string) => createHash('sha256').update('django-user\0').update(primaryKey).digest('hex');

/**
 * Copies the Django service's users into this one, in one transaction (rolled back with
 * `dryRun`). Each Django user is matched on its identity ({@link djangoKey}), kept on the
 * account even after a withdrawal. Running it again is safe: it inserts users created since,
 * refreshes the accounts nobody has touched here, and never writes to an account that was
 * withdrawn, deactivated, changed or logged in to here, or that signed up here.
 */
export async function importDjangoUsers(
  target: { db: Db; phone: PhoneRules },
  source: { url: string; table?: string },
  opts: { dryRun?: boolean } = {},
): Promise<ImportReport> {
  const report: ImportReport = {
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    kept: 0,
    withoutPassword: 0,
    skipped: [],
    dryRun: Boolean(opts.dryRun),
  };
  const client = new pg.Client({ connectionString: source.url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {}); // a dropped connection surfaces as the failed query
  try {
    await client.connect();
  } catch (err) {
    throw new CliError(`cannot connect to the Django database: ${(err as Error).message}`);
  }
  const tableName = source.table ?? 'user';
  const readPage = async (after: string) => {
    try {
      const { rows } = await client.query<DjangoUser>(
        `select email, name, nickname, phone_number, password, is_active, is_admin, created_at
           from ${client.escapeIdentifier(tableName)} where email > $1 order by email limit ${PAGE}`,
        [after],
      );
      return rows;
    } catch (err) {
      throw new CliError(`reading table "${tableName}" of the Django database failed: ${(err as Error).message}`);
    }
  };
  try {
    const seen = new Set<string>();
    await target.db.transaction(async (tx) => {
      // Keyset pages on the email (Django's primary key), so memory stays flat on any size.
      let after = '';
      for (;;) {
        const rows = await readPage(after);
        for (const row of rows) {
          report.read++;
          await importOne(tx as unknown as Db, target.phone, row, seen, report);
        }
        if (rows.length < PAGE) break;
        after = rows.at(-1)!.email;
      }
      if (opts.dryRun) tx.rollback();
    });
  } catch (err) {
    if (!(err instanceof TransactionRollbackError)) throw err;
  } finally {
    await client.end();
  }
  return report;
}

/** Why a Django user cannot be taken as it is, in the operator's words. */
function refusal(err: unknown, row: DjangoUser): string {
  if (!(err instanceof ValidationError)) throw err;
  const [field, problems] = Object.entries(err.fields)[0]!;
  const what = field === 'phone_number' ? `phone number "${row.phone_number ?? ''}"` : field;
  return `${what}: ${translate(problems[0]!.code, 'en', problems[0]!.params)}`;
}

async function importOne(db: Db, rules: PhoneRules, row: DjangoUser, seen: Set<string>, report: ImportReport) {
  const skip = (reason: string) => report.skipped.push({ email: row.email, reason });
  const key = foldEmail(row.email);
  // Django compares emails as written; here `Kim@x` and `kim@x` are one account.
  if (seen.has(key)) return skip('another Django user has the same email in another case or form');
  seen.add(key);

  let user: ImportedUser;
  try {
    const password = importedPasswordHash(row.password);
    if ('problem' in password) return skip(password.problem);
    user = {
      djangoKey: djangoKey(row.email),
      email: normalizeEmail(row.email),
      phoneNumber: parsePhoneNumber(row.phone_number ?? '', rules, 'phone_number'),
      // Django's NULL stays null; an empty one is null too, as here there is one empty value.
      name: profileText(row.name, 'name'),
      nickname: profileText(row.nickname, 'nickname'),
      passwordHash: password.hash,
      isActive: row.is_active ?? true,
      isAdmin: row.is_admin ?? false,
      createdAt: row.created_at,
    };
  } catch (err) {
    return skip(refusal(err, row));
  }

  const found = await imported.findByDjangoKey(db, user.djangoKey);
  if (found && !found.untouched) return void report.kept++;
  if (found && sameAsDjango(found.user, user)) return void report.unchanged++;
  if (!found) {
    const here = await users.findByEmail(db, user.email);
    if (here?.djangoKey) return skip('another Django user has the same email in another case or form');
    if (here) return void report.kept++;
  }
  try {
    // A savepoint per row: a row that breaks a constraint is skipped, not the whole import.
    const wrote = await db.transaction(async (sp) => {
      if (!found) return imported.insertImportedUser(sp, CLI, user).then(() => true);
      return imported.refreshImportedUser(sp, CLI, found.user, user);
    });
    if (!wrote) return void report.kept++;
  } catch (err) {
    if (err instanceof users.AccountTaken && err.field === 'phone') {
      return skip(`phone number ${user.phoneNumber} belongs to another account here`);
    }
    if (err instanceof users.AccountTaken) return void report.kept++;
    throw err;
  }
  if (user.passwordHash === null) report.withoutPassword++;
  if (found) report.updated++;
  else report.inserted++;
}

function sameAsDjango(u: UserRow, d: ImportedUser): boolean {
  return (
    u.phoneNumber === d.phoneNumber &&
    u.name === d.name &&
    u.nickname === d.nickname &&
    u.passwordHash === d.passwordHash &&
    u.isActive === d.isActive &&
    u.isAdmin === d.isAdmin
  );
}
