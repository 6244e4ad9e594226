/*
 * The pace of login's refusals while the database holds Django hashes (issue 24, finding 3).
 * A wrong password for an imported account cost Django's hash (pbkdf2 at 870,000 iterations:
 * 195-370 ms) where a native or unknown one cost argon2id (25-50 ms), which told Django-era
 * accounts apart and which had not logged in since. Those hashes cannot be made cheaper (a
 * wrapping hash still needs Django's first), so every refusal waits instead: until a Django
 * hash arriving at the same moment would have been checked, counting the ones queued before
 * it. Waiting costs a timer, not a core.
 */

/** Runs at most `slots` tasks at once, the others in arrival order; `running` and `waiting` say how many now. */
export interface Turns {
  <T>(task: () => Promise<T>): Promise<T>;
  readonly slots: number;
  readonly running: number;
  readonly waiting: number;
}

/**
 * Runs at most `slots` tasks at once, the others in arrival order. argon2id is meant to
 * use all of a core and its memory for its whole run: with more hashes than cores in
 * flight they only slice the cores between them, each holding its memory longer, while the
 * event loop and the database wait for a slice too.
 */
export function turns(slots: number): Turns {
  let running = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };
  const run = async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < slots) running++;
    else await new Promise<void>((resolve) => queue.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
  return Object.defineProperties(run, {
    slots: { value: slots },
    running: { get: () => running },
    waiting: { get: () => queue.length },
  }) as Turns;
}

/** A Django hash may take this much longer than the slowest one measured before a refusal shows it. */
const MARGIN = 1.25;
/** Django hashes kept waiting, per slot, before password logins are refused with 503: a longer queue only makes every refusal slower. */
export const WAITING_PER_SLOT = 4;
/** The slowest of the last this many Django checks raises the pace when the machine is busier than at calibration. */
const RECENT = 20;

export interface Gate {
  /** When, on performance.now()'s clock, a refusal may answer. */
  until: number;
  /** The queue of Django hashes is full: a refusal, and any Django hash, is a 503 with this Retry-After. */
  busy: { retryAfter: number } | undefined;
}

/**
 * The pace for `queue`, the turns of Django hashes. `calibrate` measures, once and on that
 * queue, the costliest hash within Django's bounds; each Django check reports its own time.
 */
export function pacing(queue: Turns, calibrate: () => Promise<number>) {
  let calibrated: Promise<number> | undefined;
  let measured = 0;
  const recent: number[] = [];
  return {
    observe(ms: number): void {
      recent.push(ms);
      if (recent.length > RECENT) recent.shift();
    },
    /** Resolves once the calibration is done: the first login after a start waits for it, whatever its account. */
    async ready(): Promise<void> {
      // Were the measurement to fail, a second a hash: slower refusals, never a leak or a 500.
      calibrated ??= calibrate().catch(() => 1000);
      measured = await calibrated;
    },
    /**
     * The gate of a password checked now, after {@link ready}: the same for every kind of
     * account. Taken in the same tick as a Django check joins the queue, so it counts
     * exactly the checks that one waits behind.
     */
    gate(): Gate {
      const started = performance.now();
      const perHash = Math.max(measured, ...recent) * MARGIN;
      // Those ahead leave a slot each perHash at worst; then this one's own check.
      const wait = perHash * (Math.floor((queue.running + queue.waiting) / queue.slots) + 1);
      const full = queue.waiting >= WAITING_PER_SLOT * queue.slots;
      return { until: started + wait, busy: full ? { retryAfter: Math.max(1, Math.ceil(wait / 1000)) } : undefined };
    },
  };
}

export async function waitUntil(until: number): Promise<void> {
  const left = until - performance.now();
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}
