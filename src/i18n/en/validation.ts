import type { Messages } from '../catalogue-types.ts';

/** Field errors of the booking rules and guest details (src/domain/booking-window.ts, guest-details.ts). */
export const validationEn = {
  'validation.nameRequired': 'name is required',
  'validation.nameTooLong': 'name must be at most 100 characters',
  'validation.nameControl': 'name must not contain control characters or line breaks',
  'validation.emailRequired': 'email is required',
  'validation.emailTooLong': 'email must be at most 254 characters',
  'validation.emailInvalid': 'email is not a valid address',
  'validation.phoneTooLong': 'phone must be at most 32 characters',
  'validation.phoneControl': 'phone must not contain control characters or line breaks',
  'validation.phoneInvalid': 'phone may contain digits, spaces and + - ( ) . / only',
  'validation.notesTooLong': 'notes must be at most 1000 characters',
  'validation.notesControl': 'notes must not contain control characters',
  'validation.dateFormat': 'date must be a real date written YYYY-MM-DD',
  'validation.timeFormat': 'time must be written HH:MM (00:00–23:59)',
  'validation.partyWhole': 'party must be a whole number of at least 1',
  'validation.partyTooLarge': 'party must be at most {max}; please call the restaurant for larger groups',
  'validation.datePast': 'date is in the past',
  'validation.dateBeyond': 'bookings open at most {days} days ahead',
  'validation.dateClosed': 'the restaurant is closed on that date',
  'validation.runsPastClosing': 'a party of {party} cannot start at {time}: the meal would run past closing',
  'validation.offGrid':
    '{time} is not a bookable time on {date}; times follow the opening hours every {minutes} minutes',
  'validation.walkInPast': 'that time has passed; walk-ins may start at most {minutes} minutes ago',
  'validation.timePassed': 'that time has already passed',
  'validation.notice': 'bookings need at least {minutes} minutes notice',
} as const satisfies Messages;
