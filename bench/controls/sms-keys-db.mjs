// request_sms_keys alone, without the service: keys per second the database gives POST
// /phone-verify, with the spend caps and the breaker counting (on) or not (off).
//   node bench/controls/sms-keys-db.mjs URL MIGRATIONS_DIR on|off BATCH CALLS CLIENTS [one|many]
// URL: a server whose user may create databases (a fresh one is made and dropped);
// MIGRATIONS_DIR: the drizzle/ folder of the build to measure; one|many: every request
// from one IP (as in the benchmark) or from IPs of their own (as in production).
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

const [url, dir, mode, batch, calls, clients, ips = 'one'] = process.argv.slice(2);
const name = `sms_keys_${process.pid}`;
const at = (db) => url.replace(/\/[^/]*$/, `/${db}`);
const admin = new pg.Client(url);
await admin.connect();
await admin.query(`create database ${name}`);
const big = 1e9;
const on = mode === 'on';
let n = 10_000_000;
const request = () => {
  const i = n++;
  const ip = ips === 'many' ? `10.0.${i % 250}.${i % 251}` : '127.0.0.1';
  return {
    phone: `+8210${i}`, country: '82', key_hash: 'x'.repeat(43), ip, client: ip, ttl_seconds: 3600, cooldown_seconds: 60, max_attempts: 5,
    phone_hour_bucket: `b:h:${i}`, phone_hour_max: big, phone_day_bucket: `b:d:${i}`, phone_day_max: big, ip_bucket: `b:ip:${ip}`, ip_max: big,
    spend_hour_max: on ? big : 0, spend_day_max: on ? big : 0, breaker_min_sent: big, breaker_min_conversion: on ? 0.2 : 0,
    // Read by builds since issue 24 (the home country, the daily cap's trickle); ignored by older ones.
    home_country: '82', trickle_seconds: 900,
  };
};
try {
  const first = new pg.Client(at(name));
  await first.connect();
  await migrate(drizzle(first), { migrationsFolder: dir });
  await first.end();
  const cs = await Promise.all(Array.from({ length: Number(clients) }, async () => {
    const c = new pg.Client(at(name));
    await c.connect();
    return c;
  }));
  let sent = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(cs.map(async (c) => {
    while (sent++ < Number(calls)) {
      await c.query('select * from request_sms_keys($1::jsonb)', [JSON.stringify(Array.from({ length: Number(batch) }, request))]);
    }
  }));
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${dir} ${mode}, batches of ${batch}, ${clients} clients, ${ips} IP: ${Math.round((Number(calls) * Number(batch)) / s)} keys/s`);
  await Promise.all(cs.map((c) => c.end()));
} finally {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
