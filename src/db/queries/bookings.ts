import type { Kysely } from 'kysely';
import type { BookingsTable, DB } from '../schema.ts';
import type { Occupancy } from '../../domain/types.ts';
import { LIVE_STATUSES } from '../../domain/types.ts';
import { occupancyCells } from '../../domain/occupancy-cells.ts';
import { searchTextOf } from '../../domain/search-text.ts';
import { LIMITS } from '../../domain/limits.ts';

export type BookingRow = BookingsTable;

/** Longest dining time we allow (restaurant-rules caps durations at LIMITS.durationMinutes). */
const MAX_DURATION_MS = LIMITS.durationMinutes * 60_000;

/** Live bookings of a restaurant overlapping [from, to): what holds tables then. */
export async function occupancyBetween(
  db: Kysely<DB>,
  restaurantId: string,
  from: number,
  to: number,
): Promise<Occupancy[]> {
  const rows = await db
    .selectFrom('bookings')
    .select(['id', 'table_id', 'starts_at', 'ends_at'])
    .where('restaurant_id', '=', restaurantId)
    .where('starts_at', '>=', from - MAX_DURATION_MS)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .where('status', 'in', [...LIVE_STATUSES])
    .execute();
  return rows.map((r) => ({
    bookingId: r.id,
    tableId: r.table_id,
    startsAt: Number(r.starts_at),
    endsAt: Number(r.ends_at),
  }));
}

export async function insertBooking(db: Kysely<DB>, row: BookingRow): Promise<void> {
  await db
    .insertInto('bookings')
    .values({ ...row, search_text: row.search_text ?? searchTextOf(row) })
    .execute();
}

/** Claims the booking's 5-minute cells on its table; a unique violation means the table is taken. */
export async function claimCells(
  db: Kysely<DB>,
  booking: Pick<BookingRow, 'restaurant_id' | 'id' | 'table_id' | 'starts_at' | 'ends_at'>,
): Promise<void> {
  const cells = occupancyCells(Number(booking.starts_at), Number(booking.ends_at));
  await db
    .insertInto('table_occupancy')
    .values(
      cells.map((cell) => ({
        restaurant_id: booking.restaurant_id,
        table_id: booking.table_id,
        cell,
        booking_id: booking.id,
      })),
    )
    .execute();
}

export async function releaseCells(db: Kysely<DB>, restaurantId: string, bookingId: string): Promise<void> {
  await db
    .deleteFrom('table_occupancy')
    .where('restaurant_id', '=', restaurantId)
    .where('booking_id', '=', bookingId)
    .execute();
}

/** All bookings with this reference (references are unique per restaurant, practically unique overall). */
export function findBookingsByReference(db: Kysely<DB>, reference: string): Promise<BookingRow[]> {
  return db.selectFrom('bookings').selectAll().where('reference', '=', reference).execute();
}

export function findBooking(db: Kysely<DB>, restaurantId: string, reference: string): Promise<BookingRow | undefined> {
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('restaurant_id', '=', restaurantId)
    .where('reference', '=', reference)
    .executeTakeFirst();
}

export async function referenceExists(db: Kysely<DB>, reference: string): Promise<boolean> {
  const row = await db.selectFrom('bookings').select('id').where('reference', '=', reference).executeTakeFirst();
  return row !== undefined;
}

/** Updates a booking only if nobody changed it since `expectedUpdatedAt`; returns false otherwise. */
export async function updateBookingIfUnchanged(
  db: Kysely<DB>,
  current: Pick<BookingRow, 'restaurant_id' | 'id' | 'updated_at'>,
  changes: Partial<BookingRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('bookings')
    .set(changes)
    .where('restaurant_id', '=', current.restaurant_id)
    .where('id', '=', current.id)
    .where('updated_at', '=', current.updated_at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function listBookingsForDate(db: Kysely<DB>, restaurantId: string, serviceDate: string): Promise<BookingRow[]> {
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('restaurant_id', '=', restaurantId)
    .where('service_date', '=', serviceDate)
    .orderBy('starts_at')
    .orderBy('reference')
    .execute();
}

export async function updateBookingNotes(
  db: Kysely<DB>,
  booking: Pick<BookingRow, 'restaurant_id' | 'id'>,
  notes: string | null,
  updatedAt: number,
): Promise<void> {
  await db
    .updateTable('bookings')
    .set({ notes, updated_at: updatedAt })
    .where('restaurant_id', '=', booking.restaurant_id)
    .where('id', '=', booking.id)
    .execute();
}
