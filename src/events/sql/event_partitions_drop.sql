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
-- (trimOldEvents in src/events/partitions.ts).
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
