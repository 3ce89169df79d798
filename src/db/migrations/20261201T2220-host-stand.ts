import { MysqlAdapter, sql, type Kysely } from 'kysely';

// Frozen once landed: the host stand (SPEC §9.2).
// - restaurants.reminder_hours: reminder email this long before the start (0 = none)
// - booking_changes: the change stamp per restaurant, bumped in every booking write transaction
//   (the timeline polls it, so it refreshes across app servers without in-process pub/sub). A
//   table of its own, without a foreign key: on MySQL the booking insert's foreign-key check holds
//   a shared lock on the restaurant row, and bumping a column there would deadlock two creates.
// - bookings.confirmed_by_guest: the guest answered the reminder
// - bookings.search_text: reference, name, email and phone, NFC + lower-cased by the app, so
//   a search matches identically on every backend (binary comparison, also on MySQL)
// - email_outbox.sealed_token: the manage token, sealed (AES-GCM), for emails rendered at send time

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('restaurants')
    .addColumn('reminder_hours', 'integer', (c) => c.notNull().defaultTo(24))
    .execute();
  await db.schema
    .createTable('booking_changes')
    .addColumn('restaurant_id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .alterTable('bookings')
    .addColumn('confirmed_by_guest', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  const mysql = db.getExecutor().adapter instanceof MysqlAdapter;
  await db.schema
    .alterTable('bookings')
    .addColumn('search_text', 'varchar(500)', (c) => (mysql ? c.modifyEnd(sql`collate utf8mb4_bin`) : c))
    .execute();
  await backfillSearchText(db, mysql);
  await db.schema.alterTable('email_outbox').addColumn('sealed_token', 'text').execute();
}

/** Existing rows: the same text in SQL (lower() folds ASCII everywhere; new rows are folded by the app). */
async function backfillSearchText(db: Kysely<any>, mysql: boolean): Promise<void> {
  const nl = '\n';
  const text = mysql
    ? sql`lower(concat(reference, ${nl}, name, ${nl}, coalesce(email, ''), ${nl}, coalesce(phone, '')))`
    : sql`lower(reference || ${nl} || name || ${nl} || coalesce(email, '') || ${nl} || coalesce(phone, ''))`;
  await db.updateTable('bookings').set({ search_text: text }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('email_outbox').dropColumn('sealed_token').execute();
  await db.schema.alterTable('bookings').dropColumn('search_text').execute();
  await db.schema.alterTable('bookings').dropColumn('confirmed_by_guest').execute();
  await db.schema.dropTable('booking_changes').ifExists().execute();
  await db.schema.alterTable('restaurants').dropColumn('reminder_hours').execute();
}
