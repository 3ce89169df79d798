import type { Alternative } from '../domain/errors.ts';
import type { StaffBookingJson } from '../staff/staff-bookings.ts';
import { addDays } from '../domain/clock-time.ts';
import { LOCALES, type Locale } from '../i18n/locale.ts';
import { isMessageKey, t as translateIn, translate } from '../i18n/translate.ts';
import { longDate, statusLabel, zonedTime } from './format.ts';
import {
  buttonForm,
  csrfField,
  hidden,
  inputField,
  notice,
  selectField,
  textareaField,
  timeField,
  type FieldErrors,
} from './forms.ts';
import { partyOptions } from './guest-views.ts';
import { html, type SafeHtml } from './html.ts';
import { page } from './layout.ts';
import type { PageContext } from './page-context.ts';
import { staffNav, type StaffAccess } from './staff-access.ts';

export function loginPage(ctx: PageContext, d: { email: string; next: string; error?: string }): string {
  const { t } = ctx;
  const body = html`<section class="panel narrow" aria-labelledby="login-h">
    <h1 id="login-h">${t('staff.signInTitle')}</h1>
    ${notice('error', d.error)}
    <form method="post" action="/staff/login" class="stack">
      ${csrfField(ctx.staff)}${hidden('next', d.next)}
      ${inputField({ name: 'email', label: t('staff.email'), type: 'email', value: d.email, required: true, autocomplete: 'username' })}
      ${inputField({ name: 'password', label: t('staff.password'), type: 'password', required: true, autocomplete: 'current-password' })}
      <button type="submit" class="button">${t('staff.signIn')}</button>
    </form>
  </section>`;
  return page({ ctx, title: t('staff.signInTitle') }, body);
}

/** "manager" · "매니저"; an unknown role as it is. */
export function roleLabel(locale: Locale, role: string): string {
  const key = `staff.role.${role}`;
  return isMessageKey(key) ? translate(locale, key) : role;
}

export function chooserPage(ctx: PageContext, restaurants: { slug: string; name: string; role: string }[]): string {
  const { t } = ctx;
  const items = restaurants.map(
    (r) =>
      html`<li class="card"><a class="card-link" href="/staff/${r.slug}"><span class="card-title">${r.name}</span><span class="muted">${roleLabel(ctx.locale, r.role)}</span></a></li>`,
  );
  const body = html`<h1>${t('staff.yourRestaurants')}</h1>
    ${items.length ? html`<ul class="cards">${items}</ul>` : html`<p class="empty">${t('staff.noRestaurants')}</p>`}`;
  return page({ ctx, title: t('common.staff') }, body);
}

export interface DaySheetData {
  ctx: PageContext;
  access: StaffAccess;
  date: string;
  today: string;
  maxPartySize: number;
  /** the default language of a phone booking's emails */
  restaurantLocale: Locale;
  bookings: StaffBookingJson[];
  /** which status buttons each booking offers (by reference) */
  allowed: Record<string, string[]>;
  form: { values: Record<string, string>; errors: FieldErrors; idempotencyKey: string; alternatives?: Alternative[] };
  message?: string;
  success?: string;
}

const ACTIONS = [
  { status: 'seated', kind: '' },
  { status: 'completed', kind: 'secondary' },
  { status: 'no_show', kind: 'secondary' },
  { status: 'cancelled', kind: 'danger' },
] as const;

function sourceLabel(locale: Locale, source: string): string {
  const key = `staff.source.${source}`;
  return isMessageKey(key) ? translate(locale, key) : source;
}

function bookingItem(d: DaySheetData, b: StaffBookingJson): SafeHtml {
  const { slug } = d.access.restaurant;
  const { t, locale } = d.ctx;
  const buttons = ACTIONS.filter((a) => d.allowed[b.reference]?.includes(a.status)).map((a) =>
    buttonForm(
      `/staff/${slug}/bookings/${b.reference}/status`,
      d.access.staff,
      html`${t(`staff.action.${a.status}`)}<span class="visually-hidden">${t('staff.actionFor', { name: b.name, time: b.time })}</span>`,
      { status: a.status, date: d.date },
      `small ${a.kind}`,
    ),
  );
  return html`<li class="booking is-${b.status}" data-reference="${b.reference}">
    <div class="booking-head"><span class="booking-time">${b.time}</span><strong>${b.name}</strong>
      <span class="badge status-${b.status}">${statusLabel(locale, b.status)}</span></div>
    <p class="booking-meta">${t('staff.bookingMeta', { party: b.party, table: b.table.label })} · <span class="ref">${b.reference}</span> · ${sourceLabel(locale, b.source)}${b.phone ? html` · <a href="tel:${b.phone}">${b.phone}</a>` : ''}</p>
    ${b.notes ? html`<p class="booking-notes">“${b.notes}”</p>` : ''}
    ${buttons.length ? html`<div class="actions">${buttons}</div>` : ''}
  </li>`;
}

