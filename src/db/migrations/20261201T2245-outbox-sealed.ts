import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// The outbox keeps no usable manage token (issue 11): the manage link is sealed
// (AES-256-GCM, key from SECRET_KEY) and put into the text only when the email is sent.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('email_outbox').addColumn('sealed_fields', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('email_outbox').dropColumn('sealed_fields').execute();
}
