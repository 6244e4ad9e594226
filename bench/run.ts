/**
 * Benchmarks of the account service against the ceiling of the machine.
 *
 *   npm run bench            full run (10 s per endpoint), on PostgreSQL and on embedded PGlite
 *   npm run bench:smoke      ~1 s per endpoint, to keep the scripts working (CI)
 *   npm run bench:profile    CPU profiles of the service under GET /users/me and POST /phone-verify
 *
 * Options: --smoke, --profile, --only=postgres|pglite, --connections=N, --duration=SECONDS,
 * --users=N, --json=FILE, --endpoints=users-me,phone-verify,login,login-refresh (what a run measures; all by
 * default, users-me,phone-verify with --profile; phone-verify includes its confirm), --pool-size=N,
 * --node-args="…" (the service's node flags, instead of those `npm start` uses). BENCH_DATABASE_URL names a PostgreSQL server whose user may create
 * databases; without it a throwaway server is started as .ci/run does, or PostgreSQL is skipped.
 * See bench/README.md.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type autocannon from 'autocannon';
import pg from 'pg';
import { type LoadResult, measure } from './load.js';
import { printProfile, summarizeProfile } from './profile.js';
import { type PgTarget, providePostgres } from './postgres.js';
import { startFlags, startService, stopChild } from './service.js';
import { SmsSink } from './sink.js';
import { mapLimit, PhoneNumbers, settle } from './util.js';

// ---------------------------------------------------------------- options

interface Options {
  smoke: boolean;
  profile: boolean;
  only: 'postgres' | 'pglite' | undefined;
  connections: number;
  duration: number;
  warmup: number;
  users: number;
  /** The service's `node` flags (not the runner's): by default those `npm start` gives it. */
  nodeArgs: string[];
  /** DATABASE_POOL_SIZE for the service; undefined: its default (10) or the caller's environment. */
  poolSize: number | undefined;
  json: string | undefined;
  /** What a run measures; with --profile, one server (and one .cpuprofile) each. */
  targets: ProfileTarget[];
}

const PROFILE_TARGETS = ['users-me', 'phone-verify', 'login', 'login-refresh'] as const;
type ProfileTarget = (typeof PROFILE_TARGETS)[number];

function parseOptions(argv: string[]): Options {
  const flags = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a}`);
    flags.set(m[1]!, m[2] ?? 'true');
  }
  const known = ['smoke', 'profile', 'only', 'connections', 'duration', 'users', 'json', 'endpoints', 'pool-size', 'node-args'];
  for (const k of flags.keys()) if (!known.includes(k)) throw new Error(`unknown option --${k}`);
  const smoke = flags.has('smoke');
  const num = (name: string, env: string, fallback: number) => {
    const raw = flags.get(name) ?? process.env[env];
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
    return n;
  };
  const only = flags.get('only');
  if (only !== undefined && only !== 'postgres' && only !== 'pglite') throw new Error('--only is postgres or pglite');
  const fallback = flags.has('profile') ? 'users-me,phone-verify' : PROFILE_TARGETS.join(',');
  const targets = (flags.get('endpoints') ?? fallback).split(',') as ProfileTarget[];
  for (const t of targets) {
    if (!PROFILE_TARGETS.includes(t)) throw new Error(`--endpoints: ${t} is not one of ${PROFILE_TARGETS.join(', ')}`);
  }
  return {
    smoke,
    profile: flags.has('profile'),
    only,
    connections: Math.round(num('connections', 'BENCH_CONNECTIONS', 64)),
    duration: num('duration', 'BENCH_DURATION', smoke ? 1 : 10),
    warmup: smoke ? 0 : 3,
    users: Math.round(num('users', 'BENCH_USERS', smoke ? 8 : 100)),
    nodeArgs: (flags.get('node-args') ?? process.env.BENCH_NODE_ARGS)?.split(' ').filter(Boolean) ?? startFlags(root),
    poolSize: flags.has('pool-size') || process.env.BENCH_POOL_SIZE ? Math.round(num('pool-size', 'BENCH_POOL_SIZE', 10)) : undefined,
    json: flags.get('json'),
    targets,
  };
}

// ---------------------------------------------------------------- plumbing

const root = fileURLToPath(new URL('../../', import.meta.url));
const print = (line = '') => process.stdout.write(`${line}\n`);
const note = (line: string) => print(`-- ${line}`);

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanup(): Promise<void> {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (err) {
      note(`cleanup: ${(err as Error).message}`);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    note(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** `npm run build` when dist/start.cjs is missing or older than a file under src/. */
function ensureBuilt(): void {
  const server = join(root, 'dist', 'start.cjs');
  const built = existsSync(server) ? statSync(server).mtimeMs : 0;
  const newest = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .reduce((m, d) => Math.max(m, statSync(join(d.parentPath, d.name)).mtimeMs), 0);
  if (built >= newest) return;
  note('building the service (npm run build)');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

/** A child node process running one of the compiled bench scripts. */
function nodeChild(script: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, [join(root, 'dist', 'bench', script), ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function firstLine(child: ChildProcess): Promise<string> {
  const rl = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    rl.once('line', (line) => {
      rl.close();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`${child.spawnargs.join(' ')} exited with ${code}`)));
  });
}

async function startBare(): Promise<{ origin: string; pid: number }> {
  const child = nodeChild('bare-server.js');
  const exited = new Promise<string>((resolve) => child.once('exit', (c, s) => resolve(s ?? String(c))));
  cleanups.push(() => stopChild(child, exited));
  const { port } = JSON.parse(await firstLine(child)) as { port: number };
  return { origin: `http://127.0.0.1:${port}`, pid: child.pid! };
}

