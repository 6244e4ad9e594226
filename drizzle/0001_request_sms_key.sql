-- POST /phone-verify in one round trip: the resend cooldown, the per-phone and per-IP caps
-- and the key's insert, in one statement's transaction. The service computes the inputs
-- (the key's hash, the counters' bucket names) and maps the answer to HTTP; see
-- requestKey in src/phone-verify/repository.ts. Everything here runs inside the database,
-- so the per-IP counter row, which every request from one IP shares, is locked for
-- microseconds instead of for a transaction's worth of client round trips.
--
-- Checks come before writes: a refused request writes nothing. Answers one row: the new
-- key's id and whether older keys were pending (to retire once the SMS is sent), or a
-- refusal ('resend_cooldown' or 'throttled') with the seconds to wait.
CREATE FUNCTION request_sms_key(
	p_phone text,
	p_key_hash text,
	p_ttl_seconds integer,
	p_ip text,
	p_cooldown_seconds integer,
	p_max_attempts integer,
	p_phone_hour_bucket text,
	p_phone_hour_max integer,
	p_phone_day_bucket text,
	p_phone_day_max integer,
	p_ip_bucket text,
	p_ip_max integer
) RETURNS TABLE (key_id bigint, older_pending boolean, refusal text, retry_after integer)
LANGUAGE plpgsql AS $$
DECLARE
	v_pending integer;
	v_newest timestamptz;
	v_wait integer;
BEGIN
	-- Requests for one phone take turns until commit: none slips past the cooldown or a cap.
	PERFORM pg_advisory_xact_lock(hashtextextended('phone-verify:' || p_phone, 0));

	SELECT count(*)::integer, max(v.created_at) INTO v_pending, v_newest
	FROM phone_verifications v
	WHERE v.phone_number = p_phone AND v.used_at IS NULL AND v.retired_at IS NULL
		AND v.attempts < p_max_attempts AND v.expires_at > now();
	IF p_cooldown_seconds > 0 AND v_newest > now() - p_cooldown_seconds * interval '1 second' THEN
		RETURN QUERY SELECT NULL::bigint, NULL::boolean, 'resend_cooldown'::text,
			greatest(1, ceil(extract(epoch FROM v_newest + p_cooldown_seconds * interval '1 second' - now())))::integer;
		RETURN;
	END IF;

	-- Per phone: refused while an open window is full (the longest such wait).
	SELECT max(ceil(extract(epoch FROM r.expires_at - now())))::integer INTO v_wait
	FROM rate_limits r
	WHERE r.expires_at > now()
		AND ((r.bucket = p_phone_hour_bucket AND r.count >= p_phone_hour_max)
			OR (r.bucket = p_phone_day_bucket AND r.count >= p_phone_day_max));
	IF v_wait IS NOT NULL THEN
		RETURN QUERY SELECT NULL::bigint, NULL::boolean, 'throttled'::text, greatest(1, v_wait);
		RETURN;
	END IF;

	-- Per IP: one hit if the window has room (a closed window restarts at 1); a full one
	-- is left as it is.
	INSERT INTO rate_limits AS r (bucket, count, window_start, expires_at)
	VALUES (p_ip_bucket, 1, now(), now() + interval '1 hour')
	ON CONFLICT (bucket) DO UPDATE SET
		count = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.count + 1 END,
		window_start = CASE WHEN r.expires_at <= now() THEN excluded.window_start ELSE r.window_start END,
		expires_at = CASE WHEN r.expires_at <= now() THEN excluded.expires_at ELSE r.expires_at END
	WHERE r.expires_at <= now() OR r.count < p_ip_max;
	IF NOT FOUND THEN
		SELECT ceil(extract(epoch FROM r.expires_at - now()))::integer INTO v_wait
		FROM rate_limits r WHERE r.bucket = p_ip_bucket;
		RETURN QUERY SELECT NULL::bigint, NULL::boolean, 'throttled'::text, greatest(1, coalesce(v_wait, 1));
		RETURN;
	END IF;

	INSERT INTO rate_limits AS r (bucket, count, window_start, expires_at)
	VALUES (p_phone_hour_bucket, 1, now(), now() + interval '1 hour'),
		(p_phone_day_bucket, 1, now(), now() + interval '1 day')
	ON CONFLICT (bucket) DO UPDATE SET
		count = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.count + 1 END,
		window_start = CASE WHEN r.expires_at <= now() THEN excluded.window_start ELSE r.window_start END,
		expires_at = CASE WHEN r.expires_at <= now() THEN excluded.expires_at ELSE r.expires_at END;

	RETURN QUERY
	INSERT INTO phone_verifications AS v (phone_number, key_hash, expires_at, request_ip)
	VALUES (p_phone, p_key_hash, now() + p_ttl_seconds * interval '1 second', p_ip)
	RETURNING v.id, v_pending > 0, NULL::text, NULL::integer;
END
$$;
