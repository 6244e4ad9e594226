import { readFileSync } from 'node:fs';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  /** Busy samples (not idle), and the wall time they cover in ms. */
  busySamples: number;
  busyMs: number;
  wallMs: number;
  /** Self time by where the code lives: a package, the service's own code, node internals, GC. */
  byArea: { area: string; share: number }[];
  /** Self time by function. */
  byFunction: { fn: string; share: number }[];
  /** Inclusive time of some functions of interest (share of busy samples they or their callees took). */
  inclusive: { fn: string; share: number }[];
}

const IDLE = new Set(['(idle)', '(program)']);

function areaOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const own = /\/dist\/(.+?)\.js$/.exec(url);
  if (own) return `service: ${own[1]!.split('/')[0]}`;
  return url.split('/').slice(-2).join('/');
}

function shortUrl(url: string): string {
  const m = /node_modules\/(.+)$/.exec(url) ?? /\/(dist\/.+)$/.exec(url);
  return m ? m[1]! : url.replace(/^file:\/\//, '');
}

/**
 * Reads a `.cpuprofile` (as written by `node --cpu-prof`) and sums self time. With
 * `window` ([from, to] in µs of the monotonic clock, as `process.hrtime.bigint() / 1000n`
 * gives in any process), only the samples taken then count: start-up and set-up are left out.
 */
export function summarizeProfile(
  file: string,
  interesting: RegExp[] = [],
  window?: [number, number],
  top = 25,
): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let wallMs = (profile.endTime - profile.startTime) / 1000;
  if (window && profile.samples && profile.timeDeltas) {
    const [from, to] = window;
    for (const n of profile.nodes) n.hitCount = 0;
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i] ?? 0;
      if (t < from || t > to) continue;
      const n = byId.get(profile.samples[i]!);
      if (n) n.hitCount = (n.hitCount ?? 0) + 1;
    }
    wallMs = (Math.min(to, profile.endTime) - Math.max(from, profile.startTime)) / 1000;
  }
  let busy = 0;
  let all = 0;
  const area = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    all += hits;
    const name = n.callFrame.functionName || '(anonymous)';
    if (IDLE.has(name) || hits === 0) continue;
    busy += hits;
    const a = areaOf(n.callFrame.url, name);
    area.set(a, (area.get(a) ?? 0) + hits);
    const key = n.callFrame.url ? `${name}  ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : name;
    fns.set(key, (fns.get(key) ?? 0) + hits);
  }

  // Inclusive time: hits of a node and all of its descendants, counted once per subtree root.
  const inclusiveHits = new Map<number, number>();
  const subtree = (id: number): number => {
    const cached = inclusiveHits.get(id);
    if (cached !== undefined) return cached;
    const n = byId.get(id)!;
    const name = n.callFrame.functionName;
    let h = IDLE.has(name) ? 0 : (n.hitCount ?? 0);
    for (const c of n.children ?? []) h += subtree(c);
    inclusiveHits.set(id, h);
    return h;
  };
  const inclusive: { fn: string; share: number }[] = [];
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  for (const re of interesting) {
    // Sum over matching nodes whose ancestors do not match (recursion counted once).
    const matches = (n: CpuProfileNode) => re.test(`${n.callFrame.functionName} ${n.callFrame.url}`);
    let h = 0;
    for (const n of profile.nodes) {
      if (!matches(n)) continue;
      let p = parent.get(n.id);
      let nested = false;
      while (p !== undefined) {
        if (matches(byId.get(p)!)) {
          nested = true;
          break;
        }
        p = parent.get(p);
      }
      if (!nested) h += subtree(n.id);
    }
    inclusive.push({ fn: re.source, share: busy ? h / busy : 0 });
  }

  const sorted = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => ({ k, share: busy ? v / busy : 0 }));
  return {
    busySamples: busy,
    busyMs: all ? (wallMs * busy) / all : 0,
    wallMs,
    byArea: sorted(area).map(({ k, share }) => ({ area: k, share })),
    byFunction: sorted(fns)
      .slice(0, top)
      .map(({ k, share }) => ({ fn: k, share })),
    inclusive,
  };
}

export function printProfile(title: string, s: ProfileSummary, print: (line: string) => void): void {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
  print(`\n## ${title}: ${(s.busyMs / 1000).toFixed(1)} s busy of ${(s.wallMs / 1000).toFixed(1)} s on the main thread`);
  print('self time by area:');
  for (const a of s.byArea.slice(0, 18)) print(`  ${pct(a.share)}  ${a.area}`);
  print('self time by function:');
  for (const f of s.byFunction) print(`  ${pct(f.share)}  ${f.fn}`);
  if (s.inclusive.length) {
    print('inclusive time (the function and what it calls):');
    for (const f of s.inclusive) print(`  ${pct(f.share)}  ${f.fn}`);
  }
}
