import { DateTime } from 'luxon';

/** "Friday 5 June 2026" for a local date "YYYY-MM-DD". */
export function longDate(date: string): string {
  const d = DateTime.fromISO(date, { zone: 'utc' });
  return d.isValid ? d.setLocale('en-GB').toFormat('cccc d LLLL yyyy') : date;
}

/** "Fri 5 Jun" for a local date. */
export function shortDate(date: string): string {
  const d = DateTime.fromISO(date, { zone: 'utc' });
  return d.isValid ? d.setLocale('en-GB').toFormat('ccc d LLL') : date;
}

/** "19:30 (Europe/London)": every time a guest sees is labelled with the restaurant's zone. */
export function zonedTime(time: string, zone: string): string {
  return `${time} (${zone})`;
}

export const STATUS_LABELS: Record<string, string> = {
  confirmed: 'Confirmed',
  seated: 'Seated',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export function weekdayName(weekday: number): string {
  return ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][weekday - 1] ?? String(weekday);
}
