import type { Messages } from '../catalogue-types.ts';

/** Booking statuses and weekday names (ISO weekday 1 = Monday). */
export const statusEn = {
  'status.confirmed': 'Confirmed',
  'status.seated': 'Seated',
  'status.completed': 'Completed',
  'status.cancelled': 'Cancelled',
  'status.no_show': 'No-show',
  'weekday.1': 'Monday',
  'weekday.2': 'Tuesday',
  'weekday.3': 'Wednesday',
  'weekday.4': 'Thursday',
  'weekday.5': 'Friday',
  'weekday.6': 'Saturday',
  'weekday.7': 'Sunday',
} as const satisfies Messages;
