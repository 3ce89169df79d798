import { isValidZone, parseHHMM } from './clock-time.ts';
import { isLocale, LOCALES, type Locale } from '../i18n/locale.ts';
import type { FieldError } from './errors.ts';
import type { RestaurantRules } from './types.ts';
import { DEFAULT_REMINDER_HOURS, MAX_REMINDER_HOURS } from './reminders.ts';
import { DEFAULT_HOLD_MINUTES, MAX_HOLD_MINUTES } from './holds.ts';
import { MAX_COVERS_PER_SLOT } from './pacing.ts';
import { LIMITS } from './limits.ts';

/** What a restaurant is configured with: its booking rules (without closures), slug and name. */
export interface RestaurantSettings extends Omit<RestaurantRules, 'closures'> {
  slug: string;
  name: string;
  /** the language of its own pages when the guest states none (SPEC §9.3) */
  locale: Locale;
  /** reminder email this many hours before the start; 0 = none (SPEC §9.2) */
  reminderHours: number;
}

/** Any subset of the settings, values not yet trusted (e.g. a PATCH body). */
export type RestaurantSettingsInput = Partial<Record<keyof RestaurantSettings, unknown>>;

export type DefaultSettings = Pick<
  RestaurantSettings,
  | 'slotIntervalMinutes'
  | 'bookingWindowDays'
  | 'minNoticeMinutes'
  | 'cancelCutoffMinutes'
  | 'maxPartySize'
  | 'durations'
  | 'reminderHours'
  | 'maxCoversPerSlot'
  | 'holdMinutes'
>;

/** Defaults for a new restaurant; copy before changing (durations is shared). */
export const DEFAULT_SETTINGS: DefaultSettings = {
  slotIntervalMinutes: 15,
  bookingWindowDays: 60,
  minNoticeMinutes: 60,
  cancelCutoffMinutes: 120,
  maxPartySize: 8,
  durations: [
    { maxParty: 2, minutes: 90 },
    { maxParty: 4, minutes: 120 },
    { maxParty: 8, minutes: 150 },
  ],
  reminderHours: DEFAULT_REMINDER_HOURS,
  maxCoversPerSlot: null,
  holdMinutes: DEFAULT_HOLD_MINUTES,
};

const SLUG = /^[a-z0-9-]{2,64}$/;

type Check = (value: unknown, field: string) => FieldError[];

function intIn(min: number, max: number, step = 1): Check {
  return (value, field) => {
    const ok =
      typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max && value % step === 0;
    if (ok) return [];
    const multiple = step > 1 ? ` and a multiple of ${step}` : '';
    return [{ field, message: `${field} must be a whole number from ${min} to ${max}${multiple}` }];
  };
}

const checkSlug: Check = (v, field) =>
  typeof v === 'string' && SLUG.test(v) ? [] : [{ field, message: 'slug must be 2–64 characters of a-z, 0-9 and -' }];

const checkName: Check = (v, field) =>
  typeof v === 'string' && v.trim().length >= 1 && [...v].length <= LIMITS.name
    ? []
    : [{ field, message: `name must be 1–${LIMITS.name} characters` }];

const checkZone: Check = (v, field) =>
  typeof v === 'string' && isValidZone(v)
    ? []
    : [{ field, message: 'timezone must be an IANA time zone such as Europe/London' }];

const checkLocale: Check = (v, field) =>
  isLocale(v) ? [] : [{ field, message: `locale must be one of ${LOCALES.join(', ')}` }];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const checkDurations: Check = (v, field) => {
  if (!Array.isArray(v) || v.length === 0) {
    return [{ field, message: 'durations must be a non-empty list of {maxParty, minutes}' }];
  }
  const errors: FieldError[] = [];
  let previous = 0;
  for (const [i, d] of v.entries()) {
    const at = `${field}[${i}]`;
    if (!isObject(d)) {
      errors.push({ field: at, message: `${at} must be {maxParty, minutes}` });
      continue;
    }
    const partyErrors = intIn(1, 10_000)(d.maxParty, `${at}.maxParty`);
    errors.push(...partyErrors, ...intIn(15, LIMITS.durationMinutes, 5)(d.minutes, `${at}.minutes`));
    if (partyErrors.length > 0) continue;
    if ((d.maxParty as number) <= previous) {
      errors.push({
        field: `${at}.maxParty`,
        message: 'durations must be in ascending maxParty order without repeats',
      });
    }
    previous = d.maxParty as number;
  }
  return errors;
};

function checkClock(v: unknown, field: string): FieldError[] {
  const m = typeof v === 'string' ? parseHHMM(v) : null;
  if (m !== null && m % 5 === 0) return [];
  return [{ field, message: `${field} must be HH:MM (00:00–23:59) on a 5-minute boundary` }];
}

const checkHours: Check = (v, field) => {
  if (!Array.isArray(v)) return [{ field, message: 'hours must be a list of {weekday, opens, closes}' }];
  const errors: FieldError[] = [];
  for (const [i, p] of v.entries()) {
    const at = `${field}[${i}]`;
    if (!isObject(p)) {
      errors.push({ field: at, message: `${at} must be {weekday, opens, closes}` });
      continue;
    }
    const clock = [...checkClock(p.opens, `${at}.opens`), ...checkClock(p.closes, `${at}.closes`)];
    errors.push(...intIn(1, 7)(p.weekday, `${at}.weekday`), ...clock);
    if (clock.length === 0 && p.opens === p.closes) {
      errors.push({ field: `${at}.closes`, message: 'closes must differ from opens' });
    }
  }
  return errors;
};

const CHECKS: Record<keyof RestaurantSettings, Check> = {
  slug: checkSlug,
  name: checkName,
  timezone: checkZone,
  locale: checkLocale,
  slotIntervalMinutes: intIn(5, 240, 5),
  bookingWindowDays: intIn(0, 730),
  minNoticeMinutes: intIn(0, 10_080),
  cancelCutoffMinutes: intIn(0, 10_080),
  maxPartySize: intIn(1, 100),
  durations: checkDurations,
  hours: checkHours,
  reminderHours: intIn(0, MAX_REMINDER_HOURS),
  maxCoversPerSlot: (v, field) => (v === null ? [] : intIn(1, MAX_COVERS_PER_SLOT)(v, field)),
  holdMinutes: intIn(0, MAX_HOLD_MINUTES),
};

/** Field errors for the settings present in `input` (empty when all is well). */
export function validateRestaurantSettings(input: RestaurantSettingsInput): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of Object.keys(CHECKS) as (keyof RestaurantSettings)[]) {
    if (input[key] !== undefined) errors.push(...CHECKS[key](input[key], key));
  }
  return errors;
}
