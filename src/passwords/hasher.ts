import { pbkdf2, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import argon2 from 'argon2';

const pbkdf2Async = promisify(pbkdf2);

export interface Argon2Params {
  memoryKib: number;
  iterations: number;
  parallelism: number;
  /** Hashes computed at once; the rest wait their turn (ARGON2_CONCURRENCY, default: the core count). */
  concurrency: number;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * True when the password matches; `needsRehash` says the stored hash should be replaced.
   * Without a stored hash (no such account, or one without a password) it spends the same
   * work on a dummy hash and answers false, so timing does not tell the cases apart.
   */
  verify(stored: string | null | undefined, password: string): Promise<{ ok: boolean; needsRehash: boolean }>;
  /** Spends the same work as a real verification, for accounts that do not exist. */
  verifyDummy(password: string): Promise<void>;
}

/**
 * argon2id with the configured cost (OWASP's m=19 MiB, t=2, p=1 by default). Django's
 * `pbkdf2_sha256$…` hashes of imported users are verified too and flagged for rehash.
 * Hashing runs on libuv's thread pool, outside any database transaction.
 */
export function createPasswordHasher(params: Argon2Params): PasswordHasher {
  const options = {
    type: argon2.argon2id,
    memoryCost: params.memoryKib,
    timeCost: params.iterations,
    parallelism: params.parallelism,
  } as const;
  const turn = turns(params.concurrency);
  const dummyHash = argon2.hash('dummy password for absent accounts', options);
  const verifyDummy = async (password: string) => {
    const dummy = await dummyHash;
    await turn(() => argon2.verify(dummy, password));
  };

  const refused = { ok: false, needsRehash: false };

  return {
    hash: (password) => turn(() => argon2.hash(password, options)),
    async verify(stored, password) {
      const kind = stored ? hashKind(stored) : undefined;
      // No hash, or one that cannot be verified within bounds (an imported hash may be
      // hostile): the dummy's work, then a failed login, never an error or a longer wait.
      if (!stored || !kind || storedHashProblem(stored)) {
        await verifyDummy(password);
        return refused;
      }
      try {
        if (kind === 'pbkdf2') return { ok: await turn(() => verifyDjangoPbkdf2(stored, password)), needsRehash: true };
        const ok = await turn(() => argon2.verify(stored, password));
        return { ok, needsRehash: ok && argon2.needsRehash(stored, options) };
      } catch {
        return refused;
      }
    },
    verifyDummy,
  };
}

/** The most a stored hash may ask for, so that no hash (an imported one) costs more than a login should. */
export const HASH_BOUNDS = { pbkdf2Iterations: 2_000_000, argon2MemoryKib: 256 * 1024, argon2Time: 10, argon2Parallelism: 16 } as const;

const PBKDF2 = /^pbkdf2_sha256\$(\d{1,10})\$([^$]{1,128})\$([A-Za-z0-9+/]{43}=)$/;
// The parameters in any order: Django writes m,t,p and node-argon2 m,p,t.
const ARGON2 =
  /^\$argon2(?:id|i|d)\$(?:v=(?:16|19)\$)?((?:[mtp]=\d{1,10},){2}[mtp]=\d{1,10})\$[A-Za-z0-9+/]{11,86}\$[A-Za-z0-9+/]{22,86}$/;

const hashKind = (stored: string) =>
  stored.startsWith('pbkdf2_sha256$') ? 'pbkdf2' : stored.startsWith('$argon2') ? 'argon2' : undefined;

/**
 * Why a stored pbkdf2_sha256 or argon2 hash cannot be verified: it does not parse (salt and
 * a 32-byte pbkdf2 key or a 16-64 byte argon2 hash, in their formats) or its parameters are
 * out of bounds ({@link HASH_BOUNDS}). Undefined when it can; import-django refuses the rest.
 */
export function storedHashProblem(stored: string): string | undefined {
  const kind = hashKind(stored);
  if (kind === 'pbkdf2') {
    const m = PBKDF2.exec(stored);
    if (!m) return 'a pbkdf2_sha256 hash that does not parse';
    const iterations = Number(m[1]);
    if (iterations < 1 || iterations > HASH_BOUNDS.pbkdf2Iterations) {
      return `pbkdf2_sha256 with ${iterations} iterations, out of bounds (1 to ${HASH_BOUNDS.pbkdf2Iterations})`;
    }
    return undefined;
  }
  if (kind === 'argon2') {
    const params = new Map(ARGON2.exec(stored)?.[1]?.split(',').map((kv) => [kv[0], Number(kv.slice(2))]));
    if (params.size !== 3) return 'an argon2 hash that does not parse';
    const [memory, time, parallelism] = [params.get('m')!, params.get('t')!, params.get('p')!];
    if (parallelism < 1 || parallelism > HASH_BOUNDS.argon2Parallelism) return `argon2 with p=${parallelism}, out of bounds`;
    if (memory < 8 * parallelism || memory > HASH_BOUNDS.argon2MemoryKib) return `argon2 with m=${memory} KiB, out of bounds`;
    if (time < 1 || time > HASH_BOUNDS.argon2Time) return `argon2 with t=${time}, out of bounds`;
    return undefined;
  }
  return 'not a pbkdf2_sha256 or argon2 hash';
}

/**
 * Runs at most `slots` tasks at once, the others in arrival order. argon2id is meant to
 * use all of a core and 19 MiB for its whole run: with more hashes than cores in flight
 * they only slice the cores between them, each holding its memory longer, while the
 * event loop and the database wait for a slice too.
 */
export function turns(slots: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };
  return async (task) => {
    if (running < slots) running++;
    else await new Promise<void>((resolve) => queue.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/** Django's format: `pbkdf2_sha256$<iterations>$<salt>$<base64 of the 32-byte sha256 derived key>`, within bounds. */
export async function verifyDjangoPbkdf2(stored: string, password: string): Promise<boolean> {
  const m = PBKDF2.exec(stored);
  if (!m || storedHashProblem(stored)) return false;
  const expected = Buffer.from(m[3]!, 'base64');
  const derived = await pbkdf2Async(password, m[2]!, Number(m[1]), 32, 'sha256');
  return derived.length === expected.length && timingSafeEqual(derived, expected);
}
