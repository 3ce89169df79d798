import {
  Kysely,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type TransactionSettings,
  type CompiledQuery,
} from 'kysely';
import type { DB } from './schema.ts';
import { createDb, type Database, type DbOptions } from './connect.ts';
import { classifyDbError } from './errors.ts';
import { primaryPosition, replicaPosition } from './queries/replication.ts';
import { caughtUp } from './replication-position.ts';

/**
 * DATABASE_READ_URL: a read replica behind a Kysely of its own (`readDb`). Every query on
 * `readDb` goes to the replica while it answers and has applied the primary's writes up
 * to `maxLagS` seconds ago; otherwise — replica down, replication stopped, lagging — to the
 * primary, so no error and no old data beyond that bound reaches a user. A replica query
 * that fails because the replica went away is run again on the primary.
 *
 * Lag is measured, not trusted from the replica: every `checkEveryMs` the primary's
 * position is read, then the replica's; when the replica has applied that position it
 * was in sync at that instant. The lag is the time since the last such instant.
 */
export interface ReadDatabase {
  /** reads: the replica when usable, else the primary */
  db: Kysely<DB>;
  /** seconds since the replica was last seen in sync; undefined while unknown or down */
  lagSeconds(): number | undefined;
  /** true while reads go to the replica */
  usingReplica(): boolean;
  /** runs one health check now (tests; the monitor runs them on its own) */
  check(): Promise<void>;
  close(): Promise<void>;
}

export interface ReadReplicaOptions extends DbOptions {
  maxLagS: number;
  checkEveryMs?: number;
  clock?: () => number;
}

/** Whether the replica answers, and when it was last seen in sync with the primary. */
class ReplicaHealth {
  up = false;
  lastSyncAt?: number;
  constructor(
    private readonly primary: Database,
    private readonly replica: Database,
    private readonly maxLagS: number,
    private readonly clock: () => number,
  ) {}

  lagSeconds(): number | undefined {
    return this.up && this.lastSyncAt !== undefined ? Math.max(0, (this.clock() - this.lastSyncAt) / 1000) : undefined;
  }

  usable(): boolean {
    const lag = this.lagSeconds();
    return lag !== undefined && lag <= this.maxLagS;
  }

  async check(): Promise<void> {
    try {
      const startedAt = this.clock();
      const wanted = await primaryPosition(this.primary.db, this.primary.backend);
      const applied = await replicaPosition(this.replica.db, this.replica.backend);
      this.up = true;
      // not a replica at all (pointed at a primary): always in sync
      if (applied === undefined || caughtUp(this.primary.backend, applied, wanted)) this.lastSyncAt = startedAt;
    } catch {
      this.up = false;
    }
  }
}

/** The primary's dialect (adapter, compiler) with the routing driver. */
function routedDialect(primary: Dialect, router: Driver): Dialect {
  return {
    createDriver: () => router,
    createAdapter: () => primary.createAdapter(),
    createQueryCompiler: () => primary.createQueryCompiler(),
    createIntrospector: (db) => primary.createIntrospector(db),
  };
}

export function createReadDatabase(primary: Database, replicaUrl: string, options: ReadReplicaOptions): ReadDatabase {
  if (!primary.dialect) throw new Error('a read replica needs a server database as its primary');
  const replica = createDb(replicaUrl, {
    poolMax: options.poolMax,
    acquireTimeoutMs: options.acquireTimeoutMs ?? 2_000,
  });
  if (replica.backend !== primary.backend)
    throw new Error(`DATABASE_READ_URL is ${replica.backend}, DATABASE_URL is ${primary.backend}`);
  const health = new ReplicaHealth(primary, replica, options.maxLagS, options.clock ?? Date.now);
  const usable = () => health.usable();
  const router = new RoutingDriver(
    primary.dialect.createDriver(),
    replica.dialect!.createDriver(),
    usable,
    () => (health.up = false),
  );
  const db = new Kysely<DB>({ dialect: routedDialect(primary.dialect, router) });
  let checking = health.check();
  const check = () => (checking = checking.then(() => health.check()));
  const timer = setInterval(check, options.checkEveryMs ?? 1_000);
  timer.unref();
  return {
    db,
    lagSeconds: () => health.lagSeconds(),
    usingReplica: usable,
    check,
    async close() {
      clearInterval(timer);
      await checking;
      await db.destroy(); // the router leaves the primary's pool to its owner
      await replica.close();
    },
  };
}

/** Hands out replica connections while `usable()`, primary connections otherwise. */
class RoutingDriver implements Driver {
  readonly #owners = new WeakMap<DatabaseConnection, Driver>();
  constructor(
    private readonly primary: Driver,
    private readonly replica: Driver,
    private readonly usable: () => boolean,
    private readonly replicaFailed: () => void,
  ) {}

  async init(): Promise<void> {
    await this.primary.init();
    await this.replica.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.usable()) {
      try {
        const connection = await this.replica.acquireConnection();
        const guarded = new FallbackConnection(connection, this.primary, this.replicaFailed);
        this.#owners.set(guarded, this.replica);
        return guarded;
      } catch (error) {
        if (!isReplicaGone(error)) throw error;
        this.replicaFailed();
      }
    }
    const connection = await this.primary.acquireConnection();
    this.#owners.set(connection, this.primary);
    return connection;
  }

  #owner(connection: DatabaseConnection): Driver {
    return this.#owners.get(connection) ?? this.primary;
  }

  #raw(connection: DatabaseConnection): DatabaseConnection {
    return connection instanceof FallbackConnection ? connection.inner : connection;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#owner(connection).beginTransaction(this.#raw(connection), settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#owner(connection).commitTransaction(this.#raw(connection));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#owner(connection).rollbackTransaction(this.#raw(connection));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#owner(connection).releaseConnection(this.#raw(connection));
  }

  async destroy(): Promise<void> {
    // both pools belong to their own Database objects, which close them
  }
}

function isReplicaGone(error: unknown): boolean {
  const kind = classifyDbError(error);
  return kind === 'reconnect' || kind === 'unavailable';
}

/** A replica connection whose failed query (replica gone) is answered by the primary instead. */
class FallbackConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly primary: Driver,
    private readonly replicaFailed: () => void,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (error) {
      if (!isReplicaGone(error)) throw error;
      this.replicaFailed();
      const connection = await this.primary.acquireConnection();
      try {
        return await connection.executeQuery<R>(query);
      } finally {
        await this.primary.releaseConnection(connection);
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}
