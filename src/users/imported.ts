import { and, eq, isNull, type Placeholder, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { users, type UserRow } from '../db/schema/index.js';
import { foldEmail } from '../email/address.js';
import { type ChangeSource, recordEvent } from '../events/record.js';
import { eventUser, unlessTaken } from './repository.js';

/*
 * Accounts imported from the Django service (import-django): found by their Django row,
 * refreshed while nothing here has touched them, and let go at their first login.
 */

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

/**
 * A user of the Django service (`user.created`); throws {@link AccountTaken} if the email or
 * phone is another account's.
 */
export async function insertImportedUser(tx: Tx, source: ChangeSource, u: ImportedUser): Promise<void> {
  const [row] = await unlessTaken(() =>
    tx
      .insert(users)
      .values({
        ...importedValues(u),
        email: u.email,
        emailFolded: foldEmail(u.email),
        djangoKey: u.djangoKey,
        createdAt: u.createdAt ?? sql`now()`,
      })
      .returning(),
  );
  await recordEvent(tx, source, 'user.created', { user: eventUser(row!) });
}

/** The fields an import may change, as `user.updated`'s `changed` names them. */
const importedFields = [
  ['phone_number', 'phoneNumber'],
  ['name', 'name'],
  ['nickname', 'nickname'],
  ['password', 'passwordHash'],
  ['is_active', 'isActive'],
  ['is_admin', 'isAdmin'],
] as const;

/**
 * Refreshes an imported account from its Django row, if it is still untouched (checked
 * again in the statement). Answers whether it wrote; throws {@link AccountTaken} if the
 * phone is another account's.
 */
export async function refreshImportedUser(tx: Tx, source: ChangeSource, before: UserRow, u: ImportedUser): Promise<boolean> {
  const [row] = await unlessTaken(() =>
    tx
      .update(users)
      .set(importedValues(u))
      .where(
        and(eq(users.id, before.id), isNull(users.withdrawnAt), sql`${users.djangoSyncedAt} = ${users.updatedAt}`),
      )
      .returning(),
  );
  if (!row) return false;
  const changed = importedFields.filter(([, column]) => row[column] !== before[column]).map(([field]) => field);
  if (changed.length) await recordEvent(tx, source, 'user.updated', { user: eventUser(row), changed });
  return true;
}
