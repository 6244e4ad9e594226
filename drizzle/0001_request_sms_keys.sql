-- POST /phone-verify in one round trip: the resend cooldown, the per-phone and per-IP caps
-- and the key's insert, for every request of a batch, in one statement's transaction.
-- The service computes the inputs (the keys' hashes, the counters' bucket names), batches
-- the requests that arrive together and maps each answer to HTTP; see requestKey in
-- src/phone-verify/repository.ts. Everything runs inside the database, so the per-IP
-- counter row, which every request from one IP shares, is locked for microseconds rather
-- than for a transaction's worth of client round trips.
--
-- p_requests: a JSON array of {phone, key_hash, ip, ttl_seconds, cooldown_seconds,
-- max_attempts, phone_hour_bucket, phone_hour_max, phone_day_bucket, phone_day_max,
-- ip_bucket, ip_max}. Answers one row per request, n being its 1-based position: the new
-- key's id and whether older keys were pending (to retire once the SMS is sent), or a
-- refusal ('resend_cooldown' or 'throttled') with the seconds to wait. Checks come before
-- writes: a refused request writes nothing.
--
-- Locks are taken in one global order, so batches on other connections or instances
-- cannot deadlock: every phone's advisory lock first (sorted by phone), then the requests
-- run sorted by IP bucket, each locking its IP's counter row. A phone's counter rows are
-- only touched under that phone's lock.
CREATE FUNCTION request_sms_keys(p_requests jsonb)
RETURNS TABLE (n integer, key_id bigint, older_pending boolean, refusal text, retry_after integer)
LANGUAGE plpgsql AS $$
DECLARE
	v_phone text;
	v_req record;
	v_pending integer;
	v_newest timestamptz;
	v_wait integer;
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
		WHERE v.phone_number = v_req.phone AND v.used_at IS NULL AND v.retired_at IS NULL
			AND v.attempts < v_req.max_attempts AND v.expires_at > now();
		IF v_req.cooldown_seconds > 0 AND v_newest > now() - v_req.cooldown_seconds * interval '1 second' THEN
			refusal := 'resend_cooldown';
			retry_after := greatest(1, ceil(extract(epoch FROM v_newest + v_req.cooldown_seconds * interval '1 second' - now())));
			RETURN NEXT;
			CONTINUE;
		END IF;

		-- Per phone: refused while an open window is full (the longest such wait).
		SELECT max(ceil(extract(epoch FROM r.expires_at - now())))::integer INTO v_wait
		FROM rate_limits r
		WHERE r.expires_at > now()
			AND ((r.bucket = v_req.phone_hour_bucket AND r.count >= v_req.phone_hour_max)
				OR (r.bucket = v_req.phone_day_bucket AND r.count >= v_req.phone_day_max));
		IF v_wait IS NOT NULL THEN
			refusal := 'throttled';
			retry_after := greatest(1, v_wait);
			RETURN NEXT;
			CONTINUE;
		END IF;

		-- Per IP: one hit if the window has room (a closed window restarts at 1); a full one
		-- is left as it is.
		INSERT INTO rate_limits AS r (bucket, count, window_start, expires_at)
		VALUES (v_req.ip_bucket, 1, now(), now() + interval '1 hour')
		ON CONFLICT (bucket) DO UPDATE SET
			count = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.count + 1 END,
			window_start = CASE WHEN r.expires_at <= now() THEN excluded.window_start ELSE r.window_start END,
			expires_at = CASE WHEN r.expires_at <= now() THEN excluded.expires_at ELSE r.expires_at END
		WHERE r.expires_at <= now() OR r.count < v_req.ip_max;
		IF NOT FOUND THEN
			SELECT ceil(extract(epoch FROM r.expires_at - now()))::integer INTO v_wait
			FROM rate_limits r WHERE r.bucket = v_req.ip_bucket;
			refusal := 'throttled';
			retry_after := greatest(1, coalesce(v_wait, 1));
			RETURN NEXT;
			CONTINUE;
		END IF;

		INSERT INTO rate_limits AS r (bucket, count, window_start, expires_at)
		VALUES (v_req.phone_hour_bucket, 1, now(), now() + interval '1 hour'),
			(v_req.phone_day_bucket, 1, now(), now() + interval '1 day')
		ON CONFLICT (bucket) DO UPDATE SET
			count = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.count + 1 END,
			window_start = CASE WHEN r.expires_at <= now() THEN excluded.window_start ELSE r.window_start END,
			expires_at = CASE WHEN r.expires_at <= now() THEN excluded.expires_at ELSE r.expires_at END;

		INSERT INTO phone_verifications AS v (phone_number, key_hash, expires_at, request_ip)
		VALUES (v_req.phone, v_req.key_hash, now() + v_req.ttl_seconds * interval '1 second', v_req.ip)
		RETURNING v.id INTO key_id;
		older_pending := v_pending > 0;
		RETURN NEXT;
	END LOOP;
END
$$;
