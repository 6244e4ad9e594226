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
