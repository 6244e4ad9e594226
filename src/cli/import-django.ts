import { TransactionRollbackError } from 'drizzle-orm';
import pg from 'pg';
import type { Db } from '../db/client.js';
import { ValidationError } from '../http/errors.js';
import { translate } from '../http/messages.js';
import { parsePhoneNumber, type PhoneRules } from '../phone/phone-number.js';
import { emailKey, normalizeEmail } from '../users/email.js';
import * as users from '../users/repository.js';
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
  /** Existing accounts left alone: their password was set or rehashed here, so they live here now. */
  kept: number;
  /** Imported without a usable password: they log in with an SMS key or reset their password. */
  withoutPassword: number;
  skipped: { email: string; reason: string }[];
  dryRun: boolean;
}

const PAGE = 500;

/**
 * Django's hash as this service can verify it. `pbkdf2_sha256$…` is kept as it is (login
 * verifies it and rehashes to argon2id); Django's `argon2$argon2id$…` is a PHC string behind
 * a prefix. Anything else (unusable `!…`, bcrypt, md5) gives no password.
 */
export function importedPasswordHash(django: string | null): string | null {
  if (!django) return null;
  if (/^pbkdf2_sha256\$\d+\$[^$]+\$[^$]+$/.test(django)) return django;
  if (/^argon2\$argon2(id|i|d)\$/.test(django)) return django.slice('argon2'.length);
  return null;
}

/**
 * Copies the Django service's users into this one, matching on the email's key, in one
 * transaction (rolled back with `dryRun`). Running it again is safe: it inserts users created
 * since, refreshes the ones nobody has used here yet, and leaves alone every account whose
 * password was set or rehashed here, so a re-run never restores an old password.
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

async function importOne(db: Db, rules: PhoneRules, row: DjangoUser, seen: Set<string>, report: ImportReport) {
  const skip = (reason: string) => report.skipped.push({ email: row.email, reason });
  const key = emailKey(row.email);
  // Django compares emails case-sensitively; here `Kim@x` and `kim@x` are one account.
  if (seen.has(key)) return skip('another Django user has the same email in another case');
  seen.add(key);

  let email: string;
  let phone: string;
  try {
    email = normalizeEmail(row.email);
    phone = parsePhoneNumber(row.phone_number ?? '', rules);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const [field, problems] = Object.entries(err.fields)[0]!;
    const what = field === 'email' ? `email` : `phone number "${row.phone_number ?? ''}"`;
    return skip(`${what}: ${translate(problems[0]!.code, 'en', problems[0]!.params)}`);
  }
  const passwordHash = importedPasswordHash(row.password);

  let outcome: { inserted: boolean } | undefined;
  try {
    // A savepoint per row: a row that breaks a constraint is skipped, not the whole import.
    outcome = await db.transaction((sp) =>
      users.upsertImportedUser(sp, {
        email,
        phoneNumber: phone,
        name: row.name ?? '',
        nickname: row.nickname ?? '',
        passwordHash,
        isActive: row.is_active ?? true,
        isAdmin: row.is_admin ?? false,
        createdAt: row.created_at,
      }),
    );
  } catch (err) {
    if (err instanceof users.AccountTaken && err.field === 'phone') {
      return skip(`phone number ${phone} belongs to another account here`);
    }
    throw err;
  }

  if (outcome) {
    if (passwordHash === null) report.withoutPassword++;
    if (outcome.inserted) report.inserted++;
    else report.updated++;
    return;
  }
  // The conflict's WHERE refused the update: equal already, or the account is in use here.
  const stored = (await users.findByEmail(db, email))?.passwordHash ?? null;
  if (stored === null || stored.startsWith('pbkdf2_sha256$') || stored === passwordHash) report.unchanged++;
  else report.kept++;
}
