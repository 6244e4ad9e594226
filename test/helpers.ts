import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { ResolvedConfig } from '../src/config.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { UNDECLARED_CODE } from '../src/http/error-codes.js';
import type { App } from '../src/http/types.js';
import { SmsSendError, type SmsProvider } from '../src/sms/provider.js';
import { type HttpClient, httpClient } from './http-client.js';
import { migratedImage } from './pglite-image.js';
import { migratedTemplate } from './postgres-template.js';
import { sharedCompilers } from './schema-compilers.js';

/**
 * Tests run on an in-memory PGlite, or, when TEST_DATABASE_URL names a PostgreSQL server,
 * on a fresh database created there for each app and dropped afterwards. With
 * TEST_POOL_MODE=transaction the apps reach that database through TEST_PGBOUNCER_URL
 * (PgBouncer in transaction mode in front of the same server), as DATABASE_POOL_MODE does.
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const throughBouncer = process.env.TEST_POOL_MODE === 'transaction' ? process.env.TEST_PGBOUNCER_URL : undefined;
if (process.env.TEST_POOL_MODE === 'transaction' && !throughBouncer) throw new Error('TEST_POOL_MODE=transaction needs TEST_PGBOUNCER_URL');
/** The DATABASE_POOL_MODE of the URLs openTestDatabase gives: pass it when opening one again. */
export const testPoolMode = throughBouncer ? 'transaction' : 'session';

export const SECRET = 'test-secret-key-that-is-long-enough-0123456789';

/** A cheap argon2id for every app, CLI run and server process of the suite; production uses OWASP's parameters. */
export const CHEAP_HASH = { ARGON2_MEMORY_KIB: '1024', ARGON2_ITERATIONS: '1' } as const;

export async function openTestDatabase(): Promise<{ url: string; database: Database; drop: () => Promise<void> }> {
  if (!adminUrl) {
    // From the run's migrated image: migrate() then finds nothing to do (test/pglite-image.ts).
    const database = await openDatabase({ url: 'memory://', image: await migratedImage() });
    await database.migrate();
    return { url: 'memory://', database, drop: () => database.close() };
  }
  const name = `test_${randomBytes(6).toString('hex')}`;
  // A copy of the run's migrated database (test/postgres-template.ts): migrate() then finds nothing to do.
  const template = await migratedTemplate(adminUrl);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const url = new URL(throughBouncer ?? adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 20, poolMode: testPoolMode });
  await database.migrate();
  return {
    url: url.toString(),
    database,
    drop: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** Captures what would be sent; `failWith` makes the next sends fail like a provider outage. */
export class RecordingSms implements SmsProvider {
  readonly name = 'recording';
  readonly sent: { to: string; text: string }[] = [];
  failWith: Error | undefined;

  async send(to: string, text: string): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.sent.push({ to, text });
  }

  /** The 6-digit key in the last SMS to `to` (E.164). */
  lastKey(to = '+821012345678'): string {
    const msg = [...this.sent].reverse().find((m) => m.to === to);
    const key = msg?.text.match(/\d{6}/)?.[0];
    if (!key) throw new Error(`no key was sent to ${to}`);
    return key;
  }

  failNext(): void {
    this.failWith = new SmsSendError('recording', 'simulated outage');
  }
}

export function testConfig(env: Record<string, string> = {}): ResolvedConfig {
  const config = loadConfig({
    NODE_ENV: 'test',
    SECRET_KEY: SECRET,
    DATABASE_URL: 'memory://',
    LOG_LEVEL: 'silent',
    ...CHEAP_HASH,
    // Throttles are tested on their own; elsewhere they stay out of the way.
    OTP_RESEND_COOLDOWN_SECONDS: '0',
    SMS_MAX_PER_PHONE_PER_HOUR: '1000',
    SMS_MAX_PER_PHONE_PER_DAY: '1000',
    SMS_MAX_PER_IP_PER_HOUR: '100000',
    LOGIN_MAX_FAILURES: '1000',
    RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
    // So are the service's SMS caps and the conversion breaker (test/sms-*.test.ts).
    SMS_MAX_PER_HOUR: '0',
    SMS_MAX_PER_DAY: '0',
    SMS_BREAKER_MIN_CONVERSION: '0',
    ...env,
  });
  return { ...config, secretKey: config.secretKey ?? SECRET };
}

