-- Django argon2 hashes of imported accounts, which import-django used to store without
-- Django's `argon2` prefix, get it back: a Django hash is now kept as Django wrote it, so
-- that every hash not of this service's own form (`$argon2id$…`) is one of Django's
-- (src/passwords/django.ts), checked on its own queue, and users_django_password_idx finds
-- them. Only hashes within Django's defaults (m <= 102400 KiB, t <= 2, p <= 8) and unlike
-- this service's default (m=19456, t=2, p=1) are taken for Django's; any other stays as it
-- is and is checked under this service's own bounds.
UPDATE users SET password_hash = 'argon2' || password_hash
WHERE django_key IS NOT NULL
	AND password_hash ~ '^\$argon2(id|i|d)\$(v=(16|19)\$)?m=\d{1,10},t=\d{1,10},p=\d{1,10}\$'
	AND password_hash NOT LIKE '$argon2id$v=19$m=19456,t=2,p=1$%'
	AND substring(password_hash FROM '\$m=(\d{1,10}),')::bigint <= 102400
	AND substring(password_hash FROM ',t=(\d{1,10}),')::bigint <= 2
	AND substring(password_hash FROM ',p=(\d{1,10})\$')::bigint <= 8;
