import type { Alternative } from '../domain/errors.ts';
import { t as translate, translate as translateKey } from '../i18n/translate.ts';
import type { Locale } from '../i18n/locale.ts';
import { longDate, zonedTime } from './format.ts';
import { csrfField, hidden, inputField, notice, selectField, textareaField, type FieldErrors } from './forms.ts';
import { html, markup, type SafeHtml } from './html.ts';
import { page } from './layout.ts';
import type { PageContext } from './page-context.ts';
import { slotList } from './slots.ts';
import { LIMITS } from '../domain/limits.ts';

export interface RestaurantSummary {
  slug: string;
  name: string;
  timezone: string;
}

export function restaurantsPage(ctx: PageContext, restaurants: RestaurantSummary[]): string {
  const { t } = ctx;
  const items = restaurants.map(
    (r) =>
      html`<li class="card"><a class="card-link" href="/r/${r.slug}"><span class="card-title">${r.name}</span><span class="muted">${t('guest.timesIn', { zone: r.timezone })}</span></a></li>`,
  );
  const body = html`<h1>${t('guest.bookTable')}</h1>
    <p class="lead">${t('guest.chooseRestaurant')}</p>
    ${items.length ? html`<ul class="cards">${items}</ul>` : html`<p class="empty">${t('guest.noRestaurants')}</p>`}`;
  return page({ ctx, title: t('guest.bookTable') }, body);
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
  /** why there are no slots (SPEC §9.1) */
  reason?: string;
  /** when full: the nearest other days with a free time */
  nearby?: { date: string; time: string }[];
}

/** "Closed that day" / "fully booked — nearest free times on other days: …" */
function noSlotsNotice(ctx: PageContext, d: RestaurantPageData): SafeHtml {
  if (!d.reason || (d.slots && d.slots.length > 0)) return html``;
  const key = `capacity.reason.${d.reason}` as 'capacity.reason.full';
  const links = (d.nearby ?? []).map(
    (n) =>
      html`<li><a href="/r/${d.restaurant.slug}/book?date=${n.date}&party=${d.party}&time=${n.time}">${longDate(ctx.locale, n.date)} ${n.time}</a></li>`,
  );
  const nearby = links.length ? html` ${ctx.t('capacity.nearestDays')}<ul class="nearby">${links}</ul>` : html``;
  return notice('info', html`<span data-reason="${d.reason}">${ctx.t(key)}</span>${nearby}`);
}

export function partyOptions(locale: Locale, max: number): { value: string; label: string }[] {
  return Array.from({ length: max }, (_, i) => ({
    value: String(i + 1),
    label: translate(locale, 'guest.people', { count: i + 1 }),
  }));
}

/** Date and party (a GET form), then the free times for them. */
export function restaurantPage(ctx: PageContext, d: RestaurantPageData): string {
  const r = d.restaurant;
  const { t } = ctx;
  const body = html`<p class="crumbs"><a href="/">${t('common.allRestaurants')}</a></p>
    <h1>${r.name}</h1>
    <p class="lead">${t('guest.localTimes', { zone: r.timezone })}</p>
    <section class="panel" aria-labelledby="when">
      <h2 id="when">${t('guest.whenHowMany')}</h2>
      <form method="get" action="/r/${r.slug}" class="row-form" data-availability="${r.slug}" data-target="slots">
        ${inputField({ name: 'date', label: t('guest.date'), type: 'date', value: d.date, error: d.errors.date, required: true, attrs: html` min="${d.today}" max="${d.lastDate}"` })}
        ${selectField({ name: 'party', label: t('guest.partySizeLabel'), value: String(d.party), error: d.errors.party, options: partyOptions(ctx.locale, d.maxPartySize) })}
        <div class="field field-submit"><button type="submit" class="button secondary">${t('guest.showFreeTimes')}</button></div>
      </form>
      ${noSlotsNotice(ctx, d)}
      ${d.slots ? slotList(ctx, { slots: d.slots, date: d.date, party: d.party, zone: r.timezone, mode: 'link', base: `/r/${r.slug}/book`, id: 'slots' }) : ''}
    </section>`;
  return page({ ctx, title: r.name }, body);
}

