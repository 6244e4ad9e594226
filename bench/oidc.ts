import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { login, usersMe } from './endpoints.js';
import type { LoadResult } from './load.js';
import { fmtInt, fmtPct, note } from './output.js';
import type { Phase } from './phases.js';
import { root } from './runner.js';
import { serviceEnv, startService } from './service.js';
import { mapLimit, settle } from './util.js';

/*
 * Issue 28: what mounting the OpenID provider costs the JSON API, and what its token
 * endpoint does on its own. Two more services on the run's PostgreSQL database, started
 * fresh and alike, one with OIDC_PROVIDER=off (A) and one with =on (B): GET /users/me and
 * POST /login are measured on A and B in turn (A B A B A B, BENCH_OIDC_ROUNDS pairs), so a
 * machine that gets busier halfway weighs on both alike. Then B's token endpoint: refresh
 * tokens from a pool that every answer refills (rotation), and authorization codes minted
 * just before through the real flow (sign-in session, consent), each exchanged once.
 */

const REDIRECT = 'http://127.0.0.1:9/cb';
/** A B pairs per endpoint (BENCH_OIDC_ROUNDS): more, shorter pairs (with --duration) drift less on a busy host. */
const ROUNDS = Number(process.env.BENCH_OIDC_ROUNDS ?? 3);
const VERIFIER = randomBytes(32).toString('base64url');
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

/** The two runs of each side pooled: answers over the time of both. */
function pooled(name: string, runs: LoadResult[]): LoadResult {
  const total = runs.reduce((n, r) => n + r.total, 0);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  const codes: Record<string, number> = {};
  for (const r of runs) for (const [c, n] of Object.entries(r.codes)) codes[c] = (codes[c] ?? 0) + n;
  return {
    ...runs[0]!,
    name,
    total,
    seconds,
    rps: total / seconds,
    p50: Math.max(...runs.map((r) => r.p50)),
    p99: Math.max(...runs.map((r) => r.p99)),
    codes,
    okShare: runs.reduce((n, r) => n + r.okShare * r.total, 0) / Math.max(1, total),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb ?? 0)),
    bracket: [runs[0]!.rps, runs.at(-1)!.rps],
  };
}

/** `account-service oidc-clients create`, through the built CLI: a confidential first-party app. */
function registerClient(databaseUrl: string): Promise<{ id: string; secret: string }> {
  const env = { ...serviceEnv({ port: 0, databaseUrl, smsUrl: 'http://127.0.0.1:9/', poolSize: 2 }), LOG_LEVEL: 'silent' };
  const args = ['oidc-clients', 'create', '--name', 'bench', '--first-party', '--redirect-uri', REDIRECT];
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { env }, (err, stdout, stderr) => {
      const id = /^client_id: (\S+)$/m.exec(stdout)?.[1];
      const secret = /^client_secret: (\S+)$/m.exec(stdout)?.[1];
      if (err || !id || !secret) reject(new Error(`oidc-clients create failed: ${stderr}`));
      else resolve({ id, secret });
    }),
  );
}

/** A browser's cookies, enough for the provider's: name → value, sent everywhere. */
class Jar {
  private readonly cookies = new Map<string, string>();
  header = () => [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const value = pair!.slice(at + 1);
      if (value) this.cookies.set(pair!.slice(0, at), value);
      else this.cookies.delete(pair!.slice(0, at));
    }
  }
}

/**
 * One code as an app gets it: the authorization request, a sign-in or consent interaction
 * if one is due, and back. `offline`: with `offline_access` (so the exchange answers a
 * refresh token), which needs `prompt=consent`, so a consent interaction every time;
 * otherwise, once the browser has a sign-in session, one redirect.
 */
