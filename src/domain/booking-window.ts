import { addDays, isIsoDate, localDateOf, parseHHMM } from './clock-time.ts';
import { DomainError, validationError, type FieldError } from './errors.ts';
import { slotGrid, slotGridForMinutes } from './slot-grid.ts';
import type { RestaurantRules, Slot } from './types.ts';

const MINUTE_MS = 60_000;

export type BookingMode = 'guest' | 'staff';

export interface StartRequest {
  date: string;
  time: string;
  party: number;
  now: number;
  mode: BookingMode;
  /** the slot grid of a valid date and party, when the caller keeps them (memoized) */
  gridOf?: (date: string, party: number) => readonly Slot[];
}

/** Restaurant-local today and the last bookable date (today + window, inclusive). */
export function bookableDateRange(
  rules: Pick<RestaurantRules, 'timezone' | 'bookingWindowDays'>,
  now: number,
): { today: string; lastDate: string } {
  const today = localDateOf(now, rules.timezone);
  return { today, lastDate: addDays(today, rules.bookingWindowDays) };
}

/** Earliest start instant allowed now: notice for guests, one interval back for staff. */
export function earliestStart(rules: RestaurantRules, now: number, mode: BookingMode): number {
  return mode === 'staff' ? now - rules.slotIntervalMinutes * MINUTE_MS : now + rules.minNoticeMinutes * MINUTE_MS;
}

/**
 * Whether `date` may take bookings as of `now`, ignoring the time of day:
 * 'ok', 'past', 'beyond' or 'closed'. Yesterday is 'ok' too, because a period that
 * opened yesterday may still be running after midnight; its slots are then held to
 * the notice / walk-in rule like any other.
 */
export function dateStatus(rules: RestaurantRules, date: string, now: number): 'ok' | 'past' | 'beyond' | 'closed' {
  const { today, lastDate } = bookableDateRange(rules, now);
  if (date < addDays(today, -1)) return 'past';
  if (date > lastDate) return 'beyond';
  if (rules.closures.includes(date)) return 'closed';
  return 'ok';
}

function formatErrors(rules: RestaurantRules, req: StartRequest): FieldError[] {
  const errors: FieldError[] = [];
  if (!isIsoDate(req.date))
    errors.push({
      field: 'date',
      message: 'date must be a real date written YYYY-MM-DD',
      key: 'validation.dateFormat',
    });
  if (parseHHMM(req.time) === null)
    errors.push({ field: 'time', message: 'time must be written HH:MM (00:00–23:59)', key: 'validation.timeFormat' });
  if (!Number.isInteger(req.party) || req.party < 1) {
    errors.push({
      field: 'party',
      message: 'party must be a whole number of at least 1',
      key: 'validation.partyWhole',
    });
  } else if (req.party > rules.maxPartySize) {
    errors.push({
      field: 'party',
      message: `party must be at most ${rules.maxPartySize}; please call the restaurant for larger groups`,
      key: 'validation.partyTooLarge',
      params: { max: rules.maxPartySize },
    });
  }
  return errors;
}

function checkDate(rules: RestaurantRules, date: string, now: number): void {
  const status = dateStatus(rules, date, now);
  if (status === 'past') throw validationError('date', 'date is in the past', 'validation.datePast');
  if (status === 'beyond') {
    throw validationError(
      'date',
      `bookings open at most ${rules.bookingWindowDays} days ahead`,
      'validation.dateBeyond',
      { days: rules.bookingWindowDays },
    );
  }
  if (status === 'closed')
    throw validationError('date', 'the restaurant is closed on that date', 'validation.dateClosed');
}

function offGridError(rules: RestaurantRules, req: StartRequest): DomainError {
  const onClock = slotGridForMinutes(rules, req.date, 0).some((s) => s.time === req.time);
  if (onClock) {
    const message = `a party of ${req.party} cannot start at ${req.time}: the meal would run past closing`;
    return validationError('time', message, 'validation.runsPastClosing', { party: req.party, time: req.time });
  }
  const message = `${req.time} is not a bookable time on ${req.date}; times follow the opening hours every ${rules.slotIntervalMinutes} minutes`;
  return validationError('time', message, 'validation.offGrid', {
    time: req.time,
    date: req.date,
    minutes: rules.slotIntervalMinutes,
  });
}

function timingError(rules: RestaurantRules, slot: Slot, req: StartRequest): DomainError {
  if (req.mode === 'staff') {
    const message = `that time has passed; walk-ins may start at most ${rules.slotIntervalMinutes} minutes ago`;
    return validationError('time', message, 'validation.walkInPast', { minutes: rules.slotIntervalMinutes });
  }
  if (slot.startsAt < req.now) return validationError('time', 'that time has already passed', 'validation.timePassed');
  return validationError(
    'time',
    `bookings need at least ${rules.minNoticeMinutes} minutes notice`,
    'validation.notice',
    { minutes: rules.minNoticeMinutes },
  );
}

/**
 * Validates a requested start against format, party size, window, closures, the
 * slot grid and the notice (guest) or walk-in (staff) rule. Returns the slot or
 * throws DomainError('validation'). A party larger than every table is not checked.
 */
export function resolveStart(rules: RestaurantRules, req: StartRequest): Slot {
  const errors = formatErrors(rules, req);
  if (errors.length > 0) {
    throw new DomainError('validation', errors.map((e) => e.message).join('; '), { errors });
  }
  checkDate(rules, req.date, req.now);
  const grid = req.gridOf ? req.gridOf(req.date, req.party) : slotGrid(rules, req.date, req.party);
  const slot = grid.find((s) => s.time === req.time);
  const inTime = slot !== undefined && slot.startsAt >= earliestStart(rules, req.now, req.mode);
  // Yesterday is only open for the after-midnight part of a period still running.
  if (!inTime && req.date < bookableDateRange(rules, req.now).today) {
    throw validationError('date', 'date is in the past', 'validation.datePast');
  }
  if (!slot) throw offGridError(rules, req);
  if (!inTime) throw timingError(rules, slot, req);
  return slot;
}