function dayNav(d: DaySheetData): SafeHtml {
  const base = `/staff/${d.access.restaurant.slug}`;
  const { t } = d.ctx;
  return html`<form method="get" action="${base}" class="day-nav" aria-label="${t('staff.chooseDay')}">
    <a class="button secondary small" href="${base}?date=${addDays(d.date, -1)}">${t('staff.previousDay')}</a>
    ${inputField({ name: 'date', label: t('staff.date'), type: 'date', value: d.date, id: 'sheet-date' })}
    <button type="submit" class="button secondary small">${t('staff.show')}</button>
    <a class="button secondary small" href="${base}?date=${addDays(d.date, 1)}">${t('staff.nextDay')}</a>
    ${d.date !== d.today ? html`<a href="${base}?date=${d.today}">${t('staff.today')}</a>` : ''}
  </form>`;
}

function alternativesChoice(d: DaySheetData): SafeHtml {
  const alternatives = d.form.alternatives;
  if (!alternatives) return html``;
  if (alternatives.length === 0) return html`<p class="empty">${d.ctx.t('staff.noOtherTimes')}</p>`;
  return html`<fieldset class="alternatives"><legend>${d.ctx.t('staff.nearestChoose')}</legend>
    <ul class="slots">${alternatives.map((a) => html`<li><button type="submit" name="time" value="${a.time}" class="slot">${a.time}</button></li>`)}</ul></fieldset>`;
}

function newBookingForm(d: DaySheetData): SafeHtml {
  const v = d.form.values;
  const e = d.form.errors;
  const { t, locale } = d.ctx;
  const languages = LOCALES.map((l) => ({ value: l, label: translateIn(l, `common.languageName.${l}`) }));
  return html`<section class="panel" aria-labelledby="new-h">
    <h2 id="new-h">${t('staff.newBooking')}</h2>
    <form method="post" action="/staff/${d.access.restaurant.slug}/bookings" class="stack" novalidate>
      ${csrfField(d.access.staff)}${hidden('idempotencyKey', d.form.idempotencyKey)}
      <div class="form-grid">
        ${inputField({ name: 'date', label: t('staff.date'), type: 'date', value: v.date ?? d.date, error: e.date, required: true, id: 'new-date' })}
        ${timeField({ name: 'time', label: t('staff.time', { zone: d.access.restaurant.timezone }), hint: t('admin.timeHint'), value: v.time ?? '', error: e.time, required: true, id: 'new-time' })}
        ${selectField({ name: 'party', label: t('staff.partySize'), value: v.party ?? '2', error: e.party, options: partyOptions(locale, d.maxPartySize), id: 'new-party' })}
        ${inputField({ name: 'name', label: t('staff.guestName'), value: v.name ?? '', error: e.name, required: true, id: 'new-name' })}
        ${inputField({ name: 'phone', label: t('staff.phone'), type: 'tel', value: v.phone ?? '', error: e.phone, id: 'new-phone' })}
        ${inputField({ name: 'email', label: t('staff.emailOptional'), type: 'email', value: v.email ?? '', error: e.email, id: 'new-email' })}
        ${selectField({ name: 'locale', label: t('staff.guestLanguage'), value: v.locale ?? d.restaurantLocale, options: languages, id: 'new-locale' })}
      </div>
      ${textareaField({ name: 'notes', label: t('staff.notes'), value: v.notes ?? '', error: e.notes, id: 'new-notes' })}
      ${alternativesChoice(d)}
      <button type="submit" class="button">${t('staff.addBooking')}</button>
    </form>
  </section>`;
}

/** The day's bookings by time, with status buttons, a date picker and the phone/walk-in form. */
export function daySheetPage(d: DaySheetData): string {
  const live = d.bookings.filter((b) => b.status !== 'cancelled' && b.status !== 'no_show');
  const covers = live.reduce((n, b) => n + b.party, 0);
  const { t, locale } = d.ctx;
  const body = html`<h1>${longDate(locale, d.date)}</h1>
    <p class="lead">${t('staff.bookingCount', { count: live.length })}, ${t('staff.coverCount', { count: covers })}. ${t('staff.summary', { zone: d.access.restaurant.timezone })}</p>
    ${notice('success', d.success)}
    ${notice('error', d.message)}
    ${dayNav(d)}
    <div class="grid-2">
      <section aria-labelledby="list-h"><h2 id="list-h" class="visually-hidden">${t('staff.bookings')}</h2>
        ${d.bookings.length ? html`<ol class="bookings">${d.bookings.map((b) => bookingItem(d, b))}</ol>` : html`<p class="panel empty">${t('staff.noBookings')}</p>`}
      </section>
      ${newBookingForm(d)}
    </div>`;
  return page(
    {
      ctx: d.ctx,
      title: t('staff.daySheetTitle', { date: d.date }),
      nav: staffNav(d.ctx, d.access, ''),
      bodyClass: 'staff',
    },
    body,
  );
}

export function bookedMessage(
  locale: Locale,
  b: { reference: string; time: string; date: string; timezone: string; table: { label: string } },
): string {
  return translateIn(locale, 'staff.booked', {
    reference: b.reference,
    date: longDate(locale, b.date),
    time: zonedTime(locale, b.time, b.timezone),
    table: b.table.label,
  });
}
