import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../db/schema.ts';
import { claimCells, insertBooking, type BookingRow } from '../db/queries/bookings.ts';
import { runTransaction } from '../db/run-transaction.ts';
import { addDays, localDateOf } from '../domain/clock-time.ts';
import { newReference } from '../domain/reference.ts';
import { slotGrid } from '../domain/slot-grid.ts';
import { fittingTables, overlaps } from '../domain/tables.ts';
import { loadRestaurantContext } from '../services/restaurant-context.ts';
import { sha256Hex, newManageToken } from '../bookings/tokens.ts';

const NAMES: Record<string, string[]> = {
  ko: ['김민준', '이서연', '박지훈', '최수아', '정도윤', '강하은', '조예준', '윤지우'],
  en: ['Ann Lee', 'Ben Carter', 'Chloe Patel', 'Dan Okafor', 'Ella Novak', 'Finn Murphy', 'Grace Kim', 'Hugo Silva'],
};

function statusAt(startsAt: number, endsAt: number, now: number): BookingRow['status'] {
  if (endsAt <= now) return 'completed';
  return startsAt <= now ? 'seated' : 'confirmed';
}

/**
 * Bookings today and on the next three days for a demo restaurant, so the day sheet and the
 * timeline are alive on `npm start`: earlier ones today already completed or seated.
 */
export async function loadDemoBookings(db: Kysely<DB>, slug: string, now: number): Promise<number> {
  const ctx = await loadRestaurantContext(db, slug);
  const names = NAMES[ctx.row.locale === 'ko' ? 'ko' : 'en'];
  const today = localDateOf(now, ctx.rules.timezone);
  const taken: { tableId: string; startsAt: number; endsAt: number }[] = [];
  let made = 0;
  for (let day = 0; day < 4; day++) {
    const date = addDays(today, day);
    for (const [i, party] of [2, 4, 2, 6, 3, 2].entries()) {
      const grid = slotGrid(ctx.rules, date, party).filter((_, n) => n % 3 === i % 3);
      for (const slot of grid.filter((_, n) => n % 4 === i % 4)) {
        const table = fittingTables(ctx.tables, party).find(
          (t) => !taken.some((o) => o.tableId === t.id && overlaps(o.startsAt, o.endsAt, slot.startsAt, slot.endsAt)),
        );
        if (!table) continue;
        taken.push({ tableId: table.id, startsAt: slot.startsAt, endsAt: slot.endsAt });
        const name = names[made % names.length];
        const row: BookingRow = {
          restaurant_id: ctx.row.id,
          id: uuidv7(),
          reference: newReference(crypto.randomBytes),
          table_id: table.id,
          combination_id: null,
          party,
          starts_at: slot.startsAt,
          ends_at: slot.endsAt,
          service_date: slot.date,
          local_time: slot.time,
          name,
          email: null,
          phone: `+1 555 01${String(made % 100).padStart(2, '0')}`,
          notes: null,
          status: statusAt(slot.startsAt, slot.endsAt, now),
          source: 'staff',
          manage_token_hash: sha256Hex(newManageToken()),
          created_at: now,
          updated_at: now,
        };
        await runTransaction(db, async (trx) => {
          await insertBooking(trx, row);
          await claimCells(trx, row);
        });
        made++;
      }
    }
  }
  return made;
}
