import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** What the staff-account use cases need (a subset of the app's services). */
export interface StaffServices {
  db: Kysely<DB>;
  /** epoch ms */
  clock: () => number;
}
