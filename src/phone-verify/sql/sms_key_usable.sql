-- sms_key_usable: an SMS key can still be used: not used, not retired by a newer key, not
-- dead after p_max_attempts wrong keys, and not expired. One definition of "usable" for
-- sending (pending keys, the cooldown) and for comparing.
--
-- Called by request_sms_keys in src/phone-verify/sql/request_sms_keys.sql
-- Called by use_sms_key in src/phone-verify/sql/use_sms_key.sql
--
-- A SQL function, STABLE, so PostgreSQL inlines it into its callers' queries.
--
-- To change it, see docs/database-functions.md.
CREATE OR REPLACE FUNCTION sms_key_usable(v phone_verifications, p_max_attempts integer)
RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT v.used_at IS NULL AND v.retired_at IS NULL AND v.attempts < p_max_attempts AND v.expires_at > now()
$$;
