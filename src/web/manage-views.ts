import type { BookingJson } from '../bookings/presenter.ts';
import type { Alternative } from '../domain/errors.ts';
import { translate } from '../i18n/translate.ts';
import { longDate, statusLabel, zonedTime } from './format.ts';
import { csrfField, hidden, inputField, notice, selectField, textareaField, type FieldErrors } from './forms.ts';
import { partyOptions } from './guest-views.ts';
import { html, markup, type SafeHtml } from './html.ts';
import { page } from './layout.ts';
import type { PageContext } from './page-context.ts';
import { slotList } from './slots.ts';
import { LIMITS } from '../domain/limits.ts';

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
}

function manageHref(d: ManagePageData): string {
  return `/b/${d.booking.reference}?token=${encodeURIComponent(d.token)}`;
}

function flashNotice(ctx: PageContext, d: ManagePageData): SafeHtml {
  const b = d.booking;
  const { t, locale } = ctx;
  switch (d.flash) {
    case 'created': {
      const reference = markup(
        (p) => translate(locale, 'manage.referenceIs', p),
        {},
        { reference: html`<strong class="ref">${b.reference}</strong>` },
      );
      return notice('success', html`<strong>${t('manage.booked')}</strong> ${reference}`);
    }
    case 'changed':
      return notice(
        'success',
        t('manage.changed', {
          date: longDate(locale, b.date),
          time: zonedTime(locale, b.time, b.timezone),
          party: b.party,
        }),
      );
    case 'notes':
      return notice('success', t('manage.notesSaved'));
    case 'cancelled':
      return notice('success', t('manage.cancelled'));
    default:
      return html``;
  }
}

function details(ctx: PageContext, d: ManagePageData): SafeHtml {
  const b = d.booking;
  const { t, locale } = ctx;
  const calendar = `/api/v1/bookings/${b.reference}/calendar.ics?token=${encodeURIComponent(d.token)}`;
  return html`<section class="panel summary" aria-labelledby="booking-h">
    <h2 id="booking-h">${d.restaurantName}</h2>
    <dl class="facts">
      <dt>${t('manage.reference')}</dt><dd class="ref" data-reference>${b.reference}</dd>
      <dt>${t('manage.status')}</dt><dd><span class="badge status-${b.status}">${statusLabel(locale, b.status)}</span></dd>
      <dt>${t('manage.date')}</dt><dd>${longDate(locale, b.date)}</dd>
      <dt>${t('manage.time')}</dt><dd data-time>${zonedTime(locale, b.time, b.timezone)}</dd>
      <dt>${t('manage.party')}</dt><dd>${b.party}</dd>
      <dt>${t('manage.name')}</dt><dd>${b.name}</dd>
      ${b.email ? html`<dt>${t('manage.email')}</dt><dd>${b.email}</dd>` : ''}
      ${b.phone ? html`<dt>${t('manage.phone')}</dt><dd>${b.phone}</dd>` : ''}
      ${b.notes ? html`<dt>${t('manage.notes')}</dt><dd>${b.notes}</dd>` : ''}
    </dl>
    ${b.status === 'confirmed' ? html`<p class="actions"><a class="button secondary" href="${calendar}">${t('manage.addToCalendar')}</a></p>` : ''}
    <p class="hint">${t('manage.manageLink')} <a href="${manageHref(d)}" data-manage-link>${`/b/${b.reference}`}</a></p>
  </section>`;
}

function alternativesBlock(ctx: PageContext, d: ManagePageData, date: string, party: number): SafeHtml {
  const { t } = ctx;
  if (!d.alternatives) return html``;
  if (d.alternatives.length === 0) return html`<p class="empty">${t('manage.noOtherTimes')}</p>`;
  return html`<form method="post" action="/b/${d.booking.reference}/change" class="alternatives">
    ${csrfField(ctx.staff)}${hidden('token', d.token)}${hidden('date', date)}${hidden('party', party)}
    <fieldset><legend>${t('manage.nearestTimes', { zone: d.booking.timezone })}</legend>
    <ul class="slots">${d.alternatives.map((a) => html`<li><button type="submit" name="time" value="${a.time}" class="slot">${a.time}</button></li>`)}</ul></fieldset>
  </form>`;
}