async function mintCode(origin: string, clientId: string, access: string, jar: Jar, offline: boolean): Promise<string> {
  // The provider answers with PUBLIC_URL's addresses (a TLS proxy's, as deployed); the bench speaks to the service behind it.
  const go = async (url: string, init: RequestInit = {}) => {
    const { pathname, search } = new URL(url, origin);
    const res = await fetch(new URL(pathname + search, origin), { ...init, redirect: 'manual', headers: { ...init.headers, cookie: jar.header() } });
    jar.keep(res);
    return res;
  };
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: offline ? 'openid profile offline_access' : 'openid profile',
    ...(offline ? { prompt: 'consent' } : {}),
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('hex'),
  });
  let res = await go(`/oidc/auth?${query}`);
  for (let step = 0; step < 6; step++) {
    const location = res.headers.get('location');
    await res.arrayBuffer();
    if (!location) throw new Error(`minting a code: ${res.status} without a redirect`);
    if (location.startsWith(REDIRECT)) return new URL(location).searchParams.get('code')!;
    const interaction = /\/account\/oidc\/([\w-]+)$/.exec(new URL(location, origin).pathname);
    if (!interaction) {
      res = await go(location);
      continue;
    }
    const details = (await (await go(`${interaction[0]}/details`)).json()) as { prompt: string };
    const answer = await go(`${interaction[0]}/${details.prompt}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', authorization: `Bearer ${access}` },
      body: '{}',
    });
    res = await go(((await answer.json()) as { redirect_to: string }).redirect_to);
  }
  throw new Error('minting a code: too many redirects');
}

const tokenRequest = (basic: string, body: (i: number) => string, onResponse?: (status: number, body: string) => void): autocannon.Request => {
  let next = 0;
  return {
    method: 'POST',
    path: '/oidc/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    setupRequest: (req: autocannon.Request) => ({ ...req, body: body(next++) }),
    ...(onResponse ? { onResponse } : {}),
  };
};

export async function measureOidc(p: Phase, svcOptions: { cwd: string; databaseUrl: string; name: string }): Promise<LoadResult[]> {
  // Both sides fresh and started alike: the run's own service has made the users (argon2id,
  // a larger heap), which would weigh on one side only.
  const start = (env: Record<string, string>, name: string) =>
    startService({ root, ...svcOptions, name, smsUrl: p.sink.url, poolSize: p.o.poolSize, nodeArgs: p.o.nodeArgs, env });
  const without = await start({}, `${svcOptions.name}-off`);
  // Production requires an https issuer: as deployed, behind a TLS proxy the bench goes around.
  const b = await start({ OIDC_PROVIDER: 'on', PUBLIC_URL: 'https://accounts.bench.invalid' }, `${svcOptions.name}-on`).catch(async (err: unknown) => {
    await without.stop();
    throw err;
  });
  try {
    note(`${p.label}: two services beside the run's own: OIDC_PROVIDER=off pid ${without.pid} (A), =on pid ${b.pid} (B)`);
    const a = { pid: without.pid, origin: without.origin };
    const on = { pid: b.pid, origin: b.origin };
    const sides = async (spec: Omit<Parameters<Phase['run']>[0], 'pid' | 'origin'>, what: string) => {
      const runs: { off: LoadResult[]; on: LoadResult[] } = { off: [], on: [] };
      for (let round = 0; round < ROUNDS; round++) {
        runs.off.push(await p.run({ ...spec, ...a, name: `${what} off` }));
        runs.on.push(await p.run({ ...spec, ...on, name: `${what} on` }));
      }
      const off = pooled(`${what}, OIDC off`, runs.off);
      const withOidc = pooled(`${what}, OIDC on`, runs.on);
      // Each pair ran back to back: its ratio is the least touched by the machine's load drifting.
      const pairs = runs.on.flatMap((r, i) => (runs.off[i]!.rps > 0 ? [r.rps / runs.off[i]!.rps] : [])).sort((x, y) => x - y);
      const median = pairs.length ? fmtPct(pairs[Math.floor(pairs.length / 2)]!) : 'n/a';
      note(
        `${p.label}: ${what} with the provider mounted: ${off.rps > 0 ? fmtPct(withOidc.rps / off.rps) : 'n/a'} of the rate without, pooled ` +
          `(${fmtInt(withOidc.rps)} / ${fmtInt(off.rps)} rps); pair by pair ${pairs.map(fmtPct).join(', ')}, median ${median}`,
      );
      return [off, withOidc];
    };
    const results = [
      ...(await sides({ ...p.common, ...usersMe(p.accounts) }, 'GET /users/me')),
      // Login is argon2id's rate whatever the connections: 16 keep its queue inside a run's seconds.
      ...(await sides({ ...p.common, connections: Math.min(16, p.o.connections), ...login(p.accounts) }, 'POST /login')),
    ];

    const client = await registerClient(svcOptions.databaseUrl);
    const basic = Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString('base64');
    // One browser per user (a browser's sign-in session is one user's), each minting in turn.
    const browsers = p.accounts.slice(0, 16).map((account) => ({ account, jar: new Jar() }));
    const mint = async (n: number, offline: boolean) => {
      const codes: string[] = [];
      const started = Date.now();
      await mapLimit(browsers, browsers.length, async ({ account, jar }) => {
        while (codes.length < n) codes.push(await mintCode(b.origin, client.id, account.access, jar, offline));
      });
      note(`${p.label}: ${codes.length} codes${offline ? ' with offline_access (consent each)' : ''} minted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return codes.slice(0, n);
    };
    const exchange = (codes: string[], onResponse?: (status: number, body: string) => void) =>
      tokenRequest(basic, (i) => new URLSearchParams({ grant_type: 'authorization_code', code: codes[i]!, redirect_uri: REDIRECT, code_verifier: VERIFIER }).toString(), onResponse);

    // Refresh tokens first: a pool of them, each connection's answer putting the rotated one back.
    const pool: string[] = [];
    const offline = await mint(p.o.smoke ? 8 : 2 * p.o.connections, true);
    await p.run({ ...p.common, ...on, warmup: 0, amount: offline.length, connections: Math.min(8, offline.length), name: 'exchange for refresh tokens', requests: [exchange(offline, (status, body) => status === 200 && pool.push((JSON.parse(body) as { refresh_token: string }).refresh_token))], expect: 200 });
    const refresh: autocannon.Request = {
      ...tokenRequest(basic, () => new URLSearchParams({ grant_type: 'refresh_token', refresh_token: pool.shift() ?? 'none-left' }).toString()),
      onResponse: (status, body) => void (status === 200 && pool.push((JSON.parse(body) as { refresh_token: string }).refresh_token)),
    };
    results.push(await p.run({ ...p.common, ...on, connections: Math.min(p.o.connections, pool.length), name: 'POST /oidc/token (refresh)', requests: [refresh], expect: 200 }));

    // Codes live 60 s: made just before, about what the endpoint takes in `duration` seconds.
    const warm = p.o.smoke ? 0 : 100;
    const codes = await mint((p.o.smoke ? 16 : Math.round(p.o.duration * 100)) + warm, false);
    if (warm) await p.run({ ...p.common, ...on, warmup: 0, amount: warm, name: 'warm-up', requests: [exchange(codes)], expect: 200 });
    results.push(await p.run({ ...p.common, ...on, warmup: 0, amount: codes.length - warm, name: 'POST /oidc/token (code)', requests: [exchange(codes.slice(warm))], expect: 200 }));
    return results;
  } finally {
    for (const [svc, which] of [[without, 'off'], [b, 'on']] as const) {
      const how = await svc.stop();
      if (how !== 'exit code 0') note(`${p.label}: the OIDC_PROVIDER=${which} service ended with ${how}`);
    }
  }
}
