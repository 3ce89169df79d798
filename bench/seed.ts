import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../src/db/schema.ts';
import { occupancyCells } from '../src/domain/occupancy-cells.ts';
import {
  AVAIL_RESTAURANTS,
  AVAIL_TABLES,
  BOOK_RESTAURANTS,
  BOOK_TABLES,
  ZONE,
  availSlug,
  bookSlug,
  dateAhead,
  instantOf,
} from './plan.ts';

export interface SeededRestaurant {
  id: string;
  slug: string;
  tableIds: string[];
}

const DURATIONS = JSON.stringify([
  { maxParty: 2, minutes: 90 },
  { maxParty: 4, minutes: 120 },
  { maxParty: 8, minutes: 150 },
]);
const TOKEN_HASH = crypto.createHash('sha256').update('bench').digest('hex');

async function insertRestaurant(
  db: Kysely<DB>,
  slug: string,
  tables: [string, number, number][],
): Promise<SeededRestaurant> {
  const id = uuidv7();
  const now = Date.now();
  await db
    .insertInto('restaurants')
    .values({
      id,
      slug,
      name: `Bench ${slug}`,
      timezone: ZONE,
      slot_interval_minutes: 15,
      booking_window_days: 365,
      min_notice_minutes: 60,
      cancel_cutoff_minutes: 120,
      max_party_size: 8,
      durations: DURATIONS,
      max_covers_per_slot: null,
      hold_minutes: 5,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const hours = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
    { restaurant_id: id, id: uuidv7(), weekday, opens: '12:00', closes: '15:00' },
    { restaurant_id: id, id: uuidv7(), weekday, opens: '18:00', closes: '23:00' },
  ]);
  await db.insertInto('opening_hours').values(hours).execute();
  const rows = tables.map(([label, min, max]) => ({
    restaurant_id: id,
    id: uuidv7(),
    label,
    min_seats: min,
    max_seats: max,
    active: 1,
    area: null,
    bookable_online: 1,
    created_at: now,
    updated_at: now,
  }));
  await db.insertInto('dining_tables').values(rows).execute();
  return { id, slug, tableIds: rows.map((r) => r.id) };
}

/** The availability restaurants and the booking restaurants (see plan.ts). */
export async function seedRestaurants(
  db: Kysely<DB>,
): Promise<{ avail: SeededRestaurant[]; book: SeededRestaurant[] }> {
  const avail: SeededRestaurant[] = [];
  for (let r = 0; r < AVAIL_RESTAURANTS; r++) avail.push(await insertRestaurant(db, availSlug(r), AVAIL_TABLES));
  const bookTables = Array.from({ length: BOOK_TABLES }, (_, t): [string, number, number] => [`T${t + 1}`, 1, 2]);
  const book: SeededRestaurant[] = [];
  for (let r = 0; r < BOOK_RESTAURANTS; r++) book.push(await insertRestaurant(db, bookSlug(r), bookTables));
  return { avail, book };
}

function bookingRow(
  restaurant: SeededRestaurant,
  tableId: string,
  startsAt: number,
  minutes: number,
  date: string,
  time: string,
  n: number,
) {
  return {
    restaurant_id: restaurant.id,
    id: uuidv7(),
    reference: `F${String(n).padStart(7, '0')}`,
    table_id: tableId,
    party: 2,
    starts_at: startsAt,
    ends_at: startsAt + minutes * 60_000,
    service_date: date,
    local_time: time,
    name: 'Seeded Guest',
    email: `seeded${n}@example.com`,
    phone: null,
    notes: null,
    status: 'confirmed',
    source: 'api',
    manage_token_hash: TOKEN_HASH,
    created_at: Date.now(),
    updated_at: Date.now(),
  };
}

/**
 * `count` live future bookings (with their occupancy cells), spread evenly over the
 * availability restaurants and the next `days` days: each table holds at most one a day.
 */
export async function seedFutureBookings(
  db: Kysely<DB>,
  restaurants: SeededRestaurant[],
  count: number,
  days: number,
): Promise<void> {
  const rows: ReturnType<typeof bookingRow>[] = [];
  for (let i = 0; i < count; i++) {
    const restaurant = restaurants[i % restaurants.length];
    const j = Math.floor(i / restaurants.length);
    const date = dateAhead(2 + (j % days));
    const table = Math.floor(j / days) % restaurant.tableIds.length;
    const time = table % 2 === 0 ? '19:00' : '12:30';
    rows.push(bookingRow(restaurant, restaurant.tableIds[table], instantOf(date, time), 90, date, time, i));
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('bookings')
        .values(rows.slice(i, i + 200))
        .execute();
    const cells = rows.flatMap((b) =>
      occupancyCells(b.starts_at, b.ends_at).map((cell) => ({
        restaurant_id: b.restaurant_id,
        table_id: b.table_id,
        cell,
        booking_id: b.id,
      })),
    );
    for (let i = 0; i < cells.length; i += 500)
      await trx
        .insertInto('table_occupancy')
        .values(cells.slice(i, i + 500))
        .execute();
  });
}
