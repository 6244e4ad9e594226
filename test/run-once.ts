import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/**
 * Makes `name` once per test run, in the run's folder (test/global-setup.ts): the first test
 * file to ask makes it while the others wait, so a run pays once for what no test changes
 * (the built package, a migrated database), and a run that never asks pays nothing.
 */
export async function oncePerRun(name: string, make: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(inject('runDir'), name);
  try {
    // Atomic: exactly one caller of the run creates the folder and makes what goes in it.
    mkdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return madeElsewhere(dir);
  }
  try {
    await make(dir);
  } catch (err) {
    writeFileSync(`${dir}.failed`, String((err as Error).stack ?? err));
    throw err;
  }
  writeFileSync(`${dir}.done`, '');
  return dir;
}

async function madeElsewhere(dir: string, ms = 300_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (existsSync(`${dir}.done`)) return dir;
    if (existsSync(`${dir}.failed`)) throw new Error(`making ${dir} failed in another test file:\n${readFileSync(`${dir}.failed`, 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`${dir} was not made within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
