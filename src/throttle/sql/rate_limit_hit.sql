-- rate_limit_hit: one hit on a throttle counter, the one counting upsert every throttle
-- uses. Answers the hits in the window (this one included), the seconds until it closes,
-- and whether the hit was counted.
--
-- Called by rateLimitHit in src/throttle/repository.ts
-- Called by request_sms_keys in src/phone-verify/sql/request_sms_keys.sql
-- Called by use_sms_key in src/phone-verify/sql/use_sms_key.sql
--
-- rateLimitHit is the row source `hit` of login's attempt statement (countAttemptAndFindUser
-- in src/login/repository.ts) and of countPasswordAttempt in src/throttle/account-budget.ts.
--
-- A window opens at a bucket's first hit and lasts p_window_seconds; a hit on a closed
-- window restarts it at 1. With p_max, a full window is left as it is and the hit is not
-- counted (counted is false).
--
-- To change it, see docs/database-functions.md.
CREATE OR REPLACE FUNCTION rate_limit_hit(
	p_bucket text, p_window_seconds integer, p_max integer DEFAULT NULL,
	OUT hits integer, OUT retry_after integer, OUT counted boolean
)
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO rate_limits AS r (bucket, count, window_start, expires_at)
	VALUES (p_bucket, 1, now(), now() + p_window_seconds * interval '1 second')
	ON CONFLICT (bucket) DO UPDATE SET
		count = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.count + 1 END,
		window_start = CASE WHEN r.expires_at <= now() THEN excluded.window_start ELSE r.window_start END,
		expires_at = CASE WHEN r.expires_at <= now() THEN excluded.expires_at ELSE r.expires_at END
	WHERE p_max IS NULL OR NOT rate_limit_full(r.expires_at, r.count, p_max)
	RETURNING r.count, ceil(extract(epoch FROM r.expires_at - now()))::integer INTO hits, retry_after;
	counted := FOUND;
	IF NOT counted THEN
		SELECT r.count, ceil(extract(epoch FROM r.expires_at - now()))::integer INTO hits, retry_after
		FROM rate_limits r WHERE r.bucket = p_bucket;
	END IF;
END
$$;
