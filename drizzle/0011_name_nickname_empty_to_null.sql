-- Until the columns became nullable a name or nickname never given was stored as '', so
-- every '' here is one: it becomes null, as the seed's model stores it and as the service
-- now keeps every empty value (profileText in src/users/profile.ts). updated_at is left
-- alone: nobody changed these accounts, and import-django's untouched mark must hold.
UPDATE users SET name = NULL WHERE name = '';--> statement-breakpoint
UPDATE users SET nickname = NULL WHERE nickname = '';
