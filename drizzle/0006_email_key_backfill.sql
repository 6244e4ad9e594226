-- email_key for the accounts written before the column existed. From now on the service
-- computes every key (emailKey in src/users/email.ts: NFC, JavaScript's Unicode
-- lowercasing, NFC); this is the one time SQL derives it. For ASCII addresses (nearly all)
-- translate() gives exactly that key whatever the database's locale; for the others
-- normalize() and lower() with U+0130 spelled out as JavaScript lowercases it come as close
-- as SQL can. If two old accounts share a key (look-alikes that the old lower(email) index
-- let in), the older one keeps it and the newer keeps its email but can no longer be found
-- by it: it signs in by phone until an operator settles which account the address is.
UPDATE users u SET email_key = k.key
FROM (
	SELECT s.id, s.key, row_number() OVER (PARTITION BY s.key ORDER BY s.id) AS n
	FROM (
		SELECT id,
			CASE WHEN email ~ '^[ -~]*$'
				THEN translate(email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
				ELSE normalize(lower(normalize(replace(email, U&'\0130', U&'i\0307'), NFC)), NFC)
			END AS key
		FROM users
		WHERE email IS NOT NULL
	) s
) k
WHERE u.id = k.id AND k.n = 1;
