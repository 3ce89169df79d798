import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../../src/db/connect.ts';
import { isRetryableTransactionError, isUniqueViolation } from '../../src/db/errors.ts';
import { occupancyCells } from '../../src/domain/occupancy-cells.ts';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';

/**
 * The database itself forbids two live bookings overlapping on one table: each booking
 * holds one table_occupancy row per 5-minute cell, and (restaurant_id, table_id, cell)
 * is the primary key. Plain SQL here, no use cases.
 */
after(dropCreatedDatabases);

const T0 = Date.parse('2026-07-01T18:00:00Z');
const MIN = 60_000;

interface Booking {
  id: string;
  tableId: string;
  startsAt: number;
  endsAt: number;
}

async function seedRestaurant(database: Database): Promise<{ restaurantId: string; tables: string[] }> {
  const restaurantId = uuidv7();
  const now = T0 - 86_400_000;
  await database.db
    .insertInto('restaurants')
    .values({
      id: restaurantId,
      slug: `r-${restaurantId.slice(-12)}`,
      name: 'Overlap Bistro',
      timezone: 'Europe/Berlin',
      slot_interval_minutes: 15,
      booking_window_days: 60,
      min_notice_minutes: 0,
      cancel_cutoff_minutes: 0,
      max_party_size: 8,
      durations: '[{"maxParty":8,"minutes":90}]',
      max_covers_per_slot: null,
      hold_minutes: 5,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const tables = [uuidv7(), uuidv7()];
  await database.db
    .insertInto('dining_tables')
    .values(
      tables.map((id, i) => ({
        restaurant_id: restaurantId,
        id,
        label: `T${i + 1}`,
        min_seats: 1,
        max_seats: 4,
        active: 1,
        area: null,
        bookable_online: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  return { restaurantId, tables };
}

/** One booking and its occupancy cells in one transaction, as the use case will do it. */
async function book(database: Database, restaurantId: string, b: Booking): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('bookings')
      .values({
        restaurant_id: restaurantId,
        id: b.id,
        reference: b.id.slice(-8).toUpperCase(),
        table_id: b.tableId,
        party: 2,
        starts_at: b.startsAt,
        ends_at: b.endsAt,
        service_date: '2026-07-01',
        local_time: '20:00',
        name: 'Guest',
        email: null,
        phone: null,
        notes: null,
        status: 'confirmed',
        source: 'web',
        manage_token_hash: 'h'.repeat(64),
        created_at: T0,
        updated_at: T0,
      })
      .execute();
    await trx
      .insertInto('table_occupancy')
      .values(
        occupancyCells(b.startsAt, b.endsAt).map((cell) => ({
          restaurant_id: restaurantId,
          table_id: b.tableId,
          cell,
          booking_id: b.id,
        })),
      )
      .execute();
  });
}

const booking = (tableId: string, startMin: number, minutes: number): Booking => ({
  id: uuidv7(),
  tableId,
  startsAt: T0 + startMin * MIN,
  endsAt: T0 + (startMin + minutes) * MIN,
});

async function countRows(database: Database, restaurantId: string): Promise<{ bookings: number; cells: number }> {
  const b = await database.db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('restaurant_id', '=', restaurantId)
    .executeTakeFirstOrThrow();
  const c = await database.db
    .selectFrom('table_occupancy')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('restaurant_id', '=', restaurantId)
    .executeTakeFirstOrThrow();
  return { bookings: Number(b.n), cells: Number(c.n) };
}

for (const backend of await testBackends()) {
  describe(`overlap guard on ${backend.name}`, { skip: backend.skip }, () => {
    let database: Database;
    before(async () => {
      database = (await freshDatabase(backend, 8)).database;
    });
    after(async () => database?.close());

    it('rejects a second live booking overlapping the first on the same table', async () => {
      const { restaurantId, tables } = await seedRestaurant(database);
      await book(database, restaurantId, booking(tables[0], 0, 90));
      await assert.rejects(book(database, restaurantId, booking(tables[0], 60, 90)), (error) => {
        assert.ok(isUniqueViolation(error), `expected a unique violation, got ${String(error)}`);
        return true;
      });
      // the failed transaction left nothing behind
      assert.deepEqual(await countRows(database, restaurantId), { bookings: 1, cells: 18 });
    });

    it('rejects an overlap of a single cell and a booking inside another', async () => {
      const { restaurantId, tables } = await seedRestaurant(database);
      await book(database, restaurantId, booking(tables[0], 0, 120));
      await assert.rejects(book(database, restaurantId, booking(tables[0], 115, 60)), isUniqueViolation);
      await assert.rejects(book(database, restaurantId, booking(tables[0], 30, 30)), isUniqueViolation);
      await assert.rejects(book(database, restaurantId, booking(tables[0], -60, 65)), isUniqueViolation);
    });

    it('accepts adjacent bookings (one ends when the next starts)', async () => {
      const { restaurantId, tables } = await seedRestaurant(database);
      await book(database, restaurantId, booking(tables[0], 0, 90));
      await book(database, restaurantId, booking(tables[0], 90, 90));
      await book(database, restaurantId, booking(tables[0], -120, 120));
      assert.deepEqual(await countRows(database, restaurantId), { bookings: 3, cells: 60 });
    });

    it('accepts the same time on another table', async () => {
      const { restaurantId, tables } = await seedRestaurant(database);
      await book(database, restaurantId, booking(tables[0], 0, 90));
      await book(database, restaurantId, booking(tables[1], 0, 90));
      assert.deepEqual(await countRows(database, restaurantId), { bookings: 2, cells: 36 });
    });

    it('deleting a booking cascades to its occupancy rows and frees the table', async () => {
      const { restaurantId, tables } = await seedRestaurant(database);
      const first = booking(tables[0], 0, 90);
      await book(database, restaurantId, first);
      await database.db
        .deleteFrom('bookings')
        .where('restaurant_id', '=', restaurantId)
        .where('id', '=', first.id)
        .execute();
      assert.deepEqual(await countRows(database, restaurantId), { bookings: 0, cells: 0 });
      await book(database, restaurantId, booking(tables[0], 30, 90));
    });

    it('of many concurrent overlapping attempts exactly one wins', async () => {
      const { restaurantId, tables } = await seedRestaurant(database);
      const attempts = Array.from({ length: 6 }, (_, i) => booking(tables[0], i * 15, 90));
      const results = await Promise.allSettled(attempts.map((b) => book(database, restaurantId, b)));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of results) {
        if (r.status === 'rejected') {
          // a unique violation, or (MySQL) a deadlock the use case retries into a unique violation
          assert.ok(isUniqueViolation(r.reason) || isRetryableTransactionError(r.reason), String(r.reason));
        }
      }
      assert.deepEqual(await countRows(database, restaurantId), { bookings: 1, cells: 18 });
    });
  });
}
