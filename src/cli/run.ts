import { type Config, ConfigError, loadConfig } from '../config.js';
import { type Database, errorChain, openDatabase, pgErrorCode } from '../db/client.js';
import { createPasswordHasher } from '../passwords/hasher.js';
import { countLiveSessions } from '../sessions/repository.js';
import { totpEnabled } from '../mfa/repository.js';
import { listUsers } from '../users/repository.js';
import { apiKeysCommand } from './api-keys.js';
import { parse, positiveInt, UsageError } from './args.js';
import { CliError } from './errors.js';
import { eventsCommand } from './events.js';
import { details, json, printReport, publicFields, safeLine, shown, table } from './format.js';
import { importDjangoUsers } from './import-django.js';
import { keysCommand } from './keys.js';
import { oidcClientsCommand } from './oidc-clients.js';
import { createAdmin, findUser, passwordKind, removeSecondFactorOf, revokeSessionsOf, setActive } from './users.js';

export const USAGE = `Usage: account-service <command> [options]

Commands:
  migrate                                   apply the database migrations
  create-admin --email E --phone P (--password PW | --password-stdin) [--name N] [--nickname N]
                                            create an active admin account
  users list [--limit N] [--offset N] [--json]
  users show <id|email> [--json]
  users deactivate <id>                     block login and revoke every session
  users activate <id>
  sessions revoke <user id>                 log the user out everywhere
  mfa remove <user id>                      turn the account's second factor off (app and recovery codes)
  import-django --from postgres://… [--table user] [--dry-run]
                                            copy the Django service's users (idempotent)
  keys list [--json]                        the token signing keys: kid, algorithm, state, dates
  keys rotate                               publish a new signing key; it signs JWKS_MAX_AGE_SECONDS
                                            (+5 s) later, and the signing one retires then
  keys revoke <kid>                         refuse a leaked key's tokens at once, on every instance
  api-keys create --name N --scopes introspect[,admin]
                                            a key for another service, printed once, on the last line
  api-keys list [--json]                    id, name and scopes of each key (never the key)
  api-keys revoke <id>                      refused at once, on every instance
  oidc-clients create --name N --redirect-uri URI [--redirect-uri URI…] [--public] [--first-party]
                      [--post-logout-redirect-uri URI…]
                                            an app that signs its users in through the service
                                            (OIDC_PROVIDER); prints client_id and, unless --public,
                                            client_secret, once
  oidc-clients list [--json]                every registered app, revoked ones too
  oidc-clients revoke <client id>           refused at once, its grants and tokens deleted
  events failed [--limit N] [--json]        the events the webhook receiver never took, newest first
  events retry <event id>                   send a failed event again, from its first attempt

The database, the secret and the other settings come from the same environment as the
server (DATABASE_URL, SECRET_KEY, JWT_*, ARGON2_*, PHONE_*; a .env file is read when present).
With the embedded database (PGlite), stop the server first: one process at a time.`;

export interface CliIo {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
  /** All of standard input, for --password-stdin. */
  readStdin(): Promise<string>;
  /** Tests hand in their database; otherwise DATABASE_URL is opened and closed here. */
  database?: Database;
}

function userId(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`"${shown(value)}" is not a user id`);
  return Number(value);
}

