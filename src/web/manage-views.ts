import type { BookingJson } from '../bookings/presenter.ts';
import type { Alternative } from '../domain/errors.ts';
import type { StaffPrincipal } from '../staff/principal.ts';
import { longDate, STATUS_LABELS, zonedTime } from './format.ts';
import { csrfField, hidden, inputField, notice, selectField, textareaField, type FieldErrors } from './forms.ts';
import { partyOptions } from './guest-views.ts';
import { html, type SafeHtml } from './html.ts';
import { page } from './layout.ts';
import { slotList } from './slots.ts';

export interface ManagePageData {
  booking: BookingJson;
  restaurantName: string;
  token: string;
  maxPartySize: number;
  today: string;
  lastDate: string;
  /** what just happened (after a redirect) */
  flash?: 'created' | 'changed' | 'cancelled' | 'notes';
  /** the change form: the date and party looked at, and their free times */
  change?: { date: string; party: number; slots: Alternative[] };
  alternatives?: Alternative[];
  errors: FieldErrors;
  message?: string;
  canChange: boolean;
  canEditNotes: boolean;
  /** the guest asked for other times (the change form was used) */
  requested?: boolean;
  staff: StaffPrincipal | null;
}

function manageHref(d: ManagePageData): string {
  return `/b/${d.booking.reference}?token=${encodeURIComponent(d.token)}`;
}

function flashNotice(d: ManagePageData): SafeHtml {
  const b = d.booking;
  switch (d.flash) {
    case 'created':
      return notice('success', html`<strong>Your table is booked.</strong> Your reference is <strong class="ref">${b.reference}</strong>. Keep this page's link to change or cancel.`);
    case 'changed':
      return notice('success', html`Your booking is changed: ${longDate(b.date)} at ${zonedTime(b.time, b.timezone)}, party of ${b.party}.`);
    case 'notes':
      return notice('success', 'Your notes are saved.');
    case 'cancelled':
      return notice('success', 'Your booking is cancelled. We hope to see you another time.');
    default:
      return html``;
  }
}

function details(d: ManagePageData): SafeHtml {
  const b = d.booking;
  const calendar = `/api/v1/bookings/${b.reference}/calendar.ics?token=${encodeURIComponent(d.token)}`;
  return html`<section class="panel summary" aria-labelledby="booking-h">
    <h2 id="booking-h">${d.restaurantName}</h2>
    <dl class="facts">
      <dt>Reference</dt><dd class="ref" data-reference>${b.reference}</dd>
      <dt>Status</dt><dd><span class="badge status-${b.status}">${STATUS_LABELS[b.status] ?? b.status}</span></dd>
      <dt>Date</dt><dd>${longDate(b.date)}</dd>
      <dt>Time</dt><dd data-time>${zonedTime(b.time, b.timezone)}</dd>
      <dt>Party</dt><dd>${b.party}</dd>
      <dt>Name</dt><dd>${b.name}</dd>
      ${b.email ? html`<dt>Email</dt><dd>${b.email}</dd>` : ''}
      ${b.phone ? html`<dt>Phone</dt><dd>${b.phone}</dd>` : ''}
      ${b.notes ? html`<dt>Notes</dt><dd>${b.notes}</dd>` : ''}
    </dl>
    ${b.status === 'confirmed' ? html`<p class="actions"><a class="button secondary" href="${calendar}">Add to calendar</a></p>` : ''}
    <p class="hint">Manage link (keep it private): <a href="${manageHref(d)}" data-manage-link>${`/b/${b.reference}`}</a></p>
  </section>`;
}

