import type { Db } from '../db/client.js';
import type { UserRow } from '../db/schema/index.js';
import type { ChangeSource } from '../events/record.js';
import { type FieldProblem, ValidationError } from '../http/errors.js';
import { translate } from '../http/messages.js';
import type { PasswordHasher } from '../passwords/hasher.js';
import { checkPassword } from '../passwords/policy.js';
import { parsePhoneNumber, type PhoneRules } from '../phone/phone-number.js';
import { revokeUserSessions } from '../sessions/repository.js';
import { removeSecondFactor } from '../mfa/service.js';
import { normalizeEmail } from '../email/address.js';
import { profileText } from '../users/profile.js';
import * as users from '../users/repository.js';
import { CliError } from './errors.js';

/** Whatever the CLI changes, it changes as the operator at the server's shell. */
export const CLI: ChangeSource = { actor: 'cli' };

/** Logs the user out everywhere. */
export async function revokeSessionsOf(db: Db, userId: number): Promise<number> {
  return db.transaction((tx) => revokeUserSessions(tx, CLI, userId, 'operator'));
}

/** Turns the second factor off (the owner lost it, or a thief set it up): answers whether there was one. */
export async function removeSecondFactorOf(db: Db, userId: number): Promise<boolean> {
  return db.transaction((tx) => removeSecondFactor(tx, CLI, userId));
}

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
  const name = orCliError(() => profileText(input.name, 'name'));
  const nickname = orCliError(() => profileText(input.nickname, 'nickname'));
  const problems = checkPassword(input.password, { email, name, nickname });
  if (problems.length) throw new CliError(describe('password', problems));

  // Hashed before any statement runs, as at sign-up.
  const passwordHash = await deps.passwords.hash(input.password);
  try {
    return await deps.db.transaction((tx) => users.insertUser(tx, CLI, { email, phoneNumber, name, nickname, passwordHash, isAdmin: true }));
  } catch (err) {
    if (err instanceof users.AccountTaken) throw new CliError('an account with this email or phone number already exists');
    throw err;
  }
}

/** By id (all digits) or by email, case-insensitively. */
export async function findUser(db: Db, idOrEmail: string): Promise<UserRow | undefined> {
  return /^\d+$/.test(idOrEmail) ? users.findById(db, Number(idOrEmail)) : users.findByEmail(db, idOrEmail.trim());
}

/**
 * Deactivating blocks login at once and revokes every session; the data stays, so the
 * account can be activated again. A withdrawn account has no data left to activate.
 */
export async function setActive(db: Db, userId: number, active: boolean): Promise<{ user: UserRow; revoked: number }> {
  return db.transaction(async (tx) => {
    const user = await users.setActive(tx, CLI, userId, active);
    if (!user) {
      const exists = await users.findById(tx, userId);
      throw new CliError(exists ? `user ${userId} has withdrawn; a withdrawn account stays closed` : `no user ${userId}`);
    }
    const revoked = active ? 0 : await revokeUserSessions(tx, CLI, userId, 'deactivated');
    return { user, revoked };
  });
}

/** What kind of password hash is stored, never the hash itself. */
export function passwordKind(hash: string | null): string {
  if (!hash) return 'none';
  if (hash.startsWith('pbkdf2_sha256$')) return 'pbkdf2_sha256 from Django (rehashed to argon2id at next login)';
  if (hash.startsWith('argon2$')) return `${hash.split('$')[1] ?? 'argon2'} from Django (rehashed to argon2id at next login)`;
  if (hash.startsWith('$argon2')) return hash.split('$')[1] ?? 'argon2';
  return 'unknown';
}
