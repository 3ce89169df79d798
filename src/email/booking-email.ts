import { longDate } from '../i18n/dates.ts';
import type { Locale } from '../i18n/locale.ts';
import { isMessageKey, translate, translator } from '../i18n/translate.ts';

export type BookingEmailKind = 'confirmation' | 'change' | 'cancellation';

/** What a booking email says (a booking response has all of it). */
export interface BookingEmailFacts {
  reference: string;
  name: string;
  date: string;
  time: string;
  timezone: string;
  party: number;
  status: string;
  locale: Locale;
  manageUrl?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function statusText(locale: Locale, status: string): string {
  const key = `status.${status}`;
  return isMessageKey(key) ? translate(locale, key) : status;
}

/** The facts as label/value rows, the same in the text and the HTML part. */
function facts(b: BookingEmailFacts): [string, string][] {
  const t = translator(b.locale);
  return [
    [t('email.reference'), b.reference],
    [t('email.when'), t('email.whenValue', { date: longDate(b.locale, b.date), time: b.time, zone: b.timezone })],
    [t('email.party'), t('common.guests', { count: b.party })],
    [t('email.status'), statusText(b.locale, b.status)],
  ];
}

function htmlPart(kind: BookingEmailKind, b: BookingEmailFacts, restaurant: string): string {
  const t = translator(b.locale);
  const rows = facts(b).map(
    ([label, value]) =>
      `<tr><th align="left" style="padding:2px 12px 2px 0">${escape(label)}</th><td>${escape(value)}</td></tr>`,
  );
  const manage = b.manageUrl
    ? `<p>${escape(t('email.manage'))} <a href="${escape(b.manageUrl)}">${escape(t('email.manageLink'))}</a><br>${escape(b.manageUrl)}</p>`
    : '';
  return `<!doctype html><html lang="${b.locale}"><head><meta charset="utf-8"><title>${escape(subject(kind, b, restaurant))}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1f24">
<p>${escape(t('email.hello', { name: b.name }))}</p>
<p>${escape(t(`email.intro.${kind}`, { restaurant }))}</p>
<table role="presentation">${rows.join('')}</table>
${manage}
<p>${escape(t('email.calendarNote'))}</p>
</body></html>`;
}

function textPart(kind: BookingEmailKind, b: BookingEmailFacts, restaurant: string): string {
  const t = translator(b.locale);
  const lines = [t('email.hello', { name: b.name }), '', t(`email.intro.${kind}`, { restaurant }), ''];
  lines.push(...facts(b).map(([label, value]) => `${label}: ${value}`));
  if (b.manageUrl) lines.push('', `${t('email.manage')} ${b.manageUrl}`);
  lines.push('', t('email.calendarNote'));
  return lines.join('\n');
}

function subject(kind: BookingEmailKind, b: BookingEmailFacts, restaurant: string): string {
  return translate(b.locale, `email.subject.${kind}`, { restaurant, date: b.date, time: b.time }).slice(0, 255);
}

/** A booking email in the booking's language: subject, text part and an HTML part with the same content. */
export function renderBookingEmail(
  kind: BookingEmailKind,
  booking: BookingEmailFacts,
  restaurant: string,
): RenderedEmail {
  return {
    subject: subject(kind, booking, restaurant),
    text: textPart(kind, booking, restaurant),
    html: htmlPart(kind, booking, restaurant),
  };
}
