import { readFileSync } from 'node:fs';
import pg from 'pg';
import { createAccounts } from './accounts.js';
import type { HashOnly } from './ceilings.js';
import { type LoadResult, type LoadSpec, measure } from './load.js';
import { fmtCodes, note, print } from './output.js';
import type { Options, ProfileTarget } from './options.js';
import {
  measureIntrospect,
  measureLogin,
  measureLoginRefresh,
  measureSignup,
  measurePhoneVerify,
  measureUsersMe,
  measureUsersMeHs256,
  type Phase,
} from './phases.js';
import { measureOidc } from './oidc.js';
import { onCleanup, root } from './runner.js';
import { createIntrospectionKey, startService } from './service.js';
import type { SmsSink } from './sink.js';
import { type PhoneNumbers, settle } from './util.js';

export interface BackendResult {
  label: string;
  source: string;
  bare: LoadResult;
  endpoints: LoadResult[];
  /** Peak RSS of the service over its whole life (VmHWM), MiB. */
  hwmMb: number | undefined;
  /** RSS once started and idle, before any request; and after the users were made (argon2 has run). */
  startRssMb: number | undefined;
  afterSetupRssMb: number | undefined;
  /** argon2id verifications per second alone, measured right before POST /login (when it runs). */
  hashOnly: HashOnly | undefined;
  /** GET /users/me at other connection counts. */
  sweep: LoadResult[];
  storedHashParams: string | undefined;
  logProblems: string[];
}

export interface Backend {
  label: string;
  kind: 'postgres' | 'pglite';
  url: string;
  source: string;
}

/** The parameters of a password hash the service stored, as argon2 writes them. */
async function storedHashParams(kind: 'postgres' | 'pglite', url: string): Promise<string | undefined> {
  const query = "select password_hash from users where password_hash like '$argon2%' limit 1";
  let hash: string | undefined;
  if (kind === 'postgres') {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      hash = (await c.query<{ password_hash: string }>(query)).rows[0]?.password_hash;
    } finally {
      await c.end();
    }
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite(url);
    try {
      hash = (await db.query<{ password_hash: string }>(query)).rows[0]?.password_hash;
    } finally {
      await db.close();
    }
  }
  // $argon2id$v=19$m=19456,t=2,p=1$salt$hash → the part before the salt.
  return hash?.split('$').slice(0, 4).join('$');
}

/** Two runs of the bare server as one: the total over the time of both. */
function pooled(before: LoadResult, after: LoadResult): LoadResult {
  return {
    ...before,
    total: before.total + after.total,
    seconds: before.seconds + after.seconds,
    rps: (before.total + after.total) / (before.seconds + after.seconds),
    bracket: [before.rps, after.rps],
  };
}

/** One service on one database: users made, then each endpoint asked for, between two runs of the bare server. */
export async function runBackend(
  o: Options,
  b: Backend,
  ctx: { work: string; sink: SmsSink; phones: PhoneNumbers; bare: { origin: string; pid: number } },
): Promise<BackendResult> {
  print();
  note(`${b.label}: ${b.source}`);
  const want = (t: ProfileTarget) => o.targets.includes(t);
  const apiKey = want('introspect') ? await createIntrospectionKey(root, b.url) : undefined;
  const svc = await startService({
    root,
    cwd: ctx.work,
    databaseUrl: b.url,
    smsUrl: ctx.sink.url,
    poolSize: o.poolSize,
    name: b.kind,
    nodeArgs: o.nodeArgs,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const how = await svc.stop();
    if (how !== 'exit code 0') note(`${b.label}: the service ended with ${how}`);
  };
  onCleanup(stop);
  const startRssMb = svc.memory()?.rss;
  note(`${b.label}: service pid ${svc.pid} on ${svc.origin}; creating ${o.users} users through the API`);
  const accounts = await createAccounts(svc.origin, ctx.sink, ctx.phones, o.users);
  const afterSetupRssMb = svc.memory()?.rss;

  const common = { connections: o.connections, duration: o.duration, warmup: o.warmup, pid: svc.pid, origin: svc.origin };
  const run = async (spec: LoadSpec) => {
    await settle(svc.pid);
    const r = await measure(spec);
    note(`${b.label}: ${r.name}: ${Math.round(r.rps)} rps, p99 ${r.p99} ms, ${fmtCodes(r.codes)}`);
    return r;
  };
  const phase: Phase = { o, label: b.label, pid: svc.pid, common, run, accounts, sink: ctx.sink, phones: ctx.phones };

  const bareSpec: LoadSpec = {
    ...common,
    name: 'bare node:http',
    origin: ctx.bare.origin,
    pid: ctx.bare.pid,
    requests: [{ method: 'GET', path: '/' }],
    expect: 200,
  };
  // The ceiling is measured at the start and again at the end, and pooled: on a shared host
  // it drifts within minutes, and every endpoint is judged against it.
  const bareBefore = await run(bareSpec);
  const endpoints: LoadResult[] = [];
  let sweep: LoadResult[] = [];
  if (want('users-me')) {
    const usersMe = await measureUsersMe(phase);
    endpoints.push(usersMe.endpoint);
    sweep = usersMe.sweep;
  }
  if (apiKey) endpoints.push(await measureIntrospect(phase, apiKey));
  if (want('phone-verify')) endpoints.push(...(await measurePhoneVerify(phase)));
  let hashOnly: HashOnly | undefined;
  if (want('login')) {
    const login = await measureLogin(phase);
    endpoints.push(login.endpoint);
    hashOnly = login.hashOnly;
  }
  if (want('login-refresh')) endpoints.push(await measureLoginRefresh(phase));
  if (want('signup')) endpoints.push(await measureSignup(phase));
  // Two services at once on one database: PostgreSQL only (PGlite is one process at a time).
  if (want('oidc') && b.kind === 'postgres') endpoints.push(...(await measureOidc(phase, { cwd: ctx.work, databaseUrl: b.url, name: `${b.kind}-oidc` })));
  else if (want('oidc')) note(`${b.label}: oidc skipped: it runs two services at once on one database, which PGlite cannot`);

  await settle(svc.pid);
  const hwmMb = svc.memory()?.hwm;
  let params: string | undefined;
  if (b.kind === 'postgres') params = await storedHashParams('postgres', b.url).catch(() => undefined);
  await stop();
  if (b.kind === 'pglite') params = await storedHashParams('pglite', b.url).catch(() => undefined);
  if (want('users-me-hs256')) {
    endpoints.push(await measureUsersMeHs256(phase, { cwd: ctx.work, databaseUrl: b.url, name: `${b.kind}-hs256` }));
  }
  const bareAfter = await run({ ...bareSpec, name: 'bare node:http (again, at the end)' });
  const logProblems = readFileSync(svc.logFile, 'utf8')
    .split('\n')
    .filter((l) => /"level":\s*(40|50|60)/.test(l));
  return {
    label: b.label,
    source: b.source,
    bare: pooled(bareBefore, bareAfter),
    endpoints,
    hwmMb,
    startRssMb,
    afterSetupRssMb,
    hashOnly,
    sweep,
    storedHashParams: params,
    logProblems,
  };
}
