import { INTL_TAGS, type Locale } from './locale.ts';

/**
 * Dates and times written for a language (SPEC §9.3): always 24-hour (hourCycle h23), instants
 * always in the restaurant's zone. Local dates ("YYYY-MM-DD") carry no zone and are formatted as is.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = formatters.get(id);
  if (!f) formatters.set(id, (f = new Intl.DateTimeFormat(INTL_TAGS[locale], { ...options, timeZone: zone })));
  return f;
}

function localDate(date: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** English keeps "Friday 5 June 2026" (no comma after the weekday), as the pages always said. */
function withoutWeekdayComma(locale: Locale, parts: Intl.DateTimeFormatPart[]): string {
  if (locale !== 'en') return parts.map((p) => p.value).join('');
  return parts.map((p, i) => (p.type === 'literal' && parts[i - 1]?.type === 'weekday' ? ' ' : p.value)).join('');
}

/** "Friday 5 June 2026" · "2026년 6월 5일 금요일" for a local date "YYYY-MM-DD" (else the input). */
export function longDate(locale: Locale, date: string): string {
  const d = localDate(date);
  if (!d) return date;
  const options = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } as const;
  return withoutWeekdayComma(locale, formatter(locale, 'UTC', options).formatToParts(d));
}

/** "Fri 5 Jun" · "6월 5일 (금)" for a local date. */
export function shortDate(locale: Locale, date: string): string {
  const d = localDate(date);
  if (!d) return date;
  return formatter(locale, 'UTC', { weekday: 'short', day: 'numeric', month: 'short' }).format(d);
}

function toDate(instant: Date | string): Date {
  return instant instanceof Date ? instant : new Date(instant);
}

/** "19:30" for an instant, in `zone`, 24-hour in every language. */
export function clockTime(locale: Locale, instant: Date | string, zone: string): string {
  return formatter(locale, zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(toDate(instant));
}

/** "Friday, 5 June 2026 at 19:30" · "2026년 6월 5일 금요일 19:30" for an instant, in `zone`. */
export function dateTime(locale: Locale, instant: Date | string, zone: string): string {
  return formatter(locale, zone, { dateStyle: 'full', timeStyle: 'short', hourCycle: 'h23' }).format(toDate(instant));
}

/** "5 Jun 2026, 19:30" · "2026. 6. 5. 19:30": compact, for staff lists and the outbox. */
export function shortDateTime(locale: Locale, instant: Date | string, zone: string): string {
  return formatter(locale, zone, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(toDate(instant));
}
