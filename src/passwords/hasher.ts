import { pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import argon2 from 'argon2';
import { type Argon2Cost, argon2Params, argon2Problem, DJANGO_ARGON2, DJANGO_BOUNDS, djangoHashProblem, hashKind, verifyDjangoPbkdf2 } from './django.js';
import { type Gate, pacing, turns, waitUntil } from './pacing.js';

export { turns } from './pacing.js';

const pbkdf2Async = promisify(pbkdf2);

export interface Argon2Params {
  memoryKib: number;
  iterations: number;
  parallelism: number;
  /** Hashes computed at once; the rest wait their turn (ARGON2_CONCURRENCY, default: the core count). */
  concurrency: number;
  /** Django hashes checked at once, beside those (DJANGO_HASH_CONCURRENCY, default 1). */
  djangoConcurrency: number;
}

type Verdict = { ok: boolean; needsRehash: boolean };

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * True when the password matches; `needsRehash` says the stored hash should be replaced.
   * Without a stored hash (no such account, or one without a password) it spends the same
   * work on a dummy hash and answers false, so timing does not tell the cases apart.
   */
  verify(stored: string | null | undefined, password: string): Promise<Verdict>;
  /**
   * Login's check. With `djangoHashesStored` (the database holds Django hashes), a refusal
   * answers no sooner than a Django hash checked at the same moment would have been, so its
   * time tells no account's kind; while the queue of Django hashes is full, a refusal and
   * any Django hash answer `busy` instead (a 503).
   */
  verifyLogin(stored: string | null | undefined, password: string, djangoHashesStored: boolean): Promise<Verdict & { busy?: { retryAfter: number } }>;
  /** Spends the same work as a real verification, for accounts that do not exist. */
  verifyDummy(password: string): Promise<void>;
}

/**
 * argon2id with the configured cost (OWASP's m=19 MiB, t=2, p=1 by default), on its own
 * queue of ARGON2_CONCURRENCY. Django's hashes of imported users are verified on another,
 * of DJANGO_HASH_CONCURRENCY (issue 24, finding 3): they cost up to ten times as much, and
 * a burst of them took every slot, stalling every login behind it; on their own queue they
 * hold at most that many of the hashing threads, and that many times 100 MiB. A verified
 * Django hash is rehashed to argon2id. Hashing runs on libuv's thread pool, outside any
 * transaction.
 */
export function createPasswordHasher(params: Argon2Params): PasswordHasher {
  const options = { type: argon2.argon2id, memoryCost: params.memoryKib, timeCost: params.iterations, parallelism: params.parallelism } as const;
  const turn = turns(params.concurrency);
  const djangoTurn = turns(params.djangoConcurrency);
  const pace = pacing(djangoTurn, () => djangoTurn(calibrate));
  // A hash of this service's own form may ask for what the configuration does, or for as
  // much memory and work (memory times passes) as Django's most: a configuration lowered
  // since leaves older hashes that still verify.
  const ownMemory = Math.max(params.memoryKib, DJANGO_ARGON2.memoryKib);
  const ownWork = Math.max(params.memoryKib * params.iterations, DJANGO_ARGON2.memoryKib * DJANGO_ARGON2.time);
  const ownBound = (p: Argon2Cost): Argon2Cost => ({
    memoryKib: ownMemory,
    time: Math.floor(ownWork / p.memoryKib),
    parallelism: Math.max(params.parallelism, DJANGO_ARGON2.parallelism),
  });
  const dummyHash = argon2.hash('dummy password for absent accounts', options);
  const verifyDummy = async (password: string) => {
    const dummy = await dummyHash;
    await turn(() => argon2.verify(dummy, password));
  };
  /** On the Django queue, its time reported to the pace. */
  const django = <T>(task: () => Promise<T>) =>
    djangoTurn(async () => {
      const started = performance.now();
      try {
        return await task();
      } finally {
        pace.observe(performance.now() - started);
      }
    });
  const refused: Verdict = { ok: false, needsRehash: false };

  /** How a stored hash is checked: the queue it costs a turn on and the check; undefined when it cannot be. */
  function checkOf(stored: string | null | undefined): { onDjangoQueue: boolean; run: (password: string) => Promise<Verdict> } | undefined {
    const kind = stored ? hashKind(stored) : undefined;
    if (!stored || !kind) return undefined;
    if (kind !== 'argon2') {
      if (djangoHashProblem(stored)) return undefined;
      const phc = stored.slice('argon2'.length);
      const check = kind === 'pbkdf2' ? (pw: string) => verifyDjangoPbkdf2(stored, pw) : (pw: string) => argon2.verify(phc, pw);
      return {
        onDjangoQueue: true,
        run: async (pw) => {
          const ok = await django(() => check(pw));
          return { ok, needsRehash: ok };
        },
      };
    }
    const p = argon2Params(stored);
    if (!p || argon2Problem(p, ownBound(p))) return undefined;
    // Dearer than the configured hash (written under an older configuration): on the Django queue too.
    const dear = p.memoryKib > params.memoryKib || p.memoryKib * p.time > params.memoryKib * params.iterations;
    return {
      onDjangoQueue: dear,
      run: async (pw) => {
        const ok = await (dear ? django : turn)(() => argon2.verify(stored, pw));
        return { ok, needsRehash: ok && argon2.needsRehash(stored, options) };
      },
    };
  }

  async function verify(stored: string | null | undefined, password: string): Promise<Verdict> {
    // No hash, or one that cannot be verified within bounds (an imported hash may be
    // hostile): the dummy's work, then a failed login, never an error or a longer wait.
    const check = checkOf(stored);
    if (!check) return verifyDummy(password).then(() => refused);
    return check.run(password).catch(() => refused);
  }

  return {
    hash: (password) => turn(() => argon2.hash(password, options)),
    verify,
    async verifyLogin(stored, password, djangoHashesStored) {
      if (!djangoHashesStored) return verify(stored, password);
      await pace.ready();
      // The gate and the Django check's place in the queue are taken in one tick.
      const gate: Gate = pace.gate();
      const check = checkOf(stored);
      const verdict = gate.busy && check?.onDjangoQueue ? refused : await verify(stored, password);
      if (verdict.ok) return verdict;
      await waitUntil(gate.until);
      return gate.busy ? { ...refused, busy: gate.busy } : refused;
    },
    verifyDummy,
  };
}

/** The costliest hash within Django's bounds, as this machine computes it now: pbkdf2's or argon2's, whichever is dearer. */
async function calibrate(): Promise<number> {
  const started = performance.now();
  await pbkdf2Async('calibration', 'calibration salt', DJANGO_BOUNDS.pbkdf2Iterations, 32, 'sha256');
  const middle = performance.now();
  await argon2.hash('calibration', { type: argon2.argon2id, memoryCost: DJANGO_ARGON2.memoryKib, timeCost: DJANGO_ARGON2.time, parallelism: DJANGO_ARGON2.parallelism });
  return Math.max(middle - started, performance.now() - middle);
}
