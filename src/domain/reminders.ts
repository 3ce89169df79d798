/** Reminder rules (SPEC §9.2): pure, the clock comes in as an argument. */

export const DEFAULT_REMINDER_HOURS = 24;
export const MAX_REMINDER_HOURS = 168;

/**
 * When the reminder of a booking starting at `startsAt` is due, or undefined when there is
 * none: reminders off (0 hours), or the booking was made (or moved) later than that.
 */
export function reminderDueAt(startsAt: number, reminderHours: number, now: number): number | undefined {
  if (!(reminderHours > 0)) return undefined;
  const due = startsAt - reminderHours * 3_600_000;
  return due > now ? due : undefined;
}
