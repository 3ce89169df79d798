import type { FieldError } from './errors.ts';

/** A table (or combination) kept for one guest for a few minutes (SPEC §9.1). */
export interface HoldInfo {
  date: string;
  time: string;
  party: number;
  expiresAt: number;
}

export const DEFAULT_HOLD_MINUTES = 5;
export const MAX_HOLD_MINUTES = 60;

export function holdsEnabled(holdMinutes: number): boolean {
  return holdMinutes > 0;
}

export function holdExpiresAt(now: number, holdMinutes: number): number {
  return now + holdMinutes * 60_000;
}

/** A hold is live until its expiry instant; at and after it the table is free again. */
export function holdIsLive(hold: Pick<HoldInfo, 'expiresAt'>, now: number): boolean {
  return now < hold.expiresAt;
}

/** Whole minutes left (rounded up) while live, else 0. */
export function holdMinutesLeft(hold: Pick<HoldInfo, 'expiresAt'>, now: number): number {
  return holdIsLive(hold, now) ? Math.ceil((hold.expiresAt - now) / 60_000) : 0;
}

/** A booking made on a hold must ask for the held date, time and party. */
export function holdMismatches(hold: HoldInfo, request: { date: string; time: string; party: number }): FieldError[] {
  const errors: FieldError[] = [];
  if (request.date !== hold.date) errors.push({ field: 'date', message: `the hold is for ${hold.date}` });
  if (request.time !== hold.time) errors.push({ field: 'time', message: `the hold is for ${hold.time}` });
  if (request.party !== hold.party)
    errors.push({ field: 'party', message: `the hold is for a party of ${hold.party}` });
  return errors;
}
