import type { Messages } from '../catalogue-types.ts';

/** The reminder email (SPEC §9.2), text and HTML parts. */
export const reminderEn = {
  'reminder.subject': 'Reminder: your table at {restaurant}, {when}',
  'reminder.greeting': 'Hello {name},',
  'reminder.intro': 'This is a reminder of your booking at {restaurant}.',
  'reminder.reference': 'Reference: {reference}',
  'reminder.when': 'When: {when} ({zone})',
  'reminder.party': { one: 'Party: {count} guest', other: 'Party: {count} guests' },
  'reminder.confirmPrompt': 'Are you coming? Please confirm:',
  'reminder.cancelPrompt': 'Cannot come? Please cancel, so another guest can have the table:',
  'reminder.confirmLink': 'Confirm my booking',
  'reminder.cancelLink': 'Cancel my booking',
  'reminder.thanks': 'We look forward to seeing you.',
} as const satisfies Messages;
