import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { metricsJson, metricsText } from '../services/app-metrics.ts';
import { buildInfo } from './build-info.ts';
import { countBusinessOutcomes } from './business-metrics.ts';
import type { Database } from '../db/connect.ts';
import type { ReadDatabase } from '../db/read-replica.ts';
import type { Services } from '../services/services.ts';
import { mayReadMetrics } from './metrics-access.ts';
import { countPendingOutbox } from '../db/queries/outbox.ts';
import { DomainError } from '../domain/errors.ts';

/**
 * GET /metrics in Prometheus text format. Under `serve --workers N` the answer covers every
 * worker (aggregated by the cluster primary, one series per `worker` label), so one scrape
 * target = one host:port, as a Prometheus user expects; see docs/scaling.md.
 */

/** What a connection pool can tell about itself (optional on Database; see docs/scaling.md). */
export interface PoolStats {
  /** open connections, busy or idle */
  total: number;
  idle: number;
  /** queries waiting for a free connection */
  waiting: number;
  max: number;
}

type WithPoolStats = Database & { poolStats?: () => PoolStats | undefined };

const OUTBOX_QUERY_TIMEOUT_MS = 1_000;
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One gauge per pool figure (so that sum() over workers or hosts means something); absent on SQLite. */
function registerPoolGauges(registry: Registry, database: WithPoolStats): void {
  const figures: [string, string, (s: PoolStats) => number][] = [
    ['tablebookings_db_pool_connections_in_use', 'Pool connections running a query', (s) => s.total - s.idle],
    ['tablebookings_db_pool_connections_idle', 'Open pool connections not in use', (s) => s.idle],
    ['tablebookings_db_pool_connections_max', 'Most connections the pool may open (DATABASE_POOL_MAX)', (s) => s.max],
    ['tablebookings_db_pool_waiting_requests', 'Queries waiting for a free pool connection', (s) => s.waiting],
  ];
  if (database.backend === 'sqlite' || !database.poolStats) return;
  for (const [name, help, read] of figures) {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const stats = database.poolStats?.();
        if (stats) this.set(read(stats));
      },
    });
  }
}

/** `tablebookings_build_info{version,revision,node,database} 1`: what runs where. */
function registerBuildInfo(registry: Registry, database: Database): void {
  const { version, revision } = buildInfo();
  const gauge = new Gauge({
    name: 'tablebookings_build_info',
    help: 'Always 1; the labels say which build runs (version, git revision, Node.js, database backend)',
    labelNames: ['version', 'revision', 'node', 'database'],
    registers: [registry],
    aggregator: 'max',
  });
  gauge.set({ version, revision, node: process.version, database: database.backend }, 1);
}

function registerOutboxGauge(registry: Registry, database: WithPoolStats): void {
  new Gauge({
    name: 'tablebookings_email_outbox_pending',
    help: 'Emails waiting in the outbox (NaN when the database did not answer)',
    registers: [registry],
    aggregator: 'max', // every worker sees the same table: do not add them up
    async collect() {
      this.set(await withTimeout(countPendingOutbox(database.db), OUTBOX_QUERY_TIMEOUT_MS).catch(() => NaN));
    },
  });
}

/** DATABASE_READ_URL: how far behind the replica is, and whether reads go to it. */
function registerReplicaGauges(registry: Registry, read: ReadDatabase): void {
  new Gauge({
    name: 'tablebookings_db_replica_lag_seconds',
    help: 'Seconds since the read replica was last seen applying everything the primary had (-1 while it does not answer)',
    registers: [registry],
    aggregator: 'max',
    collect() {
      this.set(read.lagSeconds() ?? -1);
    },
  });
  new Gauge({
    name: 'tablebookings_db_replica_in_use',
    help: '1 while reads go to the read replica, 0 while they go to the primary (replica down or lagging beyond DATABASE_READ_MAX_LAG_S)',
    registers: [registry],
    aggregator: 'min',
    collect() {
      this.set(read.usingReplica() ? 1 : 0);
    },
  });
}

function registerRequestMetrics(app: FastifyInstance, registry: Registry): void {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route pattern and status',
    labelNames,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer, by route pattern and status',
    labelNames,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });
}

export function registerMetrics(app: FastifyInstance, services: Services): void {
  const { perProcess, shared } = services.metrics;
  collectDefaultMetrics({ register: perProcess });
  registerRequestMetrics(app, perProcess);
  countBusinessOutcomes(app, services.metrics);
  registerPoolGauges(perProcess, services.database);
  registerBuildInfo(shared, services.database);
  registerOutboxGauge(shared, services.database);
  if (services.readDatabase) registerReplicaGauges(shared, services.readDatabase);
  const cluster = services.clusterMetrics;
  cluster?.expose(metricsJson(services.metrics));

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!mayReadMetrics(request, services.config.metricsToken)) {
      throw new DomainError('not_found', `There is nothing at ${request.method} /metrics.`, {
        key: 'problem.detail.notFoundRoute',
        params: { method: request.method, path: '/metrics' },
      });
    }
    const text = cluster ? await cluster.collect() : await metricsText(services.metrics);
    return reply.type(perProcess.contentType).send(text);
  });
}
