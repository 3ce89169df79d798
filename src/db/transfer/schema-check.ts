import { sql, type Kysely } from 'kysely';
import { migrateToLatest, SCHEMA_VERSION } from '../migrate.ts';
import { countRows } from './read-rows.ts';
import { TRANSFER_TABLES } from './tables.ts';
import { TransferError, type Endpoint } from './endpoint.ts';

/** The newest migration applied to the database, or undefined when it has none. */
export async function appliedSchemaVersion(db: Kysely<any>): Promise<string | undefined> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return undefined;
  const row = await db
    .selectFrom('kysely_migration')
    .select(sql<string | null>`max(name)`.as('v'))
    .executeTakeFirst();
  return (row as { v: string | null } | undefined)?.v ?? undefined;
}

/** The source must be at exactly this program's schema: it is never migrated by a copy. */
export async function checkSourceSchema(source: Endpoint): Promise<void> {
  const version = await appliedSchemaVersion(source.db);
  if (!version)
    throw new TransferError(`${source.label}: holds no tablebookings schema (no migrations applied) — wrong database?`);
  if (version > SCHEMA_VERSION) {
    throw new TransferError(
      `${source.label}: its schema (${version}) is newer than this tablebookings (${SCHEMA_VERSION}): upgrade tablebookings first`,
    );
  }
  if (version < SCHEMA_VERSION) {
    throw new TransferError(
      `${source.label}: its schema (${version}) is older than this tablebookings (${SCHEMA_VERSION}): run \`tablebookings db migrate\` on it first`,
    );
  }
  await checkCatalogue(source);
}

/** Brings the target to this program's schema (refusing one that is newer). */
export async function migrateTarget(target: Endpoint): Promise<void> {
  const version = await appliedSchemaVersion(target.db);
  if (version && version > SCHEMA_VERSION) {
    throw new TransferError(
      `${target.label}: its schema (${version}) is newer than this tablebookings (${SCHEMA_VERSION}): upgrade tablebookings first`,
    );
  }
  await migrateToLatest(target.db);
  await checkCatalogue(target);
}

/** Every catalogued table and column exists in the database, and no column is left out. */
export async function checkCatalogue(endpoint: Endpoint): Promise<void> {
  const live = new Map(
    (await endpoint.db.introspection.getTables()).map((t) => [t.name, t.columns.map((c) => c.name)]),
  );
  for (const table of TRANSFER_TABLES) {
    const columns = live.get(table.name);
    if (!columns) throw new TransferError(`${endpoint.label}: table ${table.name} is missing`);
    const expected = table.columns.map((c) => c.name);
    const extra = columns.filter((c) => !expected.includes(c));
    const missing = expected.filter((c) => !columns.includes(c));
    if (extra.length || missing.length) {
      throw new TransferError(
        `${endpoint.label}: table ${table.name} does not match src/db/transfer/tables.ts (extra: ${extra.join(', ') || '-'}; missing: ${missing.join(', ') || '-'}): update the catalogue`,
      );
    }
  }
}

/** Refuses a target that already holds rows, unless `force`. */
export async function checkTargetEmpty(target: Endpoint, force: boolean): Promise<void> {
  if (force) return;
  const filled: string[] = [];
  for (const table of TRANSFER_TABLES) {
    const n = await countRows(target.db, table.name);
    if (n > 0) filled.push(`${table.name}: ${n}`);
  }
  if (filled.length) {
    throw new TransferError(
      `${target.label}: the target already holds data (${filled.slice(0, 3).join(', ')}${filled.length > 3 ? ', …' : ''}); use an empty database, or --force to finish an interrupted transfer (rows with the same key are replaced)`,
    );
  }
}
