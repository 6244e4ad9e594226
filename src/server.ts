import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import type { ResolvedConfig } from './config.js';
import { resolveSecret } from './crypto/secret-key.js';
import { openDatabase } from './db/client.js';
import { loggerOptions } from './logging.js';
import { buildMetricsServer } from './metrics/routes.js';

/** The service process. Started through `start.cjs`, which sizes libuv's thread pool and reads .env first. */
async function main(): Promise<void> {
  let config: ResolvedConfig;
  try {
    config = resolveSecret(loadConfig(process.env));
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }

  const database = await openDatabase({ url: config.databaseUrl, poolSize: config.databasePoolSize, poolMode: config.databasePoolMode });
  await database.migrate();
  const app = await buildApp({ config, database, logger: await loggerOptions(config) });
  app.addHook('onClose', async () => {
    // Handlers whose clients already left may still be at work; let them finish first.
    await app.whenIdle(10_000);
    await database.close();
    app.log.info('database closed');
  });
  // /metrics on a listener of its own (METRICS_PORT), e.g. reachable only from the scraper's network.
  const metricsServer = app.metrics ? buildMetricsServer(app.metrics, app.log.child({ listener: 'metrics' })) : undefined;

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // Stops accepting, waits for in-flight requests, then closes the database (onClose).
    Promise.all([app.close(), metricsServer?.close()]).then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  const address = new URL(await app.listen({ port: config.port, host: config.host }));
  if (metricsServer) {
    // The address actually bound, so METRICS_PORT=0 (any free port) is usable too.
    const metricsAddress = await metricsServer.listen({ port: config.metrics.port, host: config.host });
    app.log.info(`metrics on ${metricsAddress}/metrics`);
  }
  // The address actually bound, so PORT=0 (any free port) is usable too.
  if (address.hostname === '0.0.0.0' || address.hostname === '[::]') address.hostname = 'localhost';
  app.log.info(
    { database: database.kind, smsProvider: config.sms.providers.join(',') },
    `account service ready on ${address.origin}/api/v1`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