function alternativesBlock(d: ManagePageData, date: string, party: number): SafeHtml {
  if (!d.alternatives) return html``;
  if (d.alternatives.length === 0) return html`<p class="empty">No other free times that day; please try another date.</p>`;
  return html`<form method="post" action="/b/${d.booking.reference}/change" class="alternatives">
    ${csrfField(d.staff)}${hidden('token', d.token)}${hidden('date', date)}${hidden('party', party)}
    <fieldset><legend>Nearest free times (${d.booking.timezone})</legend>
    <ul class="slots">${d.alternatives.map((a) => html`<li><button type="submit" name="time" value="${a.time}" class="slot">${a.time}</button></li>`)}</ul></fieldset>
  </form>`;
}

function changeSection(d: ManagePageData): SafeHtml {
  const b = d.booking;
  const date = d.change?.date ?? b.date;
  const party = d.change?.party ?? b.party;
  const open = d.flash !== 'created' && (d.requested || d.alternatives !== undefined || Object.keys(d.errors).length > 0);
  return html`<details class="panel change"${open ? html` open` : ''}>
    <summary><h2 id="change-h">Change date, time or party</h2></summary>
    <form method="get" action="/b/${b.reference}" class="row-form" data-fragment data-target="change-times">
      ${hidden('token', d.token)}
      ${inputField({ name: 'date', label: 'Date', type: 'date', value: date, error: d.errors.date, required: true, id: 'change-date', attrs: html` min="${d.today}" max="${d.lastDate}"` })}
      ${selectField({ name: 'party', label: 'Party size', value: String(party), error: d.errors.party, options: partyOptions(d.maxPartySize), id: 'change-party' })}
      <div class="field field-submit"><button type="submit" class="button secondary">Show free times</button></div>
    </form>
    ${d.errors.time ? html`<p class="field-error">${d.errors.time}</p>` : ''}
    ${alternativesBlock(d, date, party)}
    ${d.change ? html`<div id="change-times"><form method="post" action="/b/${b.reference}/change">
      ${csrfField(d.staff)}${hidden('token', d.token)}${hidden('date', date)}${hidden('party', party)}
      ${slotList({ slots: d.change.slots, date, party, zone: b.timezone, mode: 'button', id: 'change-slots' })}
    </form></div>` : ''}
  </details>`;
}

function notesSection(d: ManagePageData): SafeHtml {
  return html`<section class="panel" aria-labelledby="notes-h">
    <h2 id="notes-h">Notes for the restaurant</h2>
    <form method="post" action="/b/${d.booking.reference}/notes" class="stack">
      ${csrfField(d.staff)}${hidden('token', d.token)}
      ${textareaField({ name: 'notes', label: 'Notes', value: d.booking.notes ?? '', error: d.errors.notes, attrs: html` maxlength="1000"` })}
      <button type="submit" class="button secondary">Save notes</button>
    </form>
  </section>`;
}

function cancelSection(d: ManagePageData): SafeHtml {
  return html`<section class="panel danger-zone" aria-labelledby="cancel-h">
    <h2 id="cancel-h">Cancel the booking</h2>
    <form method="post" action="/b/${d.booking.reference}/cancel" data-confirm="Cancel this booking?">
      ${csrfField(d.staff)}${hidden('token', d.token)}
      <button type="submit" class="button danger">Cancel booking</button>
    </form>
  </section>`;
}

/** The guest's page: the booking, and (while allowed) change, notes and cancel. */
export function managePage(d: ManagePageData): string {
  const b = d.booking;
  const live = b.status === 'confirmed';
  const body = html`<h1>Your booking</h1>
    ${flashNotice(d)}
    ${notice('error', d.message)}
    ${details(d)}
    ${live && d.canChange ? changeSection(d) : ''}
    ${live && d.canEditNotes ? notesSection(d) : ''}
    ${live && d.canChange ? cancelSection(d) : ''}
    ${live && !d.canChange ? html`<p class="panel">Changes and cancellations are no longer possible online; please call the restaurant.</p>` : ''}
    <p><a href="/r/${b.restaurant}">Book another table at ${d.restaurantName}</a></p>`;
  return page({ title: `Booking ${b.reference}`, staff: d.staff }, body);
}
