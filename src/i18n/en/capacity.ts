import type { Messages } from '../catalogue-types.ts';

/** Capacity on the guest pages (SPEC §9.1): why a day has no times, holds. */
export const capacityEn = {
  'capacity.reason.closed': 'The restaurant is closed that day.',
  'capacity.reason.past': 'That day is over; please choose a later date.',
  'capacity.reason.beyond_window': 'Bookings do not open that far ahead yet.',
  'capacity.reason.full': 'Fully booked that day.',
  'capacity.nearestDays': 'Nearest free times on other days:',
  'capacity.area': 'Area',
  'capacity.anyArea': 'Any area',
  'capacity.held': {
    one: 'We are holding table {table} for you for {count} minute (until {time}).',
    other: 'We are holding table {table} for you for {count} minutes (until {time}).',
  },
} as const satisfies Messages;
