-- notify_account_events woke the senders from a trigger on the old events table
-- (drizzle/0013); event_to_outbox wakes them now, and only when it enqueued something.
DROP FUNCTION notify_account_events();
