import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Config } from '../config.ts';
import { RestaurantCache } from './restaurant-context.ts';
import { deriveKey } from './sealed-box.ts';

/** What the booking use cases need, built once per app. */
export interface BookingDeps {
  db: Kysely<DB>;
  cache: RestaurantCache;
  clock: () => number;
  randomBytes: (n: number) => Buffer;
  baseUrl: string;
  /** encrypts kept idempotent answers */
  answerKey: Buffer;
}

export function bookingDeps(input: { db: Kysely<DB>; config: Config; clock: () => number; randomBytes?: (n: number) => Buffer }): BookingDeps {
  return {
    db: input.db,
    cache: new RestaurantCache(),
    clock: input.clock,
    randomBytes: input.randomBytes ?? crypto.randomBytes,
    baseUrl: input.config.baseUrl,
    answerKey: deriveKey(input.config.secretKey, 'idempotency-answers'),
  };
}
