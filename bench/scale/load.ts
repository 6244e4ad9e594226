import type pg from 'pg';

/*
 * A year of a product of `users` accounts, loaded with set-based SQL (generate_series) in
 * the shapes the service writes: accounts, three sessions each (ended within the month the
 * sweep keeps, or live), thirty events each a year over the last 425 days (two months more
 * than the retention, for the partition drop) with their deliveries, a day of SMS keys and throttle
 * counters, the conversion breaker's counts of the last day, and a second factor for one
 * account in twenty. Steady state: nothing the sweep deletes is left over.
 */

export const EVENTS_PER_USER_YEAR = 30;
export const EVENT_DAYS = 425;
export const SESSIONS_PER_USER = 3;

/** A UUID v7 whose time is `ts` (an SQL expression), as uuid_v7() and newSessionId make them at that moment. */
const v7At = (ts: string) =>
  `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from ${ts}) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;

/** Surnames weighted roughly as in Korea (kim one in five), and given names: `kim.e…` matches about 1.3 % of accounts. */
const SURNAMES = `array['kim','kim','kim','kim','lee','lee','lee','park','park','choi','jung','kang','cho','yoon','jang','lim','han','oh','seo','shin']`;
const GIVEN = `array['eunji','eunwoo','eunseo','minjun','seoyeon','jiho','jiwoo','hayoon','doyun','seojun','haeun','yejun','sua','jiyu','siwoo',
  'jiyun','juwon','chaewon','hajun','minseo','yuna','gunwoo','seoa','jihun','dahyun','woojin','subin','hyunwoo','jimin','taeyang',
  'sohee','minho','yerin','donghyun','sieun','junseo','nayeon','jaewon','hyejin','sungmin','areum','kyungsoo','boram','youngho',
  'miran','sangwoo','hana','jinwoo','soyoung','taehee']`;

/** The statements of one load, in order, each with what it makes (for the log). */
export function loadStatements(users: number): { what: string; sql: string }[] {
  const perDay = Math.round((users * EVENTS_PER_USER_YEAR) / 365);
  const user = `(1 + floor(random() * ${users}))::bigint`;
  const statements: { what: string; sql: string }[] = [
    {
      what: `${users} accounts`,
      sql: `insert into users (id, email, email_folded, phone_number, name, nickname, password_hash, created_at, updated_at)
        select n, e, e, '+8210' || lpad(n::text, 8, '0'), s || ' ' || g, g, '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$' || md5(n::text),
          c, c
        from (select n, (${SURNAMES})[1 + (n::bigint * 7919) % 20] as s, (${GIVEN})[1 + (n::bigint * 104729) % 50] as g,
            now() - random() * interval '3 years' as c from generate_series(1, ${users}) n) u,
          lateral (select s || '.' || g || n || '@' || (array['example.com','example.net','example.kr','example.org'])[1 + n % 4] as e) m`,
    },
    { what: 'the id sequence', sql: `select setval('users_id_seq', ${users})` },
    {
      what: 'one account in a hundred withdrawn',
      sql: `update users set email = null, email_folded = null, phone_number = null, name = null, nickname = null, password_hash = null,
        is_active = false, withdrawn_at = now() - random() * interval '1 year' where id % 100 = 42`,
    },
    {
      what: `${users * SESSIONS_PER_USER} sessions`,
      sql: `insert into sessions (id, user_id, refresh_jti_hash, created_at, expires_at, revoked_at, refreshed_at, user_agent, ip)
        select ${v7At('c')}, u, md5(u::text || '.' || k), c,
          case when k = 1 and u % 3 = 0 then now() + random() * interval '1 day' else c + interval '1 day' end,
          case when k = 2 and u % 4 = 0 then c + random() * interval '1 day' end,
          c + interval '1 hour', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
          '198.51.' || (u % 250) || '.' || (k * 7 % 250)
        from generate_series(1, ${users}) u, generate_series(1, ${SESSIONS_PER_USER}) k,
          lateral (select case when k = 1 and u % 3 = 0 then now() - random() * interval '12 hours'
            else now() - interval '1 day' - random() * interval '28 days' end as c) t
        where u % 100 <> 42`,
    },
  ];
  for (let day = EVENT_DAYS - 1; day >= 0; day--) {
    statements.push({
      what: day % 50 === 0 ? `events, ${EVENT_DAYS - day} of ${EVENT_DAYS} days` : '',
      sql: `with made as (
          insert into events (id, type, occurred_at, actor, ip, user_id, data)
          select ${v7At('t')}, ty, t, 'user', '203.0.113.' || (u % 250), u,
            case ty when 'session.created' then jsonb_build_object('user_id', u, 'session_id', gen_random_uuid(), 'method', 'password')
              when 'session.revoked' then jsonb_build_object('user_id', u, 'session_ids', jsonb_build_array(gen_random_uuid()), 'reason', 'logout')
              when 'login.failed' then jsonb_build_object('user_id', u, 'reason', 'wrong_password')
              else jsonb_build_object('user', jsonb_build_object('id', u, 'email', 'kim.eunji' || u || '@example.com', 'name', 'kim eunji',
                'nickname', 'eunji', 'phone_number', '+8210' || lpad(u::text, 8, '0')), 'changed', jsonb_build_array('nickname')) end
          from (select ${user} as u, now() - interval '${day} days' - random() * interval '1 day' as t, random() as r
            from generate_series(1, ${perDay})) g,
            lateral (select case when r < 0.6 then 'session.created' when r < 0.85 then 'session.revoked'
              when r < 0.95 then 'login.failed' else 'user.updated' end as ty) x
          order by t
          returning seq, occurred_at, type)
        insert into event_deliveries (seq, occurred_at, delivered_at, attempts)
        select seq, occurred_at, occurred_at + interval '1 second', 1 from made where type <> 'login.failed'`,
    });
  }
  statements.push(
    {
      what: 'a day of SMS keys',
      sql: `insert into phone_verifications (phone_number, key_hash, attempts, created_at, expires_at, used_at, token_hash, token_expires_at, request_ip, country_code)
        select '+8210' || lpad(u::text, 8, '0'), md5('key' || n), 0, c, c + interval '3 minutes',
          case when n % 10 < 7 then c + interval '1 minute' end, case when n % 10 < 7 then md5('token' || n) end,
          case when n % 10 < 7 then c + interval '10 minutes' end, '203.0.113.' || (n % 250), '82'
        from (select n, ${user} as u, now() - random() * interval '1 day' as c from generate_series(1, ${Math.round(users / 20)}) n) k`,
    },
    {
      what: 'a day of throttle counters',
      sql: `insert into rate_limits (bucket, count, window_start, expires_at)
        select 'login:' || md5(n::text), 1 + n % 5, c, c + interval '1 hour'
        from (select n, now() - random() * interval '1 day' as c from generate_series(1, ${Math.round(users / 10)}) n) r`,
    },
    {
      what: "the conversion breaker's last day",
      sql: `insert into sms_conversion (country_code, slot, sent, confirmed)
        select '82', date_trunc('minute', now()) - m * interval '1 minute', 20, 14 from generate_series(0, 1439) m`,
    },
    {
      what: 'second factors',
      sql: `insert into mfa_totp (user_id, secret_sealed, created_at, confirmed_at, last_used_step)
        select u, encode(sha256(u::text::bytea), 'base64') || encode(sha256(('x' || u)::bytea), 'base64'), now() - interval '100 days',
          now() - interval '100 days', 1
        from generate_series(20, ${users}, 20) u where u % 100 <> 42`,
    },
    {
      what: 'recovery codes',
      sql: `insert into mfa_recovery_codes (user_id, code_hash) select user_id, md5(user_id || '.' || k) from mfa_totp, generate_series(1, 10) k`,
    },
    {
      what: 'second steps under way',
      sql: `insert into mfa_challenges (token_hash, user_id, method, client_hash, clear_bucket, created_at, expires_at)
        select md5('challenge' || n), 1 + (20 * n) % ${users}, 'password', md5(n::text), 'login:' || md5(n::text), now(), now() + interval '5 minutes'
        from generate_series(1, 100) n`,
    },
  );
  return statements;
}

/** Runs the load on `client`, logging its progress. */
export async function load(client: pg.Client, users: number, log: (line: string) => void): Promise<void> {
  for (const s of loadStatements(users)) {
    const started = performance.now();
    await client.query(s.sql);
    if (s.what) log(`  ${s.what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}
