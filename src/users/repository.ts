import { and, asc, eq, isNull, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { type Db, pgConstraint, pgErrorCode, UNIQUE_VIOLATION } from '../db/client.js';
import { users, type UserRow } from '../db/schema.js';
import { emailKey } from './email.js';

/** Emails match on their key, which the service computes and the unique index holds. */
const emailIs = (email: string) => eq(users.emailKey, emailKey(email));

/** The active account with that email key (emailKey), or with that phone number: who may log in. */
export const activeWithEmail = (key: string | Placeholder) => and(eq(users.emailKey, key), eq(users.isActive, true));
export const activeWithPhone = (phone: string | Placeholder) => and(eq(users.phoneNumber, phone), eq(users.isActive, true));

/** Another account already holds this email or phone number: a unique index refused the write. */
export class AccountTaken extends Error {
  constructor(readonly field: 'email' | 'phone') {
    super(`an account with this ${field} already exists`);
    this.name = 'AccountTaken';
  }
}

const takenBy: Record<string, AccountTaken['field']> = { users_email_key_key: 'email', users_phone_number_key: 'phone' };

/** Runs a write on users, turning a unique violation into {@link AccountTaken}. */
async function unlessTaken<T>(write: () => Promise<T>): Promise<T> {
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

export async function findActiveByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(activeWithEmail(emailKey(email))).limit(1);
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

/** A new active account; throws {@link AccountTaken} if the email or phone is someone else's. */
export async function insertUser(
  db: Db,
  u: { email: string; phoneNumber: string; passwordHash: string; name: string | null; nickname: string | null; isAdmin?: boolean },
): Promise<UserRow> {
  const [row] = await unlessTaken(() => db.insert(users).values({ ...u, emailKey: emailKey(u.email) }).returning());
  return row!;
}

/**
 * Writes of personal data go to a live account only, checked in the statement itself: a
 * request that passed its access check before a withdrawal (or a deactivation) committed
 * finds no row, waiting for the withdrawal's lock if need be, and writes nothing back.
 */
const live = (userId: number) => and(eq(users.id, userId), eq(users.isActive, true));

/** Answers false when the account is no longer live (withdrawn or deactivated meanwhile). */
export async function setPasswordHash(db: Db, userId: number, passwordHash: string): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ passwordHash, updatedAt: sql`now()` })
    .where(live(userId))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** Undefined when the account is no longer live. */
export async function updateProfile(
  db: Db,
  userId: number,
  p: { name?: string | null; nickname?: string | null },
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...p, updatedAt: sql`now()` })
    .where(live(userId))
    .returning();
  return row;
}

/** Undefined when the account is no longer live; throws {@link AccountTaken} if the phone is someone else's. */
export async function setPhoneNumber(db: Db, userId: number, phoneNumber: string): Promise<UserRow | undefined> {
  const [row] = await unlessTaken(() =>
    db.update(users).set({ phoneNumber, updatedAt: sql`now()` }).where(live(userId)).returning(),
  );
  return row;
}

/** Blocks or allows login; a withdrawn account stays closed (undefined, as for no account). */
export async function setActive(db: Db, userId: number, active: boolean): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ isActive: active, updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), isNull(users.withdrawnAt)))
    .returning();
  return row;
}

/**
 * Withdrawal: the row stays (its id is never reused and sessions point at it) but every
 * piece of personal data is erased, so the email and phone can sign up again. Locks the
 * row first and answers the phone number it held then (no phone change slips in between),
 * so the caller can erase what else holds that number; undefined if there is no such user.
 */
export async function eraseUser(db: Db, userId: number): Promise<{ phoneNumber: string | null } | undefined> {
  const [held] = await db
    .select({ phoneNumber: users.phoneNumber })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  if (!held) return undefined;
  await db
    .update(users)
    .set({
      email: null,
      emailKey: null,
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
  return held;
}

export interface ImportedUser {
  /** SHA-256 of the Django row's primary key: its identity, whatever becomes of its email here. */
  djangoKey: string;
  email: string;
  phoneNumber: string;
  name: string | null;
  nickname: string | null;
  passwordHash: string | null;
  isActive: boolean;
  isAdmin: boolean;
  createdAt: Date | null;
}

/**
 * The account imported from that Django row, and whether it is untouched: not withdrawn,
 * and nothing here wrote to it or logged in to it since the import did (see djangoSyncedAt).
 */
export async function findByDjangoKey(db: Db, djangoKey: string): Promise<{ user: UserRow; untouched: boolean } | undefined> {
  const [row] = await db
    .select({
      user: users,
      untouched: sql<boolean>`${users.withdrawnAt} is null and ${users.djangoSyncedAt} = ${users.updatedAt}`,
    })
    .from(users)
    .where(eq(users.djangoKey, djangoKey))
    .limit(1);
  return row;
}

const importedValues = (u: ImportedUser) => ({
  phoneNumber: u.phoneNumber,
  name: u.name,
  nickname: u.nickname,
  passwordHash: u.passwordHash,
  isActive: u.isActive,
  isAdmin: u.isAdmin,
  // One now() for both: the account stays untouched while they are equal.
  updatedAt: sql`now()`,
  djangoSyncedAt: sql`now()`,
});

/**
 * A login of an imported account, as the CTE `marked_used` of login's statement: from now
 * on the account lives here and import-django never refreshes it again. Writes nothing for
 * any other account.
 */
export const markingImportedAccountUsed = (db: Db, userId: Placeholder) =>
  db
    .$with('marked_used', { id: sql<number>`id` })
    .as(
      sql`update ${users} set django_synced_at = null where ${users.id} = ${userId} and ${users.djangoSyncedAt} is not null returning ${users.id}`,
    );

/** A user of the Django service; throws {@link AccountTaken} if the email or phone is another account's. */
export async function insertImportedUser(db: Db, u: ImportedUser): Promise<void> {
  await unlessTaken(() =>
    db.insert(users).values({
      ...importedValues(u),
      email: u.email,
      emailKey: emailKey(u.email),
      djangoKey: u.djangoKey,
      createdAt: u.createdAt ?? sql`now()`,
    }),
  );
}

/**
 * Refreshes an imported account from its Django row, if it is still untouched (checked
 * again in the statement). Answers whether it wrote; throws {@link AccountTaken} if the
 * phone is another account's.
 */
export async function refreshImportedUser(db: Db, userId: number, u: ImportedUser): Promise<boolean> {
  const rows = await unlessTaken(() =>
    db
      .update(users)
      .set(importedValues(u))
      .where(
        and(eq(users.id, userId), isNull(users.withdrawnAt), sql`${users.djangoSyncedAt} = ${users.updatedAt}`),
      )
      .returning({ id: users.id }),
  );
  return rows.length === 1;
}
