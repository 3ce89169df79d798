import type { Messages } from '../catalogue-types.ts';

/** The page frame, the language switch and words used on many pages. */
export const commonEn = {
  'common.brand': 'tablebookings',
  'common.skipToContent': 'Skip to content',
  'common.staff': 'Staff',
  'common.signOut': 'Sign out',
  'common.staffSignIn': 'Staff sign-in',
  'common.api': 'API',
  'common.staffHome': 'Staff home',
  'common.allRestaurants': 'All restaurants',
  'common.restaurantNav': 'Restaurant',
  'common.titleSuffix': '{title} · tablebookings',
  'common.language': 'Language',
  'common.languageSwitch': 'Choose a language',
  'common.languageName.en': 'English',
  'common.languageName.ko': '한국어',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.back': 'Back',
  'common.optional': 'optional',
  'common.timeZoneNote': 'Times are in {zone}.',
  'common.zonedTime': '{time} ({zone})',
  'common.guests': { one: '{count} guest', other: '{count} guests' },
  'common.minutes': { one: '{count} minute', other: '{count} minutes' },
  'common.dateFormatHint': 'YYYY-MM-DD, e.g. {example}',
  'common.timeFormatHint': '24-hour HH:MM, e.g. {example}',
} as const satisfies Messages;
