import { and, eq, type Placeholder, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { users, type UserRow } from '../db/schema.js';

/** Emails match case-insensitively, as the unique index on lower(email) has it. */
export const emailIs = (email: string | Placeholder) => sql`lower(${users.email}) = lower(${email})`;

export async function findActiveByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(and(emailIs(email), eq(users.isActive, true))).limit(1);
  return row;
}

export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(emailIs(email)).limit(1);
  return rows.length > 0;
}

export async function phoneTaken(db: Db, phone: string): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.phoneNumber, phone)).limit(1);
  return rows.length > 0;
}

export async function insertUser(
  db: Db,
  u: { email: string; phoneNumber: string; passwordHash: string; name: string; nickname: string },
): Promise<UserRow> {
  const [row] = await db.insert(users).values(u).returning();
  return row!;
}

export async function setPasswordHash(db: Db, userId: number, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

export async function updateProfile(db: Db, userId: number, p: { name?: string; nickname?: string }): Promise<UserRow> {
  const [row] = await db
    .update(users)
    .set({ ...p, updatedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning();
  return row!;
}

export async function setPhoneNumber(db: Db, userId: number, phoneNumber: string): Promise<UserRow> {
  const [row] = await db.update(users).set({ phoneNumber, updatedAt: sql`now()` }).where(eq(users.id, userId)).returning();
  return row!;
}

/**
 * Withdrawal: the row stays (its id is never reused and sessions point at it) but every
 * piece of personal data is erased, so the email and phone can sign up again.
 */
export async function eraseUser(db: Db, userId: number): Promise<void> {
  await db
    .update(users)
    .set({
      email: null,
      phoneNumber: null,
      name: '',
      nickname: '',
      passwordHash: null,
      isActive: false,
      withdrawnAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, userId));
}
