-- The rules that both TypeScript and SQL apply, written once, here: when a throttle window
-- is full, what one hit on a counter does, and when an SMS key can still be used.
-- request_sms_keys (0001) is re-created to use them; login's statements call them too
-- (src/login/queries.ts, src/phone-verify/repository.ts).

-- A throttle window is full while it is open and holds p_max hits.
CREATE FUNCTION rate_limit_full(p_expires_at timestamptz, p_count integer, p_max integer)
RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT p_expires_at > now() AND p_count >= p_max
$$;
--> statement-breakpoint

-- One hit on a throttle counter. A window opens at a bucket's first hit and lasts
-- p_window_seconds; a hit on a closed window restarts it at 1. With p_max, a full window
-- is left as it is and the hit is not counted (counted is false). Answers the hits in the
-- window and the seconds until it closes.
CREATE FUNCTION rate_limit_hit(
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
--> statement-breakpoint

-- An SMS key can still be used: not used, not retired by a newer key, not dead after
-- p_max_attempts wrong keys, and not expired.
CREATE FUNCTION sms_key_usable(v phone_verifications, p_max_attempts integer)
RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT v.used_at IS NULL AND v.retired_at IS NULL AND v.attempts < p_max_attempts AND v.expires_at > now()
$$;
--> statement-breakpoint

-- As in 0001 (see its header for the inputs, the answers and the lock order), with the
-- rules above in place of their copies.
CREATE OR REPLACE FUNCTION request_sms_keys(p_requests jsonb)
RETURNS TABLE (n integer, key_id bigint, older_pending boolean, refusal text, retry_after integer)
LANGUAGE plpgsql AS $$
DECLARE
	v_phone text;
	v_req record;
	v_pending integer;
	v_newest timestamptz;
	v_wait integer;
	v_hit record;
BEGIN
	-- Requests for one phone take turns until commit: none slips past the cooldown or a cap.
	FOR v_phone IN
		SELECT DISTINCT e.r->>'phone' FROM jsonb_array_elements(p_requests) AS e(r) ORDER BY 1
	LOOP
		PERFORM pg_advisory_xact_lock(hashtextextended('phone-verify:' || v_phone, 0));
	END LOOP;

	FOR v_req IN
		SELECT e.i::integer AS i, e.r->>'phone' AS phone, e.r->>'key_hash' AS key_hash, e.r->>'ip' AS ip,
			(e.r->>'ttl_seconds')::integer AS ttl_seconds, (e.r->>'cooldown_seconds')::integer AS cooldown_seconds,
			(e.r->>'max_attempts')::integer AS max_attempts,
			e.r->>'phone_hour_bucket' AS phone_hour_bucket, (e.r->>'phone_hour_max')::integer AS phone_hour_max,
			e.r->>'phone_day_bucket' AS phone_day_bucket, (e.r->>'phone_day_max')::integer AS phone_day_max,
			e.r->>'ip_bucket' AS ip_bucket, (e.r->>'ip_max')::integer AS ip_max
		FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS e(r, i)
		ORDER BY e.r->>'ip_bucket', e.i
	LOOP
		n := v_req.i;
		key_id := NULL;
		older_pending := NULL;
		refusal := NULL;
		retry_after := NULL;

		SELECT count(*)::integer, max(v.created_at) INTO v_pending, v_newest
		FROM phone_verifications v
		WHERE v.phone_number = v_req.phone AND sms_key_usable(v, v_req.max_attempts);
		IF v_req.cooldown_seconds > 0 AND v_newest > now() - v_req.cooldown_seconds * interval '1 second' THEN
			refusal := 'resend_cooldown';
			retry_after := greatest(1, ceil(extract(epoch FROM v_newest + v_req.cooldown_seconds * interval '1 second' - now())));
			RETURN NEXT;
			CONTINUE;
		END IF;

		-- Per phone: refused while a window is full (the longest such wait).
		SELECT max(ceil(extract(epoch FROM r.expires_at - now())))::integer INTO v_wait
		FROM rate_limits r
		WHERE (r.bucket = v_req.phone_hour_bucket AND rate_limit_full(r.expires_at, r.count, v_req.phone_hour_max))
			OR (r.bucket = v_req.phone_day_bucket AND rate_limit_full(r.expires_at, r.count, v_req.phone_day_max));
		IF v_wait IS NOT NULL THEN
			refusal := 'throttled';
			retry_after := greatest(1, v_wait);
			RETURN NEXT;
			CONTINUE;
		END IF;

		-- Per IP: counted only if the window has room.
		v_hit := rate_limit_hit(v_req.ip_bucket, 3600, v_req.ip_max);
		IF NOT v_hit.counted THEN
			refusal := 'throttled';
			retry_after := greatest(1, coalesce(v_hit.retry_after, 1));
			RETURN NEXT;
			CONTINUE;
		END IF;

		PERFORM rate_limit_hit(v_req.phone_hour_bucket, 3600);
		PERFORM rate_limit_hit(v_req.phone_day_bucket, 86400);

		INSERT INTO phone_verifications AS v (phone_number, key_hash, expires_at, request_ip)
		VALUES (v_req.phone, v_req.key_hash, now() + v_req.ttl_seconds * interval '1 second', v_req.ip)
		RETURNING v.id INTO key_id;
		older_pending := v_pending > 0;
		RETURN NEXT;
	END LOOP;
END
$$;
