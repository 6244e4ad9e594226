import type { FastifyBaseLogger } from 'fastify';
import type { PasswordHasher } from './passwords/hasher.js';
import type { TokenService } from './jwt/tokens.js';
import type { ResolvedConfig } from './config.js';
import type { Database, Db } from './db/client.js';
import type { Metrics } from './metrics/metrics.js';
import type { SmsProvider } from './sms/provider.js';

/** What the domain functions depend on; built once in app.ts and handed to each route module. */
export interface AppContext {
  config: ResolvedConfig;
  database: Database;
  db: Db;
  sms: SmsProvider;
  passwords: PasswordHasher;
  tokens: TokenService;
  log: FastifyBaseLogger;
  /** Undefined when METRICS=off; for what only the domain knows (SMS caps, the breaker). */
  metrics: Metrics | undefined;
}
