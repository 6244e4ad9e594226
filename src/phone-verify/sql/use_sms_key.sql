-- use_sms_key: using an SMS key (confirm, key login) in one statement: the phone's daily
-- failure budget, the comparison with every usable key and its count, and, for a key that
-- matched, its count as confirmed for its country (the conversion breaker).
--
-- Called by useSmsKey in src/phone-verify/repository.ts
--
-- Attempts for one phone take turns on the advisory lock request_sms_keys takes for it, so
-- no two compare at once: each sees the count the one before left, at most p_max_attempts
-- wrong keys are ever compared against a key however many arrive together, and at most
-- p_failures_max against the phone in a day. A new key resets neither the budget nor, of
-- course, the count of the keys before it.
--
-- Past the budget, the phone is not shut for the day (anyone can spend it: ask for keys to
-- a stranger's phone and guess wrong), but each key gets one comparison, and only from the
-- client that asked for it (p_client, as request_sms_keys stored it): the owner who asks
-- for a key and types it gets in, the guesser gets one guess per key it has sent, which the
-- SMS caps bound and the owner's phone sees arrive, and nobody's guesses can spend a key
-- another client asked for.
--
-- Answers 'used' (the key matched and is now used; with p_token_hash, the verification
-- token is issued on its row), 'wrong' (compared and counted), 'no_key' (no usable key to
-- compare with: nothing is counted) or 'throttled' (the budget is spent and no key of this
-- client has its one comparison left: nothing was compared) with the seconds until the
-- budget's day has passed. A used key counts as confirmed in sms_conversion, in the minute
-- it was sent.
--
-- To change it, see docs/database-functions.md.
CREATE OR REPLACE FUNCTION use_sms_key(
	p_phone text, p_key_hash text, p_max_attempts integer,
	p_token_hash text, p_token_ttl_seconds integer,
	p_failures_bucket text, p_failures_max integer, p_client text,
	OUT outcome text, OUT retry_after integer
)
LANGUAGE plpgsql AS $$
DECLARE
	v_matched boolean;
	v_country text;
	v_sent_at timestamptz;
	v_spent boolean;
BEGIN
	PERFORM pg_advisory_xact_lock(hashtextextended('phone-verify:' || p_phone, 0));

	SELECT greatest(1, ceil(extract(epoch FROM r.expires_at - now())))::integer INTO retry_after
	FROM rate_limits r
	WHERE r.bucket = p_failures_bucket AND rate_limit_full(r.expires_at, r.count, p_failures_max);
	v_spent := FOUND;

	-- Each usable key is compared and counted in one step: the right one is used, the
	-- others take a wrong attempt (past the budget, their last: a key gets one comparison).
	WITH compared AS (
		UPDATE phone_verifications v SET
			attempts = CASE WHEN v.key_hash = p_key_hash THEN v.attempts
				WHEN v_spent THEN p_max_attempts ELSE v.attempts + 1 END,
			used_at = CASE WHEN v.key_hash = p_key_hash THEN now() ELSE v.used_at END,
			token_hash = CASE WHEN v.key_hash = p_key_hash THEN p_token_hash ELSE v.token_hash END,
			token_expires_at = CASE WHEN v.key_hash = p_key_hash AND p_token_hash IS NOT NULL
				THEN now() + p_token_ttl_seconds * interval '1 second' ELSE v.token_expires_at END
		WHERE v.phone_number = p_phone AND sms_key_usable(v, p_max_attempts)
			AND (NOT v_spent OR (v.attempts = 0 AND v.request_ip = p_client))
		RETURNING v.key_hash = p_key_hash AS matched, v.country_code, v.created_at
	)
	SELECT bool_or(c.matched), max(c.country_code) FILTER (WHERE c.matched), max(c.created_at) FILTER (WHERE c.matched)
	INTO v_matched, v_country, v_sent_at
	FROM compared c;

	IF NOT v_spent OR v_matched IS NOT NULL THEN
		retry_after := NULL;
	END IF;
	IF v_matched THEN
		outcome := 'used';
		IF v_country IS NOT NULL THEN
			UPDATE sms_conversion s SET confirmed = s.confirmed + 1
			WHERE s.country_code = v_country AND s.slot = date_trunc('minute', v_sent_at);
		END IF;
	ELSIF v_matched IS NULL THEN
		outcome := CASE WHEN v_spent THEN 'throttled' ELSE 'no_key' END;
	ELSE
		outcome := 'wrong';
		PERFORM rate_limit_hit(p_failures_bucket, 86400);
	END IF;
END
$$;
