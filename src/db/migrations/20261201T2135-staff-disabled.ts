import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Staff accounts can be disabled (SPEC §9.2): a disabled user cannot sign in.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('staff_users')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff_users').dropColumn('disabled').execute();
}
