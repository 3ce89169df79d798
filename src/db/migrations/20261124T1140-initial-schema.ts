import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Dialect-neutral types only: varchar, integer, bigint, text.

const id = 'varchar(36)';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('restaurants')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('slug', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('timezone', 'varchar(64)', (c) => c.notNull())
    .addColumn('slot_interval_minutes', 'integer', (c) => c.notNull())
    .addColumn('booking_window_days', 'integer', (c) => c.notNull())
    .addColumn('min_notice_minutes', 'integer', (c) => c.notNull())
    .addColumn('cancel_cutoff_minutes', 'integer', (c) => c.notNull())
    .addColumn('max_party_size', 'integer', (c) => c.notNull())
    .addColumn('durations', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('opening_hours')
    .addColumn('restaurant_id', id, (c) => c.notNull().references('restaurants.id').onDelete('cascade'))
    .addColumn('id', id, (c) => c.notNull())
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('opens', 'varchar(5)', (c) => c.notNull())
    .addColumn('closes', 'varchar(5)', (c) => c.notNull())
    .addPrimaryKeyConstraint('opening_hours_pk', ['restaurant_id', 'id'])
    .execute();

  await db.schema
    .createTable('closures')
    .addColumn('restaurant_id', id, (c) => c.notNull().references('restaurants.id').onDelete('cascade'))
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('note', 'varchar(200)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('closures_pk', ['restaurant_id', 'date'])
    .execute();

  await db.schema
    .createTable('dining_tables')
    .addColumn('restaurant_id', id, (c) => c.notNull().references('restaurants.id').onDelete('cascade'))
    .addColumn('id', id, (c) => c.notNull())
    .addColumn('label', 'varchar(32)', (c) => c.notNull())
    .addColumn('min_seats', 'integer', (c) => c.notNull())
    .addColumn('max_seats', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('dining_tables_pk', ['restaurant_id', 'id'])
    .addUniqueConstraint('dining_tables_label_uq', ['restaurant_id', 'label'])
    .execute();

  await createBookings(db);
  await createStaff(db);
  await createPlumbing(db);
}

async function createBookings(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bookings')
    .addColumn('restaurant_id', id, (c) => c.notNull().references('restaurants.id'))
    .addColumn('id', id, (c) => c.notNull())
    .addColumn('reference', 'varchar(8)', (c) => c.notNull())
    .addColumn('table_id', id, (c) => c.notNull())
    .addColumn('party', 'integer', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('service_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('local_time', 'varchar(5)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('email', 'varchar(254)')
    .addColumn('phone', 'varchar(32)')
    .addColumn('notes', 'text')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('source', 'varchar(8)', (c) => c.notNull())
    .addColumn('manage_token_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('bookings_pk', ['restaurant_id', 'id'])
    .addUniqueConstraint('bookings_reference_uq', ['restaurant_id', 'reference'])
    .addForeignKeyConstraint('bookings_table_fk', ['restaurant_id', 'table_id'], 'dining_tables', [
      'restaurant_id',
      'id',
    ])
    .execute();
  await db.schema.createIndex('bookings_reference_ix').on('bookings').column('reference').execute();
  await db.schema.createIndex('bookings_starts_ix').on('bookings').columns(['restaurant_id', 'starts_at']).execute();
  await db.schema
    .createIndex('bookings_service_date_ix')
    .on('bookings')
    .columns(['restaurant_id', 'service_date'])
    .execute();

  await db.schema
    .createTable('table_occupancy')
    .addColumn('restaurant_id', id, (c) => c.notNull())
    .addColumn('table_id', id, (c) => c.notNull())
    .addColumn('cell', 'bigint', (c) => c.notNull())
    .addColumn('booking_id', id, (c) => c.notNull())
    .addPrimaryKeyConstraint('table_occupancy_pk', ['restaurant_id', 'table_id', 'cell'])
    .addForeignKeyConstraint(
      'table_occupancy_booking_fk',
      ['restaurant_id', 'booking_id'],
      'bookings',
      ['restaurant_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .addForeignKeyConstraint('table_occupancy_table_fk', ['restaurant_id', 'table_id'], 'dining_tables', [
      'restaurant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('table_occupancy_booking_ix')
    .on('table_occupancy')
    .columns(['restaurant_id', 'booking_id'])
    .execute();
}

async function createStaff(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_users')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('is_admin', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('restaurant_id', id, (c) => c.notNull().references('restaurants.id').onDelete('cascade'))
    .addColumn('user_id', id, (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['restaurant_id', 'user_id'])
    .execute();
  await db.schema.createIndex('memberships_user_ix').on('memberships').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', id, (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_ix').on('sessions').column('user_id').execute();
}

async function createPlumbing(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('idempotency_records')
    .addColumn('restaurant_id', id, (c) => c.notNull())
    .addColumn('scope', 'varchar(64)', (c) => c.notNull())
    .addColumn('key_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_records_pk', ['restaurant_id', 'scope', 'key_hash'])
    .execute();
  await db.schema
    .createIndex('idempotency_records_expires_ix')
    .on('idempotency_records')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', 'varchar(191)', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['bucket', 'window_start'])
    .execute();
  await db.schema.createIndex('rate_limits_expires_ix').on('rate_limits').column('expires_at').execute();

  await db.schema
    .createTable('email_outbox')
    .addColumn('restaurant_id', id, (c) => c.notNull())
    .addColumn('id', id, (c) => c.notNull())
    .addColumn('booking_id', id)
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('to_address', 'varchar(254)', (c) => c.notNull())
    .addColumn('subject', 'varchar(255)', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('ics', 'text')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_by', 'varchar(64)')
    .addColumn('claimed_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addPrimaryKeyConstraint('email_outbox_pk', ['restaurant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('email_outbox_due_ix')
    .on('email_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'email_outbox',
    'rate_limits',
    'idempotency_records',
    'sessions',
    'memberships',
    'staff_users',
    'table_occupancy',
    'bookings',
    'dining_tables',
    'closures',
    'opening_hours',
    'restaurants',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
