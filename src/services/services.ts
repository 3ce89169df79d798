import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import type { Database } from '../db/connect.ts';
import type { ReadDatabase } from '../db/read-replica.ts';
import type { DB } from '../db/schema.ts';
import { RestaurantCache } from './restaurant-context.ts';
import { createAppMetrics, type AppMetrics } from './app-metrics.ts';
import { deriveKey, OUTBOX_LINK_PURPOSE, outboxKeyOf } from './sealed-box.ts';

/**
 * What every use case and route may use, built once where the app is built (buildApp) and
 * passed down as the first argument: `useCase(services, input)`. No globals, no WeakMap.
 */
export interface Services {
  db: Kysely<DB>;
  /** the pool handle (health checks, pool statistics); use `db` for queries */
  database: Database;
  config: Config;
  /** DATABASE_READ_URL: reads that may come from a replica (see web/read-routing.ts) */
  readDatabase?: ReadDatabase;
  /** the clock, epoch ms; tests pass a fixed one */
  clock: () => number;
  randomBytes: (n: number) => Buffer;
  /** per-app cache of restaurant configuration (checked against its version stamp) */
  cache: RestaurantCache;
  baseUrl: string;
  /** encrypts kept idempotent answers */
  answerKey: Buffer;
  /** seals manage tokens kept for links in emails rendered at send time (reminders) */
  linkKey: Buffer;
  /** seals the manage links of emails waiting in the outbox (src/email/outbox-secrets.ts) */
  outboxKey: Buffer;
  /** runtime state shared with the server (draining during shutdown) */
  state: { draining: boolean };
  /** set in a cluster worker: /metrics answers for all workers, aggregated by the primary */
  clusterMetrics?: ClusterMetrics;
  /** business counters and this process's metric registries (services/app-metrics.ts) */
  metrics: AppMetrics;
}

/** How a cluster worker shares its metrics registry (src/server/cluster-metrics.ts). */
export interface ClusterMetrics {
  expose(registry: Pick<Registry, 'getMetricsAsJSON'>): void;
  collect(): Promise<string>;
}

export interface ServicesInput {
  config: Config;
  database: Database;
  /** DATABASE_READ_URL: reads that may come from a replica (see web/read-routing.ts) */
  readDatabase?: ReadDatabase;
  /** the clock, epoch ms; tests pass a fixed one */
  clock: () => number;
  /** random bytes (tests may make them deterministic); default crypto.randomBytes */
  randomBytes?: (n: number) => Buffer;
  /** runtime state shared with the server (draining during shutdown) */
  state?: { draining: boolean };
  /** a cluster worker's link to the primary for /metrics */
  clusterMetrics?: ClusterMetrics;
  /** default: a fresh set labelled worker="0" */
  metrics?: AppMetrics;
}

export function buildServices(input: ServicesInput): Services {
  return {
    db: input.database.db,
    database: input.database,
    readDatabase: input.readDatabase,
    config: input.config,
    clock: input.clock,
    randomBytes: input.randomBytes ?? crypto.randomBytes,
    cache: new RestaurantCache(),
    baseUrl: input.config.baseUrl,
    answerKey: deriveKey(input.config.secretKey, 'idempotency-answers'),
    linkKey: deriveKey(input.config.secretKey, OUTBOX_LINK_PURPOSE),
    outboxKey: outboxKeyOf(input.config.secretKey),
    state: input.state ?? { draining: false },
    clusterMetrics: input.clusterMetrics,
    metrics: input.metrics ?? createAppMetrics(),
  };
}