interface HashOnly {
  rate: number;
  verifications: number;
  seconds: number;
  concurrency: number;
  threadPool: number;
  cores: number;
  params: { memoryKib: number; iterations: number; parallelism: number };
  /** The rates of the runs before and after POST /login, which `rate` pools. */
  bracket?: [number, number];
}

async function measureHashOnly(seconds: number, concurrency: number): Promise<HashOnly> {
  // The thread pool the service's entry (src/start.cts) gives itself: one thread per concurrent hash.
  const threads = process.env.UV_THREADPOOL_SIZE ?? process.env.ARGON2_CONCURRENCY ?? String(availableParallelism());
  const child = nodeChild('argon2-rate.js', [String(seconds), String(concurrency)], { ...process.env, UV_THREADPOOL_SIZE: threads });
  return JSON.parse(await firstLine(child)) as HashOnly;
}

// ---------------------------------------------------------------- the service's API

interface Account {
  email: string;
  phone: string;
  access: string;
  refresh: string;
}

const PASSWORD = 'Quiet-Harbor-Lantern-92';
const JSON_HEADERS = { 'content-type': 'application/json' };

async function call(origin: string, path: string, body: unknown, expect: number): Promise<Record<string, unknown>> {
  const res = await fetch(`${origin}/api/v1${path}`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status !== expect) throw new Error(`POST ${path} answered ${res.status} (expected ${expect}): ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Users made through the API as a client would: phone-verify → confirm → sign-up → login. */
async function createAccounts(origin: string, sink: SmsSink, phones: PhoneNumbers, n: number): Promise<Account[]> {
  const run = randomBytes(4).toString('hex');
  return mapLimit(Array.from({ length: n }, (_, i) => i), 4, async (i) => {
    const phone = phones.take();
    await call(origin, '/phone-verify', { phone_number: phone.dashed }, 201);
    const key = sink.keyFor(phone.e164);
    if (!key) throw new Error(`the SMS sink got no key for ${phone.e164}`);
    const { token } = await call(origin, '/phone-verify/confirm', { phone_number: phone.dashed, key }, 200);
    const email = `bench-${run}-${i}@example.com`;
    await call(origin, '/users', { email, password: PASSWORD, phone_number: phone.dashed, token, name: `Bench ${i}` }, 201);
    const tokens = await call(origin, '/login', { email, password: PASSWORD }, 202);
    return { email, phone: phone.dashed, access: String(tokens.access_token), refresh: String(tokens.refresh_token) };
  });
}

const post = (path: string, body: unknown): autocannon.Request => ({
  method: 'POST',
  path: `/api/v1${path}`,
  headers: JSON_HEADERS,
  body: JSON.stringify(body),
});

// ---------------------------------------------------------------- one backend

interface BackendResult {
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

async function runBackend(
  o: Options,
  b: { label: string; kind: 'postgres' | 'pglite'; url: string; source: string },
  ctx: { work: string; sink: SmsSink; phones: PhoneNumbers; bare: { origin: string; pid: number } },
): Promise<BackendResult> {
  print();
  note(`${b.label}: ${b.source}`);
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
  cleanups.push(stop);
  const startRssMb = svc.memory()?.rss;
  note(`${b.label}: service pid ${svc.pid} on ${svc.origin}; creating ${o.users} users through the API`);
  const accounts = await createAccounts(svc.origin, ctx.sink, ctx.phones, o.users);
  const afterSetupRssMb = svc.memory()?.rss;

  const common = { connections: o.connections, duration: o.duration, warmup: o.warmup, pid: svc.pid, origin: svc.origin };
  const run = async (spec: Parameters<typeof measure>[0]) => {
    await settle(svc.pid);
    const r = await measure(spec);
    note(`${b.label}: ${r.name}: ${Math.round(r.rps)} rps, p99 ${r.p99} ms, ${fmtCodes(r.codes)}`);
    return r;
  };

  const bareSpec: Parameters<typeof measure>[0] = {
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
  const want = (t: ProfileTarget) => o.targets.includes(t);
  if (want('users-me')) {
    endpoints.push(
      await run({
        ...common,
        name: 'GET /users/me',
        requests: accounts.map((a) => ({
          method: 'GET',
          path: '/api/v1/users/me',
          headers: { authorization: `Bearer ${a.access}` },
        })),
        expect: 200,
      }),
    );
  }

  // Latency depends on how many requests wait (Little's law): GET /users/me at other
  // connection counts, so its p99 can be read against the load that produced it.
  const sweep: LoadResult[] = [];
  if (!o.smoke && want('users-me')) {
    for (const connections of [8, 16, 32, 64].filter((c) => c !== o.connections)) {
      sweep.push(
        await run({
          ...common,
          connections,
          warmup: 1,
          duration: Math.max(3, o.duration / 2),
          name: `GET /users/me, ${connections} connections`,
          requests: accounts.map((a) => ({
            method: 'GET',
            path: '/api/v1/users/me',
            headers: { authorization: `Bearer ${a.access}` },
          })),
          expect: 200,
        }),
      );
    }
  }

  // Every request asks a key for a phone of its own; the sink keeps the keys for confirm.
  const firstKey = ctx.sink.log.length;
  if (want('phone-verify')) {
    endpoints.push(
      await run({
        ...common,
        name: 'POST /phone-verify',
        requests: [
          {
            ...post('/phone-verify', {}),
            setupRequest: (req) => ({ ...req, body: JSON.stringify({ phone_number: ctx.phones.take().dashed }) }),
          },
        ],
        expect: 201,
      }),
    );
  }

  // Each key sent above is confirmed once, so every answer should be a 200.
  const keys = want('phone-verify') ? ctx.sink.drain(firstKey) : [];
  if (want('phone-verify') && keys.length === 0) {
    note(`${b.label}: no keys reached the SMS sink; POST /phone-verify/confirm skipped`);
  } else if (keys.length > 0) {
    let next = 0;
    endpoints.push(
      await run({
        ...common,
        warmup: 0,
        amount: keys.length,
        name: 'POST /phone-verify/confirm',
        requests: [
          {
            ...post('/phone-verify/confirm', {}),
            setupRequest: (req) => {
              const k = keys[next++ % keys.length]!;
              return { ...req, body: JSON.stringify({ phone_number: k.phone, key: k.key }) };
            },
          },
        ],
        expect: 200,
      }),
    );
  }

  // The ceiling of login, measured right before and right after the login run, so that it
  // sees the same machine: on a shared host the hash rate drifts by tens of percent
  // within minutes, and the two runs bracket the login run's share of that drift.
  let hashOnly: HashOnly | undefined;
  if (want('login')) {
    const hashSeconds = o.smoke ? 1 : 5;
    await settle(svc.pid);
    const before = await measureHashOnly(hashSeconds, o.connections);
    endpoints.push(
      await run({
        ...common,
        warmup: Math.min(o.warmup, 2),
        name: 'POST /login',
        requests: accounts.map((a) => post('/login', { email: a.email, password: PASSWORD })),
        expect: 202,
      }),
    );
    await settle(svc.pid);
    const after = await measureHashOnly(hashSeconds, o.connections);
    const verifications = before.verifications + after.verifications;
    const seconds = before.seconds + after.seconds;
    hashOnly = { ...before, verifications, seconds, rate: verifications / seconds, bracket: [before.rate, after.rate] };
    const p = hashOnly.params;
    note(
      `${b.label}: argon2id alone: ${hashOnly.rate.toFixed(1)} verifications/s (${before.rate.toFixed(1)} before the login run, ` +
        `${after.rate.toFixed(1)} after; m=${p.memoryKib} KiB t=${p.iterations} p=${p.parallelism}, ` +
        `UV_THREADPOOL_SIZE=${hashOnly.threadPool}, ${hashOnly.cores} cores, ${hashOnly.concurrency} in flight)`,
    );
  }
  if (want('login-refresh')) {
    endpoints.push(
      await run({
        ...common,
        name: 'POST /login/refresh',
        requests: accounts.map((a) => post('/login/refresh', { refresh: a.refresh })),
        expect: 202,
      }),
    );
  }

  const bareAfter = await run({ ...bareSpec, name: 'bare node:http (again, at the end)' });
  const bare: LoadResult = {
    ...bareBefore,
    total: bareBefore.total + bareAfter.total,
    seconds: bareBefore.seconds + bareAfter.seconds,
    rps: (bareBefore.total + bareAfter.total) / (bareBefore.seconds + bareAfter.seconds),
    bracket: [bareBefore.rps, bareAfter.rps],
  };
  await settle(svc.pid);
  const hwmMb = svc.memory()?.hwm;
  let params: string | undefined;
  if (b.kind === 'postgres') params = await storedHashParams('postgres', b.url).catch(() => undefined);
  await stop();
  if (b.kind === 'pglite') params = await storedHashParams('pglite', b.url).catch(() => undefined);
  const logProblems = readFileSync(svc.logFile, 'utf8')
    .split('\n')
    .filter((l) => /"level":\s*(40|50|60)/.test(l));
  return {
    label: b.label,
    source: b.source,
    bare,
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

// ---------------------------------------------------------------- report

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtPct = (x: number) => `${(x * 100).toFixed(1)}%`;
const fmtMb = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(0)} MB`);
function fmtCodes(codes: Record<string, number>): string {
  return Object.entries(codes)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([code, n]) => `${code}×${n}`)
    .join(' ') || 'no answers';
}
/** A pino line as `msg: error (cause)`, without the query text that fills most of it. */
function describeLogLine(line: string): string {
  try {
    const j = JSON.parse(line) as { msg?: string; err?: { type?: string; message?: string; cause?: { message?: string; code?: string } } };
    const err = j.err;
    const what = err ? `${err.type ?? 'Error'}: ${(err.message ?? '').split('\n')[0]!.slice(0, 120)}` : '';
    const cause = err?.cause ? ` (cause: ${err.cause.code ?? ''} ${err.cause.message ?? ''})` : '';
    return `${j.msg ?? ''} ${what}${cause}`.slice(0, 400);
  } catch {
    return line.slice(0, 300);
  }
}

