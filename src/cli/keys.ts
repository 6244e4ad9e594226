import type { Config } from '../config.js';
import { resolveSecret } from '../crypto/secret-key.js';
import type { Database } from '../db/client.js';
import { describeSigningKeys, signingKeyDeps, type SigningKeyView, revokeSigningKey, rotateSigningKeys, UnknownSigningKey } from '../signing-keys/service.js';
import { columns, parse, UsageError } from './args.js';
import { CliError } from './errors.js';

const date = (iso: string | null) => (iso ? `${iso.slice(0, 19)}Z` : '-');

function keyTable(keys: SigningKeyView[]): string {
  const lines = [['kid', 'algorithm', 'state', 'published', 'signs from', 'retires', 'verifies until', 'revoked']];
  for (const k of keys) {
    lines.push([k.kid, k.algorithm, k.state, date(k.published_at), date(k.signs_from), date(k.retires_at), date(k.verifies_until), date(k.revoked_at)]);
  }
  return columns(lines);
}

/** With HS256, SECRET_KEY signs and there is no key to rotate or revoke. */
function asymmetricDeps(database: Database, config: Config) {
  if (config.jwt.algorithm === 'HS256') {
    throw new CliError('JWT_ALGORITHM=HS256 signs tokens with SECRET_KEY: there are no signing keys to rotate or revoke');
  }
  return signingKeyDeps(database.db, resolveSecret(config));
}

/** `keys list|rotate|revoke`. Nothing here prints or takes key material: only kids, states and dates. */
export function keysCommand(args: string[], out: (line: string) => void, config: Config): (database: Database) => Promise<void> {
  const longestTokenTtlSeconds = Math.max(config.ttl.access, config.ttl.refresh);
  switch (args[0]) {
    case 'list': {
      const { values } = parse(args.slice(1), { json: { type: 'boolean' } }, 0);
      return async (database) => {
        const keys = await describeSigningKeys({ db: database.db, longestTokenTtlSeconds });
        out(values.json ? JSON.stringify(keys, null, 2) : keyTable(keys));
      };
    }
    case 'rotate': {
      parse(args.slice(1), {}, 0);
      return async (database) => {
        const { key, retiring } = await rotateSigningKeys(asymmetricDeps(database, config));
        out(`key ${key.kid} (${key.algorithm}) published; it signs from ${date(key.signs_from)}`);
        if (retiring) out(`key ${retiring.kid} retires then, and verifies until ${date(retiring.verifies_until)}`);
      };
    }
    case 'revoke': {
      // A kid is a base64url thumbprint and may begin with "-", so it is taken as it is, never as an option.
      const rest = args[1] === '--' ? args.slice(2) : args.slice(1);
      if (rest.length !== 1) throw new UsageError(`expected 1 argument(s), got ${rest.length}`);
      const kid = rest[0]!;
      return async (database) => {
        let replacement: SigningKeyView | undefined;
        try {
          ({ replacement } = await revokeSigningKey(asymmetricDeps(database, config), kid));
        } catch (err) {
          if (err instanceof UnknownSigningKey) throw new CliError(err.message);
          throw err;
        }
        out(`key ${kid} revoked: its tokens are refused from now on, on every instance`);
        if (replacement) out(`key ${replacement.kid} (${replacement.algorithm}) signs from now`);
      };
    }
    default:
      throw new UsageError(`unknown command "keys${args[0] ? ` ${args[0]}` : ''}"`);
  }
}
