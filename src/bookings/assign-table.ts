import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { claimsBetween, type ClaimRow } from '../db/queries/claims.ts';
import { coversAt, lockSlot } from '../db/queries/pacing.ts';
import { availableSlots, nearestAlternatives } from '../domain/availability.ts';
import type { BookingMode } from '../domain/booking-window.ts';
import { DomainError, validationError } from '../domain/errors.ts';
import { coversByStart, pacingAllows } from '../domain/pacing.ts';
import { expandClaims, indexOccupancy, pickSeating, type Seating, type SeatingFilter } from '../domain/seating.ts';
import type { Occupancy, Slot } from '../domain/types.ts';
import { presentSlot } from './presenter.ts';
import { gridFor, seatingsOf, type RestaurantContext } from '../services/restaurant-context.ts';

export interface SeatRequest {
  slot: Slot;
  party: number;
  mode: BookingMode;
  now: number;
  area?: string;
  /** a booking being changed: its own tables and covers do not count */
  ignoreBookingId?: string;
}

/** Guests use online tables only; staff every active table; optionally one area. */
export function seatingFilter(mode: BookingMode, area: string | undefined): SeatingFilter {
  return { onlineOnly: mode === 'guest', area };
}

/** A known area of the restaurant (any case), or undefined for none; else 422. */
export function checkArea(ctx: RestaurantContext, area: unknown): string | undefined {
  if (area === undefined || area === null || area === '') return undefined;
  const known = ctx.areas.find((a) => typeof area === 'string' && a.toLowerCase() === area.trim().toLowerCase());
  if (!known) {
    const list = ctx.areas.length ? `: one of ${ctx.areas.join(', ')}` : '; this restaurant has no areas';
    throw validationError('area', `area must be an area of this restaurant${list}`);
  }
  return known;
}

export function occupancyOf(ctx: RestaurantContext, claims: readonly ClaimRow[]): Occupancy[] {
  return expandClaims(claims, (id) => ctx.members.get(id));
}

/** The first free seating for the slot in assignment order, reading live claims in the transaction. */
export async function findFreeSeating(
  trx: Kysely<DB>,
  ctx: RestaurantContext,
  req: SeatRequest,
): Promise<Seating | null> {
  const claims = await claimsBetween(trx, ctx.row.id, req.slot.startsAt, req.slot.endsAt, req.now);
  const index = indexOccupancy(occupancyOf(ctx, claims), req.ignoreBookingId);
  return pickSeating(
    seatingsOf(ctx, req.party, seatingFilter(req.mode, req.area)),
    index,
    req.slot.startsAt,
    req.slot.endsAt,
  );
}

/**
 * Pacing inside the transaction (decision 0007): with a limit set, takes the slot's lock
 * row, then sums the live covers starting then. Staff take the lock (so guest sums stay
 * exact) but may exceed the limit. False when a guest's party would exceed it.
 */
export async function pacingPermits(trx: Kysely<DB>, ctx: RestaurantContext, req: SeatRequest): Promise<boolean> {
  const max = ctx.rules.maxCoversPerSlot;
  if (max === null) return true;
  await lockSlot(trx, ctx.row.id, req.slot.startsAt);
  if (req.mode === 'staff') return true;
  return pacingAllows(max, await coversAt(trx, ctx.row.id, req.slot.startsAt, req.now, req.ignoreBookingId), req.party);
}

type DateRequest = Omit<SeatRequest, 'slot'> & { date: string };

/** The grid window whose claims decide the date, or null when no slot can be free anyway. */
export function claimsWindow(ctx: RestaurantContext, req: DateRequest): { from: number; to: number } | null {
  const grid = gridFor(ctx, req.date, req.party);
  if (grid.length === 0 || availableSlots(ctx.rules, [], [], slotQuery(ctx, req)).length === 0) return null;
  return { from: grid[0].startsAt, to: Math.max(...grid.map((s) => s.endsAt)) };
}

function slotQuery(ctx: RestaurantContext, req: DateRequest) {
  const grid = gridFor(ctx, req.date, req.party);
  const seatings = seatingsOf(ctx, req.party, seatingFilter(req.mode, req.area));
  return {
    date: req.date,
    party: req.party,
    now: req.now,
    mode: req.mode,
    grid,
    seatings,
    ignoreBookingId: req.ignoreBookingId,
  };
}

/** The free starts of a date given the live claims of its window (pure). */
export function freeSlotsFromClaims(ctx: RestaurantContext, req: DateRequest, claims: readonly ClaimRow[]): Slot[] {
  const covers = ctx.rules.maxCoversPerSlot === null ? undefined : coversByStart(claims, req.ignoreBookingId);
  return availableSlots(ctx.rules, [], occupancyOf(ctx, claims), { ...slotQuery(ctx, req), covers });
}

/** Every free start of a date for the request: seatings, live claims and (guests) pacing. */
export async function freeSlotsOfDate(db: Kysely<DB>, ctx: RestaurantContext, req: DateRequest): Promise<Slot[]> {
  const window = claimsWindow(ctx, req);
  if (!window) return [];
  return freeSlotsFromClaims(ctx, req, await claimsBetween(db, ctx.row.id, window.from, window.to, req.now));
}

/** The 409 for a taken time: up to 3 free times the same day, nearest first. */
export async function slotUnavailable(trx: Kysely<DB>, ctx: RestaurantContext, req: SeatRequest): Promise<DomainError> {
  const free = await freeSlotsOfDate(trx, ctx, { ...req, date: req.slot.date });
  const alternatives = nearestAlternatives(free, req.slot.startsAt, 3).map(presentSlot);
  const detail = alternatives.length
    ? `No table is free at ${req.slot.time} on ${req.slot.date}; nearest free times: ${alternatives.map((a) => a.time).join(', ')}.`
    : `No table is free at ${req.slot.time} on ${req.slot.date}, nor at any other time that day.`;
  return new DomainError('slot_unavailable', detail, { alternatives });
}
