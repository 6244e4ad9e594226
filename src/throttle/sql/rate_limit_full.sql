-- rate_limit_full: a throttle window is full while it is open and holds p_max hits. The
-- one definition of "full" every throttle and budget in SQL uses.
--
-- Called by rate_limit_hit in src/throttle/sql/rate_limit_hit.sql
-- Called by account_budget_hit in src/throttle/sql/account_budget_hit.sql
-- Called by request_sms_keys in src/phone-verify/sql/request_sms_keys.sql
-- Called by use_sms_key in src/phone-verify/sql/use_sms_key.sql
--
-- A SQL function, STABLE, so PostgreSQL inlines it into its callers' queries.
--
-- To change it, see docs/database-functions.md.
CREATE OR REPLACE FUNCTION rate_limit_full(p_expires_at timestamptz, p_count integer, p_max integer)
RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT p_expires_at > now() AND p_count >= p_max
$$;
