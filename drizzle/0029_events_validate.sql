-- Proves of every event already recorded that it is older than the cut drizzle/0027 set:
-- a scan of the whole table (about 2 s per million events; docs/event-storage.md) under a
-- lock that lets reads and writes go on (SHARE UPDATE EXCLUSIVE). It commits on its own,
-- as every migration does (src/db/client.ts), so attaching the table as a partition in
-- drizzle/0030 needs no scan of its own under the exclusive lock.
ALTER TABLE events VALIDATE CONSTRAINT events_legacy_range;
