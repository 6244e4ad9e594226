import { and, asc, eq, isNull, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { type Db, pgConstraint, pgErrorCode, type Tx, UNIQUE_VIOLATION } from '../db/client.js';
import { users, type UserRow } from '../db/schema/index.js';
import { type ChangeSource, type EventUser, recordEvent } from '../events/record.js';
import { foldEmail } from '../email/address.js';

/*
 * Every write here that changes an account records its event (src/events/record.ts) in the
 * caller's transaction, so no write path can change an account without its event: the
 * writes take a Tx, never a plain Db, and the ChangeSource that says who asked.
 */

/** A user as events carry it: the public fields, the phone number in E.164, empty text as null. */
export const eventUser = (u: UserRow): EventUser => ({
  id: u.id,
  email: u.email,
  name: u.name || null,
  nickname: u.nickname || null,
  phone_number: u.phoneNumber,
});

/** Emails match on their key, which the service computes and the unique index holds. */
const emailIs = (email: string) => eq(users.emailFolded, foldEmail(email));

/** The active account with that folded email (foldEmail), or with that phone number: who may log in. */
export const activeWithEmail = (key: string | Placeholder) => and(eq(users.emailFolded, key), eq(users.isActive, true));
export const activeWithPhone = (phone: string | Placeholder) => and(eq(users.phoneNumber, phone), eq(users.isActive, true));

/**
 * Whether any imported account still holds its Django hash, as import-django keeps them
 * (`pbkdf2_sha256$…`, `argon2$…`; this service's own start with `$`), for a caller's
 * select: one probe of the partial index `users_django_password_idx`, which holds those
 * accounts only.
 */
export const djangoHashesStored = sql<boolean>`exists (select 1 from ${users} as django_hashes
  where django_hashes.django_key is not null and django_hashes.password_hash not like '$%')`;

/** Another account already holds this email or phone number: a unique index refused the write. */
export class AccountTaken extends Error {
  constructor(readonly field: 'email' | 'phone') {
    super(`an account with this ${field} already exists`);
    this.name = 'AccountTaken';
  }
}

const takenBy: Record<string, AccountTaken['field']> = { users_email_folded_key: 'email', users_phone_number_key: 'phone' };

/** Runs a write on users, turning a unique violation into {@link AccountTaken}. */
export async function unlessTaken<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const field = pgErrorCode(err) === UNIQUE_VIOLATION ? takenBy[pgConstraint(err) ?? ''] : undefined;
    if (field) throw new AccountTaken(field);
    throw err;
  }
}

export async function findById(db: Db, id: number): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** Any account with that email, active or not. */
export async function findByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(emailIs(email)).limit(1);
  return row;
}

/** Any account with that phone number, active or not (a withdrawn one holds none). */
export async function findByPhone(db: Db, phone: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.phoneNumber, phone)).limit(1);
  return row;
}

export async function findActiveByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(activeWithEmail(foldEmail(email))).limit(1);
  return row;
}

export async function listUsers(db: Db, page: { limit: number; offset: number }): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.id)).limit(page.limit).offset(page.offset);
}

/** Whether another account already holds the email (by its key) or the phone, in one round trip. */
export async function takenFields(
  db: Db,
  u: { email?: string | undefined; phone?: string | undefined },
): Promise<{ email: boolean; phone: boolean }> {
  const exists = (where: SQL) => sql<boolean>`exists (select 1 from ${users} where ${where})`;
  const [row] = await db
    .select({
      email: u.email === undefined ? sql<boolean>`false` : exists(emailIs(u.email)),
      phone: u.phone === undefined ? sql<boolean>`false` : exists(eq(users.phoneNumber, u.phone)),
    })
    .from(sql`(select 1) as one`);
  return { email: Boolean(row?.email), phone: Boolean(row?.phone) };
}

export async function phoneTaken(db: Db, phone: string): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.phoneNumber, phone)).limit(1);
  return rows.length > 0;
}

/**
 * A new active account (`user.created`); throws {@link AccountTaken} if the email or phone is
 * someone else's. No password hash for an account made by a social sign-up.
 */
export async function insertUser(
  tx: Tx,
  source: ChangeSource,
  u: { email: string; phoneNumber: string; passwordHash: string | null; name: string | null; nickname: string | null; isAdmin?: boolean },
): Promise<UserRow> {
  const [row] = await unlessTaken(() => tx.insert(users).values({ ...u, emailFolded: foldEmail(u.email) }).returning());
  await recordEvent(tx, source, 'user.created', { user: eventUser(row!) });
  return row!;
}

/**
 * Writes of personal data go to a live account only, checked in the statement itself: a
 * request that passed its access check before a withdrawal (or a deactivation) committed
 * finds no row, waiting for the withdrawal's lock if need be, and writes nothing back.
 */
const live = (userId: number) => and(eq(users.id, userId), eq(users.isActive, true));

