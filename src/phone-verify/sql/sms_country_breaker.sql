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
