import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB, RestaurantsTable } from '../db/schema.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/locale.ts';
import { DomainError, type FieldError } from '../domain/errors.ts';
import {
  DEFAULT_SETTINGS,
  validateRestaurantSettings,
  type RestaurantSettings,
  type RestaurantSettingsInput,
} from '../domain/restaurant-rules.ts';
import type { DurationRule, ServicePeriod } from '../domain/types.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { retryConflictsOnly, runTransaction } from '../db/run-transaction.ts';
import {
  findRestaurantRef,
  findRestaurantRow,
  insertRestaurant,
  listHours,
  replaceHours,
  updateRestaurantRow,
} from '../db/queries/restaurant-admin.ts';
import { insertTableRows, listTableRows } from '../db/queries/staff-tables.ts';
import { rulesFromRow, touchRestaurant } from '../db/queries/restaurants.ts';
import {
  capacityColumns,
  presentTable,
  sortTables,
  tableErrors,
  type TableInput,
  type TableView,
} from './table-rules.ts';

export interface RestaurantFields {
  slug?: string;
  name?: string;
  timezone?: string;
  locale?: Locale;
  slotIntervalMinutes?: number;
  bookingWindowDays?: number;
  minNoticeMinutes?: number;
  cancelCutoffMinutes?: number;
  maxPartySize?: number;
  durations?: DurationRule[];
  reminderHours?: number;
  maxCoversPerSlot?: number | null;
  holdMinutes?: number;
}

export interface NewRestaurant extends RestaurantFields {
  slug: string;
  name: string;
  timezone: string;
  hours?: ServicePeriod[];
  tables?: TableInput[];
}

export interface RestaurantView extends RestaurantSettings {
  tables: TableView[];
}

function invalid(errors: FieldError[]): never {
  throw new DomainError('validation', errors.map((e) => e.message).join('; '), { errors });
}

function newTableErrors(tables: TableInput[]): FieldError[] {
  const errors = tables.flatMap((t, i) => tableErrors(t, `tables[${i}].`));
  const seen = new Set<string>();
  tables.forEach((t, i) => {
    const key = (t.label ?? '').trim().toLowerCase();
    if (seen.has(key)) errors.push({ field: `tables[${i}].label`, message: `label "${t.label}" is used twice` });
    seen.add(key);
  });
  return errors;
}

function restaurantRow(input: NewRestaurant, now: number): RestaurantsTable {
  const s = { ...DEFAULT_SETTINGS, ...input };
  return {
    id: uuidv7(),
    slug: input.slug,
    name: input.name.trim(),
    timezone: input.timezone,
    locale: input.locale ?? DEFAULT_LOCALE,
    slot_interval_minutes: s.slotIntervalMinutes,
    booking_window_days: s.bookingWindowDays,
    min_notice_minutes: s.minNoticeMinutes,
    cancel_cutoff_minutes: s.cancelCutoffMinutes,
    max_party_size: s.maxPartySize,
    durations: JSON.stringify(s.durations),
    reminder_hours: s.reminderHours,
    max_covers_per_slot: s.maxCoversPerSlot ?? null,
    hold_minutes: s.holdMinutes,
    created_at: now,
    updated_at: now,
  };
}

