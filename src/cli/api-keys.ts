import { listApiKeys } from '../api-keys/repository.js';
import { ApiKeyRefused, createApiKey, parseScopes, revokeApiKey } from '../api-keys/service.js';
import type { Config } from '../config.js';
import { resolveSecret } from '../crypto/secret-key.js';
import type { Database } from '../db/client.js';
import { columns, parse, UsageError } from './args.js';
import { CliError } from './errors.js';

function orCliError<T>(run: () => Promise<T>): Promise<T> {
  return run().catch((err: unknown) => {
    throw err instanceof ApiKeyRefused ? new CliError(err.message) : err;
  });
}

/** `api-keys create|list|revoke`. The key is printed once, by create, alone on its last line. */
export function apiKeysCommand(args: string[], out: (line: string) => void, config: Config): (database: Database) => Promise<void> {
  switch (args[0]) {
    case 'create': {
      const { values } = parse(args.slice(1), { name: { type: 'string' }, scopes: { type: 'string' } }, 0);
      if (values.name === undefined || values.scopes === undefined) throw new UsageError('api-keys create needs --name and --scopes');
      let scopes: ReturnType<typeof parseScopes>;
      try {
        scopes = parseScopes(values.scopes);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      return (database) =>
        orCliError(async () => {
          const { row, key } = await createApiKey({ db: database.db, secretKey: resolveSecret(config).secretKey }, { name: values.name!, scopes });
          out(`api key ${row.id} created for "${row.name}", scopes ${row.scopes.join(',')}; it is shown once, here:`);
          out(key);
        });
    }
    case 'list': {
      const { values } = parse(args.slice(1), { json: { type: 'boolean' } }, 0);
      return async (database) => {
        const keys = await listApiKeys(database.db);
        if (values.json) {
          const rows = keys.map((k) => ({
            id: k.id,
            name: k.name,
            scopes: k.scopes,
            created_at: k.createdAt.toISOString(),
            revoked_at: k.revokedAt?.toISOString() ?? null,
          }));
          out(JSON.stringify(rows, null, 2));
          return;
        }
        const lines = [['id', 'name', 'scopes', 'created', 'revoked']];
        for (const k of keys) {
          lines.push([String(k.id), k.name, k.scopes.join(','), k.createdAt.toISOString().slice(0, 10), k.revokedAt?.toISOString().slice(0, 10) ?? '-']);
        }
        out(columns(lines));
      };
    }
    case 'revoke': {
      const { positionals } = parse(args.slice(1), {}, 1);
      if (!/^\d+$/.test(positionals[0]!)) throw new UsageError(`"${positionals[0]}" is not an api key id`);
      const id = Number(positionals[0]);
      return (database) =>
        orCliError(async () => {
          await revokeApiKey(database.db, id);
          out(`api key ${id} revoked: refused from now on, on every instance`);
        });
    }
    default:
      throw new UsageError(`unknown command "api-keys${args[0] ? ` ${args[0]}` : ''}"`);
  }
}
