import type { Database } from '../db/client.js';
import { listFailed, retryFailed } from '../events/outbox.js';
import { columns, parse, positiveInt, UsageError } from './args.js';
import { CliError } from './errors.js';
import { json, shown } from './format.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `events failed|retry`: the events the webhook receiver never took, and sending one again. */
export function eventsCommand(args: string[], out: (line: string) => void): (database: Database) => Promise<void> {
  switch (args[0]) {
    case 'failed': {
      const { values } = parse(args.slice(1), { limit: { type: 'string' }, json: { type: 'boolean' } }, 0);
      const limit = positiveInt(values.limit, '--limit', 100);
      return async (database) => {
        const rows = (await listFailed(database.db, limit)).map((e) => ({
          id: e.id,
          type: e.type,
          user_id: e.userId,
          occurred_at: e.occurredAt.toISOString(),
          attempts: e.attempts,
          last_error: e.lastError,
        }));
        if (values.json) return out(json(rows));
        const lines = [['id', 'type', 'user', 'occurred', 'attempts', 'last error']];
        for (const e of rows) lines.push([e.id, e.type, String(e.user_id ?? '-'), e.occurred_at, String(e.attempts), e.last_error ?? '-']);
        out(columns(lines));
      };
    }
    case 'retry': {
      const { positionals } = parse(args.slice(1), {}, 1);
      const id = positionals[0]!;
      if (!UUID.test(id)) throw new UsageError(`"${shown(id)}" is not an event id`);
      return async (database) => {
        if (!(await retryFailed(database.db, id.toLowerCase()))) throw new CliError(`no failed event ${id}`);
        out(`event ${id} is pending again: it is sent from its first attempt`);
      };
    }
    default:
      throw new UsageError(`unknown command "events${args[0] ? ` ${shown(args[0])}` : ''}"`);
  }
}
