import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/**
 * Makes `name` once per test run, in the run's folder (test/global-setup.ts): the first test
 * file to ask makes it while the others wait, so a run pays once for what no test changes
 * (the built package, a migrated database), and a run that never asks pays nothing.
 * Made in a folder of its own and renamed when complete, so nobody sees half of it; a maker
 * that fails or dies leaves the next file to try again.
 */
export async function oncePerRun(name: string, make: (dir: string) => Promise<void>, ms = 300_000): Promise<string> {
  const dir = join(inject('runDir'), name);
  const lock = `${dir}.lock`;
  const deadline = Date.now() + ms;
  for (;;) {
    if (existsSync(dir)) return dir;
    if (takeLock(lock)) {
      try {
        if (existsSync(dir)) return dir;
        const making = `${dir}.making`;
        rmSync(making, { recursive: true, force: true });
        mkdirSync(making);
        await make(making);
        renameSync(making, dir);
        return dir;
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
    if (holderIsGone(lock)) rmSync(lock, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new Error(`${dir} was not made within ${ms} ms`);
    else await new Promise((r) => setTimeout(r, 100));
  }
}

/** mkdir is atomic: exactly one caller gets the lock. */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  writeFileSync(join(lock, 'pid'), String(process.pid));
  return true;
}

/** True when the process holding the lock has ended without letting it go (a worker stopped mid-test). */
function holderIsGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    return false;
  }
  if (!pid || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
