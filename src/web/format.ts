import { longDate as longDateIn, shortDate as shortDateIn } from '../i18n/dates.ts';
import type { Locale } from '../i18n/locale.ts';
import { isMessageKey, t, translate } from '../i18n/translate.ts';

/** "Friday 5 June 2026" · "2026년 6월 5일 금요일" for a local date "YYYY-MM-DD". */
export function longDate(locale: Locale, date: string): string {
  return longDateIn(locale, date);
}

/** "Fri 5 Jun" · "6월 5일 (금)" for a local date. */
export function shortDate(locale: Locale, date: string): string {
  return shortDateIn(locale, date);
}

/** "19:30 (Europe/London)": every time a guest sees is labelled with the restaurant's zone. */
export function zonedTime(locale: Locale, time: string, zone: string): string {
  return t(locale, 'common.zonedTime', { time, zone });
}

/** "Confirmed" · "확정"; an unknown status as it is. */
export function statusLabel(locale: Locale, status: string): string {
  const key = `status.${status}`;
  return isMessageKey(key) ? translate(locale, key) : status;
}

export function weekdayName(locale: Locale, weekday: number): string {
  const key = `weekday.${weekday}`;
  return isMessageKey(key) ? translate(locale, key) : String(weekday);
}
