import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { AdapterPayload } from 'oidc-provider';
import type { Db } from '../db/client.js';
import { type OidcClientRow, oidcClients, oidcPayloads } from '../db/schema/index.js';
import { preparedOn } from '../db/prepared.js';

/*
 * oidc_clients: the one place clients are written (the CLI and the admin API go through
 * clients.ts to here) and read (the provider asks on every request that names a client).
 */

const findStatement = preparedOn((db) =>
  db
    .select({ name: oidcClients.name, metadata: oidcClients.metadata, secretSealed: oidcClients.secretSealed, firstParty: oidcClients.firstParty })
    .from(oidcClients)
    .where(and(eq(oidcClients.clientId, sql.placeholder('clientId')), isNull(oidcClients.revokedAt)))
    .prepare('oidc_find_client'),
);

/**
 * A live client as oidc-provider reads it, its secret opened. Asked on every request that
 * names the client, so a revoked one is refused from the next request on.
 */
export async function findClientMetadata(
  db: Db,
  clientId: string,
  openSecret: (sealed: string, clientId: string) => string,
): Promise<AdapterPayload | undefined> {
  const [row] = await findStatement(db).execute({ clientId });
  if (!row) return undefined;
  return {
    ...row.metadata,
    client_id: clientId,
    client_name: row.name,
    firstParty: row.firstParty,
    ...(row.secretSealed ? { client_secret: openSecret(row.secretSealed, clientId) } : {}),
  };
}

export async function insertClient(db: Db, row: Pick<OidcClientRow, 'clientId' | 'name' | 'metadata' | 'secretSealed' | 'firstParty'>): Promise<OidcClientRow> {
  const [inserted] = await db.insert(oidcClients).values(row).returning();
  return inserted!;
}

/** Every client, revoked ones too, oldest first. */
export async function listClients(db: Db): Promise<OidcClientRow[]> {
  return db.select().from(oidcClients).orderBy(asc(oidcClients.createdAt), asc(oidcClients.clientId));
}

export async function findClient(db: Db, clientId: string): Promise<OidcClientRow | undefined> {
  const [row] = await db.select().from(oidcClients).where(eq(oidcClients.clientId, clientId));
  return row;
}

/**
 * Revokes a client and deletes every grant, code and token it holds, in one transaction:
 * its tokens are refused at once. False when there was no live client of that id.
 */
export async function revokeClientRow(db: Db, clientId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(oidcClients)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(oidcClients.clientId, clientId), isNull(oidcClients.revokedAt)))
      .returning({ clientId: oidcClients.clientId });
    if (!revoked.length) return false;
    await tx.delete(oidcPayloads).where(eq(oidcPayloads.clientId, clientId));
    return true;
  });
}
