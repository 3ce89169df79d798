import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { findReminderBooking } from '../db/queries/reminders.ts';
import type { OutboxRenderer, RenderedEmail } from '../email/sender.ts';
import { dateTime } from '../i18n/dates.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/locale.ts';
import { translator } from '../i18n/translate.ts';
import { open } from '../services/sealed-box.ts';
import { manageUrl } from './tokens.ts';

export interface ReminderContent {
  locale: Locale;
  name: string;
  restaurant: string;
  reference: string;
  startsAt: number;
  zone: string;
  party: number;
  /** the guest's manage page; #confirm and #cancel lead to its two buttons */
  manageUrl: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The reminder's subject, text and an HTML part with the same content. */
export function reminderEmail(c: ReminderContent): RenderedEmail {
  const t = translator(c.locale);
  const when = dateTime(c.locale, new Date(c.startsAt), c.zone);
  const confirm = `${c.manageUrl}#confirm`;
  const cancel = `${c.manageUrl}#cancel`;
  const facts = [
    t('reminder.reference', { reference: c.reference }),
    t('reminder.when', { when, zone: c.zone }),
    t('reminder.party', { count: c.party }),
  ];
  const head = [t('reminder.greeting', { name: c.name }), t('reminder.intro', { restaurant: c.restaurant })];
  const text = [
    ...head.flatMap((line) => [line, '']),
    ...facts,
    '',
    t('reminder.confirmPrompt'),
    confirm,
    '',
    t('reminder.cancelPrompt'),
    cancel,
    '',
    t('reminder.thanks'),
  ].join('\n');
  const e = escapeHtml;
  const html = `<!doctype html><html lang="${c.locale}"><head><meta charset="utf-8"><title>${e(t('reminder.subject', { restaurant: c.restaurant, when }))}</title></head><body>
${head.map((line) => `<p>${e(line)}</p>`).join('\n')}
<p>${facts.map(e).join('<br>\n')}</p>
<p>${e(t('reminder.confirmPrompt'))}<br><a href="${e(confirm)}">${e(t('reminder.confirmLink'))}</a></p>
<p>${e(t('reminder.cancelPrompt'))}<br><a href="${e(cancel)}">${e(t('reminder.cancelLink'))}</a></p>
<p>${e(t('reminder.thanks'))}</p>
</body></html>`;
  return { subject: t('reminder.subject', { restaurant: c.restaurant, when }).slice(0, 255), text, html };
}

/**
 * Renders reminder rows when they are sent, from the booking as it is then: a booking that
 * is no longer confirmed (or has started) gets none. The manage link comes from the sealed token.
 */
export function reminderRenderer(input: {
  db: Kysely<DB>;
  baseUrl: string;
  linkKey: Buffer;
  clock: () => number;
}): OutboxRenderer {
  return async (row) => {
    if (!row.booking_id || !row.sealed_token) return null;
    const found = await findReminderBooking(input.db, row.restaurant_id, row.booking_id);
    if (!found || found.booking.status !== 'confirmed' || Number(found.booking.starts_at) <= input.clock()) return null;
    const { booking, restaurant } = found;
    const locale = [(booking as { locale?: unknown }).locale, restaurant.locale].find(isLocale) ?? DEFAULT_LOCALE;
    return reminderEmail({
      locale,
      name: booking.name,
      restaurant: restaurant.name,
      reference: booking.reference,
      startsAt: Number(booking.starts_at),
      zone: restaurant.timezone,
      party: Number(booking.party),
      manageUrl: manageUrl(input.baseUrl, booking.reference, open(input.linkKey, row.sealed_token)),
    });
  };
}
