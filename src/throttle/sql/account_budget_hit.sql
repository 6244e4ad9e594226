-- account_budget_hit: one password or second-factor attempt against a failure budget
-- (LOGIN_MAX_ACCOUNT_FAILURES, LOGIN_ACCOUNT_LOCK_SECONDS): the budget of one identifier
-- (an email or a phone number, known or not), or MFA_MAX_FAILURES on an account's second
-- factor, from every IP together, counted on a rate_limits row before the secret is compared.
--
-- Called by accountBudgetHit in src/throttle/account-budget.ts
--
-- accountBudgetHit is the row source `budget` of login's attempt statement
-- (countAttemptAndFindUser in src/login/repository.ts), of countPasswordAttempt and of
-- spendAccountBudget (second factors) in src/throttle/account-budget.ts, and of
-- spendSecondFactorBudget in src/throttle/mfa-budget.ts; the caller names the bucket.
--
-- However many attempts arrive at once, at most p_max are compared; a success deletes the
-- row, so the count is of consecutive failures. Each counted attempt moves the row's end
-- to p_lock_seconds ahead: the attempt that spends the budget starts a lock of that
-- length, and failures that long apart are forgotten. While the budget is spent an attempt
-- is not counted (counted is false), so hammering a locked account never lengthens its
-- lock. A NULL p_bucket counts nothing and answers NULLs (a login that does not spend the
-- budget).
--
-- To change it, see docs/database-functions.md.
CREATE OR REPLACE FUNCTION account_budget_hit(
	p_bucket text, p_max integer, p_lock_seconds integer,
	OUT hits integer, OUT retry_after integer, OUT counted boolean
)
LANGUAGE plpgsql AS $$
BEGIN
	IF p_bucket IS NULL THEN
		RETURN;
	END IF;
	INSERT INTO rate_limits AS r (bucket, count, window_start, expires_at)
	VALUES (p_bucket, 1, now(), now() + p_lock_seconds * interval '1 second')
	ON CONFLICT (bucket) DO UPDATE SET
		count = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.count + 1 END,
		window_start = CASE WHEN r.expires_at <= now() THEN excluded.window_start ELSE r.window_start END,
		expires_at = excluded.expires_at
	WHERE NOT rate_limit_full(r.expires_at, r.count, p_max)
	RETURNING r.count, ceil(extract(epoch FROM r.expires_at - now()))::integer INTO hits, retry_after;
	counted := FOUND;
	IF NOT counted THEN
		SELECT r.count, ceil(extract(epoch FROM r.expires_at - now()))::integer INTO hits, retry_after
		FROM rate_limits r WHERE r.bucket = p_bucket;
	END IF;
END
$$;
