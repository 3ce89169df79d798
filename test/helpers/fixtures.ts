import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { ServicePeriod } from '../../src/domain/types.ts';

export interface FixtureRestaurant {
  id: string;
  slug: string;
  tableIds: Record<string, string>;
}

/**
 * Inserts a restaurant straight into the database (no use case), open every day
 * 12:00–15:00 and 18:00–23:00 unless `hours` says otherwise.
 */
export async function insertRestaurant(
  db: Kysely<DB>,
  options: {
    slug?: string;
    timezone?: string;
    tables?: [string, number, number][];
    hours?: ServicePeriod[];
    minNotice?: number;
    cutoff?: number;
    windowDays?: number;
    closures?: string[];
  } = {},
): Promise<FixtureRestaurant> {
  const id = uuidv7();
  const slug = options.slug ?? `r-${id.slice(-8)}`;
  const now = Date.now();
  await db
    .insertInto('restaurants')
    .values({
      id,
      slug,
      name: `Test ${slug}`,
      timezone: options.timezone ?? 'Europe/London',
      slot_interval_minutes: 15,
      booking_window_days: options.windowDays ?? 60,
      min_notice_minutes: options.minNotice ?? 60,
      cancel_cutoff_minutes: options.cutoff ?? 120,
      max_party_size: 8,
      durations: JSON.stringify([
        { maxParty: 2, minutes: 90 },
        { maxParty: 4, minutes: 120 },
        { maxParty: 8, minutes: 150 },
      ]),
      max_covers_per_slot: null,
      hold_minutes: 5,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const hours =
    options.hours ??
    [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
      { weekday, opens: '12:00', closes: '15:00' },
      { weekday, opens: '18:00', closes: '23:00' },
    ]);
  await db
    .insertInto('opening_hours')
    .values(hours.map((h) => ({ restaurant_id: id, id: uuidv7(), ...h })))
    .execute();
  const tableIds: Record<string, string> = {};
  const tables = options.tables ?? [
    ['T1', 1, 2],
    ['T2', 1, 2],
    ['T3', 2, 4],
    ['T4', 4, 6],
  ];
  for (const [label, min, max] of tables) {
    tableIds[label] = uuidv7();
    await db
      .insertInto('dining_tables')
      .values({
        restaurant_id: id,
        id: tableIds[label],
        label,
        min_seats: min,
        max_seats: max,
        active: 1,
        area: null,
        bookable_online: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  for (const date of options.closures ?? []) {
    await db.insertInto('closures').values({ restaurant_id: id, date, note: 'closed', created_at: now }).execute();
  }
  return { id, slug, tableIds };
}
