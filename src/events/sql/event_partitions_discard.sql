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
