import { occupancyBetween } from '../db/queries/bookings.ts';
import { availableSlots } from '../domain/availability.ts';
import type { BookingMode } from '../domain/booking-window.ts';
import { isIsoDate } from '../domain/clock-time.ts';
import { validationError } from '../domain/errors.ts';
import type { Services } from '../services/services.ts';
import { presentSlot } from './presenter.ts';
import { gridFor } from '../services/restaurant-context.ts';

export interface AvailabilityJson {
  restaurant: string;
  date: string;
  party: number;
  timezone: string;
  slots: { time: string; startsAt: string }[];
}

/**
 * Free start times for a date and party. Validates the date and the party size against
 * the restaurant. `ignoreBookingId` leaves one booking's own table time out (the times it
 * could move to). One restaurant-version read, one grid, at most one bookings query.
 */
export async function getAvailability(deps: Services, slug: string, date: string, party: number, mode: BookingMode = 'guest', ignoreBookingId?: string): Promise<AvailabilityJson> {
  if (!isIsoDate(date)) throw validationError('date', 'date is not a real calendar date (YYYY-MM-DD)');
  const ctx = await deps.cache.load(deps.db, slug);
  if (!Number.isInteger(party) || party < 1 || party > ctx.rules.maxPartySize) {
    throw validationError('party', `party must be from 1 to ${ctx.rules.maxPartySize}`);
  }
  const now = deps.clock();
  const base = { restaurant: ctx.row.slug, date, party, timezone: ctx.row.timezone };
  const grid = gridFor(ctx, date, party);
  const query = { date, party, now, mode, grid };
  // Without any booking, would anything be free? If not, skip the database.
  if (availableSlots(ctx.rules, ctx.tables, [], query).length === 0) return { ...base, slots: [] };
  const occupancy = (await occupancyBetween(deps.db, ctx.row.id, grid[0].startsAt, Math.max(...grid.map((s) => s.endsAt))))
    .filter((o) => o.bookingId !== ignoreBookingId);
  const slots = availableSlots(ctx.rules, ctx.tables, occupancy, query);
  return { ...base, slots: slots.map(presentSlot) };
}
