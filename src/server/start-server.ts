import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { createDb, type Database } from '../db/connect.ts';
import { prepareEmbeddedDatabase } from '../db/prepare-embedded.ts';
import { createReadDatabase } from '../db/read-replica.ts';
import { buildApp } from '../http/app.ts';
import { createAppMetrics } from '../services/app-metrics.ts';
import { WORKER_SLOT_ENV } from './messages.ts';
import { startOutboxSender } from '../email/sender.ts';
import { REMINDER_KIND } from '../db/queries/reminders.ts';
import { reminderRenderer } from '../bookings/reminder-email.ts';
import { deriveKey, OUTBOX_LINK_PURPOSE } from '../services/sealed-box.ts';
import { startHousekeeping } from './housekeeping.ts';
import { clusterMetricsFromPrimary, exposeToPrimary, isClusterWorker } from './cluster-metrics.ts';

export interface StartOptions {
  /**
   * Create and migrate an embedded SQLite file before serving (default true). Cluster
   * workers pass false: the primary prepared the file once, before forking.
   */
  prepareDatabase?: boolean;
}

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  state: { draining: boolean };
  /**
   * Drains and closes: /readyz answers 503 and every response closes its keep-alive
   * connection for `graceMs` while still serving (load balancers and clients move on
   * without meeting a closed socket), then stops accepting, finishes requests in flight
   * and closes the pool.
   */
  stop(graceMs?: number): Promise<void>;
}

/** "port taken" and friends as one line a person can act on; undefined for other errors. */
export function describeListenError(error: unknown, host: string, port: number): string | undefined {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE')
    return `cannot listen on ${host}:${port}: the port is already in use (another server running?)`;
  if (code === 'EACCES')
    return `cannot listen on ${host}:${port}: permission denied (ports below 1024 need privileges)`;
  if (code === 'EADDRNOTAVAIL') return `cannot listen on ${host}:${port}: no such address on this machine`;
  return undefined;
}

/** One app server process: database pool, app, listening socket, graceful stop. */
export async function startServer(
  config: Config,
  port = config.port,
  host = config.host,
  options: StartOptions = {},
): Promise<RunningServer> {
  const database = createDb(config.databaseUrl, { poolMax: config.poolMax });
  if (options.prepareDatabase !== false) await prepareEmbeddedDatabase(config, database);
  const readDatabase = config.readDatabaseUrl
    ? createReadDatabase(database, config.readDatabaseUrl, { poolMax: config.poolMax, maxLagS: config.readMaxLagS })
    : undefined;
  const state = { draining: false };
  const clusterMetrics = isClusterWorker()
    ? { expose: exposeToPrimary, collect: () => clusterMetricsFromPrimary() }
    : undefined;
  // the worker's slot (set by the cluster primary, kept by a replacement worker); 0 alone
  const metrics = createAppMetrics(process.env[WORKER_SLOT_ENV] ?? '0');
  const app = await buildApp({ config, database, readDatabase, clock: Date.now, state, clusterMetrics, metrics });
  // While draining, close each keep-alive connection after its response, so clients
  // reconnect (to another worker or host) instead of meeting a closed socket later.
  app.addHook('onSend', async (_request, reply) => {
    if (state.draining) reply.header('connection', 'close');
  });
  await app.listen({ port, host });
  // Every app process sends emails from the shared outbox and cleans up expired rows.
  const linkKey = deriveKey(config.secretKey, OUTBOX_LINK_PURPOSE);
  const renderers = {
    [REMINDER_KIND]: reminderRenderer({ db: database.db, baseUrl: config.baseUrl, linkKey, clock: Date.now }),
  };
  const sender = startOutboxSender({ db: database.db, config, logger: app.log, renderers, onOutcome: metrics.email });
  const stopHousekeeping = startHousekeeping(database.db, Date.now, (error) =>
    app.log.warn({ err: { message: (error as Error).message } }, 'housekeeping failed'),
  );
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 0) =>
    (stopping ??= (async () => {
      state.draining = true;
      if (graceMs > 0) await sleep(graceMs);
      await app.close(); // stops accepting, finishes requests in flight
      stopHousekeeping();
      await sender.stop();
      await readDatabase?.close();
      await database.close();
    })());
  return { app, database, state, stop };
}
