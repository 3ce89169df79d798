import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { occupancyBetween } from '../db/queries/bookings.ts';
import { availableSlots, nearestAlternatives } from '../domain/availability.ts';
import type { BookingMode } from '../domain/booking-window.ts';
import { DomainError } from '../domain/errors.ts';
import { pickTable } from '../domain/tables.ts';
import type { Slot, TableInfo } from '../domain/types.ts';
import { presentSlot } from './presenter.ts';
import { gridFor, type RestaurantContext } from '../services/restaurant-context.ts';

/** The smallest free fitting table for the slot, reading live bookings in the transaction. */
export async function findFreeTable(trx: Kysely<DB>, ctx: RestaurantContext, slot: Slot, party: number, ignoreBookingId?: string): Promise<TableInfo | null> {
  const occupancy = await occupancyBetween(trx, ctx.row.id, slot.startsAt, slot.endsAt);
  return pickTable(ctx.tables, occupancy, party, slot.startsAt, slot.endsAt, ignoreBookingId);
}

/** The 409 for a taken time: up to 3 free times the same day, nearest first. */
export async function slotUnavailable(
  trx: Kysely<DB>,
  ctx: RestaurantContext,
  request: { slot: Slot; party: number; now: number; mode: BookingMode; ignoreBookingId?: string },
): Promise<DomainError> {
  const grid = gridFor(ctx, request.slot.date, request.party);
  const from = grid.length ? grid[0].startsAt : request.slot.startsAt;
  const to = grid.length ? Math.max(...grid.map((s) => s.endsAt)) : request.slot.endsAt;
  const occupancy = await occupancyBetween(trx, ctx.row.id, from, to);
  const free = availableSlots(ctx.rules, ctx.tables, occupancy, {
    date: request.slot.date,
    party: request.party,
    now: request.now,
    mode: request.mode,
    ignoreBookingId: request.ignoreBookingId,
    grid,
  });
  const alternatives = nearestAlternatives(free, request.slot.startsAt, 3).map(presentSlot);
  const detail = alternatives.length
    ? `No table is free at ${request.slot.time} on ${request.slot.date}; nearest free times: ${alternatives.map((a) => a.time).join(', ')}.`
    : `No table is free at ${request.slot.time} on ${request.slot.date}, nor at any other time that day.`;
  return new DomainError('slot_unavailable', detail, { alternatives });
}
