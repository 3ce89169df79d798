import { bookingDeps, type BookingDeps } from '../bookings/booking-deps.ts';
import type { AppDeps } from './deps.ts';

const memo = new WeakMap<AppDeps, BookingDeps>();

/** One BookingDeps (and so one restaurant cache) per app. */
export function bookingDepsFor(deps: AppDeps): BookingDeps {
  let found = memo.get(deps);
  if (!found) {
    found = bookingDeps({ db: deps.database.db, config: deps.config, clock: deps.clock, randomBytes: deps.randomBytes });
    memo.set(deps, found);
  }
  return found;
}