/** Runs one command; resolves to the process exit code (0 done, 1 refused or failed, 2 bad usage). */
export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  // Whatever a command prints, no control character reaches the terminal raw.
  const io: CliIo = { ...rawIo, out: (line) => rawIo.out(safeLine(line)), err: (line) => rawIo.err(safeLine(line)) };
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    (command === undefined ? io.err : io.out)(USAGE);
    return command === undefined ? 2 : 0;
  }
  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(err.message);
    return 1;
  }
  let database: Database | undefined = io.database;
  try {
    const run = commandFor(command, rest, io, config);
    database ??= await openDatabase({ url: config.databaseUrl, poolSize: 2, poolMode: config.databasePoolMode });
    await run(database);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\nRun "account-service help" for the commands.`);
      return 2;
    }
    if (err instanceof CliError) {
      io.err(err.message);
      return 1;
    }
    if (pgErrorCode(err) === '42P01') {
      io.err('the database has no tables yet: run `migrate` first');
      return 1;
    }
    const cause = rootCause(err);
    if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|authentication failed|does not exist/.test(cause.message)) {
      io.err(`cannot use the database: ${cause.message}`);
      return 1;
    }
    io.err(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  } finally {
    if (database && !io.database) await database.close();
  }
}

function rootCause(err: unknown): Error {
  const innermost = errorChain(err).filter((e) => e instanceof Error).at(-1);
  return innermost instanceof Error ? innermost : new Error(String(err));
}

/** Parses the command line up front, so a usage error never opens the database. */
function commandFor(command: string, args: string[], io: CliIo, config: Config): (database: Database) => Promise<void> {
  const sub = `${command} ${args[0] ?? ''}`.trim();
  if (command === 'keys') return keysCommand(args, io.out, config);
  if (command === 'api-keys') return apiKeysCommand(args, io.out, config);
  if (command === 'oidc-clients') return oidcClientsCommand(args, io, config);
  if (command === 'events') return eventsCommand(args, io.out);
  switch (['users', 'sessions', 'mfa'].includes(command) ? sub : command) {
    case 'migrate': {
      parse(args, {}, 0);
      return async (database) => {
        await database.migrate();
        io.out('migrations applied');
      };
    }
    case 'create-admin': {
      const { values } = parse(
        args,
        {
          email: { type: 'string' },
          phone: { type: 'string' },
          password: { type: 'string' },
          'password-stdin': { type: 'boolean' },
          name: { type: 'string' },
          nickname: { type: 'string' },
        },
        0,
      );
      if (!values.email || !values.phone) throw new UsageError('create-admin needs --email and --phone');
      if ((values.password === undefined) === !values['password-stdin']) {
        throw new UsageError('create-admin needs one of --password or --password-stdin');
      }
      return async (database) => {
        // The first line of stdin, so `echo "$PW" | … --password-stdin` keeps it off the process list.
        const password = values.password ?? (await io.readStdin()).split(/\r?\n/)[0] ?? '';
        const passwords = createPasswordHasher(config.argon2);
        const user = await createAdmin(
          { db: database.db, passwords, phone: config.phone },
          { email: values.email!, phone: values.phone!, password, name: values.name, nickname: values.nickname },
        );
        io.out(`admin ${user.id} created: ${shown(user.email ?? '')}`);
      };
    }
    case 'users list': {
      const { values } = parse(args.slice(1), { limit: { type: 'string' }, offset: { type: 'string' }, json: { type: 'boolean' } }, 0);
      const page = { limit: positiveInt(values.limit, '--limit', 100), offset: positiveInt(values.offset, '--offset', 0) };
      return async (database) => {
        const rows = await listUsers(database.db, page);
        if (values.json) io.out(json(rows.map(publicFields)));
        else io.out(table(rows));
      };
    }
    case 'users show': {
      const { values, positionals } = parse(args.slice(1), { json: { type: 'boolean' } }, 1);
      return async (database) => {
        const user = await findUser(database.db, positionals[0]!);
        if (!user) throw new CliError(`no user ${shown(positionals[0]!)}`);
        const fields = {
          ...publicFields(user),
          password: passwordKind(user.passwordHash),
          mfa_enabled: await totpEnabled(database.db, user.id),
          live_sessions: await countLiveSessions(database.db, user.id),
          updated_at: user.updatedAt.toISOString(),
          withdrawn_at: user.withdrawnAt?.toISOString() ?? null,
        };
        if (values.json) io.out(json(fields));
        else for (const line of details(fields)) io.out(line);
      };
    }
    case 'users deactivate':
    case 'users activate': {
      const { positionals } = parse(args.slice(1), {}, 1);
      const id = userId(positionals[0]!);
      const active = sub === 'users activate';
      return async (database) => {
        const { revoked } = await setActive(database.db, id, active);
        io.out(active ? `user ${id} activated` : `user ${id} deactivated; ${revoked} session(s) revoked`);
      };
    }
    case 'sessions revoke': {
      const { positionals } = parse(args.slice(1), {}, 1);
      const id = userId(positionals[0]!);
      return async (database) => {
        if (!(await findUser(database.db, String(id)))) throw new CliError(`no user ${id}`);
        io.out(`${await revokeSessionsOf(database.db, id)} session(s) of user ${id} revoked`);
      };
    }
    case 'mfa remove': {
      const { positionals } = parse(args.slice(1), {}, 1);
      const id = userId(positionals[0]!);
      return async (database) => {
        if (!(await findUser(database.db, String(id)))) throw new CliError(`no user ${id}`);
        const removed = await removeSecondFactorOf(database.db, id);
        io.out(removed ? `second factor of user ${id} removed` : `user ${id} has no second factor`);
      };
    }
    case 'import-django': {
      const { values } = parse(args, { from: { type: 'string' }, table: { type: 'string' }, 'dry-run': { type: 'boolean' } }, 0);
      if (!values.from || !/^postgres(ql)?:\/\//.test(values.from)) {
        throw new UsageError('import-django needs --from postgres://… (the Django database)');
      }
      return async (database) => {
        const report = await importDjangoUsers(
          { db: database.db, phone: config.phone },
          { url: values.from!, table: values.table },
          { dryRun: values['dry-run'] },
        );
        printReport(io.out, report);
      };
    }
    default:
      throw new UsageError(`unknown command "${shown(sub)}"`);
  }
}
