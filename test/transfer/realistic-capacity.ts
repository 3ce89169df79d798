import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';

/**
 * The capacity rows of the realistic site (issue 13): combinations with their member
 * tables, live and expired holds with their cells (far in the future, clear of every
 * booking), and pacing lock rows. Called with the site's own restaurants and tables.
 */
const CELL = 300_000;
const HOUR = 3_600_000;

interface Table {
  restaurant_id: string;
  id: string;
}

export function capacityRows(restaurants: { id: string }[], tables: Table[], now: number) {
  const combinations = [],
    members = [],
    holds = [],
    cells = [],
    pacing = [];
  for (const [i, r] of restaurants.entries()) {
    const own = tables.filter((t) => t.restaurant_id === r.id);
    for (let c = 0; c < 3; c++) {
      const id = uuidv7();
      combinations.push({
        restaurant_id: r.id,
        id,
        min_seats: 5 + c,
        max_seats: 8 + c * 2,
        active: c === 2 ? 0 : 1,
        created_at: now - c,
        updated_at: now - c,
      });
      for (const t of own.slice(c, c + 2 + (c % 2)))
        members.push({ restaurant_id: r.id, combination_id: id, table_id: t.id });
    }
    for (let h = 0; h < 4; h++) {
      const id = uuidv4();
      const startsAt = now + 400 * 24 * HOUR + h * 4 * HOUR + i * HOUR;
      const expiresAt = h % 2 ? now - 60_000 : now + 300_000;
      const combination = h === 3 ? combinations.at(-2)! : null;
      holds.push({
        restaurant_id: r.id,
        id,
        table_id: own[h].id,
        combination_id: combination?.id ?? null,
        party: 2 + h,
        starts_at: startsAt,
        ends_at: startsAt + 2 * HOUR,
        service_date: new Date(startsAt).toISOString().slice(0, 10),
        local_time: new Date(startsAt).toISOString().slice(11, 16),
        expires_at: expiresAt,
        created_at: now - 1000,
      });
      for (let cell = startsAt / CELL; cell < (startsAt + 2 * HOUR) / CELL; cell++) {
        cells.push({
          restaurant_id: r.id,
          table_id: own[h].id,
          cell,
          booking_id: null,
          hold_id: id,
          expires_at: expiresAt,
        });
      }
      pacing.push({ restaurant_id: r.id, starts_at: startsAt, writes: 1 + h });
    }
  }
  return { combinations, members, holds, cells, pacing };
}
