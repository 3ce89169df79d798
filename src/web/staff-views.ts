import type { Alternative } from '../domain/errors.ts';
import type { StaffBookingJson } from '../staff/staff-bookings.ts';
import type { StaffPrincipal } from '../staff/principal.ts';
import { addDays } from '../domain/clock-time.ts';
import { longDate, STATUS_LABELS, zonedTime } from './format.ts';
import { buttonForm, csrfField, hidden, inputField, notice, selectField, textareaField, type FieldErrors } from './forms.ts';
import { partyOptions } from './guest-views.ts';
import { html, type SafeHtml } from './html.ts';
import { page } from './layout.ts';
import { staffNav, type StaffAccess } from './staff-access.ts';

export function loginPage(d: { email: string; next: string; error?: string; staff: StaffPrincipal | null }): string {
  const body = html`<section class="panel narrow" aria-labelledby="login-h">
    <h1 id="login-h">Staff sign-in</h1>
    ${notice('error', d.error)}
    <form method="post" action="/staff/login" class="stack">
      ${csrfField(d.staff)}${hidden('next', d.next)}
      ${inputField({ name: 'email', label: 'Email', type: 'email', value: d.email, required: true, autocomplete: 'username' })}
      ${inputField({ name: 'password', label: 'Password', type: 'password', required: true, autocomplete: 'current-password' })}
      <button type="submit" class="button">Sign in</button>
    </form>
  </section>`;
  return page({ title: 'Staff sign-in', staff: d.staff }, body);
}

export function chooserPage(staff: StaffPrincipal, restaurants: { slug: string; name: string; role: string }[]): string {
  const items = restaurants.map((r) => html`<li class="card"><a class="card-link" href="/staff/${r.slug}"><span class="card-title">${r.name}</span><span class="muted">${r.role}</span></a></li>`);
  const body = html`<h1>Your restaurants</h1>
    ${items.length ? html`<ul class="cards">${items}</ul>` : html`<p class="empty">You are not a member of any restaurant yet; ask a manager to add you.</p>`}`;
  return page({ title: 'Staff', staff }, body);
}

export interface DaySheetData {
  access: StaffAccess;
  date: string;
  today: string;
  maxPartySize: number;
  bookings: StaffBookingJson[];
  /** which status buttons each booking offers (by reference) */
  allowed: Record<string, string[]>;
  form: { values: Record<string, string>; errors: FieldErrors; idempotencyKey: string; alternatives?: Alternative[] };
  message?: string;
  success?: string;
}

const ACTIONS: { status: string; label: string; kind: string }[] = [
  { status: 'seated', label: 'Seat', kind: '' },
  { status: 'completed', label: 'Complete', kind: 'secondary' },
  { status: 'no_show', label: 'No-show', kind: 'secondary' },
  { status: 'cancelled', label: 'Cancel', kind: 'danger' },
];

function bookingItem(d: DaySheetData, b: StaffBookingJson): SafeHtml {
  const { slug } = d.access.restaurant;
  const buttons = ACTIONS.filter((a) => d.allowed[b.reference]?.includes(a.status)).map((a) =>
    buttonForm(`/staff/${slug}/bookings/${b.reference}/status`, d.access.staff, html`${a.label}<span class="visually-hidden">: ${b.name} at ${b.time}</span>`, { status: a.status, date: d.date }, `small ${a.kind}`));
  return html`<li class="booking is-${b.status}" data-reference="${b.reference}">
    <div class="booking-head"><span class="booking-time">${b.time}</span><strong>${b.name}</strong>
      <span class="badge status-${b.status}">${STATUS_LABELS[b.status] ?? b.status}</span></div>
    <p class="booking-meta">Party of ${b.party} · table ${b.table.label} · <span class="ref">${b.reference}</span> · ${b.source}${b.phone ? html` · <a href="tel:${b.phone}">${b.phone}</a>` : ''}</p>
    ${b.notes ? html`<p class="booking-notes">“${b.notes}”</p>` : ''}
    ${buttons.length ? html`<div class="actions">${buttons}</div>` : ''}
  </li>`;
}

