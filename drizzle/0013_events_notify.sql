-- Wakes the webhook senders (src/events/delivery.ts) when events are recorded: one
-- notification per statement, sent when its transaction commits (PostgreSQL folds a
-- transaction's identical notifications into one), whichever process wrote them, the CLI
-- included. A sender that cannot listen (behind a transaction pooler) polls instead.
CREATE FUNCTION notify_account_events() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('account_events', '');
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_notify AFTER INSERT ON events
FOR EACH STATEMENT EXECUTE FUNCTION notify_account_events();