const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

interface Target {
  what: string;
  value: string;
  pass: boolean;
}

function targetsOf(r: BackendResult): Target[] {
  const find = (name: string) => r.endpoints.find((e) => e.name === name);
  const t: Target[] = [];
  const me = find('GET /users/me');
  if (me) {
    const ratio = me.rps / r.bare.rps;
    t.push({ what: 'GET /users/me ≥ 20% of the bare rps', value: fmtPct(ratio), pass: ratio >= 0.2 });
    t.push({ what: 'GET /users/me p99 < 25 ms', value: `${me.p99} ms`, pass: me.p99 < 25 });
  }
  const pv = find('POST /phone-verify');
  if (pv) {
    const ratio = pv.rps / r.bare.rps;
    t.push({ what: 'POST /phone-verify ≥ 5% of the bare rps', value: fmtPct(ratio), pass: ratio >= 0.05 });
  }
  const peak = r.hwmMb ?? Math.max(...r.endpoints.map((e) => e.peakRssMb ?? 0));
  t.push({ what: 'peak RSS of the service < 150 MB', value: fmtMb(peak), pass: peak < 150 });
  const login = find('POST /login');
  if (login && r.hashOnly) {
    const ratio = login.rps / r.hashOnly.rate;
    t.push({ what: 'POST /login ≥ 80% of the argon2id-only rate', value: fmtPct(ratio), pass: ratio >= 0.8 });
  }
  return t;
}

