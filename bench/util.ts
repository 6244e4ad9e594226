import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A TCP port free on the loopback interface right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** CPU time (user + system) a process has used, in clock ticks, from /proc. */
function cpuTicks(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces) are space-separated; utime and stime are the 14th and 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/**
 * Waits until a process has gone (nearly) idle: when a load stops, the server may still be
 * working through requests whose clients went away (a queue of argon2 hashes after
 * POST /login). The next phase should not pay for them. Gives up after `maxMs`.
 */
export async function settle(pid: number, maxMs = 15_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = cpuTicks(pid);
  if (last === undefined) return sleep(1000);
  while (Date.now() < deadline) {
    await sleep(250);
    const now = cpuTicks(pid);
    if (now === undefined) return;
    // Under 3 ticks (30 ms at 100 Hz) in 250 ms: idle but for timers and GC.
    if (now - last < 3) return;
    last = now;
  }
}

/** VmRSS and VmHWM (peak) of a process in MiB, from /proc; undefined where /proc is missing. */
export function memoryOf(pid: number): { rss: number; hwm: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
}

/**
 * Polls a process's resident memory while a phase runs; `stop()` gives the largest
 * VmRSS seen. VmHWM covers the whole life of the process, so phases need sampling.
 */
export function sampleRss(pid: number, everyMs = 50): { stop(): number | undefined } {
  let peak: number | undefined;
  const take = () => {
    const m = memoryOf(pid);
    if (m && !Number.isNaN(m.rss)) peak = Math.max(peak ?? 0, m.rss);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Distinct Korean mobile numbers (`010-xxxx-xxxx`) from a random starting point, so runs
 * against a reused database do not collide, and every request of a run gets its own phone.
 */
export class PhoneNumbers {
  private next: number;
  constructor() {
    this.next = 10_000_000 + Math.floor(Math.random() * 80_000_000);
  }
  take(): { dashed: string; e164: string } {
    const n = String(this.next++ % 100_000_000).padStart(8, '0');
    return { dashed: `010-${n.slice(0, 4)}-${n.slice(4)}`, e164: `+8210${n}` };
  }
}
