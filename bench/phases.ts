import { randomBytes } from 'node:crypto';
import { type Account, loginAgain, verifiedPhones } from './accounts.js';
import { type HashOnly, measureHashOnly } from './ceilings.js';
import { confirm, introspect, login, loginRefresh, phoneVerify, signup, usersMe } from './endpoints.js';
import type { LoadResult, LoadSpec } from './load.js';
import { note } from './output.js';
import type { Options } from './options.js';
import { root } from './runner.js';
import { startService } from './service.js';
import type { SmsSink } from './sink.js';
import { type PhoneNumbers, settle } from './util.js';

/** What every phase of one backend's run shares. */
export interface Phase {
  o: Options;
  label: string;
  pid: number;
  /** Connections, duration, warm-up, pid and origin of the service, for every measurement. */
  common: Pick<LoadSpec, 'connections' | 'duration' | 'warmup' | 'pid' | 'origin'>;
  /** Measures once the service is idle, and notes the result. */
  run(spec: LoadSpec): Promise<LoadResult>;
  accounts: Account[];
  sink: SmsSink;
  phones: PhoneNumbers;
}

/** GET /users/me, then (in a full run) at other connection counts. */
export async function measureUsersMe(p: Phase): Promise<{ endpoint: LoadResult; sweep: LoadResult[] }> {
  const endpoint = await p.run({ ...p.common, ...usersMe(p.accounts) });
  // Latency depends on how many requests wait (Little's law): GET /users/me at other
  // connection counts, so its p99 can be read against the load that produced it.
  const sweep: LoadResult[] = [];
  if (!p.o.smoke) {
    for (const connections of [8, 16, 32, 64].filter((c) => c !== p.o.connections)) {
      sweep.push(
        await p.run({
          ...p.common,
          ...usersMe(p.accounts),
          connections,
          warmup: 1,
          duration: Math.max(3, p.o.duration / 2),
          name: `GET /users/me, ${connections} connections`,
        }),
      );
    }
  }
  return { endpoint, sweep };
}

/** POST /phone-verify, then POST /phone-verify/confirm with the keys it sent. */
export async function measurePhoneVerify(p: Phase): Promise<LoadResult[]> {
  // The sink keeps the keys for confirm.
  const firstKey = p.sink.log.length;
  const results = [await p.run({ ...p.common, ...phoneVerify(p.phones) })];
  // Each key sent above is confirmed once, so every answer should be a 200.
  const keys = p.sink.drain(firstKey);
  if (keys.length === 0) {
    note(`${p.label}: no keys reached the SMS sink; POST /phone-verify/confirm skipped`);
  } else {
    results.push(await p.run({ ...p.common, warmup: 0, amount: keys.length, ...confirm(keys) }));
  }
  return results;
}

/**
 * POST /login between two measurements of argon2id alone, right before and right after,
 * so that its ceiling sees the same machine: on a shared host the hash rate drifts within
 * minutes, and the two runs bracket the login run's share of that drift.
 */
export async function measureLogin(p: Phase): Promise<{ endpoint: LoadResult; hashOnly: HashOnly }> {
  const hashSeconds = p.o.smoke ? 1 : 5;
  await settle(p.pid);
  const before = await measureHashOnly(hashSeconds, p.o.connections);
  const endpoint = await p.run({ ...p.common, warmup: Math.min(p.o.warmup, 2), ...login(p.accounts) });
  await settle(p.pid);
  const after = await measureHashOnly(hashSeconds, p.o.connections);
  const verifications = before.verifications + after.verifications;
  const seconds = before.seconds + after.seconds;
  const hashOnly: HashOnly = { ...before, verifications, seconds, rate: verifications / seconds, bracket: [before.rate, after.rate] };
  const h = hashOnly.params;
  note(
    `${p.label}: argon2id alone: ${hashOnly.rate.toFixed(1)} verifications/s (${before.rate.toFixed(1)} before the login run, ` +
      `${after.rate.toFixed(1)} after; m=${h.memoryKib} KiB t=${h.iterations} p=${h.parallelism}, ` +
      `UV_THREADPOOL_SIZE=${hashOnly.threadPool}, ${hashOnly.cores} cores, ${hashOnly.concurrency} in flight)`,
  );
  return { endpoint, hashOnly };
}

/**
 * POST /users (sign-up, one argon2id hash each) with phones verified beforehand, each used
 * once: a warm-up of one request per connection, then about as many as it signs up in
 * `--duration` seconds (the supply is finite, so the run stops at its last token).
 */
export async function measureSignup(p: Phase): Promise<LoadResult> {
  const warm = p.o.smoke ? 4 : p.o.connections;
  const measured = p.o.smoke ? 8 : Math.round(p.o.duration * 70);
  const origin = p.common.origin;
  const run = randomBytes(4).toString('hex');
  await p.run({ ...p.common, warmup: 0, amount: warm, ...signup(await verifiedPhones(origin, p.sink, p.phones, warm), `${run}w`), name: 'POST /users (warm-up)' });
  const verified = await verifiedPhones(origin, p.sink, p.phones, measured);
  return p.run({ ...p.common, warmup: 0, amount: measured, ...signup(verified, run) });
}

export async function measureLoginRefresh(p: Phase): Promise<LoadResult> {
  return p.run({ ...p.common, ...loginRefresh(p.accounts) });
}

/** POST /introspect of the accounts' access tokens, with an API key made before the service started. */
export async function measureIntrospect(p: Phase, apiKey: string): Promise<LoadResult> {
  return p.run({ ...p.common, ...introspect(p.accounts, apiKey) });
}

/**
 * GET /users/me with HS256 tokens: a second service on the same database with
 * JWT_ALGORITHM=HS256, started once the first has stopped (PGlite is one process at a
 * time), the same users logged in to it.
 */
export async function measureUsersMeHs256(
  p: Omit<Phase, 'pid' | 'common'> & { common: Omit<Phase['common'], 'pid' | 'origin'> },
  svcOptions: { cwd: string; databaseUrl: string; name: string },
): Promise<LoadResult> {
  const svc = await startService({
    root,
    ...svcOptions,
    smsUrl: p.sink.url,
    poolSize: p.o.poolSize,
    nodeArgs: p.o.nodeArgs,
    env: { JWT_ALGORITHM: 'HS256' },
  });
  try {
    note(`${p.label}: HS256 service pid ${svc.pid} on ${svc.origin}; logging the users in again`);
    const accounts = await loginAgain(svc.origin, p.accounts);
    await settle(svc.pid);
    return await p.run({ ...p.common, pid: svc.pid, origin: svc.origin, ...usersMe(accounts, 'HS256') });
  } finally {
    const how = await svc.stop();
    if (how !== 'exit code 0') note(`${p.label}: the HS256 service ended with ${how}`);
  }
}
