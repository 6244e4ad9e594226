import autocannon from 'autocannon';
import { sampleRss, settle } from './util.js';

export interface LoadSpec {
  /** What the table calls it, e.g. `GET /users/me`. */
  name: string;
  /** Origin of the server, `http://127.0.0.1:1234`. */
  origin: string;
  connections: number;
  /** Seconds of measurement. */
  duration: number;
  /** Seconds of unmeasured load before, to warm the JIT and the pools. */
  warmup?: number;
  /** Stop after this many responses instead of after `duration` (finite key supplies). */
  amount?: number;
  /** Cycled through by every connection; a request with setupRequest is rebuilt each time. */
  requests: autocannon.Request[];
  /** The status a request should get; the others are reported as a mix. */
  expect: number;
  /** Pid whose resident memory is sampled during the measurement. */
  pid?: number;
  /** Called right before and right after the measured part (after the warm-up). */
  onStart?: () => void;
  onEnd?: () => void;
}

export interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  /** Responses received in the measurement. */
  total: number;
  /** Status code → count, e.g. {200: 5000, 401: 3}. */
  codes: Record<string, number>;
  /** Share of responses with the expected status. */
  okShare: number;
  errors: number;
  timeouts: number;
  seconds: number;
  connections: number;
  /** Largest VmRSS of `pid` seen during the measurement, MiB. */
  peakRssMb: number | undefined;
  /** For a pooled result (the bare server): the rps of the runs it pools. */
  bracket?: [number, number];
}

async function fire(spec: LoadSpec, duration: number, amount?: number): Promise<autocannon.Result> {
  return autocannon({
    url: spec.origin,
    connections: amount !== undefined ? Math.min(spec.connections, Math.max(1, amount)) : spec.connections,
    pipelining: 1,
    duration,
    ...(amount !== undefined ? { amount } : {}),
    timeout: 30,
    requests: spec.requests,
    // No progress bar or table: the runner prints its own.
    renderProgressBar: false,
    renderResultsTable: false,
    renderLatencyTable: false,
  } as autocannon.Options);
}

/** Warms up, then measures rps, p50/p99 latency (of expected-status answers) and the server's peak RSS. */
export async function measure(spec: LoadSpec): Promise<LoadResult> {
  if (spec.warmup && spec.warmup > 0 && spec.amount === undefined) {
    await fire(spec, spec.warmup);
    // autocannon closes its connections with requests still in flight; the server goes on
    // with them (for POST /login, a queue of argon2 hashes). Measuring only once it is idle
    // keeps that work out of the measured seconds, where it would delay the measured
    // requests without being counted.
    if (spec.pid !== undefined) await settle(spec.pid);
  }
  const rss = spec.pid !== undefined ? sampleRss(spec.pid) : undefined;
  spec.onStart?.();
  const r = await fire(spec, spec.duration, spec.amount);
  spec.onEnd?.();
  const peakRssMb = rss?.stop();
  const codes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {})) codes[code] = count ?? 0;
  const total = r.requests.total;
  // autocannon rounds its duration to 10 ms; a short run's rate is total over that.
  const seconds = r.duration > 0 ? r.duration : spec.duration;
  return {
    name: spec.name,
    rps: total / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total,
    codes,
    okShare: total ? (codes[String(spec.expect)] ?? 0) / total : 0,
    errors: r.errors,
    timeouts: r.timeouts,
    seconds,
    connections: r.connections,
    peakRssMb,
  };
}
