-- Re-created from src/phone-verify/sql/sms_country_breaker.sql (npm run db:function).
-- sms_country_breaker: the conversion breaker against SMS pumping, for the countries of a
-- batch of key requests. Answers each country's state: the seconds its pause has left
-- (null when not paused) and what happened to it in this call ('paused', 'resumed',
-- 'alarm', or null), so the caller refuses what a pause holds and logs each event.
--
-- Called by request_sms_keys in src/phone-verify/sql/request_sms_keys.sql
--
-- When at least p_min_sent keys were sent to a country in the last hour (sms_conversion)
-- and fewer than p_min_conversion of them were confirmed, a country other than p_home is
-- paused for an hour (sms_country_pauses, inserted by exactly one caller, lifted by the
-- first past the hour). The home country is never paused, only raises the 'alarm' on every
-- call while it lasts: a wave anyone can send from a few IPs must not stop keys reaching
-- the service's own users. A pause of it left from before (p_home changed) is lifted.
--
-- To change it, see docs/database-functions.md.
CREATE OR REPLACE FUNCTION sms_country_breaker(
	p_countries text[], p_min_sent integer, p_min_conversion double precision, p_home text
)
RETURNS TABLE (country text, paused_seconds integer, event text)
LANGUAGE plpgsql AS $$
DECLARE
	v_until timestamptz;
	v_sent bigint;
	v_confirmed bigint;
BEGIN
	FOR country IN SELECT DISTINCT c FROM unnest(p_countries) AS c WHERE c IS NOT NULL ORDER BY 1 LOOP
		event := NULL;
		SELECT p.paused_until INTO v_until FROM sms_country_pauses p WHERE p.country_code = country;
		IF v_until <= now() OR (v_until IS NOT NULL AND country = p_home) THEN
			DELETE FROM sms_country_pauses p WHERE p.country_code = country AND (p.paused_until <= now() OR country = p_home);
			IF FOUND THEN
				event := 'resumed';
			END IF;
			v_until := NULL;
		END IF;
		IF v_until IS NULL THEN
			SELECT coalesce(sum(s.sent), 0), coalesce(sum(s.confirmed), 0) INTO v_sent, v_confirmed
			FROM sms_conversion s
			WHERE s.country_code = country AND s.slot > now() - interval '1 hour';
			IF v_sent >= greatest(1, p_min_sent) AND v_confirmed < p_min_conversion * v_sent THEN
				IF country = p_home THEN
					event := 'alarm';
				ELSE
					INSERT INTO sms_country_pauses AS p (country_code, paused_at, paused_until)
					VALUES (country, now(), now() + interval '1 hour')
					ON CONFLICT (country_code) DO NOTHING
					RETURNING p.paused_until INTO v_until;
					IF FOUND THEN
						event := 'paused';
					ELSE
						SELECT p.paused_until INTO v_until FROM sms_country_pauses p WHERE p.country_code = country;
					END IF;
				END IF;
			END IF;
		END IF;
		paused_seconds := CASE WHEN v_until > now() THEN greatest(1, ceil(extract(epoch FROM v_until - now())))::integer END;
		RETURN NEXT;
	END LOOP;
