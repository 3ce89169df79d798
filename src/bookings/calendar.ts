import ical, { ICalCalendarMethod } from 'ical-generator';
import type { BookingJson } from './presenter.ts';

/** An iCalendar document with one event at the booking's instants (UTC, with the zone named). */
export function bookingCalendar(booking: BookingJson, restaurantName: string, baseUrl: string): string {
  const calendar = ical({ name: restaurantName, prodId: { company: 'tablebookings', product: 'tablebookings' }, method: ICalCalendarMethod.PUBLISH });
  calendar.createEvent({
    id: `${booking.reference}@tablebookings`,
    start: new Date(booking.startsAt),
    end: new Date(booking.endsAt),
    summary: `Table for ${booking.party} at ${restaurantName}`,
    description: `Booking ${booking.reference}: ${booking.date} ${booking.time} (${booking.timezone}), party of ${booking.party}, table ${booking.table.label}.`,
    location: restaurantName,
    url: `${baseUrl}/b/${booking.reference}`,
    stamp: new Date(booking.createdAt),
    x: [{ key: 'X-TABLEBOOKINGS-TIMEZONE', value: booking.timezone }],
  });
  if (booking.status === 'cancelled') calendar.method(ICalCalendarMethod.CANCEL);
  return calendar.toString();
}