function report(o: Options, results: BackendResult[]): string[] {
  const summary: string[] = [];
  for (const r of results) {
    print();
    print(`## ${r.label} — ${r.source}`);
    print(
      `   service: node ${o.nodeArgs.map((a) => `${a} `).join('')}dist/start.cjs, NODE_ENV=production, DATABASE_POOL_SIZE=${o.poolSize ?? process.env.DATABASE_POOL_SIZE ?? '10 (default)'}; autocannon, ` +
        `${o.connections} connections, ${o.duration} s per endpoint${o.warmup ? ` after ${o.warmup} s of warm-up` : ''}`,
    );
    print(
      `${pad('endpoint', 28)}${lpad('rps', 9)}${lpad('of bare', 9)}${lpad('p50 ms', 8)}${lpad('p99 ms', 8)}` +
        `${lpad('peak RSS', 10)}  answers`,
    );
    for (const e of [r.bare, ...r.endpoints]) {
      let line =
        `${pad(e.name, 28)}${lpad(fmtInt(e.rps), 9)}${lpad(fmtPct(e.rps / r.bare.rps), 9)}` +
        `${lpad(String(e.p50), 8)}${lpad(String(e.p99), 8)}${lpad(fmtMb(e.peakRssMb), 10)}  ${fmtCodes(e.codes)}`;
      if (e.errors) line += ` (${e.errors} connection errors, ${e.timeouts} timeouts)`;
      if (e.name === 'POST /login' && r.hashOnly) line += `  = ${fmtPct(e.rps / r.hashOnly.rate)} of argon2id-only`;
      if (e.bracket) line += `  (pooled: ${fmtInt(e.bracket[0])} rps at the start, ${fmtInt(e.bracket[1])} at the end)`;
      print(line);
    }
    const me = r.endpoints.find((e) => e.name === 'GET /users/me');
    if (r.sweep.length && me) {
      print(
        `   GET /users/me by connections: ${[...r.sweep, me]
          .sort((a, b) => a.connections - b.connections)
          .map((e) => `${e.connections}: ${fmtInt(e.rps)} rps, p50 ${e.p50} ms, p99 ${e.p99} ms`)
          .join('; ')}`,
      );
    }
    print(
      `   RSS of the service: ${fmtMb(r.startRssMb)} started and idle, ${fmtMb(r.afterSetupRssMb)} after making the users ` +
        `(argon2 has run), peak over the whole run (VmHWM) ${fmtMb(r.hwmMb)}`,
    );
    const h = r.hashOnly;
    if (h) {
      print(
        `   argon2id alone: ${h.rate.toFixed(1)} verifications/s` +
          (h.bracket ? ` (${h.bracket[0].toFixed(1)} before POST /login, ${h.bracket[1].toFixed(1)} after)` : '') +
          ` (m=${h.params.memoryKib} KiB t=${h.params.iterations} ` +
          `p=${h.params.parallelism}, UV_THREADPOOL_SIZE=${h.threadPool}, ${h.cores} cores, ${h.concurrency} in flight); ` +
          `a stored hash says ${r.storedHashParams ?? '(not read)'}`,
      );
    }
    for (const e of r.endpoints) {
      if (e.okShare < 1) note(`${r.label}: ${e.name}: ${fmtPct(1 - e.okShare)} of the answers were not the expected status`);
    }
    if (r.logProblems.length) {
      note(`${r.label}: the service logged ${r.logProblems.length} lines at warn or above, e.g.:`);
      for (const l of r.logProblems.slice(0, 3)) print(`   ${describeLogLine(l)}`);
    }
    const targets = targetsOf(r);
    print(`targets${r.label === 'PostgreSQL' ? '' : ' (set for PostgreSQL; shown for comparison)'}:`);
    for (const t of targets) print(`  ${t.pass ? 'PASS' : 'FAIL'}  ${pad(t.what, 46)} ${t.value}`);
    summary.push(`${r.label} ${targets.filter((t) => t.pass).length}/${targets.length} targets met`);
  }
  return summary;
}