export interface TestApp extends HttpClient {
  app: App;
  sms: RecordingSms;
  database: Database;
  config: ResolvedConfig;
  close(): Promise<void>;
  /** Sends a key to `phone` and confirms it: a fresh verification token. */
  verifyPhone(phone?: string): Promise<string>;
  signUp(overrides?: Partial<SignUpBody>): Promise<{ id: number; body: SignUpBody }>;
  login(body: Record<string, unknown>): Promise<{ access: string; refresh: string }>;
}

export interface SignUpBody {
  email: string;
  password: string;
  phone_number: string;
  token: string;
  name?: string;
  nickname?: string;
}

export const PASSWORD = 'violet-Harbor-42';

/**
 * One database per test file (starting PGlite costs seconds), emptied before each app, so
 * every test starts from nothing while the file pays for the start once. A file that starts
 * apps calls this once at its top, which drops the database after its last test.
 */
let fileDatabase: ReturnType<typeof openTestDatabase> | undefined;
let dropsFileDatabase = false;
export function useFileDatabase(): void {
  dropsFileDatabase = true;
  afterAll(async () => {
    // A worker runs file after file with this module loaded once (vitest.config.ts), so the next file starts afresh.
    dropsFileDatabase = false;
    if (fileDatabase) await (await fileDatabase).drop();
    fileDatabase = undefined;
  });
}

/** The test file's database (useFileDatabase), opened by the first app that asks, emptied for each. */
export async function emptiedFileDatabase(): Promise<Database> {
  if (!dropsFileDatabase) throw new Error('call useFileDatabase() at the top of the test file, so its database is dropped');
  fileDatabase ??= openTestDatabase();
  const { database } = await fileDatabase;
  await emptyDatabase(database);
  return database;
}

export async function emptyDatabase(database: Database): Promise<void> {
  await database.db.execute(sql`truncate sessions, users, phone_verifications, rate_limits, sms_conversion, sms_country_pauses, signing_keys, api_keys, events, event_outbox, event_deliveries, oauth_flows, social_signups, provider_revocations restart identity cascade`);
}

/**
 * The logger of a test app: it keeps each answer whose error code its route does not declare
 * (src/http/error-codes.ts logs them), and `check` throws while there is one, so the
 * OpenAPI document cannot fall behind what the routes answer.
 */
export function codeChecks() {
  const undeclared: string[] = [];
  const write = (line: string) => {
    if ((JSON.parse(line) as { msg?: string }).msg === UNDECLARED_CODE) undeclared.push(line);
  };
  return {
    logger: { level: 'error', stream: { write } },
    check() {
      if (undeclared.length) throw new Error(`answers with codes their routes do not declare (errorResponses):\n${undeclared.join('')}`);
    },
  };
}

export async function startApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(env);
  const database = await emptiedFileDatabase();
  const sms = new RecordingSms();
  const codes = codeChecks();
  const app = await buildApp({ config, database, sms, logger: codes.logger, compilersFactory: sharedCompilers });
  await app.ready();

  const t: TestApp = {
    ...httpClient(app),
    app,
    sms,
    database,
    config,
    close: async () => {
      await app.close();
      codes.check();
    },
    async verifyPhone(phone = '010-1234-5678') {
      const sent = await t.post('/phone-verify', { phone_number: phone });
      if (sent.status !== 201) throw new Error(`phone-verify answered ${sent.status}: ${sent.text}`);
      const to = sms.sent.at(-1)!.to;
      const res = await t.post('/phone-verify/confirm', { phone_number: phone, key: sms.lastKey(to) });
      if (res.status !== 200) throw new Error(`confirm answered ${res.status}: ${res.text}`);
      return res.body.token as string;
    },
    async signUp(overrides = {}) {
      const phone = overrides.phone_number ?? '010-1234-5678';
      const body: SignUpBody = {
        email: 'kim@example.com',
        password: PASSWORD,
        phone_number: phone,
        token: overrides.token ?? (await t.verifyPhone(phone)),
        name: '김동우',
        nickname: 'dongwoo',
        ...overrides,
      };
      const res = await t.post('/users', body);
      if (res.status !== 201) throw new Error(`sign-up answered ${res.status}: ${res.text}`);
      return { id: res.body.id, body };
    },
    async login(body) {
      const res = await t.post('/login', body);
      if (res.status !== 202) throw new Error(`login answered ${res.status}: ${res.text}`);
      return { access: res.body.access_token, refresh: res.body.refresh_token };
    },
  };
  return t;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
