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
