import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** One round trip: does the database answer at all? */
export async function pingDatabase(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