/** Creates a restaurant with its hours and tables in one transaction; 409 on a taken slug. */
export async function createRestaurant(db: Kysely<DB>, input: NewRestaurant, now: number): Promise<RestaurantView> {
  const tables = input.tables ?? [];
  const errors = [...validateRestaurantSettings(input as RestaurantSettingsInput), ...newTableErrors(tables)];
  if (errors.length > 0) invalid(errors);
  const row = restaurantRow(input, now);
  try {
    await runTransaction(
      db,
      async (trx) => {
        if (await findRestaurantRef(trx, input.slug)) throw slugTaken(input.slug);
        await insertRestaurant(trx, row);
        await replaceHours(trx, row.id, input.hours ?? []);
        await insertTableRows(
          trx,
          tables.map((t) => ({
            restaurant_id: row.id,
            id: uuidv7(),
            label: t.label!.trim(),
            min_seats: t.minSeats!,
            max_seats: t.maxSeats!,
            active: t.active === false ? 0 : 1,
            ...capacityColumns(t),
            created_at: now,
            updated_at: now,
          })),
        );
      },
      retryConflictsOnly,
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(input.slug);
    throw error;
  }
  return loadRestaurantView(db, row.id);
}

function slugTaken(slug: string): DomainError {
  return new DomainError('conflict', `The slug "${slug}" is already taken.`, {
    errors: [{ field: 'slug', message: 'is already taken' }],
  });
}

const COLUMNS: Record<string, keyof RestaurantsTable> = {
  name: 'name',
  timezone: 'timezone',
  locale: 'locale',
  slotIntervalMinutes: 'slot_interval_minutes',
  bookingWindowDays: 'booking_window_days',
  minNoticeMinutes: 'min_notice_minutes',
  cancelCutoffMinutes: 'cancel_cutoff_minutes',
  maxPartySize: 'max_party_size',
  durations: 'durations',
  reminderHours: 'reminder_hours',
  maxCoversPerSlot: 'max_covers_per_slot',
  holdMinutes: 'hold_minutes',
};

/** Applies a partial settings change (the slug stays: links and bookings use it). */
export async function updateRestaurant(
  db: Kysely<DB>,
  restaurantId: string,
  patch: RestaurantFields,
  now: number,
): Promise<RestaurantView> {
  const errors = validateRestaurantSettings(patch as RestaurantSettingsInput);
  if (errors.length > 0) invalid(errors);
  const changes: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(COLUMNS)) {
    const value = (patch as Record<string, unknown>)[field];
    if (value === undefined) continue;
    changes[column] = field === 'durations' ? JSON.stringify(value) : field === 'name' ? String(value).trim() : value;
  }
  await runTransaction(
    db,
    async (trx) => {
      if (Object.keys(changes).length > 0)
        await updateRestaurantRow(trx, restaurantId, changes as Partial<RestaurantsTable>);
      await touchRestaurant(trx, restaurantId, now);
    },
    retryConflictsOnly,
  );
  return loadRestaurantView(db, restaurantId);
}

/** Replaces the whole weekly schedule in one transaction. */
export async function replaceWeeklyHours(
  db: Kysely<DB>,
  restaurantId: string,
  hours: ServicePeriod[],
  now: number,
): Promise<ServicePeriod[]> {
  const errors = validateRestaurantSettings({ hours });
  if (errors.length > 0) invalid(errors);
  await runTransaction(
    db,
    async (trx) => {
      await replaceHours(trx, restaurantId, hours);
      await touchRestaurant(trx, restaurantId, now);
    },
    retryConflictsOnly,
  );
  return listHours(db, restaurantId);
}

export async function loadRestaurantView(db: Kysely<DB>, restaurantId: string): Promise<RestaurantView> {
  const row = await findRestaurantRow(db, restaurantId);
  if (!row) throw new DomainError('not_found', 'There is no such restaurant.');
  const [hours, tables] = await Promise.all([listHours(db, restaurantId), listTableRows(db, restaurantId)]);
  const rules = rulesFromRow(row, hours, []);
  const { slotIntervalMinutes, bookingWindowDays, minNoticeMinutes, cancelCutoffMinutes, maxPartySize, durations } =
    rules;
  return {
    slug: row.slug,
    name: row.name,
    timezone: row.timezone,
    locale: isLocale(row.locale) ? row.locale : DEFAULT_LOCALE,
    slotIntervalMinutes,
    bookingWindowDays,
    minNoticeMinutes,
    cancelCutoffMinutes,
    maxPartySize,
    durations,
    reminderHours: Number(row.reminder_hours ?? DEFAULT_SETTINGS.reminderHours),
    maxCoversPerSlot: rules.maxCoversPerSlot,
    holdMinutes: rules.holdMinutes,
    hours,
    tables: sortTables(tables.map(presentTable)),
  };
}
