import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, memoryOf, sleep } from './util.js';

/** Fixed, so tokens and hashes are comparable between runs; never a production secret. */
export const BENCH_SECRET_KEY = 'bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz';

const BIG = '1000000000';

/**
 * The environment of the service under test: production mode, the real argon2id cost,
 * the `webhook` SMS provider pointed at the runner's sink, and the throttles raised so
 * that a benchmark from one IP is not refused. Argon2 and thread-pool settings of the
 * caller's environment pass through.
 */
export function serviceEnv(o: {
  port: number;
  databaseUrl: string;
  smsUrl: string;
  poolSize: number | undefined;
  env?: Record<string, string> | undefined;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...(o.poolSize === undefined ? {} : { DATABASE_POOL_SIZE: String(o.poolSize) }),
    NODE_ENV: 'production',
    PUBLIC_URL: 'https://accounts.example.com',
    HOST: '127.0.0.1',
    PORT: String(o.port),
    // Metrics stay on, as deployed, on a port of their own: any free one.
    METRICS_PORT: '0',
    DATABASE_URL: o.databaseUrl,
    SECRET_KEY: BENCH_SECRET_KEY,
    LOG_LEVEL: 'warn',
    TRUST_PROXY: 'false',
    SMS_PROVIDER: 'webhook',
    SMS_WEBHOOK_URL: o.smsUrl,
    SMS_WEBHOOK_SECRET: 'bench-webhook-secret',
    // Every benchmark request comes from 127.0.0.1. Phones are all distinct, so the resend
    // cooldown (kept at its default, so its query runs as in production) never refuses one.
    SMS_MAX_PER_PHONE_PER_HOUR: BIG,
    SMS_MAX_PER_PHONE_PER_DAY: BIG,
    SMS_MAX_PER_IP_PER_HOUR: BIG,
    // The service-wide spend caps and the conversion breaker stay on, so their counting runs
    // on every key as in production, with limits a run never reaches (no key is confirmed
    // before the confirm phase, which would trip the breaker at its default).
    SMS_MAX_PER_HOUR: BIG,
    SMS_MAX_PER_DAY: BIG,
    SMS_BREAKER_MIN_SENT: BIG,
    LOGIN_MAX_FAILURES: BIG,
    // Every password is counted on its email's budget until its session opens, and
    // autocannon's connections all walk the users in the same order: at 64 connections up to
    // 64 logins of one account are in flight at once, past the default budget of 50.
    LOGIN_MAX_ACCOUNT_FAILURES: '1000000',
    RATE_LIMIT_PER_IP_PER_MINUTE: BIG,
    // A full run lasts minutes: keys and access tokens made at its start must still work at its end.
    PHONE_VERIFY_CODE_TTL_SECONDS: '3600',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    ...o.env,
    ...extraServiceEnv(),
  };
}

/**
 * BENCH_SERVICE_ENV: `NAME=value` pairs, space-separated, set last, to measure the service
 * with a setting changed (`SMS_MAX_PER_HOUR=0 SMS_MAX_PER_DAY=0` to compare the caps off).
 */
function extraServiceEnv(): Record<string, string> {
  const pairs = (process.env.BENCH_SERVICE_ENV ?? '').split(' ').filter(Boolean);
  return Object.fromEntries(
    pairs.map((p) => {
      const at = p.indexOf('=');
      if (at <= 0) throw new Error(`BENCH_SERVICE_ENV: ${p} is not NAME=value`);
      return [p.slice(0, at), p.slice(at + 1)];
    }),
  );
}

export interface RunningService {
  pid: number;
  /** http://127.0.0.1:<port> */
  origin: string;
  logFile: string;
  /** VmRSS / VmHWM of the server process now, in MiB. */
  memory(): { rss: number; hwm: number } | undefined;
  /** SIGTERM, then SIGKILL after 20 s; resolves with how it ended. */
  stop(): Promise<string>;
}

/**
 * The `node` flags `npm start` gives the service (package.json), so that the benchmark runs
 * it as its users do.
 */
export function startFlags(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const m = /\bnode((?: --\S+)*) dist\/start\.cjs$/.exec(pkg.scripts.start ?? '');
  if (!m) throw new Error('package.json: the start script does not run `node [flags] dist/start.cjs`');
  return m[1]!.split(' ').filter(Boolean);
}

/** Starts `node [nodeArgs] dist/start.cjs`, the service's entry, and waits until /readyz answers 200. */
export async function startService(o: {
  root: string;
  cwd: string;
  databaseUrl: string;
  smsUrl: string;
  poolSize: number | undefined;
  nodeArgs?: string[];
  name: string;
  /** Over the benchmark's environment, e.g. `JWT_ALGORITHM`. */
  env?: Record<string, string>;
}): Promise<RunningService> {
  const port = await freePort();
  const logFile = join(o.cwd, `${o.name}.log`);
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), join(o.root, 'dist', 'start.cjs')], {
    cwd: o.cwd,
    env: serviceEnv({ port, databaseUrl: o.databaseUrl, smsUrl: o.smsUrl, poolSize: o.poolSize, env: o.env }),
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `exit code ${code}`)),
  );
  let exitedWith: string | undefined;
  void exited.then((how) => (exitedWith = how));

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exitedWith) throw new Error(`the service stopped before it was ready (${exitedWith}):\n${tail(logFile)}`);
    try {
      const res = await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the service was not ready within 90 s:\n${tail(logFile)}`);
    }
    await sleep(100);
  }
  return {
    pid: child.pid!,
    origin,
    logFile,
    memory: () => memoryOf(child.pid!),
    stop: () => stopChild(child, exited),
  };
}

export async function stopChild(child: ChildProcess, exited: Promise<string>): Promise<string> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** The last lines of a log, for error messages. */
export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * An API key with the `introspect` scope, made with the service's own CLI (`dist/cli.js`)
 * before the service starts: PGlite is one process at a time. Migrates first, as the
 * service would.
 */
export async function createIntrospectionKey(root: string, databaseUrl: string): Promise<string> {
  const env = { ...serviceEnv({ port: 0, databaseUrl, smsUrl: 'http://127.0.0.1:9/', poolSize: 2 }), LOG_LEVEL: 'silent' };
  const cli = (...args: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { env }, (err, stdout, stderr) =>
        err ? reject(new Error(`account-service ${args[0]} failed: ${stderr}`)) : resolve(stdout),
      ),
    );
  await cli('migrate');
  return (await cli('api-keys', 'create', '--name', 'bench', '--scopes', 'introspect')).trimEnd().split('\n').at(-1)!;
}
