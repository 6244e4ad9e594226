-- discard_sms_key: a key whose SMS no provider took is deleted, and no longer counted
-- against the spend caps or as sent to its country (an outage must not look like
-- pumping). The per-phone and per-IP counts stay: they bound requests, not spend.
--
-- Called by discardSmsKey in src/phone-verify/repository.ts
--
-- It takes the spend caps' rows in the order sms_spend_take does (hour, then day).
--
-- To change it, see docs/database-functions.md.
CREATE OR REPLACE FUNCTION discard_sms_key(p_id bigint)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	v_country text;
	v_sent_at timestamptz;
BEGIN
	DELETE FROM phone_verifications v WHERE v.id = p_id RETURNING v.country_code, v.created_at INTO v_country, v_sent_at;
	IF v_country IS NULL THEN
		RETURN;
	END IF;
	UPDATE rate_limits r SET count = r.count - 1
	WHERE r.bucket = 'sms-spend:hour' AND r.window_start <= v_sent_at AND r.expires_at > now() AND r.count > 0;
	UPDATE rate_limits r SET count = r.count - 1
	WHERE r.bucket = 'sms-spend:day' AND r.window_start <= v_sent_at AND r.expires_at > now() AND r.count > 0;
	UPDATE sms_conversion s SET sent = s.sent - 1
	WHERE s.country_code = v_country AND s.slot = date_trunc('minute', v_sent_at) AND s.sent > 0;
END
$$;
