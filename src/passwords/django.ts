import { pbkdf2, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/*
 * The hashes of the Django service, kept as Django wrote them (import-django), and the most
 * work one may ask of a login: what Django itself produces (issue 24, finding 13). A hash
 * past that is no Django default, only someone's weapon; its user is skipped at import and
 * logs in by SMS key or resets the password.
 */

/**
 * PBKDF2PasswordHasher.iterations by release, from Django's release notes: raised each
 * release so that a hash costs about the same on the hardware of its day. The bound is the
 * newest release's; raise it (and its row) when a Django release raises it.
 */
export const DJANGO_PBKDF2_ITERATIONS = {
  '1.4': 10_000,
  '1.6': 12_000,
  '1.7': 15_000,
  '1.8': 20_000,
  '1.9': 24_000,
  '1.10': 30_000,
  '1.11': 36_000,
  '2.0': 100_000,
  '2.1': 120_000,
  '2.2': 150_000,
  '3.0': 180_000,
  '3.1': 216_000,
  '3.2': 260_000,
  '4.0': 320_000,
  '4.1': 390_000,
  '4.2': 600_000,
  '5.0': 720_000,
  '5.1': 870_000,
  '5.2': 1_000_000,
  '6.0': 1_200_000,
  '6.1': 1_500_000,
} as const;

/**
 * Argon2PasswordHasher's parameters: t = 2, m = 512 KiB, p = 2 (argon2i) from Django 1.10;
 * t = 2, m = 102,400 KiB (100 MiB), p = 8 (argon2id) since 3.2, argon2-cffi's defaults.
 */
export const DJANGO_ARGON2 = { memoryKib: 102_400, time: 2, parallelism: 8 } as const;

export const DJANGO_BOUNDS = {
  pbkdf2Iterations: Math.max(...Object.values(DJANGO_PBKDF2_ITERATIONS)),
  ...DJANGO_ARGON2,
} as const;

const PBKDF2 = /^pbkdf2_sha256\$(\d{1,10})\$([^$]{1,128})\$([A-Za-z0-9+/]{43}=)$/;
// The parameters in any order: Django writes m,t,p and node-argon2 m,p,t.
const ARGON2 = /^\$argon2(?:id|i|d)\$(?:v=(?:16|19)\$)?((?:[mtp]=\d{1,10},){2}[mtp]=\d{1,10})\$[A-Za-z0-9+/]{11,86}\$[A-Za-z0-9+/]{22,86}$/;

export type HashKind = 'pbkdf2' | 'django-argon2' | 'argon2';

/** Django's `pbkdf2_sha256$…` and `argon2$argon2id$…` (kept as Django wrote them), or this service's `$argon2id$…`. */
export const hashKind = (stored: string): HashKind | undefined =>
  stored.startsWith('pbkdf2_sha256$') ? 'pbkdf2' : stored.startsWith('argon2$') ? 'django-argon2' : stored.startsWith('$argon2') ? 'argon2' : undefined;

export interface Argon2Cost {
  memoryKib: number;
  time: number;
  parallelism: number;
}

/** The PHC string's parameters, or undefined when it does not parse (salt and a 16-64 byte hash, in base64). */
export function argon2Params(phc: string): Argon2Cost | undefined {
  const params = new Map(ARGON2.exec(phc)?.[1]?.split(',').map((kv) => [kv[0], Number(kv.slice(2))]));
  if (params.size !== 3) return undefined;
  return { memoryKib: params.get('m')!, time: params.get('t')!, parallelism: params.get('p')! };
}

/** Why an argon2 hash's parameters are beyond `bound`, or undefined. */
export function argon2Problem(p: Argon2Cost, bound: Argon2Cost): string | undefined {
  if (p.parallelism < 1 || p.parallelism > bound.parallelism) return `argon2 with p=${p.parallelism}, out of bounds (1 to ${bound.parallelism})`;
  if (p.memoryKib < 8 * p.parallelism || p.memoryKib > bound.memoryKib) return `argon2 with m=${p.memoryKib} KiB, out of bounds (at most ${bound.memoryKib})`;
  if (p.time < 1 || p.time > bound.time) return `argon2 with t=${p.time}, out of bounds (1 to ${bound.time})`;
  return undefined;
}

/**
 * Why a Django hash (`pbkdf2_sha256$…` or `argon2$…`, as Django stores it) cannot be taken:
 * it does not parse, or asks for more than Django's defaults ({@link DJANGO_BOUNDS}).
 * Undefined when it can; anything else is not a Django hash this service verifies.
 */
export function djangoHashProblem(stored: string): string | undefined {
  const kind = hashKind(stored);
  if (kind === 'pbkdf2') {
    const m = PBKDF2.exec(stored);
    if (!m) return 'a pbkdf2_sha256 hash that does not parse';
    const iterations = Number(m[1]);
    if (iterations < 1 || iterations > DJANGO_BOUNDS.pbkdf2Iterations) {
      return `pbkdf2_sha256 with ${iterations} iterations, out of bounds (1 to ${DJANGO_BOUNDS.pbkdf2Iterations}, Django ${Object.keys(DJANGO_PBKDF2_ITERATIONS).at(-1)}'s)`;
    }
    return undefined;
  }
  if (kind === 'django-argon2') {
    const params = argon2Params(stored.slice('argon2'.length));
    return params ? argon2Problem(params, DJANGO_ARGON2) : 'an argon2 hash that does not parse';
  }
  return 'not a pbkdf2_sha256 or argon2 hash';
}

/** Django's format: `pbkdf2_sha256$<iterations>$<salt>$<base64 of the 32-byte sha256 derived key>`, within bounds. */
export async function verifyDjangoPbkdf2(stored: string, password: string): Promise<boolean> {
  const m = PBKDF2.exec(stored);
  if (!m || djangoHashProblem(stored)) return false;
  const expected = Buffer.from(m[3]!, 'base64');
  const derived = await pbkdf2Async(password, m[2]!, Number(m[1]), 32, 'sha256');
  return derived.length === expected.length && timingSafeEqual(derived, expected);
}
