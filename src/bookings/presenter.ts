import type { BookingRow } from '../db/queries/bookings.ts';
import { toIsoUtc } from '../domain/clock-time.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/locale.ts';
import type { Slot } from '../domain/types.ts';

/** The booking as every response shows it (SPEC §4). Local date/time are the restaurant's. */
export interface BookingJson {
  reference: string;
  status: string;
  source: string;
  restaurant: string;
  date: string;
  time: string;
  party: number;
  startsAt: string;
  endsAt: string;
  name: string;
  email: string | null;
  phone: string | null;
  notes: string | null;
  table: { label: string };
  /** every table the booking holds, natural order (one entry for a single table) */
  tables: { label: string }[];
  createdAt: string;
  timezone: string;
  /** the language the booking was made in; its emails use it */
  locale: Locale;
  /** the guest confirmed (the reminder's link) */
  confirmedByGuest: boolean;
  manageToken?: string;
  manageUrl?: string;
}

/** The table's label, or a combination's label with its member labels. */
export type SeatingLabels = string | { label: string; tableLabels: string[] };

export function presentBooking(
  row: BookingRow,
  restaurant: { slug: string; timezone: string },
  seating: SeatingLabels,
): BookingJson {
  const tableLabel = typeof seating === 'string' ? seating : seating.label;
  const tableLabels = typeof seating === 'string' ? [seating] : seating.tableLabels;
  return {
    reference: row.reference,
    status: row.status,
    source: row.source,
    restaurant: restaurant.slug,
    date: row.service_date,
    time: row.local_time,
    party: Number(row.party),
    startsAt: toIsoUtc(Number(row.starts_at)),
    endsAt: toIsoUtc(Number(row.ends_at)),
    name: row.name,
    email: row.email,
    phone: row.phone,
    notes: row.notes,
    table: { label: tableLabel },
    tables: tableLabels.map((label) => ({ label })),
    createdAt: toIsoUtc(Number(row.created_at)),
    timezone: restaurant.timezone,
    locale: isLocale(row.locale) ? row.locale : DEFAULT_LOCALE,
    confirmedByGuest: Number(row.confirmed_by_guest ?? 0) === 1,
  };
}

export function presentSlot(slot: Slot): { time: string; startsAt: string } {
  return { time: slot.time, startsAt: toIsoUtc(slot.startsAt) };
}
