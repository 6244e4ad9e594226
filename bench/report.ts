import type { BackendResult } from './backend.js';
import { fmtCodes, fmtInt, fmtMb, fmtPct, note, print } from './output.js';
import type { Options } from './options.js';

/** A pino line as `msg: error (cause)`, without the query text that fills most of it. */
function describeLogLine(line: string): string {
  try {
    const j = JSON.parse(line) as { msg?: string; err?: { type?: string; message?: string; cause?: { message?: string; code?: string } } };
    const err = j.err;
    const what = err ? `${err.type ?? 'Error'}: ${(err.message ?? '').split('\n')[0]!.slice(0, 120)}` : '';
    const cause = err?.cause ? ` (cause: ${err.cause.code ?? ''} ${err.cause.message ?? ''})` : '';
    return `${j.msg ?? ''} ${what}${cause}`.slice(0, 400);
  } catch {
    return line.slice(0, 300);
  }
}

const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

interface Target {
  what: string;
  value: string;
  pass: boolean;
}

/** The targets the service is held to, each with its figure. */
function targetsOf(r: BackendResult): Target[] {
  const find = (name: string) => r.endpoints.find((e) => e.name === name);
  const t: Target[] = [];
  const me = find('GET /users/me (ES256)');
  if (me) {
    const ratio = me.rps / r.bare.rps;
    t.push({ what: 'GET /users/me (ES256) ≥ 35% of the bare rps', value: fmtPct(ratio), pass: ratio >= 0.35 });
    t.push({ what: 'GET /users/me (ES256) p99 < 25 ms', value: `${me.p99} ms`, pass: me.p99 < 25 });
  }
  const pv = find('POST /phone-verify');
  if (pv) {
    const ratio = pv.rps / r.bare.rps;
    t.push({ what: 'POST /phone-verify ≥ 5% of the bare rps', value: fmtPct(ratio), pass: ratio >= 0.05 });
  }
  const peak = r.hwmMb ?? Math.max(...r.endpoints.map((e) => e.peakRssMb ?? 0));
  t.push({ what: 'peak RSS of the service < 150 MB', value: fmtMb(peak), pass: peak < 150 });
  const login = find('POST /login');
  if (login && r.hashOnly) {
    const ratio = login.rps / r.hashOnly.rate;
    t.push({ what: 'POST /login ≥ 80% of the argon2id-only rate', value: fmtPct(ratio), pass: ratio >= 0.8 });
  }
  return t;
}

/** The table of one backend: each endpoint against the bare server, then memory, hashing and targets. */
function printBackend(o: Options, r: BackendResult): Target[] {
  print();
  print(`## ${r.label} — ${r.source}`);
  print(
    `   service: node ${o.nodeArgs.map((a) => `${a} `).join('')}dist/start.cjs, NODE_ENV=production, DATABASE_POOL_SIZE=${o.poolSize ?? process.env.DATABASE_POOL_SIZE ?? '10 (default)'}; autocannon, ` +
      `${o.connections} connections, ${o.duration} s per endpoint${o.warmup ? ` after ${o.warmup} s of warm-up` : ''}`,
  );
  print(
    `${pad('endpoint', 30)}${lpad('rps', 9)}${lpad('of bare', 9)}${lpad('p50 ms', 8)}${lpad('p99 ms', 8)}` +
      `${lpad('peak RSS', 10)}  answers`,
  );
  for (const e of [r.bare, ...r.endpoints]) {
    let line =
      `${pad(e.name, 30)}${lpad(fmtInt(e.rps), 9)}${lpad(fmtPct(e.rps / r.bare.rps), 9)}` +
      `${lpad(String(e.p50), 8)}${lpad(String(e.p99), 8)}${lpad(fmtMb(e.peakRssMb), 10)}  ${fmtCodes(e.codes)}`;
    if (e.errors) line += ` (${e.errors} connection errors, ${e.timeouts} timeouts)`;
    if ((e.name === 'POST /login' || e.name === 'POST /users') && r.hashOnly) line += `  = ${fmtPct(e.rps / r.hashOnly.rate)} of argon2id-only`;
    if (e.bracket) line += `  (pooled: ${fmtInt(e.bracket[0])} rps at the start, ${fmtInt(e.bracket[1])} at the end)`;
    print(line);
  }
  const me = r.endpoints.find((e) => e.name === 'GET /users/me (ES256)');
  if (r.sweep.length && me) {
    print(
      `   GET /users/me by connections: ${[...r.sweep, me]
        .sort((a, b) => a.connections - b.connections)
        .map((e) => `${e.connections}: ${fmtInt(e.rps)} rps, p50 ${e.p50} ms, p99 ${e.p99} ms`)
        .join('; ')}`,
    );
  }
  print(
    `   RSS of the service: ${fmtMb(r.startRssMb)} started and idle, ${fmtMb(r.afterSetupRssMb)} after making the users ` +
      `(argon2 has run), peak over the whole run (VmHWM) ${fmtMb(r.hwmMb)}`,
  );
  const h = r.hashOnly;
  if (h) {
    print(
      `   argon2id alone: ${h.rate.toFixed(1)} verifications/s` +
        (h.bracket ? ` (${h.bracket[0].toFixed(1)} before POST /login, ${h.bracket[1].toFixed(1)} after)` : '') +
        ` (m=${h.params.memoryKib} KiB t=${h.params.iterations} ` +
        `p=${h.params.parallelism}, UV_THREADPOOL_SIZE=${h.threadPool}, ${h.cores} cores, ${h.concurrency} in flight); ` +
        `a stored hash says ${r.storedHashParams ?? '(not read)'}`,
    );
  }
  for (const e of r.endpoints) {
    if (e.okShare < 1) note(`${r.label}: ${e.name}: ${fmtPct(1 - e.okShare)} of the answers were not the expected status`);
  }
  if (r.logProblems.length) {
    note(`${r.label}: the service logged ${r.logProblems.length} lines at warn or above, e.g.:`);
    for (const l of r.logProblems.slice(0, 3)) print(`   ${describeLogLine(l)}`);
  }
  const targets = targetsOf(r);
  print(`targets${r.label === 'PostgreSQL' ? '' : ' (set for PostgreSQL; shown for comparison)'}:`);
  for (const t of targets) print(`  ${t.pass ? 'PASS' : 'FAIL'}  ${pad(t.what, 46)} ${t.value}`);
  return targets;
}

/** Prints every backend's table; answers one summary line per backend. */
export function report(o: Options, results: BackendResult[]): string[] {
  const summary: string[] = [];
  for (const r of results) {
    const targets = printBackend(o, r);
    summary.push(`${r.label} ${targets.filter((t) => t.pass).length}/${targets.length} targets met`);
  }
  return summary;
}
