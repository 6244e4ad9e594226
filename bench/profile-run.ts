import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createAccounts } from './accounts.js';
import { endpointOf } from './endpoints.js';
import { measure } from './load.js';
import { fmtCodes, note, print } from './output.js';
import type { Options } from './options.js';
import { printProfile, summarizeProfile } from './profile.js';
import { onCleanup, root } from './runner.js';
import { createIntrospectionKey, startService } from './service.js';
import type { SmsSink } from './sink.js';
import { type PhoneNumbers, settle } from './util.js';

/** The functions whose inclusive time a profile reports. */
const interesting = [
  /authenticateRequest/,
  /findSessionUser/,
  /verify|jwtVerify/,
  /introspect/,
  /toUserResponse/,
  /formatPhoneNumber/,
  /parsePhoneNumber/,
  /sendKey/,
  /throttleSmsRequest/,
  /send .*webhook/,
  /serialize|stringify/i,
  /rateLimit|onRateLimit/,
];

/** `--profile`: one service under `--cpu-prof` per endpoint, its profile summed over the measured seconds only. */
export async function profileRun(
  o: Options,
  work: string,
  sink: SmsSink,
  phones: PhoneNumbers,
  db: { kind: 'postgres' | 'pglite'; url: string; label: string },
): Promise<void> {
  const dir = join(root, 'bench', 'profiles');
  mkdirSync(dir, { recursive: true });
  for (const target of o.targets) {
    const name = `${db.kind}-${target}.cpuprofile`;
    rmSync(join(dir, name), { force: true });
    const databaseUrl = db.kind === 'pglite' ? join(work, `pglite-${target}`) : db.url;
    const apiKey = target === 'introspect' ? await createIntrospectionKey(root, databaseUrl) : '';
    const svc = await startService({
      root,
      cwd: work,
      databaseUrl,
      ...(target === 'users-me-hs256' ? { env: { JWT_ALGORITHM: 'HS256' } } : {}),
      smsUrl: sink.url,
      poolSize: o.poolSize,
      name: `profile-${target}`,
      nodeArgs: [...o.nodeArgs, '--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', name],
    });
    onCleanup(() => svc.stop());
    const accounts = target === 'phone-verify' ? [] : await createAccounts(svc.origin, sink, phones, Math.min(o.users, 20));
    await settle(svc.pid);
    const spec = endpointOf(target, accounts, phones, apiKey);
    const now = () => Number(process.hrtime.bigint() / 1000n);
    const window: [number, number] = [0, 0];
    const r = await measure({
      ...spec,
      origin: svc.origin,
      connections: o.connections,
      duration: o.duration,
      warmup: o.warmup,
      pid: svc.pid,
      onStart: () => (window[0] = now()),
      onEnd: () => (window[1] = now()),
    });
    note(`${spec.name}: ${Math.round(r.rps)} rps, p99 ${r.p99} ms, ${fmtCodes(r.codes)} (under the profiler)`);
    await svc.stop();
    const file = join(dir, name);
    if (!existsSync(file)) throw new Error(`no profile was written to ${file}`);
    printProfile(`${db.label}, ${spec.name} (${file})`, summarizeProfile(file, interesting, window), print);
  }
}
