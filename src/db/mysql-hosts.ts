import type mysql from 'mysql2';
import { mysqlDriver } from './drivers.ts';
import type { DatabaseHost } from '../config/database-url.ts';
import { classifyDbError } from './errors.ts';

/**
 * One mysql2 pool per host named in DATABASE_URL (`mysql://u:p@h1:3306,h2:3306/db`).
 * A new connection comes from the first host that answers; a host that refused a
 * connection, or whose connection broke, is remembered as down for `downMs` and the next
 * host is used meanwhile (then the first is tried again). A MariaDB Galera node is only
 * used while it is synced (`wsrep_ready`), and its sessions ask for causal reads
 * (`wsrep_sync_wait=1`): a read on any node sees every write committed before it, so a
 * user who wrote through one node reads their write through another.
 */
export interface MultiHostPool {
  getConnection(callback: (error: unknown, connection: mysql.PoolConnection) => void): void;
  end(callback: (error: unknown) => void): void;
  /** every host with whether it is currently remembered as down */
  hosts(): { host: string; port: number; down: boolean }[];
  pools(): mysql.Pool[];
}

export interface MultiHostOptions {
  /** how long a failed host is skipped, ms (default 5000) */
  downMs?: number;
  now?: () => number;
}

interface HostEntry {
  host: DatabaseHost;
  pool: mysql.Pool;
  downUntil: number;
}

const prepared = new WeakSet<mysql.PoolConnection>();

export function createMultiHostPool(
  hosts: DatabaseHost[],
  options: mysql.PoolOptions,
  multi: MultiHostOptions = {},
): MultiHostPool {
  const downMs = multi.downMs ?? 5_000;
  const now = multi.now ?? Date.now;
  const entries: HostEntry[] = hosts.map((host) => ({
    host,
    downUntil: 0,
    pool: mysqlDriver().createPool({ ...options, host: host.host, port: host.port }),
  }));
  const markDown = (entry: HostEntry) => {
    entry.downUntil = now() + downMs;
  };
  /** healthy hosts in URL order, then the ones marked down, soonest back first */
  const order = () => {
    const t = now();
    const up = entries.filter((e) => e.downUntil <= t);
    const down = entries.filter((e) => e.downUntil > t).sort((a, b) => a.downUntil - b.downUntil);
    return [...up, ...down];
  };
  const tryHosts = (
    queue: HostEntry[],
    lastError: unknown,
    callback: (error: unknown, connection: mysql.PoolConnection) => void,
  ): void => {
    const entry = queue.shift();
    if (!entry) return callback(lastError, undefined as never);
    acquireFrom(entry, markDown).then(
      (connection) => callback(null, connection),
      (error: unknown) => {
        const kind = classifyDbError(error);
        if (kind !== 'reconnect' && kind !== 'unavailable') return callback(error, undefined as never);
        if ((error as { code?: string }).code !== 'POOL_TIMEOUT') markDown(entry);
        tryHosts(queue, error, callback);
      },
    );
  };
  return {
    getConnection: (callback) => tryHosts(order(), new Error('no database host configured'), callback),
    end(callback) {
      Promise.all(
        entries.map(
          (e) => new Promise<void>((resolve, reject) => e.pool.end((err) => (err ? reject(err) : resolve()))),
        ),
      ).then(
        () => callback(null),
        (error: unknown) => callback(error),
      );
    },
    hosts: () => entries.map((e) => ({ host: e.host.host, port: e.host.port, down: e.downUntil > now() })),
    pools: () => entries.map((e) => e.pool),
  };
}

function acquireFrom(entry: HostEntry, markDown: (entry: HostEntry) => void): Promise<mysql.PoolConnection> {
  return new Promise((resolve, reject) => {
    entry.pool.getConnection((error, connection) => {
      if (error) return reject(error);
      if (prepared.has(connection)) return resolve(connection);
      prepareNode(connection).then(
        () => {
          prepared.add(connection);
          watchForNodeFailure(connection, () => markDown(entry));
          resolve(connection);
        },
        (failure: unknown) => {
          connection.destroy();
          reject(failure);
        },
      );
    });
  });
}

function query<T>(connection: mysql.PoolConnection, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) =>
    connection.query(sql, (error, rows) => (error ? reject(error) : resolve(rows as T[]))),
  );
}

/** Galera: refuse a node that is not synced, and ask for causal reads. Others: nothing. */
async function prepareNode(connection: mysql.PoolConnection): Promise<void> {
  const wsrep = await query<{ Value: string }>(connection, "SHOW VARIABLES LIKE 'wsrep_on'");
  if (String(wsrep[0]?.Value ?? 'OFF').toUpperCase() !== 'ON') return;
  const ready = await query<{ Value: string }>(connection, "SHOW GLOBAL STATUS LIKE 'wsrep_ready'");
  if (String(ready[0]?.Value ?? 'OFF').toUpperCase() !== 'ON') {
    throw Object.assign(new Error('Galera node is not ready (wsrep_ready=OFF)'), { code: 'WSREP_NOT_READY' });
  }
  await query(connection, 'SET SESSION wsrep_sync_wait = 1');
}

/**
 * A query that fails because the node went away (or left the cluster's primary
 * component) marks the host down and destroys the connection instead of returning it
 * to the pool, so the retry gets a connection to a host that answers.
 */
function watchForNodeFailure(connection: mysql.PoolConnection, onFailure: () => void): void {
  type QueryCallback = (error: unknown, ...rest: unknown[]) => void;
  const original = connection.query.bind(connection) as (...args: unknown[]) => unknown;
  let broken = false;
  const patched = (...args: unknown[]) => {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (error: unknown, ...rest: unknown[]) => {
        if (error && !broken && classifyDbError(error) === 'reconnect') {
          broken = true;
          onFailure();
        }
        (callback as QueryCallback)(error, ...rest);
      };
    }
    return original(...args);
  };
  const release = connection.release.bind(connection);
  Object.assign(connection, {
    query: patched,
    release: () => (broken ? connection.destroy() : release()),
  });
}