END
$$;
--> statement-breakpoint
-- Re-created from src/phone-verify/sql/request_sms_keys.sql (npm run db:function).
-- request_sms_keys: POST /phone-verify in one round trip. For every request of a batch it
-- applies the conversion breaker of the request's country, the resend cooldown, the
-- per-phone and per-IP caps and the service's spend caps, counts it and inserts its key.
--
-- Called by requestSmsKeys in src/phone-verify/repository.ts
--
-- The service computes the inputs (keys' hashes, buckets' names), batches the requests
-- that arrive together and maps each answer to HTTP; all runs here, so the per-IP counter
-- row every request from one IP shares is locked for microseconds, not for round trips.
--
-- p_requests: a JSON array of {phone, country, key_hash, client, ttl_seconds,
-- cooldown_seconds, max_attempts, phone_hour_bucket, phone_hour_max, phone_day_bucket,
-- phone_day_max, trickle_seconds, ip_bucket, ip_max}, `client` being the IP as the caps
-- count it; the instance's spend caps and breaker (spend_hour_max, spend_day_max,
-- breaker_min_sent, breaker_min_conversion, home_country) are read from the first.
-- Answers one row per request, n being its 1-based position: the new key's id and whether
-- older keys were pending (to retire once the SMS is sent), or a refusal
-- ('country_paused', 'resend_cooldown', 'throttled', 'spend_hour', 'spend_day') with the
-- seconds to wait and, for a spend cap, the full window's start. `breaker` is set on one
-- row per country and event of the batch ('paused', 'resumed', or 'alarm' for the home
-- country), so the service logs each event. Checks come before writes: a refused request
-- writes nothing.
--
-- * The conversion breaker of each country, before any request is looked at
--   (sms_country_breaker): a paused country refuses a client (counting nothing) unless that
--   client's last key to the country, in the last day, was confirmed; the home country is
--   never paused. Off when breaker_min_conversion is 0 or absent.
-- * The resend cooldown runs from the last key sent to the phone, whatever became of it
--   (were a dead key to lift it, the answer would tell whose phone it is).
-- * Past the phone's daily cap (all clients), the phone still gets a key every
--   trickle_seconds, but not for a client that left two keys to it unused that day since
--   it last used one: who spent the day's keys waits the day, the owner does not.
-- * The spend caps, once per batch, at its end (sms_spend_take): requests accepted past a
--   cap are taken back. Keys sent are counted per country and minute in sms_conversion.
--
-- Locks are taken in one global order, so batches on other connections or instances
-- cannot deadlock: every phone's advisory lock first (sorted by phone), then the requests
-- run sorted by IP bucket, each locking its IP's counter row (and, for a paused country,
-- its client's advisory lock just before), and the spend caps' rows last. A phone's counter rows are only touched under that phone's lock.
--
-- To change it, see docs/database-functions.md.
CREATE OR REPLACE FUNCTION request_sms_keys(p_requests jsonb)
RETURNS TABLE (
	n integer, key_id bigint, older_pending boolean, refusal text, retry_after integer,
	window_start timestamptz, breaker text
)
LANGUAGE plpgsql AS $$
DECLARE
	v_policy jsonb := p_requests->0;
	v_hour_max integer := coalesce((v_policy->>'spend_hour_max')::integer, 0);
	v_day_max integer := coalesce((v_policy->>'spend_day_max')::integer, 0);
	v_min_sent integer := greatest(1, coalesce((v_policy->>'breaker_min_sent')::integer, 1));
	v_min_conversion double precision := coalesce((v_policy->>'breaker_min_conversion')::double precision, 0);
	v_home text := v_policy->>'home_country';
	v_phone text;
	v_req record;
	v_pending integer;
	v_newest timestamptz;
	v_wait integer;
	v_day_wait integer;
	v_day_ends timestamptz;
	v_used boolean;
	v_unused integer;
	v_last_at timestamptz;
	v_hit record;
	v_country text;
	v_sent bigint;
	v_count integer;
	v_take record;
	v_paused jsonb := '{}';
	v_events jsonb := '{}';
	v_k integer;
	v_id bigint;
	-- One entry per request, in the order they were looked at.
	r_n integer[] := '{}';
	r_key bigint[] := '{}';
	r_older boolean[] := '{}';
	r_refusal text[] := '{}';
	r_retry integer[] := '{}';
	r_window timestamptz[] := '{}';
	r_breaker text[] := '{}';
	-- The accepted ones: where they are in r_*, and what they counted.
	a_at integer[] := '{}';
	a_counted text[] := '{}';
	a_country text[] := '{}';
