import type { StaffBookingJson } from '../staff/staff-bookings.ts';
import { addDays } from '../domain/clock-time.ts';
import { clockTime, longDate } from '../i18n/dates.ts';
import type { Locale } from '../i18n/locale.ts';
import type { Translate } from '../i18n/translate.ts';
import type { PageContext } from './page-context.ts';
import { buttonForm, notice } from './forms.ts';
import { html, type SafeHtml } from './html.ts';
import { page } from './layout.ts';
import { staffNav, type StaffAccess } from './staff-access.ts';
import type { TimelineItem, TimelineLayout } from './timeline-layout.ts';

export type TimelineBooking = TimelineItem & { booking: StaffBookingJson; allowed: string[] };

export interface TimelineData {
  ctx: PageContext;
  access: StaffAccess;
  locale: Locale;
  date: string;
  today: string;
  layout: TimelineLayout<TimelineBooking> | undefined;
  /** the change stamp the page was drawn at (the script polls for a newer one) */
  stamp: string;
  message?: string;
}

const ACTIONS: { status: string; label: 'status.seated' | 'status.completed' | 'status.no_show'; kind: string }[] = [
  { status: 'seated', label: 'status.seated', kind: '' },
  { status: 'completed', label: 'status.completed', kind: 'secondary' },
  { status: 'no_show', label: 'status.no_show', kind: 'secondary' },
];

function statusLabel(t: Translate, status: string): string {
  const key = `status.${status}` as 'status.confirmed';
  return t(key);
}

function bar(d: TimelineData, t: Translate, item: TimelineBooking, span: number): SafeHtml {
  const b = item.booking;
  const zone = d.access.restaurant.timezone;
  const label = t('host.bar', {
    name: b.name,
    party: t('common.guests', { count: b.party }),
    status: statusLabel(t, b.status),
    from: clockTime(d.locale, b.startsAt, zone),
    to: clockTime(d.locale, b.endsAt, zone),
  });
  const forms = ACTIONS.filter((a) => item.allowed.includes(a.status)).map((a) =>
    buttonForm(
      `/staff/${d.access.restaurant.slug}/bookings/${b.reference}/status`,
      d.access.staff,
      t(a.label),
      { status: a.status, date: d.date, view: 'timeline' },
      `small ${a.kind}`,
    ),
  );
  const confirmed = b.confirmedByGuest
    ? html` <span class="badge confirmed-by-guest">${t('host.confirmedByGuest')}</span>`
    : '';
  return html`<td colspan="${span}" class="tl-bar status-${b.status}" data-reference="${b.reference}">
    <details><summary><strong>${b.name}</strong> · ${b.party} · <span class="tl-status">${statusLabel(t, b.status)}</span>${confirmed}<span class="visually-hidden">: ${label}</span></summary>
      <p class="tl-meta">${label} · <span class="ref">${b.reference}</span></p>
      ${forms.length ? html`<div class="actions" role="group" aria-label="${t('host.actions', { name: b.name })}">${forms}</div>` : ''}
    </details></td>`;
}

function grid(d: TimelineData, t: Translate): SafeHtml {
  const layout = d.layout;
  if (!layout) return html`<p class="panel empty">${t('host.timelineEmpty')}</p>`;
  const zone = d.access.restaurant.timezone;
  const head = layout.hours.map(
    (h) => html`<th scope="col" colspan="${h.span}">${clockTime(d.locale, new Date(h.instant), zone)}</th>`,
  );
  const rows = layout.rows.map(
    (row) =>
      html`<tr><th scope="row">${row.table.label} <span class="muted">(${row.table.minSeats}–${row.table.maxSeats})</span></th>${row.cells.map(
        (c) => (c.kind === 'free' ? html`<td colspan="${c.span}" class="tl-free"></td>` : bar(d, t, c.item, c.span)),
      )}</tr>`,
  );
  return html`<div class="timeline-scroll" tabindex="0" role="region" aria-labelledby="tl-caption">
    <table class="timeline"><caption id="tl-caption">${t('host.timelineCaption')}</caption>
      <thead><tr><th scope="col">${t('host.timelineTable')}</th>${head}</tr></thead>
      <tbody>${rows}</tbody></table></div>`;
}

function dayNav(d: TimelineData, t: Translate): SafeHtml {
  const base = `/staff/${d.access.restaurant.slug}/timeline`;
  return html`<form method="get" action="${base}" class="day-nav" aria-label="${t('host.chooseDay')}">
    <a class="button secondary small" href="${base}?date=${addDays(d.date, -1)}">${t('host.previousDay')}</a>
    <label for="tl-date">${t('host.date')}</label> <input id="tl-date" name="date" type="date" value="${d.date}">
    <button type="submit" class="button secondary small">${t('host.show')}</button>
    <a class="button secondary small" href="${base}?date=${addDays(d.date, 1)}">${t('host.nextDay')}</a>
    ${d.date !== d.today ? html`<a href="${base}?date=${d.today}">${t('host.today')}</a>` : ''}
  </form>`;
}

/** The host's timeline of the day: a live page (static/timeline.js polls the change stamp). */
export function timelinePage(d: TimelineData): string {
  const { t } = d.ctx;
  const stampUrl = `/staff/${d.access.restaurant.slug}/timeline/stamp`;
  const body = html`<h1>${t('host.timelineHeading', { date: longDate(d.locale, d.date) })}</h1>
    <p class="lead">${t('common.timeZoneNote', { zone: d.access.restaurant.timezone })} <span id="tl-live" data-stamp="${d.stamp}" data-stamp-url="${stampUrl}" data-updated="${t('host.timelineUpdated')}" aria-live="polite">${t('host.timelineLive')}</span></p>
    ${notice('error', d.message)}
    ${dayNav(d, t)}
    <div id="timeline">${grid(d, t)}</div>`;
  return page(
    {
      ctx: d.ctx,
      title: t('host.timelineTitle', { date: d.date }),
      nav: staffNav(d.ctx, d.access, '/timeline'),
      bodyClass: 'staff',
      scripts: ['timeline.js'],
    },
    body,
  );
}
