import type { Config } from '../config.js';
import { resolveSecret } from '../crypto/secret-key.js';
import type { Database } from '../db/client.js';
import { ClientRefused, createClient, listClientViews, revokeClient, UnknownClient } from '../oidc-provider/clients.js';
import { loadOidcLibrary } from '../oidc-provider/library.js';
import { columns, parse, UsageError } from './args.js';
import { CliError } from './errors.js';
import { json, shown } from './format.js';

function orCliError<T>(run: () => Promise<T>): Promise<T> {
  return run().catch((err: unknown) => {
    throw err instanceof ClientRefused || err instanceof UnknownClient ? new CliError(err.message) : err;
  });
}

/**
 * `oidc-clients create|list|revoke`: the apps that sign their users in through the service.
 * create prints `client_id: …` and, for a confidential client, `client_secret: …`, each on
 * its own line, once: the secret is stored sealed and never shown again.
 */
export function oidcClientsCommand(args: string[], io: { out(line: string): void; err(line: string): void }, config: Config): (database: Database) => Promise<void> {
  switch (args[0]) {
    case 'create': {
      const { values } = parse(
        args.slice(1),
        {
          name: { type: 'string' },
          'redirect-uri': { type: 'string', multiple: true },
          'post-logout-redirect-uri': { type: 'string', multiple: true },
          public: { type: 'boolean' },
          'first-party': { type: 'boolean' },
        },
        0,
      );
      if (values.name === undefined || !values['redirect-uri']?.length) throw new UsageError('oidc-clients create needs --name and at least one --redirect-uri');
      return (database) =>
        orCliError(async () => {
          const { client, secret } = await createClient(
            {
              db: database.db,
              secretKey: resolveSecret(config).secretKey,
              production: config.nodeEnv === 'production',
              library: await loadOidcLibrary(io.err),
            },
            {
              name: values.name!,
              redirectUris: values['redirect-uri']!,
              postLogoutRedirectUris: values['post-logout-redirect-uri'],
              public: values.public,
              firstParty: values['first-party'],
            },
          );
          io.out(`client_id: ${client.client_id}`);
          if (secret) io.out(`client_secret: ${secret}`);
        });
    }
    case 'list': {
      const { values } = parse(args.slice(1), { json: { type: 'boolean' } }, 0);
      return async (database) => {
        const clients = await listClientViews(database.db);
        if (values.json) return io.out(json(clients));
        const lines = [['client_id', 'name', 'type', 'first-party', 'created', 'revoked']];
        for (const c of clients) {
          lines.push([c.client_id, shown(c.name), c.public ? 'public' : 'confidential', c.first_party ? 'yes' : 'no', c.created_at.slice(0, 10), c.revoked_at?.slice(0, 10) ?? '-']);
        }
        io.out(columns(lines));
      };
    }
    case 'revoke': {
      const { positionals } = parse(args.slice(1), {}, 1);
      const clientId = positionals[0]!;
      return (database) =>
        orCliError(async () => {
          await revokeClient(database.db, clientId);
          io.out(`client ${shown(clientId)} revoked: refused from now on, its grants and tokens deleted`);
        });
    }
    default:
      throw new UsageError(`unknown command "oidc-clients${args[0] ? ` ${shown(args[0])}` : ''}"`);
  }
}
