import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, MysqlDialect, PostgresDialect, type DatabaseConnection, type Dialect } from 'kysely';
import type mysql from 'mysql2';
import type pg from 'pg';
import { pgDriver, sqliteDriver } from './drivers.ts';
import type { DB } from './schema.ts';
import { DEFAULT_POOL_MAX, parseDatabaseUrl, type Backend, type ParsedDatabaseUrl } from '../config/database-url.ts';
import { ImmediateSqliteDialect } from './sqlite-driver.ts';
import { ensurePrivateFile } from './private-files.ts';
import { tlsSettingsOf } from '../config/tls-options.ts';
import { mysqlTlsOptions, postgresTlsOptions } from './tls-options.ts';
import { createMultiHostPool, type MultiHostPool } from './mysql-hosts.ts';

export interface DbOptions {
  /** connections per process (server backends); default DEFAULT_POOL_MAX */
  poolMax?: number;
  /** how long a query waits for a free pooled connection before failing, ms */
  acquireTimeoutMs?: number;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

export interface Database {
  db: Kysely<DB>;
  backend: Backend;
  close(): Promise<void>;
  /** connection pool usage (server backends), for /metrics */
  poolStats?(): PoolStats;
  /** server backends: the dialect, sharing this database's pool (for a read router) */
  dialect?: Dialect;
}

export function createDb(url: string, options: DbOptions = {}): Database {
  const parsed = parseDatabaseUrl(url);
  const created = createDialect(parsed, options);
  const dialect = parsed.backend === 'sqlite' ? created.dialect : withSharedDriver(created.dialect);
  const db = new Kysely<DB>({ dialect });
  return {
    db,
    backend: parsed.backend,
    close: () => db.destroy(),
    poolStats: created.poolStats,
    dialect: parsed.backend === 'sqlite' ? undefined : dialect,
  };
}

/** A dialect whose every Kysely uses the one driver (one pool): a read router shares it. */
function withSharedDriver(dialect: Dialect): Dialect {
  const driver = dialect.createDriver();
  return {
    createDriver: () => driver,
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

function createDialect(parsed: ParsedDatabaseUrl, options: DbOptions) {
  if (parsed.backend === 'sqlite')
    return { dialect: new ImmediateSqliteDialect(openSqlite(parsed.file!)), poolStats: undefined };
  if (parsed.backend === 'mysql') return createMysqlDialect(parsed, options);
  return createPostgresDialect(parsed, options);
}

export function openSqlite(file: string): SqliteDatabase.Database {
  if (file !== ':memory:') ensurePrivateFile(file);
  const sqlite = new (sqliteDriver())(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('foreign_keys = ON');
  return sqlite;
}

/** Strict mode, UTC, utf8mb4 and READ COMMITTED on every new MySQL/MariaDB connection. */
const MYSQL_SQL_MODE =
  'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';

export function mysqlConnectionOptions(parsed: ParsedDatabaseUrl, withDatabase: boolean): mysql.PoolOptions {
  const url = parsed.url!;
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    database: withDatabase ? parsed.database : undefined,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    enableKeepAlive: true,
    keepAliveInitialDelay: 10_000,
    connectTimeout: 5_000,
    ssl: mysqlTlsOptions(tlsSettingsOf('mysql', url.searchParams)),
  };
}

async function prepareMysqlSession(conn: DatabaseConnection): Promise<void> {
  await conn.executeQuery(
    CompiledQuery.raw(
      `SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci, time_zone = '+00:00', sql_mode = '${MYSQL_SQL_MODE}'`,
    ),
  );
  await conn.executeQuery(CompiledQuery.raw('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED'));
  const { rows } = await conn.executeQuery<{ mode: string }>(CompiledQuery.raw('SELECT @@SESSION.sql_mode AS mode'));
  if (!String(rows[0]?.mode ?? '').includes('STRICT_ALL_TABLES')) {
    throw new Error('MySQL session is not in strict mode (sql_mode lacks STRICT_ALL_TABLES)');
  }
}

/** mysql2 keeps its pool counts in private fields; read them defensively. */
interface Mysql2PoolInternals {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

function createMysqlDialect(parsed: ParsedDatabaseUrl, options: DbOptions) {
  const max = options.poolMax ?? DEFAULT_POOL_MAX;
  const hosts = parsed.hosts ?? [{ host: parsed.url!.hostname, port: Number(parsed.url!.port || 3306) }];
  const pool = createMultiHostPool(hosts, {
    ...mysqlConnectionOptions(parsed, true),
    connectionLimit: max,
    maxIdle: max,
    idleTimeout: 60_000,
    queueLimit: 0,
  });
  const dialect = new MysqlDialect({
    pool: withAcquireTimeout(pool, options.acquireTimeoutMs ?? 5_000),
    onCreateConnection: prepareMysqlSession,
  });
  const poolStats = (): PoolStats => {
    const all = pool.pools().map((p) => p as unknown as Mysql2PoolInternals);
    const sum = (pick: (p: Mysql2PoolInternals) => { length: number } | undefined) =>
      all.reduce((n, p) => n + (pick(p)?.length ?? 0), 0);
    return {
      total: sum((p) => p._allConnections),
      idle: sum((p) => p._freeConnections),
      waiting: sum((p) => p._connectionQueue),
      max,
    };
  };
  return { dialect, poolStats };
}

/** mysql2 pools wait forever for a free connection; bound it so an outage fails fast. */
function withAcquireTimeout(pool: MultiHostPool, timeoutMs: number) {
  return {
    getConnection(callback: (error: unknown, connection: mysql.PoolConnection) => void): void {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        callback(
          Object.assign(new Error('timed out waiting for a database connection'), { code: 'POOL_TIMEOUT' }),
          undefined as never,
        );
      }, timeoutMs);
      pool.getConnection((error, connection) => {
        clearTimeout(timer);
        if (settled) {
          connection?.release();
          return;
        }
        settled = true;
        callback(error, connection);
      });
    },
    end(callback: (error: unknown) => void): void {
      pool.end(callback);
    },
  };
}

const int8AsNumber = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value);
    return pgDriver().types.getTypeParser(oid, format as 'text');
  },
};

export function postgresConnectionOptions(parsed: ParsedDatabaseUrl, withDatabase: boolean): pg.PoolConfig {
  const url = new URL(parsed.url!.toString());
  if (!withDatabase) url.pathname = '/postgres';
  const tls = tlsSettingsOf('postgres', url.searchParams);
  url.search = '';
  return {
    connectionString: url.toString(),
    ssl: postgresTlsOptions(tls),
    types: int8AsNumber,
    keepAlive: true,
    connectionTimeoutMillis: 5_000,
  };
}

function createPostgresDialect(parsed: ParsedDatabaseUrl, options: DbOptions) {
  const pool = new (pgDriver().Pool)({
    ...postgresConnectionOptions(parsed, true),
    max: options.poolMax ?? DEFAULT_POOL_MAX,
    connectionTimeoutMillis: options.acquireTimeoutMs ?? 5_000,
    idleTimeoutMillis: 60_000,
    options: '-c TimeZone=UTC -c client_encoding=UTF8',
  } as pg.PoolConfig);
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on('error', () => {});
  // A checked-out client whose server goes away (terminated backend, failover) emits
  // 'error' on itself: its query rejects and the runner reconnects; never crash on it.
  pool.on('connect', (client) => client.on('error', () => {}));
  const max = options.poolMax ?? DEFAULT_POOL_MAX;
  const poolStats = (): PoolStats => ({
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
    max,
  });
  return { dialect: new PostgresDialect({ pool }), poolStats };
}
