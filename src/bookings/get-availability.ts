import type { BookingMode } from '../domain/booking-window.ts';
import { isIsoDate } from '../domain/clock-time.ts';
import { validationError } from '../domain/errors.ts';
import { noSlotsReason, type NoSlotsReason } from '../domain/no-slots-reason.ts';
import { checkArea, freeSlotsOfDate } from './assign-table.ts';
import type { Services } from '../services/services.ts';
import { presentSlot } from './presenter.ts';
import { gridFor } from '../services/restaurant-context.ts';

export interface AvailabilityJson {
  restaurant: string;
  date: string;
  party: number;
  timezone: string;
  slots: { time: string; startsAt: string }[];
  /** only when slots is empty (SPEC §9.1) */
  reason?: NoSlotsReason;
}

/**
 * Free start times for a date and party (optionally in one area). Validates the date, the
 * party size and the area against the restaurant. `ignoreBookingId` leaves one booking's
 * own tables and covers out (the times it could move to). One restaurant-version read,
 * one grid, at most one claims query (bookings and holds in one round trip).
 */
export async function getAvailability(
  deps: Services, slug: string, date: string, party: number, mode: BookingMode = 'guest', ignoreBookingId?: string, area?: string,
): Promise<AvailabilityJson> {
  if (!isIsoDate(date)) throw validationError('date', 'date is not a real calendar date (YYYY-MM-DD)');
  const ctx = await deps.cache.load(deps.db, slug);
  if (!Number.isInteger(party) || party < 1 || party > ctx.rules.maxPartySize) {
    throw validationError('party', `party must be from 1 to ${ctx.rules.maxPartySize}`);
  }
  const knownArea = checkArea(ctx, area);
  const now = deps.clock();
  const base = { restaurant: ctx.row.slug, date, party, timezone: ctx.row.timezone };
  const slots = await freeSlotsOfDate(deps.db, ctx, { date, party, now, mode, area: knownArea, ignoreBookingId });
  if (slots.length > 0) return { ...base, slots: slots.map(presentSlot) };
  return { ...base, slots: [], reason: noSlotsReason(ctx.rules, date, now, gridFor(ctx, date, party), mode) };
}
