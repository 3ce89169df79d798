import type { Kysely } from 'kysely';

// Frozen once landed: two languages (SPEC §9.3).
// - restaurants.locale: the language of the restaurant's own pages when the guest states none ('en' | 'ko')
// - bookings.locale: the language the booking was made in; its emails use it
// - email_outbox.body_html: the HTML part of an email (the same content as body_text)

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('restaurants')
    .addColumn('locale', 'varchar(5)', (c) => c.notNull().defaultTo('en'))
    .execute();
  await db.schema
    .alterTable('bookings')
    .addColumn('locale', 'varchar(5)', (c) => c.notNull().defaultTo('en'))
    .execute();
  await db.schema.alterTable('email_outbox').addColumn('body_html', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('email_outbox').dropColumn('body_html').execute();
  await db.schema.alterTable('bookings').dropColumn('locale').execute();
  await db.schema.alterTable('restaurants').dropColumn('locale').execute();
}
