import { localDateOf } from './clock-time.ts';
import { DomainError } from './errors.ts';
import type { BookingStatus, RestaurantRules } from './types.ts';

const MINUTE_MS = 60_000;
const SEATING_SLACK_MS = 6 * 60 * MINUTE_MS;

export interface TransitionContext {
  now: number;
  /** the booking's service date "YYYY-MM-DD" */
  serviceDate: string;
  startsAt: number;
  /** defaults to startsAt */
  endsAt?: number;
  zone: string;
}

const ALLOWED: Record<BookingStatus, readonly BookingStatus[]> = {
  confirmed: ['seated', 'no_show', 'cancelled'],
  seated: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

function refuse(from: BookingStatus, to: BookingStatus, why: string): never {
  throw new DomainError('conflict', `cannot change a ${from} booking to ${to}: ${why}`);
}

function mayBeSeated(ctx: TransitionContext): boolean {
  if (localDateOf(ctx.now, ctx.zone) === ctx.serviceDate) return true;
  const endsAt = ctx.endsAt ?? ctx.startsAt;
  return ctx.now >= ctx.startsAt - SEATING_SLACK_MS && ctx.now <= endsAt + SEATING_SLACK_MS;
}

/** Staff status change; throws DomainError('conflict') when refused. */
export function assertTransition(from: BookingStatus, to: BookingStatus, ctx: TransitionContext): void {
  if (from === to) refuse(from, to, `it is already ${from}`);
  if (!ALLOWED[from].includes(to)) {
    refuse(from, to, ALLOWED[from].length === 0 ? `${from} is final` : 'not an allowed change');
  }
  if (to === 'seated' && !mayBeSeated(ctx)) {
    refuse(from, to, 'a booking can only be seated on its own date');
  }
  if (to === 'no_show' && ctx.now < ctx.startsAt) {
    refuse(from, to, 'it has not started yet');
  }
}

/** Whether a staff change from → to would be accepted. */
export function canTransition(from: BookingStatus, to: BookingStatus, ctx: TransitionContext): boolean {
  try {
    assertTransition(from, to, ctx);
    return true;
  } catch {
    return false;
  }
}

/** A guest may change date/time/party or cancel until the cut-off before the start. */
export function guestMayChange(
  rules: Pick<RestaurantRules, 'cancelCutoffMinutes'>,
  startsAt: number,
  now: number,
): boolean {
  return now <= startsAt - rules.cancelCutoffMinutes * MINUTE_MS;
}

/** A guest may edit notes until the start. */
export function guestMayEditNotes(startsAt: number, now: number): boolean {
  return now < startsAt;
}
