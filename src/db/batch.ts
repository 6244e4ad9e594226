import type { Db } from './client.js';

interface Waiting<In, Out> {
  item: In;
  resolve: (out: Out) => void;
  reject: (err: unknown) => void;
}

/**
 * Calls made in the same turn of the event loop share one query: `run` gets every item
 * that arrived in that turn (at most `maxBatch`) and answers one result per item, in
 * order. Each call is still answered by a query sent after it was made, so it sees the
 * database exactly as a query of its own would; the service just makes one round trip
 * (two socket writes and reads fewer per call) per batch, since a round trip's system
 * calls can cost more than the query. If the query fails, every call in its batch fails
 * with the same error.
 */
export function batched<In, Out>(
  run: (db: Db, items: In[]) => Promise<Out[]>,
  maxBatch = 64,
): (db: Db, item: In) => Promise<Out> {
  const waiting = new WeakMap<Db, Waiting<In, Out>[]>();
  const flush = (db: Db, batch: Waiting<In, Out>[]) => {
    if (waiting.get(db) !== batch) return; // already sent
    waiting.delete(db);
    run(
      db,
      batch.map((w) => w.item),
    )
      .then((outs) => {
        if (outs.length !== batch.length) throw new Error(`a batch of ${batch.length} got ${outs.length} answers`);
        batch.forEach((w, i) => w.resolve(outs[i]!));
      })
      .catch((err: unknown) => {
        for (const w of batch) w.reject(err);
      });
  };
  return (db, item) =>
    new Promise<Out>((resolve, reject) => {
      let batch = waiting.get(db);
      if (!batch) {
        batch = [];
        waiting.set(db, batch);
        setImmediate(() => flush(db, batch!));
      }
      batch.push({ item, resolve, reject });
      if (batch.length >= maxBatch) flush(db, batch);
    });
}