/** An account that was not withdrawn, active or not: what an operator may still edit. */
const kept = (userId: number) => and(eq(users.id, userId), isNull(users.withdrawnAt));

/**
 * A new password, chosen by its user (`user.password_changed`) or set with a verification
 * token (`user.password_reset`). Answers false when the account is no longer live
 * (withdrawn or deactivated meanwhile).
 */
export async function setPasswordHash(
  tx: Tx,
  source: ChangeSource,
  userId: number,
  passwordHash: string,
  type: 'user.password_changed' | 'user.password_reset',
): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ passwordHash, updatedAt: sql`now()` })
    .where(live(userId))
    .returning({ id: users.id });
  if (rows.length === 1) await recordEvent(tx, source, type, { user_id: userId });
  return rows.length === 1;
}

/**
 * The same password hashed anew (a Django hash replaced by argon2id at login). No event:
 * nothing about the account changed, only how its password is stored.
 */
export async function rehashPassword(db: Db, userId: number, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(live(userId));
}

/**
 * Name and nickname (`user.updated`, with the fields whose value changed). `whose`: `live`
 * for the user themself (undefined once withdrawn or deactivated), `kept` for an operator
 * (undefined once withdrawn).
 */
export async function updateProfile(
  tx: Tx,
  source: ChangeSource,
  userId: number,
  p: { name?: string | null; nickname?: string | null },
  whose: 'live' | 'kept' = 'live',
): Promise<UserRow | undefined> {
  const [before] = await tx
    .select({ name: users.name, nickname: users.nickname })
    .from(users)
    .where(whose === 'live' ? live(userId) : kept(userId))
    .for('update');
  if (!before) return undefined;
  const [row] = await tx.update(users).set({ ...p, updatedAt: sql`now()` }).where(eq(users.id, userId)).returning();
  const changed = (['name', 'nickname'] as const).filter((field) => p[field] !== undefined && p[field] !== before[field]);
  if (changed.length) await recordEvent(tx, source, 'user.updated', { user: eventUser(row!), changed });
  return row;
}

/**
 * A newly verified phone (`user.phone_changed`), with the number the account held until
 * now, read under the row's lock (no other change slips in between), so the caller can
 * erase what else holds it. Undefined when the account is no longer live; throws
 * {@link AccountTaken} if the phone is someone else's.
 */
export async function setPhoneNumber(
  tx: Tx,
  source: ChangeSource,
  userId: number,
  phoneNumber: string,
): Promise<{ row: UserRow; previous: string | null } | undefined> {
  const [held] = await tx.select({ phoneNumber: users.phoneNumber }).from(users).where(live(userId)).for('update');
  if (!held) return undefined;
  const [row] = await unlessTaken(() =>
    tx.update(users).set({ phoneNumber, updatedAt: sql`now()` }).where(live(userId)).returning(),
  );
  if (!row) return undefined;
  await recordEvent(tx, source, 'user.phone_changed', { user_id: userId, phone_number: phoneNumber });
  return { row, previous: held.phoneNumber };
}

/**
 * Blocks or allows login (`user.deactivated`, `user.activated`, when it changes anything); a
 * withdrawn account stays closed (undefined, as for no account).
 */
export async function setActive(tx: Tx, source: ChangeSource, userId: number, active: boolean): Promise<UserRow | undefined> {
  const [before] = await tx.select({ isActive: users.isActive }).from(users).where(kept(userId)).for('update');
  if (!before) return undefined;
  const [row] = await tx.update(users).set({ isActive: active, updatedAt: sql`now()` }).where(eq(users.id, userId)).returning();
  if (before.isActive !== active) await recordEvent(tx, source, active ? 'user.activated' : 'user.deactivated', { user_id: userId });
  return row;
}

/**
 * Withdrawal (`user.withdrawn`, no personal data): the row stays (its id is never reused and
 * sessions point at it) but every piece of personal data is erased, so the email and phone
 * can sign up again. Locks the row first and answers the phone number it held then (no phone
 * change slips in between), so the caller can erase what else holds that number; undefined
 * if there is no such user, or it was withdrawn already.
 */
export async function eraseUser(tx: Tx, source: ChangeSource, userId: number): Promise<{ phoneNumber: string | null } | undefined> {
  const [held] = await tx
    .select({ phoneNumber: users.phoneNumber })
    .from(users)
    .where(kept(userId))
    .for('update');
  if (!held) return undefined;
  await tx
    .update(users)
    .set({
      email: null,
      emailFolded: null,
      phoneNumber: null,
      name: null,
      nickname: null,
      passwordHash: null,
      isActive: false,
      withdrawnAt: sql`now()`,
      updatedAt: sql`now()`,
      djangoSyncedAt: null,
    })
    .where(eq(users.id, userId));
  await recordEvent(tx, source, 'user.withdrawn', { user_id: userId });
  return held;
}
