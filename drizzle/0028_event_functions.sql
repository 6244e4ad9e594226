-- Re-created from src/events/sql/uuid_v7.sql (npm run db:function).
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
--> statement-breakpoint
-- Re-created from src/events/sql/event_to_outbox.sql (npm run db:function).
-- event_to_outbox: puts the events a statement recorded into the webhooks' outbox, those
-- of a type the sender sends (event_subscriptions; `*`, every type, until a service has
-- started and said), and wakes the senders: one NOTIFY on account_events, sent when the
-- transaction commits, whichever process recorded them.
--
-- Called by events_to_outbox in drizzle/0030_events_partitioned.sql
--
-- events_to_outbox is the trigger AFTER INSERT ON events FOR EACH STATEMENT, with the
-- statement's rows as the transition table `recorded`; every event is written by
-- recordEvent or recordingEvent in src/events/record.ts, so the outbox row commits exactly
-- when its event does. Without EVENTS_WEBHOOK_URL event_subscriptions is empty: nothing is
-- enqueued and nobody is woken. Rows written into a partition directly (the moves of
-- src/events/sql/event_partitions_ensure.sql and event_partitions_drop.sql) fire nothing.
-- The senders listen on EVENTS_CHANNEL in src/events/delivery.ts; PostgreSQL folds a
-- transaction's identical notifications into one, and a sender that cannot listen
-- (behind a transaction pooler) polls.
--
-- To change it, see docs/database-functions.md.
CREATE OR REPLACE FUNCTION event_to_outbox() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO event_outbox (seq, occurred_at, event_id, type)
	SELECT r.seq, r.occurred_at, r.id, r.type FROM recorded r
	WHERE EXISTS (SELECT 1 FROM event_subscriptions s WHERE s.type IN (r.type, '*'));
	IF FOUND THEN
		PERFORM pg_notify('account_events', '');
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
-- Re-created from src/events/sql/event_partitions_ensure.sql (npm run db:function).
-- event_partitions_ensure: makes the partitions of events and event_deliveries up to
-- p_until, each p_width wide (whole days, aligned to multiples of p_width since the Unix
-- epoch, UTC), after the last one there is. Answers how many it made. Safe to call from
-- every instance at any time: it makes only what is missing.
--
-- Called by ensureEventPartitions in src/events/partitions.ts
--
-- Also run by drizzle/0030_events_partitioned.sql for the first partitions. A partition is
-- named after its first day (events_p20270105, event_deliveries_p20270105) and gets the
-- primary key (seq). It is made as a table and attached, which locks the parent only
-- against other DDL (SHARE UPDATE EXCLUSIVE), not against reads and writes; the default
-- partition is locked for the moment it takes to check it, and rows it took for want of
-- this partition (when no instance ran this in time) move into it first, so no event is
-- ever refused. lock_timeout: rather than queue behind a long query (and make writers
-- queue behind it), it gives up, and the next sweep tries again.
--
-- To change it, see docs/database-functions.md.
CREATE OR REPLACE FUNCTION event_partitions_ensure(p_until timestamptz, p_width interval)
RETURNS integer
LANGUAGE plpgsql
SET lock_timeout = '1s'
AS $$
DECLARE
	v_step bigint := extract(epoch FROM p_width);
	v_lo timestamptz;
	v_hi timestamptz;
	v_table text;
	v_part text;
	v_made integer := 0;
BEGIN
	IF v_step < 86400 OR v_step % 86400 <> 0 THEN
		RAISE EXCEPTION 'event partitions are whole days wide, not %', p_width;
	END IF;
	LOOP
		SELECT max((regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz)
		INTO v_lo
		FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
		WHERE i.inhparent = 'events'::regclass;
		v_lo := coalesce(v_lo, date_trunc('day', now(), 'UTC'));
		EXIT WHEN v_lo >= p_until;
		v_hi := to_timestamp((floor(extract(epoch FROM v_lo) / v_step) + 1) * v_step);
		FOREACH v_table IN ARRAY ARRAY['events', 'event_deliveries'] LOOP
			v_part := v_table || '_p' || to_char(v_lo AT TIME ZONE 'UTC', 'YYYYMMDD');
			EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS)', v_part, v_table);
			EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (seq)', v_part);
			EXECUTE format(
				'WITH moved AS (DELETE FROM %I WHERE occurred_at >= %L AND occurred_at < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
				v_table || '_default', v_lo, v_hi, v_part);
			EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', v_table, v_part, v_lo, v_hi);
		END LOOP;
		v_made := v_made + 1;
	END LOOP;
	RETURN v_made;