// ---------------------------------------------------------------- profile mode

async function profileRun(o: Options, work: string, sink: SmsSink, phones: PhoneNumbers, db: { kind: 'postgres' | 'pglite'; url: string; label: string }) {
  const dir = join(root, 'bench', 'profiles');
  mkdirSync(dir, { recursive: true });
  const interesting = [
    /authenticateRequest/,
    /findSessionUser/,
    /toUserResponse/,
    /formatPhoneNumber/,
    /parsePhoneNumber/,
    /sendKey/,
    /throttleSmsRequest/,
    /send .*webhook/,
    /serialize|stringify/i,
    /rateLimit|onRateLimit/,
  ];
  for (const target of o.targets) {
    const name = `${db.kind}-${target}.cpuprofile`;
    rmSync(join(dir, name), { force: true });
    const svc = await startService({
      root,
      cwd: work,
      databaseUrl: db.kind === 'pglite' ? join(work, `pglite-${target}`) : db.url,
      smsUrl: sink.url,
      poolSize: o.poolSize,
      name: `profile-${target}`,
      nodeArgs: [...o.nodeArgs, '--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', name],
    });
    cleanups.push(() => svc.stop());
    const accounts = target === 'phone-verify' ? [] : await createAccounts(svc.origin, sink, phones, Math.min(o.users, 20));
    await settle(svc.pid);
    const specs: Record<ProfileTarget, { name: string; requests: autocannon.Request[]; expect: number }> = {
      'users-me': {
        name: 'GET /users/me',
        requests: accounts.map((a) => ({ method: 'GET', path: '/api/v1/users/me', headers: { authorization: `Bearer ${a.access}` } })),
        expect: 200,
      },
      'phone-verify': {
        name: 'POST /phone-verify',
        requests: [
          {
            ...post('/phone-verify', {}),
            setupRequest: (req: autocannon.Request) => ({ ...req, body: JSON.stringify({ phone_number: phones.take().dashed }) }),
          },
        ],
        expect: 201,
      },
      login: {
        name: 'POST /login',
        requests: accounts.map((a) => post('/login', { email: a.email, password: PASSWORD })),
        expect: 202,
      },
      'login-refresh': {
        name: 'POST /login/refresh',
        requests: accounts.map((a) => post('/login/refresh', { refresh: a.refresh })),
        expect: 202,
      },
    };
    const spec = specs[target];
    const now = () => Number(process.hrtime.bigint() / 1000n);
    const window: [number, number] = [0, 0];
    const r = await measure({
      ...spec,
      origin: svc.origin,
      connections: o.connections,
      duration: o.duration,
      warmup: o.warmup,
      pid: svc.pid,
      onStart: () => (window[0] = now()),
      onEnd: () => (window[1] = now()),
    });
    note(`${spec.name}: ${Math.round(r.rps)} rps, p99 ${r.p99} ms, ${fmtCodes(r.codes)} (under the profiler)`);
    await svc.stop();
    const file = join(dir, name);
    if (!existsSync(file)) throw new Error(`no profile was written to ${file}`);
    printProfile(`${db.label}, ${spec.name} (${file})`, summarizeProfile(file, interesting, window), print);
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  // Nothing here may hang CI: the whole run has a deadline.
  const deadlineMin = o.smoke ? 10 : 60;
  setTimeout(() => {
    note(`the run took longer than ${deadlineMin} minutes; giving up`);
    void cleanup().finally(() => process.exit(1));
  }, deadlineMin * 60_000).unref();

  ensureBuilt();
  const work = mkdtempSync(join(tmpdir(), 'bench-run-'));
  cleanups.push(async () => rmSync(work, { recursive: true, force: true }));
  const sink = new SmsSink();
  await sink.start();
  cleanups.push(() => sink.stop());
  const phones = new PhoneNumbers();

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  print(
    `# account-service benchmark (${o.profile ? 'profile' : o.smoke ? 'smoke: tiny durations, targets not enforced' : 'full'})`,
  );
  print(
    `node ${process.version}, ${availableParallelism()} cores (${cpu}), load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at start`,
  );

  let pgTarget: PgTarget | undefined;
  if (o.only !== 'pglite') {
    const outcome = await providePostgres(process.env.BENCH_DATABASE_URL, note);
    if (outcome.ok) {
      pgTarget = outcome.target;
      cleanups.push(() => outcome.target.cleanup());
    } else {
      note(`PostgreSQL skipped: ${outcome.reason}`);
    }
  }

  if (o.profile) {
    const db = pgTarget
      ? { kind: 'postgres' as const, url: pgTarget.url, label: 'PostgreSQL' }
      : { kind: 'pglite' as const, url: '', label: 'PGlite' };
    await profileRun(o, work, sink, phones, db);
    await cleanup();
    return;
  }

  const bare = await startBare();

  const results: BackendResult[] = [];
  const ctx = { work, sink, phones, bare };
  if (pgTarget) {
    results.push(await runBackend(o, { label: 'PostgreSQL', kind: 'postgres', url: pgTarget.url, source: pgTarget.source }, ctx));
  }
  if (o.only !== 'postgres') {
    const dir = join(work, 'pglite');
    results.push(await runBackend(o, { label: 'PGlite', kind: 'pglite', url: dir, source: `embedded, data in a temp directory` }, ctx));
  }

  const summary = report(o, results);
  if (o.json) {
    writeFileSync(o.json, JSON.stringify({ options: o, results, at: new Date().toISOString() }, null, 2));
    note(`results written to ${o.json}`);
  }
  print();
  print(
    `SUMMARY: ${summary.join('; ') || 'nothing measured'}${o.smoke ? ' (smoke run: durations too short to judge)' : ''}` +
      `; load average ${loadavg()[0]!.toFixed(2)} at the end`,
  );
  await cleanup();

  // The numbers are not enforced, but a run whose requests mostly fail measures nothing.
  // (No answers at all within a smoke run's second is a slow machine, not a broken benchmark.)
  const broken = results.flatMap((r) =>
    r.endpoints.filter((e) => e.total > 0 && e.okShare < 0.5).map((e) => `${r.label} ${e.name}`),
  );
  if (broken.length) {
    print(`BROKEN: most answers had an unexpected status for ${broken.join(', ')}`);
    process.exitCode = 1;
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  async (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    await cleanup();
    process.exit(1);
  },
);
