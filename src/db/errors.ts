/** Recognises database driver errors by meaning, across better-sqlite3, mysql2 and pg. */

interface DriverError {
  code?: string;
  errno?: number;
  message?: string;
}

function asDriverError(error: unknown): DriverError {
  return (typeof error === 'object' && error !== null ? error : {}) as DriverError;
}

/** A unique or primary key was violated. */
export function isUniqueViolation(error: unknown): boolean {
  const e = asDriverError(error);
  return (
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'ER_DUP_ENTRY' ||
    e.code === '23505'
  );
}

/**
 * What the transaction runner does with a failed transaction — decided here, once, for
 * every driver:
 * - `retry`: it lost a race and rolled back; run it again from the start (deadlock 1213,
 *   including a Galera certification failure at COMMIT; lock wait timeout 1205;
 *   serialization failure 40001 / deadlock 40P01; SQLite busy).
 * - `reconnect`: the connection or the node went away (reset, closed, server shutdown
 *   1053 / 57P01, read-only after a failover 1290 / 1836 / 25006, Galera node not ready
 *   1047): the transaction did not commit unless the error came from COMMIT itself; run it
 *   again on a new connection (the pool moves to another host).
 * - `duplicate`: a unique key refused the row (the occupancy cells: the table is taken).
 * - `unavailable`: no database answers at all (refused, pool exhausted): answer 503.
 */
export type DbErrorKind = 'retry' | 'reconnect' | 'duplicate' | 'unavailable' | 'other';

const RETRY_CODES = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', '40001', '40P01', 'SQLITE_BUSY']);
const RETRY_ERRNOS = new Set([1213, 1205]);

const RECONNECT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'ER_OPTION_PREVENTS_STATEMENT',
  'ER_READ_ONLY_MODE',
  'ER_UNKNOWN_COM_ERROR',
  'WSREP_NOT_READY',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CLIENT_INTERACTION_TIMEOUT',
  '25006',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
]);
/** 1047 WSREP not ready, 1053 shutdown, 1290/1836 read-only, 1927 connection killed, 2006/2013 gone away */
const RECONNECT_ERRNOS = new Set([1047, 1053, 1290, 1836, 1927, 2006, 2013]);

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'POOL_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  '08001',
  '08004',
  '53300',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_FULL',
]);

const CLOSED_CONNECTION =
  /Connection terminated|Can't add new command when connection is in closed state|Connection lost|closed state|Client has encountered a connection error|terminating connection due to administrator command/i;
const NO_CONNECTION = /timeout exceeded when trying to connect|connect ECONNREFUSED|Pool is closed/i;

export function classifyDbError(error: unknown): DbErrorKind {
  const e = asDriverError(error);
  if (isUniqueViolation(error)) return 'duplicate';
  if ((e.code && RETRY_CODES.has(e.code)) || (e.errno !== undefined && RETRY_ERRNOS.has(e.errno))) return 'retry';
  if ((e.code && RECONNECT_CODES.has(e.code)) || (e.errno !== undefined && RECONNECT_ERRNOS.has(e.errno)))
    return 'reconnect';
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return 'unavailable';
  const message = e.message ?? '';
  if (CLOSED_CONNECTION.test(message)) return 'reconnect';
  if (NO_CONNECTION.test(message)) return 'unavailable';
  return 'other';
}

/** A transaction lost a race and may simply be run again. */
export function isRetryableTransactionError(error: unknown): boolean {
  return classifyDbError(error) === 'retry';
}

/** The database is unreachable, overloaded or failing over: answer 503, do not crash. */
export function isUnavailable(error: unknown): boolean {
  const kind = classifyDbError(error);
  return kind === 'reconnect' || kind === 'unavailable' || asDriverError(error).code === 'SQLITE_BUSY';
}

/** Wrong password, unknown database: messages for the CLI. */
export function describeConnectError(error: unknown): string {
  const e = asDriverError(error);
  if (e.code === 'ER_ACCESS_DENIED_ERROR' || e.code === '28P01' || e.code === '28000') {
    return 'access denied: check the user name and password in DATABASE_URL';
  }
  if (e.code === 'ER_BAD_DB_ERROR' || e.code === '3D000') {
    return 'the database does not exist: run `tablebookings db create` first';
  }
  if (e.code === 'ECONNREFUSED') return 'connection refused: is the database server running at that host and port?';
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return 'unknown host name in DATABASE_URL';
  if (e.code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '')) return 'timed out connecting to the database server';
  if (e.code === 'SQLITE_CANTOPEN') return 'cannot open the SQLite file (check the path and permissions)';
  return (e.message ?? String(error)).split('\n')[0];
}