export interface DetailsPageData {
  restaurant: RestaurantSummary;
  date: string;
  time: string;
  party: number;
  values: { name: string; email: string; phone: string; notes: string };
  errors: FieldErrors;
  idempotencyKey: string;
  message?: string;
  /** set after a 409: the nearest free times, offered as buttons */
  alternatives?: Alternative[];
  /** a live hold on the table for this guest */
  hold?: { holdId: string; minutes: number; until: string; table: string };
  /** a hold carried through a re-rendered form */
  holdId?: string;
}

function detailsFields(ctx: PageContext, d: DetailsPageData): SafeHtml {
  const v = d.values;
  const { t } = ctx;
  return html`${inputField({ name: 'name', label: t('guest.yourName'), value: v.name, error: d.errors.name, required: true, autocomplete: 'name', attrs: html` maxlength="${LIMITS.name}"` })}
    ${inputField({ name: 'email', label: t('guest.email'), type: 'email', value: v.email, error: d.errors.email, required: true, autocomplete: 'email', hint: t('guest.emailHint') })}
    ${inputField({ name: 'phone', label: t('guest.phoneOptional'), type: 'tel', value: v.phone, error: d.errors.phone, autocomplete: 'tel', attrs: html` maxlength="${LIMITS.phone}"` })}
    ${textareaField({ name: 'notes', label: t('guest.notesOptional'), value: v.notes, error: d.errors.notes, hint: t('guest.notesHint'), attrs: html` maxlength="${LIMITS.notes}"` })}`;
}

function timeChoice(ctx: PageContext, d: DetailsPageData): SafeHtml {
  const { t } = ctx;
  if (!d.alternatives)
    return html`${hidden('time', d.time)}<button type="submit" class="button">${t('guest.bookTheTable')}</button>`;
  if (d.alternatives.length === 0) {
    return html`<p class="empty">${t('guest.noOtherTimes')} <a href="/r/${d.restaurant.slug}?date=${d.date}&party=${d.party}">${t('guest.chooseAnotherDate')}</a>.</p>`;
  }
  const buttons = d.alternatives.map(
    (a) => html`<li><button type="submit" name="time" value="${a.time}" class="slot">${a.time}</button></li>`,
  );
  return html`<fieldset class="alternatives"><legend>${t('guest.nearestTimesChoose', { zone: d.restaurant.timezone })}</legend><ul class="slots">${buttons}</ul></fieldset>`;
}

/** The guest's details; the hidden key makes a double submit book once. */
export function detailsPage(ctx: PageContext, d: DetailsPageData): string {
  const r = d.restaurant;
  const { t, locale } = ctx;
  const dateErrors = [d.errors.date, d.errors.time, d.errors.party].filter(Boolean).join(' ');
  const back = `/r/${r.slug}?date=${encodeURIComponent(d.date)}&party=${d.party}`;
  const when = d.alternatives
    ? html`${longDate(locale, d.date)}`
    : markup(
        (p) => translateKey(locale, 'guest.dateAtTime', p),
        { date: longDate(locale, d.date) },
        { time: html`<strong>${zonedTime(locale, d.time, r.timezone)}</strong>` },
      );
  const body = html`<p class="crumbs"><a href="/">${t('common.allRestaurants')}</a> › <a href="${back}">${r.name}</a></p>
    <h1>${t('guest.yourDetails')}</h1>
    ${notice('error', d.message)}
    ${d.hold ? notice('info', t('capacity.held', { count: d.hold.minutes, time: d.hold.until, table: d.hold.table })) : ''}
    ${dateErrors ? notice('error', html`${dateErrors} <a href="${back}">${t('guest.chooseAnotherTime')}</a>.`) : ''}
    <section class="panel summary" aria-label="${t('guest.yourBooking')}">
      <p><strong>${r.name}</strong></p>
      <p>${when}</p>
      <p>${t('guest.partySize', { count: d.party })} · <a href="${back}">${t('guest.change')}</a></p>
    </section>
    <form method="post" action="/r/${r.slug}/book" class="panel stack" novalidate>
      ${csrfField(ctx.staff)}${hidden('date', d.date)}${hidden('party', d.party)}${hidden('idempotencyKey', d.idempotencyKey)}${d.hold || d.holdId ? hidden('holdId', d.hold?.holdId ?? d.holdId ?? '') : ''}
      ${d.alternatives ? html`${timeChoice(ctx, d)}${detailsFields(ctx, d)}` : html`${detailsFields(ctx, d)}${timeChoice(ctx, d)}`}
    </form>`;
  return page({ ctx, title: t('guest.yourDetails') }, body);
}
