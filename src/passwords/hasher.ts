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

  return {
    hash: (password) => turn(() => argon2.hash(password, options)),
    async verify(stored, password) {
      if (!stored) {
        await verifyDummy(password);
        return { ok: false, needsRehash: false };
      }
      if (stored.startsWith('pbkdf2_sha256$')) {
        return { ok: await turn(() => verifyDjangoPbkdf2(stored, password)), needsRehash: true };
      }
      if (!stored.startsWith('$argon2')) return { ok: false, needsRehash: false };
      const ok = await turn(() => argon2.verify(stored, password));
      return { ok, needsRehash: ok && argon2.needsRehash(stored, options) };
    },
    verifyDummy,
  };
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

/** Django's format: `pbkdf2_sha256$<iterations>$<salt>$<base64 sha256 derived key>`. */
export async function verifyDjangoPbkdf2(stored: string, password: string): Promise<boolean> {
  const [algorithm, iterText, salt, expected] = stored.split('$');
  const iterations = Number(iterText);
  if (algorithm !== 'pbkdf2_sha256' || !salt || !expected || !Number.isInteger(iterations) || iterations < 1) {
    return false;
  }
  const expectedBytes = Buffer.from(expected, 'base64');
  const derived = await pbkdf2Async(password, salt, iterations, expectedBytes.length || 32, 'sha256');
  return derived.length === expectedBytes.length && timingSafeEqual(derived, expectedBytes);
}
