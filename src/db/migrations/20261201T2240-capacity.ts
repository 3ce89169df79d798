import { sql, type Kysely } from 'kysely';

// Frozen once landed. Issue 13: combinations, areas, online tables, pacing, holds.
// See docs/decisions/0007-combinations-holds-pacing.md.

const id = 'varchar(36)';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('restaurants').addColumn('max_covers_per_slot', 'integer').execute();
  await db.schema
    .alterTable('restaurants')
    .addColumn('hold_minutes', 'integer', (c) => c.notNull().defaultTo(5))
    .execute();
  await db.schema.alterTable('dining_tables').addColumn('area', 'varchar(32)').execute();
  await db.schema
    .alterTable('dining_tables')
    .addColumn('bookable_online', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('bookings').addColumn('combination_id', id).execute();
  await createCombinations(db);
  await createHolds(db);
  await rebuildOccupancy(db);
  await db.schema
    .createTable('slot_pacing')
    .addColumn('restaurant_id', id, (c) => c.notNull().references('restaurants.id').onDelete('cascade'))
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('writes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('slot_pacing_pk', ['restaurant_id', 'starts_at'])
    .execute();
}

async function createCombinations(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('table_combinations')
    .addColumn('restaurant_id', id, (c) => c.notNull().references('restaurants.id').onDelete('cascade'))
    .addColumn('id', id, (c) => c.notNull())
    .addColumn('min_seats', 'integer', (c) => c.notNull())
    .addColumn('max_seats', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('table_combinations_pk', ['restaurant_id', 'id'])
    .execute();
  await db.schema
    .createTable('combination_tables')
    .addColumn('restaurant_id', id, (c) => c.notNull())
    .addColumn('combination_id', id, (c) => c.notNull())
    .addColumn('table_id', id, (c) => c.notNull())
    .addPrimaryKeyConstraint('combination_tables_pk', ['restaurant_id', 'combination_id', 'table_id'])
    .addForeignKeyConstraint(
      'combination_tables_combination_fk',
      ['restaurant_id', 'combination_id'],
      'table_combinations',
      ['restaurant_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .addForeignKeyConstraint('combination_tables_table_fk', ['restaurant_id', 'table_id'], 'dining_tables', [
      'restaurant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('combination_tables_table_ix')
    .on('combination_tables')
    .columns(['restaurant_id', 'table_id'])
    .execute();
}

async function createHolds(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('holds')
    .addColumn('restaurant_id', id, (c) => c.notNull().references('restaurants.id').onDelete('cascade'))
    .addColumn('id', id, (c) => c.notNull())
    .addColumn('table_id', id, (c) => c.notNull())
    .addColumn('combination_id', id)
    .addColumn('party', 'integer', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('service_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('local_time', 'varchar(5)', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('holds_pk', ['restaurant_id', 'id'])
    .addForeignKeyConstraint('holds_table_fk', ['restaurant_id', 'table_id'], 'dining_tables', ['restaurant_id', 'id'])
    .execute();
  await db.schema.createIndex('holds_id_ix').on('holds').column('id').execute();
  await db.schema.createIndex('holds_starts_ix').on('holds').columns(['restaurant_id', 'starts_at']).execute();
  await db.schema.createIndex('holds_expires_ix').on('holds').columns(['restaurant_id', 'expires_at']).execute();
}

/**
 * table_occupancy gains hold cells: booking_id becomes optional, hold_id and expires_at
 * are added (exactly one owner per cell). SQLite cannot drop NOT NULL in place, so the
 * table is rebuilt the same way on every backend: new table, copy, drop, rename.
 */
async function rebuildOccupancy(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('table_occupancy_next')
    .addColumn('restaurant_id', id, (c) => c.notNull())
    .addColumn('table_id', id, (c) => c.notNull())
    .addColumn('cell', 'bigint', (c) => c.notNull())
    .addColumn('booking_id', id)
    .addColumn('hold_id', id)
    .addColumn('expires_at', 'bigint')
    .addPrimaryKeyConstraint('occupancy_cells_pk', ['restaurant_id', 'table_id', 'cell'])
    .addForeignKeyConstraint(
      'occupancy_cells_booking_fk',
      ['restaurant_id', 'booking_id'],
      'bookings',
      ['restaurant_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'occupancy_cells_hold_fk',
      ['restaurant_id', 'hold_id'],
      'holds',
      ['restaurant_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .addForeignKeyConstraint('occupancy_cells_table_fk', ['restaurant_id', 'table_id'], 'dining_tables', [
      'restaurant_id',
      'id',
    ])
    .addCheckConstraint('occupancy_cells_owner_ck', sql`(booking_id is null) <> (hold_id is null)`)
    .execute();
  await db
    .insertInto('table_occupancy_next')
    .columns(['restaurant_id', 'table_id', 'cell', 'booking_id'])
    .expression(db.selectFrom('table_occupancy').select(['restaurant_id', 'table_id', 'cell', 'booking_id']))
    .execute();
  await db.schema.dropTable('table_occupancy').execute();
  await db.schema.alterTable('table_occupancy_next').renameTo('table_occupancy').execute();
  await db.schema
    .createIndex('occupancy_cells_booking_ix')
    .on('table_occupancy')
    .columns(['restaurant_id', 'booking_id'])
    .execute();
  await db.schema
    .createIndex('occupancy_cells_hold_ix')
    .on('table_occupancy')
    .columns(['restaurant_id', 'hold_id'])
    .execute();
}

/** Only as far as the initial migration's own down() needs: it drops every table it made. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('slot_pacing').ifExists().execute();
  await db.schema.dropTable('table_occupancy').ifExists().execute();
  await db.schema.dropTable('holds').ifExists().execute();
  await db.schema.dropTable('combination_tables').ifExists().execute();
  await db.schema.dropTable('table_combinations').ifExists().execute();
}
