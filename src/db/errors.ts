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

/** A transaction lost a race and may simply be run again. */
export function isRetryableTransactionError(error: unknown): boolean {
  const e = asDriverError(error);
  return (
    e.code === 'ER_LOCK_DEADLOCK' ||
    e.code === 'ER_LOCK_WAIT_TIMEOUT' ||
    e.code === '40001' ||
    e.code === '40P01' ||
    e.code === 'SQLITE_BUSY'
  );
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST', 'POOL_TIMEOUT', 'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN',
  'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_CLIENT_INTERACTION_TIMEOUT',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300',
  'SQLITE_BUSY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL',
]);

/** The database is unreachable or overloaded: answer 503, do not crash. */
export function isUnavailable(error: unknown): boolean {
  const e = asDriverError(error);
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
  const message = e.message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Can't add new command when connection is in closed state|Pool is closed|Connection lost|closed state/i.test(message);
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
