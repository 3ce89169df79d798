import type { BookingMode } from '../domain/booking-window.ts';
import { isIsoDate } from '../domain/clock-time.ts';
import { validationError } from '../domain/errors.ts';
import { noSlotsReason, type NoSlotsReason } from '../domain/no-slots-reason.ts';
import { checkArea, claimsWindow, freeSlotsFromClaims, freeSlotsOfDate } from './assign-table.ts';
import { claimsWithVersion } from '../db/queries/claims.ts';
import type { RestaurantContext } from '../services/restaurant-context.ts';
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
  deps: Services,
  slug: string,
  date: string,
  party: number,
  mode: BookingMode = 'guest',
  ignoreBookingId?: string,
  area?: string,
): Promise<AvailabilityJson> {
  if (!isIsoDate(date)) throw validationError('date', 'date is not a real calendar date (YYYY-MM-DD)');
  const fast = await fromCachedContext(deps, slug, { date, party, mode, ignoreBookingId, area });
  if (fast) return fast;
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

interface DateQuery {
  date: string;
  party: number;
  mode: BookingMode;
  ignoreBookingId?: string;
  area?: string;
}

/**
 * The one-round-trip path for a cached restaurant: the version stamp rides in the claims
 * query (claimsWithVersion), so freshness is checked in the same statement. Undefined when
 * there is no cached context, the stamp differs, or the request needs the checked path
 * (bad input, or a date on which no slot can be free): the caller then takes that path.
 */
async function fromCachedContext(deps: Services, slug: string, q: DateQuery): Promise<AvailabilityJson | undefined> {
  const ctx = deps.cache.peek(slug);
  if (!ctx || !Number.isInteger(q.party) || q.party < 1 || q.party > ctx.rules.maxPartySize) return undefined;
  const area = knownAreaOrUndefined(ctx, q.area);
  if (area === false) return undefined;
  const now = deps.clock();
  const req = { date: q.date, party: q.party, now, mode: q.mode, area, ignoreBookingId: q.ignoreBookingId };
  const window = claimsWindow(ctx, req);
  if (!window) return undefined;
  const read = await claimsWithVersion(deps.db, slug, ctx.row.id, window.from, window.to, now);
  if (!deps.cache.isCurrent(slug, read.version)) return undefined;
  const slots = freeSlotsFromClaims(ctx, req, read.claims);
  const base = { restaurant: ctx.row.slug, date: q.date, party: q.party, timezone: ctx.row.timezone };
  if (slots.length > 0) return { ...base, slots: slots.map(presentSlot) };
  return { ...base, slots: [], reason: noSlotsReason(ctx.rules, q.date, now, gridFor(ctx, q.date, q.party), q.mode) };
}

function knownAreaOrUndefined(ctx: RestaurantContext, area: string | undefined): string | undefined | false {
  try {
    return checkArea(ctx, area);
  } catch {
    return false;
  }
}
