-- Using an SMS key (confirm, key login) in one statement: the phone's daily failure budget,
-- the comparison and its count. See useKey in src/phone-verify/repository.ts.
--
-- Attempts for one phone take turns on the lock request_sms_keys takes for it, so no two
-- compare at once: each sees the count the one before left, at most p_max_attempts wrong
-- keys are ever compared against a key however many arrive together, and at most
-- p_failures_max against the phone in a day. A new key resets neither the budget nor, of
-- course, the count of the keys before it.
--
-- Answers 'used' (the key matched and is now used; with p_token_hash, the verification
-- token is issued on its row), 'wrong' (compared and counted), 'no_key' (no usable key to
-- compare with: nothing is counted) or 'throttled' (the budget is spent: nothing was
-- compared) with the seconds until the budget's day has passed.
CREATE FUNCTION use_sms_key(
	p_phone text, p_key_hash text, p_max_attempts integer,
	p_token_hash text, p_token_ttl_seconds integer,
	p_failures_bucket text, p_failures_max integer,
	OUT outcome text, OUT retry_after integer
)
LANGUAGE plpgsql AS $$
DECLARE
	v_matched boolean;
BEGIN
	PERFORM pg_advisory_xact_lock(hashtextextended('phone-verify:' || p_phone, 0));

	SELECT greatest(1, ceil(extract(epoch FROM r.expires_at - now())))::integer INTO retry_after
	FROM rate_limits r
	WHERE r.bucket = p_failures_bucket AND rate_limit_full(r.expires_at, r.count, p_failures_max);
	IF FOUND THEN
		outcome := 'throttled';
		RETURN;
	END IF;

	-- Each usable key is compared and counted in one step: the right one is used, the
	-- others take a wrong attempt.
	WITH compared AS (
		UPDATE phone_verifications v SET
			attempts = CASE WHEN v.key_hash = p_key_hash THEN v.attempts ELSE v.attempts + 1 END,
			used_at = CASE WHEN v.key_hash = p_key_hash THEN now() ELSE v.used_at END,
			token_hash = CASE WHEN v.key_hash = p_key_hash THEN p_token_hash ELSE v.token_hash END,
			token_expires_at = CASE WHEN v.key_hash = p_key_hash AND p_token_hash IS NOT NULL
				THEN now() + p_token_ttl_seconds * interval '1 second' ELSE v.token_expires_at END
		WHERE v.phone_number = p_phone AND sms_key_usable(v, p_max_attempts)
		RETURNING v.key_hash = p_key_hash AS matched
	)
	SELECT bool_or(c.matched) INTO v_matched FROM compared c;

	IF v_matched THEN
		outcome := 'used';
	ELSIF v_matched IS NULL THEN
		outcome := 'no_key';
	ELSE
		outcome := 'wrong';
		PERFORM rate_limit_hit(p_failures_bucket, 86400);
	END IF;
END
$$;
--> statement-breakpoint

-- As in 0002 (see 0001's header for the inputs, the answers and the lock order), but the
-- resend cooldown runs from the last key sent to the phone, whatever became of it: were
-- a used or dead key to lift it, whether a new key is refused would tell whether a key
-- login naming some email had just killed this phone's key, i.e. whose phone it is.
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

		SELECT (count(*) FILTER (WHERE sms_key_usable(v, v_req.max_attempts)))::integer, max(v.created_at)
		INTO v_pending, v_newest
		FROM phone_verifications v
		WHERE v.phone_number = v_req.phone;
		IF v_req.cooldown_seconds > 0 AND v_newest > now() - v_req.cooldown_seconds * interval '1 second' THEN
			refusal := 'resend_cooldown';
			retry_after := greatest(1, ceil(extract(epoch FROM v_newest + v_req.cooldown_seconds * interval '1 second' - now())));
			RETURN NEXT;
			CONTINUE;
		END IF;

		-- Per phone: refused while a window is full (the longest such wait). The hourly
		-- bucket is the phone's for this client IP, the daily one the phone's for everyone.
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
