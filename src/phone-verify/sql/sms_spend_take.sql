-- sms_spend_take: the service-wide spend caps (SMS_MAX_PER_HOUR, SMS_MAX_PER_DAY; 0 is
-- off). Takes up to p_n sends from the windows of the caps that are on, all or what is
-- left, and answers how many it took.
--
-- Called by request_sms_keys in src/phone-verify/sql/request_sms_keys.sql
--
-- When fewer than p_n, `cap` names the cap that ran out ('hour' or 'day'), with its
-- window's start (which window was full, for logging it once) and the seconds until it
-- closes. Each cap is one rate_limits row every send shares; it is locked here, at the end
-- of a batch, after every other lock the batch takes (hour, then day, as discard_sms_key
-- takes them), so it is held only until the commit that follows.
--
-- To change it, see docs/database-functions.md.
CREATE OR REPLACE FUNCTION sms_spend_take(
	p_n integer, p_hour_max integer, p_day_max integer,
	OUT granted integer, OUT cap text, OUT window_start timestamptz, OUT retry_after integer
)
LANGUAGE plpgsql AS $$
DECLARE
	v_bucket text;
	v_seconds integer;
	v_max integer;
	v_count integer;
	v_start timestamptz;
	v_end timestamptz;
	v_room integer;
	v_windows jsonb := '[]';
	v_w jsonb;
BEGIN
	granted := p_n;
	FOR v_bucket, v_seconds, v_max IN
		SELECT c.bucket, c.seconds, c.max
		FROM (VALUES (1, 'sms-spend:hour', 3600, p_hour_max), (2, 'sms-spend:day', 86400, p_day_max)) AS c(ord, bucket, seconds, max)
		WHERE c.max > 0 ORDER BY c.ord
	LOOP
		-- A row to lock, made once: two first batches cannot both count from nothing.
		INSERT INTO rate_limits (bucket, count, window_start, expires_at)
		VALUES (v_bucket, 0, now(), now() + v_seconds * interval '1 second')
		ON CONFLICT (bucket) DO NOTHING;
		SELECT r.count, r.window_start, r.expires_at INTO v_count, v_start, v_end
		FROM rate_limits r WHERE r.bucket = v_bucket FOR UPDATE;
		IF v_end <= now() THEN
			v_count := 0;
			v_start := now();
			v_end := now() + v_seconds * interval '1 second';
		END IF;
		v_room := greatest(0, v_max - v_count);
		IF v_room < granted THEN
			granted := v_room;
			cap := CASE WHEN v_seconds = 3600 THEN 'hour' ELSE 'day' END;
			window_start := v_start;
			retry_after := greatest(1, ceil(extract(epoch FROM v_end - now())))::integer;
		END IF;
		v_windows := v_windows || jsonb_build_object('bucket', v_bucket, 'count', v_count, 'start', v_start, 'end', v_end);
	END LOOP;
	IF granted = 0 THEN
		RETURN;
	END IF;
	FOR v_w IN SELECT * FROM jsonb_array_elements(v_windows) LOOP
		UPDATE rate_limits r SET
			count = (v_w->>'count')::integer + granted,
			window_start = (v_w->>'start')::timestamptz,
			expires_at = (v_w->>'end')::timestamptz
		WHERE r.bucket = v_w->>'bucket';
	END LOOP;
END
$$;
