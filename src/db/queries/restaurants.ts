import type { Kysely } from 'kysely';
import type { DB, RestaurantsTable } from '../schema.ts';
import type { DurationRule, RestaurantRules, ServicePeriod, TableInfo } from '../../domain/types.ts';

export type RestaurantRow = RestaurantsTable;

export function findRestaurantBySlug(db: Kysely<DB>, slug: string): Promise<RestaurantRow | undefined> {
  return db.selectFrom('restaurants').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function listRestaurants(
  db: Kysely<DB>,
): Promise<Pick<RestaurantRow, 'slug' | 'name' | 'timezone' | 'locale'>[]> {
  return db
    .selectFrom('restaurants')
    .select(['slug', 'name', 'timezone', 'locale'])
    .orderBy('name')
    .orderBy('slug')
    .execute();
}

/** The version stamp: every change to a restaurant's settings, hours, closures or tables bumps it. */
export async function findRestaurantVersion(
  db: Kysely<DB>,
  slug: string,
): Promise<{ id: string; updated_at: number } | undefined> {
  return db.selectFrom('restaurants').select(['id', 'updated_at']).where('slug', '=', slug).executeTakeFirst();
}

/**
 * Marks a restaurant's configuration as changed (call inside the transaction that changes
 * hours, closures, tables or settings), so every process reloads it on its next request.
 */
export async function touchRestaurant(db: Kysely<DB>, restaurantId: string, now: number): Promise<void> {
  const row = await db.selectFrom('restaurants').select('updated_at').where('id', '=', restaurantId).executeTakeFirst();
  const next = Math.max(now, Number(row?.updated_at ?? 0) + 1);
  await db.updateTable('restaurants').set({ updated_at: next }).where('id', '=', restaurantId).execute();
}

export async function loadHours(db: Kysely<DB>, restaurantId: string): Promise<ServicePeriod[]> {
  const rows = await db
    .selectFrom('opening_hours')
    .select(['weekday', 'opens', 'closes'])
    .where('restaurant_id', '=', restaurantId)
    .orderBy('weekday')
    .orderBy('opens')
    .execute();
  return rows.map((r) => ({ weekday: Number(r.weekday), opens: r.opens, closes: r.closes }));
}

export async function loadClosures(
  db: Kysely<DB>,
  restaurantId: string,
): Promise<{ date: string; note: string | null }[]> {
  return db
    .selectFrom('closures')
    .select(['date', 'note'])
    .where('restaurant_id', '=', restaurantId)
    .orderBy('date')
    .execute();
}

export async function loadTables(db: Kysely<DB>, restaurantId: string): Promise<TableInfo[]> {
  const rows = await db
    .selectFrom('dining_tables')
    .select(['id', 'label', 'min_seats', 'max_seats', 'active', 'area', 'bookable_online'])
    .where('restaurant_id', '=', restaurantId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    minSeats: Number(r.min_seats),
    maxSeats: Number(r.max_seats),
    active: Number(r.active) === 1,
    area: r.area ?? null,
    bookableOnline: Number(r.bookable_online) === 1,
  }));
}

export function rulesFromRow(row: RestaurantRow, hours: ServicePeriod[], closures: string[]): RestaurantRules {
  return {
    timezone: row.timezone,
    slotIntervalMinutes: Number(row.slot_interval_minutes),
    bookingWindowDays: Number(row.booking_window_days),
    minNoticeMinutes: Number(row.min_notice_minutes),
    cancelCutoffMinutes: Number(row.cancel_cutoff_minutes),
    maxPartySize: Number(row.max_party_size),
    durations: JSON.parse(row.durations) as DurationRule[],
    hours,
    closures,
    maxCoversPerSlot:
      row.max_covers_per_slot === null || row.max_covers_per_slot === undefined
        ? null
        : Number(row.max_covers_per_slot),
    holdMinutes: Number(row.hold_minutes ?? 5),
  };
}

export async function findRestaurantSlugById(db: Kysely<DB>, restaurantId: string): Promise<string> {
  const row = await db
    .selectFrom('restaurants')
    .select('slug')
    .where('id', '=', restaurantId)
    .executeTakeFirstOrThrow();
  return row.slug;
}

export async function restaurantExists(db: Kysely<DB>, slug?: string): Promise<boolean> {
  let query = db.selectFrom('restaurants').select('id');
  if (slug !== undefined) query = query.where('slug', '=', slug);
  return (await query.limit(1).execute()).length > 0;
}
