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
export async function claimsBetween(
  db: Kysely<DB>,
  restaurantId: string,
  from: number,
  to: number,
  now: number,
): Promise<ClaimRow[]> {
  return toClaimRows(await claimsQuery(db, restaurantId, from, to, now).execute());
}

function claimsQuery(db: Kysely<DB>, restaurantId: string, from: number, to: number, now: number) {
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
  return bookings.unionAll(holds);
}

/**
 * claimsBetween plus the restaurant's version stamp (id, updated_at by slug) in the SAME
 * statement: one round trip for a cached restaurant, and the stamp and the claims come
 * from one snapshot, so a configuration change made anywhere is still seen at once.
 */
export async function claimsWithVersion(
  db: Kysely<DB>,
  slug: string,
  restaurantId: string,
  from: number,
  to: number,
  now: number,
): Promise<{ version: { id: string; updated_at: number } | undefined; claims: ClaimRow[] }> {
  const version = db
    .selectFrom('restaurants')
    .select([
      sql<string>`'version'`.as('kind'),
      'id',
      'id as table_id',
      sql<string | null>`null`.as('combination_id'),
      sql<number>`0`.as('party'),
      'updated_at as starts_at',
      'updated_at as ends_at',
    ])
    .where('slug', '=', slug);
  const rows = await claimsQuery(db, restaurantId, from, to, now).unionAll(version).execute();
  const stamp = rows.find((r) => r.kind === 'version');
  return {
    version: stamp ? { id: stamp.id, updated_at: Number(stamp.starts_at) } : undefined,
    claims: toClaimRows(rows.filter((r) => r.kind !== 'version')),
  };
}

function toClaimRows(
  rows: {
    kind: string;
    id: string;
    table_id: string;
    combination_id: string | null;
    party: number;
    starts_at: number;
    ends_at: number;
  }[],
): ClaimRow[] {
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
  const owner =
    'bookingId' in claim.owner
      ? { booking_id: claim.owner.bookingId, hold_id: null, expires_at: null }
      : { booking_id: null, hold_id: claim.owner.holdId, expires_at: claim.owner.expiresAt };
  const values = claim.tableIds.flatMap((tableId) =>
    cells.map((cell) => ({ restaurant_id: claim.restaurantId, table_id: tableId, cell, ...owner })),
  );
  await db.insertInto('table_occupancy').values(values).execute();
}

/**
 * Frees every expired hold of the restaurant (its cells go with it, ON DELETE CASCADE),
 * so a claim in the same transaction may take the cells over: no job is needed.
 */
export async function deleteExpiredHolds(db: Kysely<DB>, restaurantId: string, now: number): Promise<void> {
  await db.deleteFrom('holds').where('restaurant_id', '=', restaurantId).where('expires_at', '<=', now).execute();
}
