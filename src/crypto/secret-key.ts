import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config, ResolvedConfig } from '../config.js';

/**
 * In development a missing SECRET_KEY is generated once and kept beside the embedded
 * database, so tokens survive a restart and the CLI seals and hashes with the server's
 * secret. Production refuses to start without one.
 */
export function resolveSecret(config: Config): ResolvedConfig {
  if (config.secretKey) return { ...config, secretKey: config.secretKey };
  if (config.databaseUrl === 'memory://') return { ...config, secretKey: randomBytes(32).toString('base64url') };
  const file = join(/^postgres(ql)?:\/\//.test(config.databaseUrl) ? 'data' : dirname(config.databaseUrl), 'secret-key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return { ...config, secretKey: readFileSync(file, 'utf8').trim() };
}