END
$$;
--> statement-breakpoint
-- Re-created from src/events/sql/event_partitions_drop.sql (npm run db:function).
-- event_partitions_drop: retention. Detaches the partitions of events and event_deliveries
-- that hold only events older than p_before; answers how many of events'. The events the
-- outbox still holds (pending, or failed and kept for the operator) move to the default
-- partition in the same transaction, so no event leaves while it may still be sent or
-- retried. The detached tables are dropped by event_partitions_discard, in a transaction
-- of its own: removing a partition's files takes about a quarter of a second per gigabyte,
-- which events must not stay locked for.
--
-- Called by dropOldEventPartitions in src/events/partitions.ts
--
-- Dropping a partition writes no WAL for its rows (unlike DELETE, which logs each one and
-- leaves them dead for vacuum). DETACH locks the parent (ACCESS EXCLUSIVE) for a moment;
-- lock_timeout makes it give up rather than queue behind a long query (and make every
-- writer queue behind it), and the next sweep tries again. The default partition
-- and what is left of events_legacy are trimmed row by row, a batch at a time
-- (trimEventsBefore in src/events/partitions.ts).
--
-- To change it, see docs/database-functions.md.
CREATE OR REPLACE FUNCTION event_partitions_drop(p_before timestamptz)
RETURNS integer
LANGUAGE plpgsql
SET lock_timeout = '1s'
AS $$
DECLARE
	v_part record;
	v_dropped integer := 0;
BEGIN
	FOR v_part IN
		SELECT c.relname AS name, substr(c.relname, length('events_') + 1) AS suffix,
			(regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz AS upper
		FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
		WHERE i.inhparent = 'events'::regclass
		ORDER BY 3
	LOOP
		CONTINUE WHEN v_part.upper IS NULL OR v_part.upper > p_before;
		EXECUTE format('ALTER TABLE events DETACH PARTITION %I', v_part.name);
		EXECUTE format(
			'INSERT INTO events_default SELECT e.* FROM %I e WHERE e.seq IN (SELECT o.seq FROM event_outbox o WHERE o.occurred_at < %L)',
			v_part.name, v_part.upper);
		IF to_regclass('event_deliveries_' || v_part.suffix) IS NOT NULL THEN
			EXECUTE format('ALTER TABLE event_deliveries DETACH PARTITION %I', 'event_deliveries_' || v_part.suffix);
		END IF;
		v_dropped := v_dropped + 1;
	END LOOP;
	RETURN v_dropped;
END
$$;
--> statement-breakpoint
-- Re-created from src/events/sql/event_partitions_discard.sql (npm run db:function).
-- event_partitions_discard: drops the partitions event_partitions_drop detached (tables
-- named as partitions of events and event_deliveries that are no partition any more);
-- answers how many. It locks only the tables it drops, so however long removing their
-- files takes, no reader or writer of events waits; one left by a sweep that stopped
-- between the two is dropped by the next.
--
-- Called by dropOldEventPartitions in src/events/partitions.ts
--
-- To change it, see docs/database-functions.md.
CREATE OR REPLACE FUNCTION event_partitions_discard()
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
	v_table text;
	v_dropped integer := 0;
BEGIN
	FOR v_table IN
		SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind = 'r' AND NOT c.relispartition
			AND (c.relname ~ '^(events|event_deliveries)_p[0-9]{8}$' OR c.relname IN ('events_legacy', 'event_deliveries_legacy'))
	LOOP
		EXECUTE format('DROP TABLE %I', v_table);
		v_dropped := v_dropped + 1;
	END LOOP;
	RETURN v_dropped;
END
$$;
