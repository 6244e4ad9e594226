import { root } from './runner.js';
import { startFlags } from './service.js';

export interface Options {
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

export const PROFILE_TARGETS = ['users-me', 'users-me-hs256', 'phone-verify', 'login', 'login-refresh', 'introspect', 'signup', 'oidc'] as const;
export type ProfileTarget = (typeof PROFILE_TARGETS)[number];

/** The command line (see run.ts), with BENCH_* variables for what it leaves out. */
export function parseOptions(argv: string[]): Options {
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
  // `oidc` (issue 28: the OpenID provider on and off side by side, its token endpoint) only when asked for.
  const fallback = flags.has('profile') ? 'users-me,phone-verify' : PROFILE_TARGETS.filter((t) => t !== 'oidc').join(',');
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