function changeSection(ctx: PageContext, d: ManagePageData): SafeHtml {
  const b = d.booking;
  const { t } = ctx;
  const date = d.change?.date ?? b.date;
  const party = d.change?.party ?? b.party;
  const open =
    d.flash !== 'created' && (d.requested || d.alternatives !== undefined || Object.keys(d.errors).length > 0);
  return html`<details class="panel change"${open ? html` open` : ''}>
    <summary><h2 id="change-h">${t('manage.changeHeading')}</h2></summary>
    <form method="get" action="/b/${b.reference}" class="row-form" data-fragment data-target="change-times">
      ${hidden('token', d.token)}
      ${inputField({ name: 'date', label: t('guest.date'), type: 'date', value: date, error: d.errors.date, required: true, id: 'change-date', attrs: html` min="${d.today}" max="${d.lastDate}"` })}
      ${selectField({ name: 'party', label: t('guest.partySizeLabel'), value: String(party), error: d.errors.party, options: partyOptions(ctx.locale, d.maxPartySize), id: 'change-party' })}
      <div class="field field-submit"><button type="submit" class="button secondary">${t('guest.showFreeTimes')}</button></div>
    </form>
    ${d.errors.time ? html`<p class="field-error">${d.errors.time}</p>` : ''}
    ${alternativesBlock(ctx, d, date, party)}
    ${
      d.change
        ? html`<div id="change-times"><form method="post" action="/b/${b.reference}/change">
      ${csrfField(ctx.staff)}${hidden('token', d.token)}${hidden('date', date)}${hidden('party', party)}
      ${slotList(ctx, { slots: d.change.slots, date, party, zone: b.timezone, mode: 'button', id: 'change-slots' })}
    </form></div>`
        : ''
    }
  </details>`;
}

function notesSection(ctx: PageContext, d: ManagePageData): SafeHtml {
  const { t } = ctx;
  return html`<section class="panel" aria-labelledby="notes-h">
    <h2 id="notes-h">${t('manage.notesHeading')}</h2>
    <form method="post" action="/b/${d.booking.reference}/notes" class="stack">
      ${csrfField(ctx.staff)}${hidden('token', d.token)}
      ${textareaField({ name: 'notes', label: t('manage.notes'), value: d.booking.notes ?? '', error: d.errors.notes, attrs: html` maxlength="${LIMITS.notes}"` })}
      <button type="submit" class="button secondary">${t('manage.saveNotes')}</button>
    </form>
  </section>`;
}

function cancelSection(ctx: PageContext, d: ManagePageData): SafeHtml {
  const { t } = ctx;
  return html`<section class="panel danger-zone" aria-labelledby="cancel-h">
    <h2 id="cancel-h">${t('manage.cancelHeading')}</h2>
    <form method="post" action="/b/${d.booking.reference}/cancel" data-confirm="${t('manage.cancelConfirm')}">
      ${csrfField(ctx.staff)}${hidden('token', d.token)}
      <button type="submit" class="button danger">${t('manage.cancelButton')}</button>
    </form>
  </section>`;
}

/** The guest's page: the booking, and (while allowed) change, notes and cancel. */
export function managePage(ctx: PageContext, d: ManagePageData): string {
  const b = d.booking;
  const { t } = ctx;
  const live = b.status === 'confirmed';
  const body = html`<h1>${t('manage.title')}</h1>
    ${flashNotice(ctx, d)}
    ${notice('error', d.message)}
    ${details(ctx, d)}
    ${live && d.canChange ? changeSection(ctx, d) : ''}
    ${live && d.canEditNotes ? notesSection(ctx, d) : ''}
    ${live && d.canChange ? cancelSection(ctx, d) : ''}
    ${live && !d.canChange ? html`<p class="panel">${t('manage.tooLate')}</p>` : ''}
    <p><a href="/r/${b.restaurant}">${t('manage.bookAnother', { restaurant: d.restaurantName })}</a></p>`;
  return page({ ctx, title: t('manage.pageTitle', { reference: b.reference }) }, body);
}
