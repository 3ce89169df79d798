import type { Kysely } from 'kysely';
import type { Locale } from '../../i18n/locale.ts';
import { v7 as uuidv7 } from 'uuid';
import type { DB, RestaurantsTable } from '../schema.ts';
import type { ServicePeriod } from '../../domain/types.ts';

/** Just enough of a restaurant to authorize and scope a staff request. */
export interface RestaurantRef {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  /** the language of its pages when the visitor states none */
  locale?: Locale;
}

export async function findRestaurantRef(db: Kysely<DB>, slug: string): Promise<RestaurantRef | undefined> {
  return db
    .selectFrom('restaurants')
    .select(['id', 'slug', 'name', 'timezone', 'locale'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export async function findRestaurantRow(db: Kysely<DB>, id: string): Promise<RestaurantsTable | undefined> {
  return db.selectFrom('restaurants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRestaurant(db: Kysely<DB>, row: RestaurantsTable): Promise<void> {
  await db.insertInto('restaurants').values(row).execute();
}

export async function updateRestaurantRow(
  db: Kysely<DB>,
  id: string,
  changes: Partial<RestaurantsTable>,
): Promise<void> {
  await db.updateTable('restaurants').set(changes).where('id', '=', id).execute();
}

/** The weekly schedule, by weekday then opening time. */
export { loadHours as listHours } from './restaurants.ts';

/** Replaces the weekly schedule; call inside a transaction. */
export async function replaceHours(
  db: Kysely<DB>,
  restaurantId: string,
  hours: readonly ServicePeriod[],
): Promise<void> {
  await db.deleteFrom('opening_hours').where('restaurant_id', '=', restaurantId).execute();
  if (hours.length === 0) return;
  await db
    .insertInto('opening_hours')
    .values(
      hours.map((h) => ({
        restaurant_id: restaurantId,
        id: uuidv7(),
        weekday: h.weekday,
        opens: h.opens,
        closes: h.closes,
      })),
    )
    .execute();
}

export interface ClosureRow {
  date: string;
  note: string | null;
}

export async function listClosures(db: Kysely<DB>, restaurantId: string): Promise<ClosureRow[]> {
  return db
    .selectFrom('closures')
    .select(['date', 'note'])
    .where('restaurant_id', '=', restaurantId)
    .orderBy('date')
    .execute();
}

export async function insertClosure(
  db: Kysely<DB>,
  restaurantId: string,
  closure: ClosureRow,
  now: number,
): Promise<void> {
  await db
    .insertInto('closures')
    .values({ restaurant_id: restaurantId, date: closure.date, note: closure.note, created_at: now })
    .execute();
}

export async function deleteClosure(db: Kysely<DB>, restaurantId: string, date: string): Promise<boolean> {
  const result = await db
    .deleteFrom('closures')
    .where('restaurant_id', '=', restaurantId)
    .where('date', '=', date)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
