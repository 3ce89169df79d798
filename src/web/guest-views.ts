import type { Alternative } from '../domain/errors.ts';
import type { StaffPrincipal } from '../staff/principal.ts';
import { longDate, zonedTime } from './format.ts';
import { csrfField, hidden, inputField, notice, selectField, textareaField, type FieldErrors } from './forms.ts';
import { html, type SafeHtml } from './html.ts';
import { page } from './layout.ts';
import { slotList } from './slots.ts';

export interface RestaurantSummary {
  slug: string;
  name: string;
  timezone: string;
}

export function restaurantsPage(restaurants: RestaurantSummary[], staff: StaffPrincipal | null): string {
  const items = restaurants.map((r) => html`<li class="card"><a class="card-link" href="/r/${r.slug}"><span class="card-title">${r.name}</span><span class="muted">Times in ${r.timezone}</span></a></li>`);
  const body = html`<h1>Book a table</h1>
    <p class="lead">Choose a restaurant, then a date, the size of your party and a free time.</p>
    ${items.length ? html`<ul class="cards">${items}</ul>` : html`<p class="empty">No restaurants take bookings yet.</p>`}`;
  return page({ title: 'Book a table', staff }, body);
}

export interface RestaurantPageData {
  restaurant: RestaurantSummary;
  maxPartySize: number;
  today: string;
  lastDate: string;
  date: string;
  party: number;
  slots?: Alternative[];
  errors: FieldErrors;
  staff: StaffPrincipal | null;
}

export function partyOptions(max: number): { value: string; label: string }[] {
  return Array.from({ length: max }, (_, i) => ({ value: String(i + 1), label: i === 0 ? '1 person' : `${i + 1} people` }));
}

/** Date and party (a GET form), then the free times for them. */
export function restaurantPage(d: RestaurantPageData): string {
  const r = d.restaurant;
  const body = html`<p class="crumbs"><a href="/">All restaurants</a></p>
    <h1>${r.name}</h1>
    <p class="lead">Book a table. All times are local to the restaurant (${r.timezone}).</p>
    <section class="panel" aria-labelledby="when">
      <h2 id="when">When, and how many?</h2>
      <form method="get" action="/r/${r.slug}" class="row-form" data-availability="${r.slug}" data-target="slots">
        ${inputField({ name: 'date', label: 'Date', type: 'date', value: d.date, error: d.errors.date, required: true, attrs: html` min="${d.today}" max="${d.lastDate}"` })}
        ${selectField({ name: 'party', label: 'Party size', value: String(d.party), error: d.errors.party, options: partyOptions(d.maxPartySize) })}
        <div class="field field-submit"><button type="submit" class="button secondary">Show free times</button></div>
      </form>
      ${d.slots ? slotList({ slots: d.slots, date: d.date, party: d.party, zone: r.timezone, mode: 'link', base: `/r/${r.slug}/book`, id: 'slots' }) : ''}
    </section>`;
  return page({ title: r.name, staff: d.staff }, body);
}

export interface DetailsPageData {
  restaurant: RestaurantSummary;
  date: string;
  time: string;
  party: number;
  values: { name: string; email: string; phone: string; notes: string };
  errors: FieldErrors;
  idempotencyKey: string;
  staff: StaffPrincipal | null;
  message?: string;
  /** set after a 409: the nearest free times, offered as buttons */
  alternatives?: Alternative[];
}

function detailsFields(d: DetailsPageData): SafeHtml {
  const v = d.values;
  return html`${inputField({ name: 'name', label: 'Your name', value: v.name, error: d.errors.name, required: true, autocomplete: 'name', attrs: html` maxlength="100"` })}
    ${inputField({ name: 'email', label: 'Email', type: 'email', value: v.email, error: d.errors.email, required: true, autocomplete: 'email', hint: 'We send the confirmation and your manage link here.' })}
    ${inputField({ name: 'phone', label: 'Phone (optional)', type: 'tel', value: v.phone, error: d.errors.phone, autocomplete: 'tel', attrs: html` maxlength="32"` })}
    ${textareaField({ name: 'notes', label: 'Notes (optional)', value: v.notes, error: d.errors.notes, hint: 'Allergies, a high chair, an occasion…', attrs: html` maxlength="1000"` })}`;
}

function timeChoice(d: DetailsPageData): SafeHtml {
  if (!d.alternatives) return html`${hidden('time', d.time)}<button type="submit" class="button">Book the table</button>`;
  if (d.alternatives.length === 0) {
    return html`<p class="empty">There are no other free times that day. <a href="/r/${d.restaurant.slug}?date=${d.date}&party=${d.party}">Choose another date</a>.</p>`;
  }
  const buttons = d.alternatives.map((a) => html`<li><button type="submit" name="time" value="${a.time}" class="slot">${a.time}</button></li>`);
  return html`<fieldset class="alternatives"><legend>Nearest free times (${d.restaurant.timezone}) — choose one to book it</legend><ul class="slots">${buttons}</ul></fieldset>`;
}

/** The guest's details; the hidden key makes a double submit book once. */
export function detailsPage(d: DetailsPageData): string {
  const r = d.restaurant;
  const dateErrors = [d.errors.date, d.errors.time, d.errors.party].filter(Boolean).join(' ');
  const back = `/r/${r.slug}?date=${encodeURIComponent(d.date)}&party=${d.party}`;
  const body = html`<p class="crumbs"><a href="/">All restaurants</a> › <a href="${back}">${r.name}</a></p>
    <h1>Your details</h1>
    ${notice('error', d.message)}
    ${dateErrors ? notice('error', html`${dateErrors} <a href="${back}">Choose another time</a>.`) : ''}
    <section class="panel summary" aria-label="Your booking">
      <p><strong>${r.name}</strong></p>
      <p>${longDate(d.date)}${d.alternatives ? '' : html` at <strong>${zonedTime(d.time, r.timezone)}</strong>`}</p>
      <p>Party of ${d.party} · <a href="${back}">change</a></p>
    </section>
    <form method="post" action="/r/${r.slug}/book" class="panel stack" novalidate>
      ${csrfField(d.staff)}${hidden('date', d.date)}${hidden('party', d.party)}${hidden('idempotencyKey', d.idempotencyKey)}
      ${d.alternatives ? html`${timeChoice(d)}${detailsFields(d)}` : html`${detailsFields(d)}${timeChoice(d)}`}
    </form>`;
  return page({ title: 'Your details', staff: d.staff }, body);
}
