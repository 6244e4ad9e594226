-- notify_account_events: wakes the webhook senders when events are recorded: one
-- NOTIFY on account_events per statement, sent when its transaction commits, whichever
-- process wrote the events, the CLI included.
--
-- Called by events_notify in drizzle/0013_events_notify.sql
--
-- events_notify is the trigger AFTER INSERT ON events FOR EACH STATEMENT; every event is
-- written by recordEvent or recordingEvent in src/events/record.ts. The senders listen on
-- EVENTS_CHANNEL in src/events/delivery.ts. PostgreSQL folds a transaction's identical
-- notifications into one. A sender that cannot listen (behind a transaction pooler) polls.
-- The trigger stays in its migration: it is part of the events table's schema, and
-- re-creating the function leaves it attached.
--
-- To change it, see docs/database-functions.md.
CREATE OR REPLACE FUNCTION notify_account_events() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('account_events', '');
	RETURN NULL;
END
$$;
