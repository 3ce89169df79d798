import type { Messages } from '../catalogue-types.ts';

/** The guest's pages: restaurant list, booking form, confirmation (src/web/guest-views.ts). */
export const guestEn = {
  'guest.partySize': { one: 'Party of {count}', other: 'Party of {count}' },
  'guest.bookTable': 'Book a table',
} as const satisfies Messages;