function dayNav(d: DaySheetData): SafeHtml {
  const base = `/staff/${d.access.restaurant.slug}`;
  return html`<form method="get" action="${base}" class="day-nav" aria-label="Choose the day">
    <a class="button secondary small" href="${base}?date=${addDays(d.date, -1)}">← Previous day</a>
    ${inputField({ name: 'date', label: 'Date', type: 'date', value: d.date, id: 'sheet-date' })}
    <button type="submit" class="button secondary small">Show</button>
    <a class="button secondary small" href="${base}?date=${addDays(d.date, 1)}">Next day →</a>
    ${d.date !== d.today ? html`<a href="${base}?date=${d.today}">Today</a>` : ''}
  </form>`;
}

function alternativesChoice(d: DaySheetData): SafeHtml {
  const alternatives = d.form.alternatives;
  if (!alternatives) return html``;
  if (alternatives.length === 0) return html`<p class="empty">No other free times that day.</p>`;
  return html`<fieldset class="alternatives"><legend>Nearest free times — choose one to book it</legend>
    <ul class="slots">${alternatives.map((a) => html`<li><button type="submit" name="time" value="${a.time}" class="slot">${a.time}</button></li>`)}</ul></fieldset>`;
}

function newBookingForm(d: DaySheetData): SafeHtml {
  const v = d.form.values;
  const e = d.form.errors;
  return html`<section class="panel" aria-labelledby="new-h">
    <h2 id="new-h">Phone or walk-in booking</h2>
    <form method="post" action="/staff/${d.access.restaurant.slug}/bookings" class="stack" novalidate>
      ${csrfField(d.access.staff)}${hidden('idempotencyKey', d.form.idempotencyKey)}
      <div class="form-grid">
        ${inputField({ name: 'date', label: 'Date', type: 'date', value: v.date ?? d.date, error: e.date, required: true, id: 'new-date' })}
        ${inputField({ name: 'time', label: `Time (${d.access.restaurant.timezone})`, type: 'time', value: v.time ?? '', error: e.time, required: true, id: 'new-time', attrs: html` step="300"` })}
        ${selectField({ name: 'party', label: 'Party size', value: v.party ?? '2', error: e.party, options: partyOptions(d.maxPartySize), id: 'new-party' })}
        ${inputField({ name: 'name', label: 'Guest name', value: v.name ?? '', error: e.name, required: true, id: 'new-name' })}
        ${inputField({ name: 'phone', label: 'Phone', type: 'tel', value: v.phone ?? '', error: e.phone, id: 'new-phone' })}
        ${inputField({ name: 'email', label: 'Email (optional)', type: 'email', value: v.email ?? '', error: e.email, id: 'new-email' })}
      </div>
      ${textareaField({ name: 'notes', label: 'Notes', value: v.notes ?? '', error: e.notes, id: 'new-notes' })}
      ${alternativesChoice(d)}
      <button type="submit" class="button">Add booking</button>
    </form>
  </section>`;
}

/** The day's bookings by time, with status buttons, a date picker and the phone/walk-in form. */
export function daySheetPage(d: DaySheetData): string {
  const live = d.bookings.filter((b) => b.status !== 'cancelled' && b.status !== 'no_show');
  const covers = live.reduce((n, b) => n + b.party, 0);
  const body = html`<h1>${longDate(d.date)}</h1>
    <p class="lead">${live.length} booking(s), ${covers} cover(s). Times in ${d.access.restaurant.timezone}.</p>
    ${notice('success', d.success)}
    ${notice('error', d.message)}
    ${dayNav(d)}
    <div class="grid-2">
      <section aria-labelledby="list-h"><h2 id="list-h" class="visually-hidden">Bookings</h2>
        ${d.bookings.length ? html`<ol class="bookings">${d.bookings.map((b) => bookingItem(d, b))}</ol>` : html`<p class="panel empty">No bookings on this day.</p>`}
      </section>
      ${newBookingForm(d)}
    </div>`;
  return page({ title: `Day sheet ${d.date}`, staff: d.access.staff, nav: staffNav(d.access, ''), bodyClass: 'staff' }, body);
}

export function bookedMessage(b: { reference: string; time: string; date: string; timezone: string; table: { label: string } }): string {
  return `Booked ${b.reference}: ${longDate(b.date)} at ${zonedTime(b.time, b.timezone)}, table ${b.table.label}.`;
}
