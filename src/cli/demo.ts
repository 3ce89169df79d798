import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createDb } from '../db/connect.ts';
import { isSchemaCurrent } from '../db/migrate.ts';
import { addDays, localDateOf } from '../domain/clock-time.ts';
import { createRestaurant } from '../staff/restaurant-admin.ts';
import { createStaffUser } from '../staff/accounts.ts';
import { addClosure } from '../staff/closures.ts';
import { findStaffUserByEmail } from '../db/queries/staff-users.ts';
import { findRestaurantRef } from '../db/queries/restaurant-admin.ts';
import { restaurantExists } from '../db/queries/restaurants.ts';
import { prepareEmbeddedDatabase } from '../db/prepare-embedded.ts';
import { DEMO_ADMIN, DEMO_COMBINATIONS, DEMO_RESTAURANTS, DEMO_STAFF } from './demo-data.ts';
import { addCombination } from '../staff/combinations.ts';
import { loadDemoBookings } from './demo-bookings.ts';
import { action, currentConfig, fail } from './run-command.ts';

/** Loads the demo restaurants and staff; skips what is already there. Returns what it added. */
export async function loadDemo(db: Kysely<DB>, now: number): Promise<string[]> {
  const added: string[] = [];
  for (const restaurant of DEMO_RESTAURANTS) {
    if (await restaurantExists(db, restaurant.slug)) continue;
    const view = await createRestaurant(db, restaurant, now);
    const row = (await findRestaurantRef(db, view.slug))!;
    const byLabel = new Map(view.tables.map((t) => [t.label, t.id]));
    for (const [labels, minSeats, maxSeats] of DEMO_COMBINATIONS[restaurant.slug] ?? []) {
      await addCombination(db, row.id, { tableIds: labels.map((l) => byLabel.get(l)!), minSeats, maxSeats }, now);
    }
    const closure = addDays(localDateOf(now, restaurant.timezone), 10);
    await addClosure(db, row.id, { date: closure, note: 'Staff training day' }, now);
    const bookings = await loadDemoBookings(db, restaurant.slug, now);
    added.push(`restaurant ${restaurant.slug} (${bookings} bookings today and the next days)`);
  }
  if (!(await findStaffUserByEmail(db, DEMO_ADMIN.email))) {
    await createStaffUser(
      db,
      { email: DEMO_ADMIN.email, name: DEMO_ADMIN.name, admin: true, password: async () => DEMO_ADMIN.password },
      now,
    );
    added.push(`admin ${DEMO_ADMIN.email}`);
  }
  for (const staff of DEMO_STAFF) {
    if (await findStaffUserByEmail(db, staff.email)) continue;
    await createStaffUser(db, { ...staff, password: async () => DEMO_ADMIN.password }, now);
    added.push(`${staff.role} ${staff.email}`);
  }
  return added;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('load a small demo data set (restaurants in three time zones, tables, hours, a closure, an admin)')
    .option('--if-empty', 'only when the database has no restaurants yet (used by npm start)')
    .action(
      action(async (options: { ifEmpty?: boolean }) => {
        if (process.env.NODE_ENV === 'production') {
          fail(
            'refusing to load demo data with NODE_ENV=production: its staff accounts have a published password. Create real accounts with `tablebookings staff create --email … --admin`',
          );
        }
        const config = currentConfig();
        const database = createDb(config.databaseUrl, { poolMax: 2 });
        try {
          await prepareEmbeddedDatabase(config, database);
          if (!(await isSchemaCurrent(database.db)))
            fail('the schema is not current: run `tablebookings db migrate` first');
          if (options.ifEmpty && (await restaurantExists(database.db))) return;
          const added = await loadDemo(database.db, Date.now());
          if (added.length === 0) console.log('demo data already loaded');
          for (const line of added) console.log(`added ${line}`);
          if (added.length)
            console.log(
              `staff sign-in: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password} (also manager@example.com, host@example.com)`,
            );
        } finally {
          await database.close();
        }
      }),
    );
}
