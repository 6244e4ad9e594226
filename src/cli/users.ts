import { and, asc, count, eq, gt, isNull, sql } from 'drizzle-orm';
import { checkPassword } from '../passwords/policy.js';
import type { PasswordHasher } from '../passwords/hasher.js';
import { pgErrorCode, UNIQUE_VIOLATION, type Db } from '../db/client.js';
import { sessions, users, type UserRow } from '../db/schema.js';
import { type FieldProblem, ValidationError } from '../http/errors.js';
import { translate } from '../http/messages.js';
import { parsePhoneNumber, type PhoneRules } from '../phone/phone-number.js';
import { normalizeEmail } from '../users/service.js';
import { CliError } from './errors.js';

export interface AdminDeps {
  db: Db;
  passwords: PasswordHasher;
  phone: PhoneRules;
}

/** Field problems in the operator's words (English). */
function describe(field: string, problems: FieldProblem[]): string {
  return problems.map((p) => `${field}: ${translate(p.code, 'en', p.params)}`).join('\n');
}

function orCliError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    throw new CliError(Object.entries(err.fields).map(([f, p]) => describe(f, p)).join('\n'));
  }
}

/**
 * Django's createsuperuser for this service: an active admin with a verified-by-fiat phone.
 * The password policy applies here as it does at sign-up.
 */
export async function createAdmin(
  deps: AdminDeps,
  input: { email: string; phone: string; password: string; name?: string; nickname?: string },
): Promise<UserRow> {
  const email = orCliError(() => normalizeEmail(input.email));
  const phoneNumber = orCliError(() => parsePhoneNumber(input.phone, deps.phone, 'phone'));
  const name = input.name ?? '';
  const nickname = input.nickname ?? '';
  const problems = checkPassword(input.password, { email, name, nickname });
  if (problems.length) throw new CliError(describe('password', problems));

  // Hashed before any statement runs, as at sign-up.
  const passwordHash = await deps.passwords.hash(input.password);
  try {
    const [row] = await deps.db
      .insert(users)
      .values({ email, phoneNumber, name, nickname, passwordHash, isAdmin: true, isActive: true })
      .returning();
    return row!;
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) {
      throw new CliError('an account with this email or phone number already exists');
    }
    throw err;
  }
}

export async function listUsers(db: Db, page: { limit: number; offset: number }): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.id)).limit(page.limit).offset(page.offset);
}

/** By id (all digits) or by email, case-insensitively. */
export async function findUser(db: Db, idOrEmail: string): Promise<UserRow | undefined> {
  const where = /^\d+$/.test(idOrEmail)
    ? eq(users.id, Number(idOrEmail))
    : sql`lower(${users.email}) = lower(${idOrEmail.trim()})`;
  const [row] = await db.select().from(users).where(where).limit(1);
  return row;
}

export async function liveSessionCount(db: Db, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)));
  return row?.n ?? 0;
}

/** Revokes every session of the user that is not revoked yet; their access tokens stop at once. */
export async function revokeSessions(db: Db, userId: number): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}

/**
 * Deactivating blocks login at once and revokes every session; the data stays, so the
 * account can be activated again. A withdrawn account has no data left to activate.
 */
export async function setActive(db: Db, userId: number, active: boolean): Promise<{ user: UserRow; revoked: number }> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ isActive: active, updatedAt: sql`now()` })
      .where(and(eq(users.id, userId), isNull(users.withdrawnAt)))
      .returning();
    if (!user) {
      const exists = await findUser(tx as unknown as Db, String(userId));
      throw new CliError(exists ? `user ${userId} has withdrawn; a withdrawn account stays closed` : `no user ${userId}`);
    }
    const revoked = active ? 0 : await revokeSessions(tx as unknown as Db, userId);
    return { user, revoked };
  });
}

/** What kind of password hash is stored, never the hash itself. */
export function passwordKind(hash: string | null): string {
  if (!hash) return 'none';
  if (hash.startsWith('pbkdf2_sha256$')) return 'pbkdf2_sha256 from Django (rehashed to argon2id at next login)';
  if (hash.startsWith('$argon2')) return hash.split('$')[1] ?? 'argon2';
  return 'unknown';
}