BEGIN
	-- Requests for one phone take turns until commit: none slips past the cooldown or a cap.
	FOR v_phone IN
		SELECT DISTINCT e.r->>'phone' FROM jsonb_array_elements(p_requests) AS e(r) ORDER BY 1
	LOOP
		PERFORM pg_advisory_xact_lock(hashtextextended('phone-verify:' || v_phone, 0));
	END LOOP;

	IF v_min_conversion > 0 THEN
		SELECT coalesce(jsonb_object_agg(b.country, b.paused_seconds) FILTER (WHERE b.paused_seconds IS NOT NULL), '{}'),
			coalesce(jsonb_object_agg(b.country, b.event) FILTER (WHERE b.event IS NOT NULL), '{}')
		INTO v_paused, v_events
		FROM sms_country_breaker(
			ARRAY(SELECT e.r->>'country' FROM jsonb_array_elements(p_requests) AS e(r)), v_min_sent, v_min_conversion, v_home
		) AS b;
	END IF;

	FOR v_req IN
		SELECT e.i::integer AS i, e.r->>'phone' AS phone, e.r->>'key_hash' AS key_hash, e.r->>'client' AS client,
			e.r->>'country' AS country, (e.r->>'trickle_seconds')::integer AS trickle_seconds,
			(e.r->>'ttl_seconds')::integer AS ttl_seconds, (e.r->>'cooldown_seconds')::integer AS cooldown_seconds,
			(e.r->>'max_attempts')::integer AS max_attempts,
			e.r->>'phone_hour_bucket' AS phone_hour_bucket, (e.r->>'phone_hour_max')::integer AS phone_hour_max,
			e.r->>'phone_day_bucket' AS phone_day_bucket, (e.r->>'phone_day_max')::integer AS phone_day_max,
			e.r->>'ip_bucket' AS ip_bucket, (e.r->>'ip_max')::integer AS ip_max
		FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS e(r, i)
		ORDER BY e.r->>'ip_bucket', e.i
	LOOP
		r_n := r_n || v_req.i;
		r_key := r_key || NULL::bigint;
		r_older := r_older || NULL::boolean;
		r_refusal := r_refusal || NULL::text;
		r_retry := r_retry || NULL::integer;
		r_window := r_window || NULL::timestamptz;
		r_breaker := r_breaker || (v_events->>v_req.country);
		v_events := v_events - coalesce(v_req.country, '');
		v_k := array_length(r_n, 1);

		IF v_paused ? v_req.country THEN
			-- Proof of history: this client's last key to the country was confirmed. Its
			-- requests take turns here (at its IP bucket's place in the lock order), so one
			-- confirmed key lets one through, however many race.
			PERFORM pg_advisory_xact_lock(hashtextextended('phone-verify-client:' || v_req.ip_bucket, 0));
			SELECT v.used_at IS NOT NULL INTO v_used
			FROM phone_verifications v
			WHERE v.request_ip = v_req.client AND v.country_code = v_req.country AND v.created_at > now() - interval '1 day'
			ORDER BY v.created_at DESC LIMIT 1;
			IF v_used IS NOT TRUE THEN
				r_refusal[v_k] := 'country_paused';
				r_retry[v_k] := (v_paused->>v_req.country)::integer;
				CONTINUE;
			END IF;
		END IF;

		SELECT (count(*) FILTER (WHERE sms_key_usable(v, v_req.max_attempts)))::integer, max(v.created_at)
		INTO v_pending, v_newest
		FROM phone_verifications v
		WHERE v.phone_number = v_req.phone;
		IF v_req.cooldown_seconds > 0 AND v_newest > now() - v_req.cooldown_seconds * interval '1 second' THEN
			r_refusal[v_k] := 'resend_cooldown';
			r_retry[v_k] := greatest(1, ceil(extract(epoch FROM v_newest + v_req.cooldown_seconds * interval '1 second' - now())));
			CONTINUE;
		END IF;

		-- Per phone: refused while a window is full (the longest such wait). The hourly
		-- bucket is the phone's for this client IP, the daily one the phone's for everyone.
		SELECT ceil(extract(epoch FROM r.expires_at - now()))::integer INTO v_wait
		FROM rate_limits r
		WHERE r.bucket = v_req.phone_hour_bucket AND rate_limit_full(r.expires_at, r.count, v_req.phone_hour_max);
		SELECT r.expires_at INTO v_day_ends
		FROM rate_limits r
		WHERE r.bucket = v_req.phone_day_bucket AND rate_limit_full(r.expires_at, r.count, v_req.phone_day_max);
		v_day_wait := NULL;
		IF FOUND THEN
			-- Past the daily cap: a key per trickle_seconds, except for a client that left two
			-- keys to the phone unused that day since it last used one: it waits the day.
			SELECT count(*), (array_agg(v.created_at ORDER BY v.created_at DESC))[2] INTO v_unused, v_last_at
			FROM phone_verifications v
			WHERE v.phone_number = v_req.phone AND v.request_ip = v_req.client AND v.used_at IS NULL
				AND v.created_at > now() - interval '1 day'
				AND v.created_at > coalesce((SELECT max(u.created_at) FROM phone_verifications u
					WHERE u.phone_number = v_req.phone AND u.request_ip = v_req.client AND u.used_at IS NOT NULL), '-infinity');
			IF v_req.trickle_seconds > 0 AND v_unused < 2 THEN
				v_day_wait := nullif(greatest(0, ceil(extract(epoch FROM
					v_newest + v_req.trickle_seconds * interval '1 second' - now()))), 0)::integer;
			ELSE
				v_day_wait := ceil(extract(epoch FROM least(v_day_ends,
					CASE WHEN v_req.trickle_seconds > 0 THEN v_last_at + interval '1 day' END) - now()))::integer;
			END IF;
		END IF;
		v_wait := greatest(v_wait, v_day_wait);
		IF v_wait IS NOT NULL THEN
			r_refusal[v_k] := 'throttled';
			r_retry[v_k] := greatest(1, v_wait);
			CONTINUE;
		END IF;

		-- Per IP: counted only if the window has room.
		v_hit := rate_limit_hit(v_req.ip_bucket, 3600, v_req.ip_max);
		IF NOT v_hit.counted THEN
			r_refusal[v_k] := 'throttled';
			r_retry[v_k] := greatest(1, coalesce(v_hit.retry_after, 1));
			CONTINUE;
		END IF;

		PERFORM rate_limit_hit(v_req.phone_hour_bucket, 3600);
		PERFORM rate_limit_hit(v_req.phone_day_bucket, 86400);

		INSERT INTO phone_verifications AS v (phone_number, key_hash, expires_at, request_ip, country_code)
		VALUES (v_req.phone, v_req.key_hash, now() + v_req.ttl_seconds * interval '1 second', v_req.client, v_req.country)
		RETURNING v.id INTO v_id;
		r_key[v_k] := v_id;
		r_older[v_k] := v_pending > 0;
		a_at := a_at || v_k;
		a_counted := a_counted || ARRAY[v_req.ip_bucket, v_req.phone_hour_bucket, v_req.phone_day_bucket];
		a_country := a_country || v_req.country;
	END LOOP;

	v_count := coalesce(array_length(a_at, 1), 0);
	IF v_count > 0 AND (v_hour_max > 0 OR v_day_max > 0) THEN
		v_take := sms_spend_take(v_count, v_hour_max, v_day_max);
		-- Past a cap: the last ones accepted are taken back, as if never counted.
		FOR i IN v_take.granted + 1 .. v_count LOOP
			v_k := a_at[i];
			DELETE FROM phone_verifications v WHERE v.id = r_key[v_k];
			UPDATE rate_limits r SET count = r.count - 1
			WHERE r.bucket = ANY (a_counted[3 * i - 2 : 3 * i]) AND r.count > 0;
			r_key[v_k] := NULL;
			r_older[v_k] := NULL;
			r_refusal[v_k] := 'spend_' || v_take.cap;
			r_retry[v_k] := v_take.retry_after;
			r_window[v_k] := v_take.window_start;
		END LOOP;
		v_count := v_take.granted;
	END IF;

	IF v_count > 0 AND v_min_conversion > 0 THEN
		FOR v_country, v_sent IN
			SELECT c.country, count(*) FROM unnest(a_country[1 : v_count]) AS c(country)
			WHERE c.country IS NOT NULL GROUP BY c.country ORDER BY c.country
		LOOP
			INSERT INTO sms_conversion AS s (country_code, slot, sent)
			VALUES (v_country, date_trunc('minute', now()), v_sent)
			ON CONFLICT (country_code, slot) DO UPDATE SET sent = s.sent + excluded.sent;
		END LOOP;
	END IF;

	RETURN QUERY
		SELECT * FROM unnest(r_n, r_key, r_older, r_refusal, r_retry, r_window, r_breaker);
END
$$;
