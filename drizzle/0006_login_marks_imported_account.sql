-- A login marks an account of the Django service as living here (users.django_synced_at
-- cleared), so import-django never overwrites it afterwards, even when the login changed
-- nothing on the row (an SMS key, or a hash that needed no rehash). A trigger, since every
-- session insert must do it and login's statements belong to their own owners; for any
-- other account the update finds its row by primary key and writes nothing.
CREATE FUNCTION sessions_mark_imported_account_used() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	UPDATE users SET django_synced_at = NULL WHERE id = NEW.user_id AND django_synced_at IS NOT NULL;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_mark_imported_account_used AFTER INSERT ON sessions
FOR EACH ROW EXECUTE FUNCTION sessions_mark_imported_account_used();
