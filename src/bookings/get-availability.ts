import { occupancyBetween } from '../db/queries/bookings.ts';
import { availableSlots } from '../domain/availability.ts';
import type { BookingMode } from '../domain/booking-window.ts';
import { slotGrid } from '../domain/slot-grid.ts';
import type { BookingDeps } from './booking-deps.ts';
import { presentSlot } from './presenter.ts';

export interface AvailabilityJson {
  restaurant: string;
  date: string;
  party: number;
  timezone: string;
  slots: { time: string; startsAt: string }[];
}

/**
 * Free start times for a date and party (date/party already validated by the caller).
 * `ignoreBookingId` leaves one booking's own table time out (the times it could move to).
 */
export async function getAvailability(deps: BookingDeps, slug: string, date: string, party: number, mode: BookingMode = 'guest', ignoreBookingId?: string): Promise<AvailabilityJson> {
  const ctx = await deps.cache.load(deps.db, slug);
  const now = deps.clock();
  const base = { restaurant: ctx.row.slug, date, party, timezone: ctx.row.timezone };
  const candidates = availableSlots(ctx.rules, ctx.tables, [], { date, party, now, mode });
  if (candidates.length === 0) return { ...base, slots: [] };
  const grid = slotGrid(ctx.rules, date, party);
  const occupancy = (await occupancyBetween(deps.db, ctx.row.id, grid[0].startsAt, Math.max(...grid.map((s) => s.endsAt))))
    .filter((o) => o.bookingId !== ignoreBookingId);
  const slots = availableSlots(ctx.rules, ctx.tables, occupancy, { date, party, now, mode });
  return { ...base, slots: slots.map(presentSlot) };
}
