import type { Messages } from '../catalogue-types.ts';

/** Booking emails (text and HTML parts) and the calendar file (src/email/booking-email.ts, src/bookings/calendar.ts). */
export const emailEn = {
  'email.subject.confirmation': 'Your table is booked: {restaurant}, {date} {time}',
  'email.subject.change': 'Your booking has changed: {restaurant}, {date} {time}',
  'email.subject.cancellation': 'Your booking is cancelled: {restaurant}, {date} {time}',
  'email.hello': 'Hello {name},',
  'email.intro.confirmation': 'Your table at {restaurant} is booked.',
  'email.intro.change': 'Your booking at {restaurant} has changed.',
  'email.intro.cancellation': 'Your booking at {restaurant} is cancelled.',
  'email.reference': 'Reference',
  'email.when': 'When',
  'email.whenValue': '{date} at {time} ({zone})',
  'email.party': 'Party',
  'email.status': 'Status',
  'email.manage': 'See, change or cancel your booking:',
  'email.manageLink': 'Open your booking',
  'email.calendarNote': 'The attached calendar file adds it to your calendar.',
  'calendar.summary': 'Table for {party} at {restaurant}',
  'calendar.description': 'Booking {reference}: {date} {time} ({zone}), party of {party}, table {table}.',
} as const satisfies Messages;
