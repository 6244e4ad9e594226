import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { note } from './output.js';

/** The repository, seen from the compiled runner in dist/bench/. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

const cleanups: (() => Promise<unknown>)[] = [];

/** Runs `fn` when the run ends, the last registered first. */
export function onCleanup(fn: () => Promise<unknown>): void {
  cleanups.push(fn);
}

export async function cleanup(): Promise<void> {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (err) {
      note(`cleanup: ${(err as Error).message}`);
    }
  }
}

/** Ctrl-C or a kill stops what the run started before the runner exits. */
export function cleanupOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      note(`${signal}: stopping`);
      void cleanup().finally(() => process.exit(130));
    });
  }
}

/** `npm run build` when dist/start.cjs is missing or older than a file under src/. */
export function ensureBuilt(): void {
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
export function nodeChild(script: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, [join(root, 'dist', 'bench', script), ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

export async function firstLine(child: ChildProcess): Promise<string> {
  const rl = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    rl.once('line', (line) => {
      rl.close();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`${child.spawnargs.join(' ')} exited with ${code}`)));
  });
}
