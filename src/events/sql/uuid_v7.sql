-- uuid_v7: a new UUID of version 7 (RFC 9562): its first 48 bits are the Unix time in
-- milliseconds and the rest random, so ids made one after another sort, and land in an
-- index, in the order they were made (at its right edge, like a sequence).
--
-- Called by recordEvent in src/events/record.ts
-- Called by recordingEvent in src/events/record.ts
--
-- PostgreSQL 18 has uuidv7(); this one runs on PostgreSQL 15 and PGlite alike. It sets
-- the version bits of a random (version 4) UUID from 0100 to 0111 and writes the time
-- over its first six bytes. Session ids are made the same way in TypeScript
-- (newSessionId in src/crypto/random.ts).
--
-- To change it, see docs/database-functions.md.
CREATE OR REPLACE FUNCTION uuid_v7() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
	SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
		PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
		FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$;
