import ical, { ICalCalendarMethod } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';
import { longDate } from '../i18n/dates.ts';
import { translator } from '../i18n/translate.ts';
import type { BookingJson } from './presenter.ts';

/**
 * An iCalendar document with one event in the restaurant's zone: DTSTART/DTEND carry
 * `TZID=<zone>` and the calendar holds that zone's VTIMEZONE (SPEC §9.3); texts in the booking's language.
 */
export function bookingCalendar(booking: BookingJson, restaurantName: string, baseUrl: string): string {
  const t = translator(booking.locale);
  const zone = booking.timezone;
  const calendar = ical({
    name: restaurantName,
    prodId: { company: 'tablebookings', product: 'tablebookings' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: zone, generator: getVtimezoneComponent },
  });
  const date = longDate(booking.locale, booking.date);
  calendar.createEvent({
    id: `${booking.reference}@tablebookings`,
    // luxon DateTimes in the zone: ical-generator writes their local wall time after TZID=
    start: DateTime.fromISO(booking.startsAt, { zone }),
    end: DateTime.fromISO(booking.endsAt, { zone }),
    timezone: zone,
    summary: t('calendar.summary', { party: booking.party, restaurant: restaurantName }),
    description: t('calendar.description', {
      reference: booking.reference,
      date,
      time: booking.time,
      zone,
      party: booking.party,
      table: booking.table.label,
    }),
    location: restaurantName,
    url: `${baseUrl}/b/${booking.reference}`,
    stamp: DateTime.fromISO(booking.createdAt, { zone: 'utc' }),
    x: [{ key: 'X-TABLEBOOKINGS-TIMEZONE', value: zone }],
  });
  if (booking.status === 'cancelled') calendar.method(ICalCalendarMethod.CANCEL);
  // ical-generator writes DTSTAMP in the calendar's zone without a TZID; RFC 5545 wants it in UTC.
  const stamp = DateTime.fromISO(booking.createdAt, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
  return calendar.toString().replace(/^DTSTAMP:[0-9TZ]+/m, `DTSTAMP:${stamp}`);
}
