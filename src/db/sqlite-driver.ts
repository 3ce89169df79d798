import type Database from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';

/**
 * Kysely's SQLite driver opens transactions with a plain `BEGIN`, which takes the write
 * lock lazily and fails at once with SQLITE_BUSY when another process got there first.
 * This driver starts every transaction with `BEGIN IMMEDIATE`, so the busy timeout
 * applies and concurrent writers queue instead of failing. It also caches prepared
 * statements, which Kysely's driver re-prepares on every query.
 */
class SqliteConnection implements DatabaseConnection {
  readonly #db: Database.Database;
  readonly #cache = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  #prepare(sqlText: string): Database.Statement {
    let stmt = this.#cache.get(sqlText);
    if (!stmt) {
      stmt = this.#db.prepare(sqlText);
      if (this.#cache.size >= 500) this.#cache.delete(this.#cache.keys().next().value as string);
      this.#cache.set(sqlText, stmt);
    }
    return stmt;
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.#prepare(compiled.sql);
    const params = compiled.parameters as unknown[];
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(params) as R[] });
    const { changes } = stmt.run(params);
    return Promise.resolve({ numAffectedRows: BigInt(changes), rows: [] });
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error('SQLite can only stream SELECT queries');
    const stmt = this.#db.prepare(compiled.sql);
    for (const row of stmt.iterate(compiled.parameters as unknown[])) yield { rows: [row as R] };
  }
}

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #release?: () => void;

  async lock(): Promise<void> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise((resolve) => (release = resolve));
    await previous;
    this.#release = release;
  }

  unlock(): void {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
}

class ImmediateSqliteDriver implements Driver {
  readonly #db: Database.Database;
  readonly #mutex = new Mutex();
  #connection!: SqliteConnection;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  async init(): Promise<void> {
    this.#connection = new SqliteConnection(this.#db);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#db.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.#db.close();
  }
}

/** SQLite runs DDL inside transactions, so migrations can: that serialises concurrent `db migrate`. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    super({ database: db });
    this.#db = db;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#db);
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
