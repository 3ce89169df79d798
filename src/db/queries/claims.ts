import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { LIVE_STATUSES } from '../../domain/types.ts';
import { occupancyCells } from '../../domain/occupancy-cells.ts';

/** Longest dining time we allow (restaurant-rules caps durations at 720 minutes). */
const MAX_DURATION_MS = 720 * 60_000;

/** A live booking or a live hold holding a table (or, with combinationId, every member table). */
export interface ClaimRow {
  kind: 'booking' | 'hold';
  ownerId: string;
  tableId: string;
  combinationId: string | null;
  party: number;
  startsAt: number;
  endsAt: number;
}

/**
 * Live bookings and live holds of a restaurant overlapping [from, to), in one round trip:
 * what holds tables then, and (by start) how many covers each slot time has.
 */
export async function claimsBetween(db: Kysely<DB>, restaurantId: string, from: number, to: number, now: number): Promise<ClaimRow[]> {
  const bookings = db
    .selectFrom('bookings')
    .select([sql<string>`'booking'`.as('kind'), 'id', 'table_id', 'combination_id', 'party', 'starts_at', 'ends_at'])
    .where('restaurant_id', '=', restaurantId)
    .where('starts_at', '>=', from - MAX_DURATION_MS)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .where('status', 'in', [...LIVE_STATUSES]);
  const holds = db
    .selectFrom('holds')
    .select([sql<string>`'hold'`.as('kind'), 'id', 'table_id', 'combination_id', 'party', 'starts_at', 'ends_at'])
    .where('restaurant_id', '=', restaurantId)
    .where('starts_at', '>=', from - MAX_DURATION_MS)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .where('expires_at', '>', now);
  const rows = await bookings.unionAll(holds).execute();
  return rows.map((r) => ({
    kind: r.kind === 'hold' ? 'hold' : 'booking',
    ownerId: r.id,
    tableId: r.table_id,
    combinationId: r.combination_id ?? null,
    party: Number(r.party),
    startsAt: Number(r.starts_at),
    endsAt: Number(r.ends_at),
  }));
}

/** The owner of a set of cells: a booking, or a hold with its expiry. */
export type CellOwner = { bookingId: string } | { holdId: string; expiresAt: number };

/**
 * Claims the 5-minute cells of [startsAt, endsAt) on every given table for one owner; a
 * unique violation means one of the tables is taken then (docs/decisions/0001, 0007).
 */
export async function claimTableCells(
  db: Kysely<DB>,
  claim: { restaurantId: string; tableIds: readonly string[]; startsAt: number; endsAt: number; owner: CellOwner },
): Promise<void> {
  const cells = occupancyCells(claim.startsAt, claim.endsAt);
  const owner = 'bookingId' in claim.owner
    ? { booking_id: claim.owner.bookingId, hold_id: null, expires_at: null }
    : { booking_id: null, hold_id: claim.owner.holdId, expires_at: claim.owner.expiresAt };
  const values = claim.tableIds.flatMap((tableId) => cells.map((cell) => ({ restaurant_id: claim.restaurantId, table_id: tableId, cell, ...owner })));
  await db.insertInto('table_occupancy').values(values).execute();
}

/**
 * Frees every expired hold of the restaurant (its cells go with it, ON DELETE CASCADE),
 * so a claim in the same transaction may take the cells over: no job is needed.
 */
export async function deleteExpiredHolds(db: Kysely<DB>, restaurantId: string, now: number): Promise<void> {
  await db.deleteFrom('holds').where('restaurant_id', '=', restaurantId).where('expires_at', '<=', now).execute();
}
