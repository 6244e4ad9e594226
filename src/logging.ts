import type { FastifyServerOptions } from 'fastify';
import { redactPaths } from './app.js';
import { logSerializers } from './http/log-serializers.js';
import type { ResolvedConfig } from './config.js';

type LogEntry = Record<string, unknown>;

/**
 * The service's logger. JSON lines straight to stdout, pino's fast path, unless LOG_FORMAT
 * (by default: in development) asks for pretty lines, which pino-pretty writes in this
 * thread (no worker) and in order. pino-pretty is a development dependency: a production
 * install never loads it.
 */
export async function loggerOptions(config: ResolvedConfig, out: NodeJS.WriteStream = process.stdout): Promise<FastifyServerOptions['logger']> {
  const base = { level: config.logLevel, redact: redactPaths, serializers: logSerializers };
  if ((config.logFormat ?? (config.nodeEnv === 'development' ? 'pretty' : 'json')) === 'json') return base;
  let pretty: typeof import('pino-pretty');
  try {
    pretty = (await import('pino-pretty')).default;
  } catch {
    console.error('LOG_FORMAT=pretty needs the development dependency pino-pretty (npm ci); logging JSON lines instead');
    return base;
  }
  const stream = pretty({
    destination: out,
    sync: true,
    colorize: out.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    // Shown in the line itself (messageFormat) or, for the SMS, already its message.
    ignore: 'pid,hostname,reqId,req,res,responseTime,sms',
    messageFormat: (entry, messageKey, _level, { colors }) =>
      readableLine(entry, String(entry[messageKey] ?? ''), (text) => colors.bold(colors.yellow(text))),
  });
  return { ...base, stream };
}

/** One line per entry: a request as its method and URL, its answer as status and time, the console SMS stand out. */
function readableLine(entry: LogEntry, message: string, highlight: (text: string) => string): string {
  const request = typeof entry.reqId === 'string' ? `[${entry.reqId}] ` : '';
  const req = entry.req as { method?: string; url?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  if (req?.method) return `${request}→ ${req.method} ${req.url ?? ''}`;
  if (res?.statusCode !== undefined && typeof entry.responseTime === 'number') {
    return `${request}← ${res.statusCode} in ${entry.responseTime.toFixed(1)} ms`;
  }
  if (typeof entry.sms === 'object') return highlight(message);
  return request + message;
}
