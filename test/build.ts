import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { CHEAP_HASH, SECRET } from './helpers.js';
import { migratedDataDir } from './pglite-image.js';
import { oncePerRun } from './run-once.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Compiles src/ as `npm run build` does, into a package-shaped folder of the run's own
 * (dist/, drizzle/, node_modules/, package.json), so test files that run the real processes
 * never race a developer's dist/. Once per run, for every file that asks: a build costs
 * about 10 s of CPU, and nothing a test does changes it.
 */
export function builtPackage(): Promise<string> {
  return oncePerRun('package', async (dir) => {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    await promisify(execFile)(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', join(dir, 'dist')]);
    copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(root, 'drizzle'), join(dir, 'drizzle'));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  });
}

/** An environment for a child process: PATH and HOME only, plus what the test sets (undefined: left unset). */
export function childEnv(env: Record<string, string | undefined>): Record<string, string> {
  const set = Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined);
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...Object.fromEntries(set) };
}

/** The real server, built as `npm run build` builds it, started as production starts it (`dist/start.cjs`). */
export class ServerProcess {
  readonly log: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private buffered = '';

  /**
   * Starts the run's built package with `env` over a test server's own: any free loopback
   * port for the API and for /metrics (the log names both), the test secret, info logs as
   * JSON lines (which tests read), a cheap argon2id, and without DATABASE_URL in `env` a PGlite
   * data directory of its own (as `npm start` opens by default), copied from the run's migrated
   * one and removed once the process exits. A variable given as undefined is unset. `cwd`
   * is the package folder unless given (start.test.ts puts a .env in one of its own).
   */
  static async start(env: Record<string, string | undefined>, { cwd }: { cwd?: string } = {}): Promise<ServerProcess> {
    const dir = await builtPackage();
    if ('DATABASE_URL' in env) return new ServerProcess(dir, cwd ?? dir, env);
    const data = mkdtempSync(join(inject('runDir'), 'server-data-'));
    const server = new ServerProcess(dir, cwd ?? dir, { DATABASE_URL: await migratedDataDir(data), ...env });
    void server.exited.then(() => rmSync(data, { recursive: true, force: true }));
    return server;
  }

  private constructor(dir: string, cwd: string, env: Record<string, string | undefined>) {
    const defaults = {
      PORT: '0',
      METRICS_PORT: '0',
      HOST: '127.0.0.1',
      SECRET_KEY: SECRET,
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      ...CHEAP_HASH,
    };
    this.child = spawn(process.execPath, [join(dir, 'dist', 'start.cjs')], { cwd, env: childEnv({ ...defaults, ...env }) });
    const collect = (chunk: Buffer) => {
      this.buffered += chunk.toString();
      const lines = this.buffered.split('\n');
      this.buffered = lines.pop()!;
      this.log.push(...lines);
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }

  /** Resolves with the first log line matching `pattern`, within `ms`. */
  async waitFor(pattern: RegExp, ms = 60_000): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const line = this.log.find((l) => pattern.test(l));
      if (line) return line;
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(`no log line matched ${pattern}; log:\n${this.log.join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  stop(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
