import type { Alternative } from '../domain/errors.ts';
import { longDate } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import type { PageContext } from './page-context.ts';

export interface SlotListOptions {
  slots: Alternative[];
  date: string;
  party: number;
  zone: string;
  /** "link": each time links to `base?date&party&time`; "button": each time submits its form */
  mode: 'link' | 'button';
  base?: string;
  id: string;
}

function slotItem(o: SlotListOptions, time: string): SafeHtml {
  if (o.mode === 'button')
    return html`<li><button type="submit" name="time" value="${time}" class="slot">${time}</button></li>`;
  const href = `${o.base}?date=${encodeURIComponent(o.date)}&party=${o.party}&time=${time}`;
  return html`<li><a class="slot" href="${href}">${time}</a></li>`;
}

/**
 * The free start times as links or buttons, under a heading naming the date and the
 * restaurant's zone. The script (app.js) refreshes it in place from the JSON API.
 */
export function slotList(ctx: PageContext, o: SlotListOptions): SafeHtml {
  const { t, locale } = ctx;
  const items = o.slots.map((s) => slotItem(o, s.time));
  const empty = html`<p class="empty" data-slots-empty>${t('guest.noFreeTimes', { party: o.party })}</p>`;
  // the script re-renders this block from the JSON API with the same texts (data-text-*)
  const texts = html` data-text-heading="${t('guest.freeTimesOn', { date: '{date}' })}" data-text-zone="${t('guest.timesInZone', { zone: '{zone}' })}" data-text-empty="${t('guest.noFreeTimes', { party: '{party}' })}" data-text-failed="${t('guest.loadFailed')}"`;
  return html`<div class="slots-block" id="${o.id}" data-slots data-mode="${o.mode}" data-base="${o.base ?? ''}" data-zone="${o.zone}"${texts} aria-live="polite">
    <h3 data-slots-heading>${t('guest.freeTimesOn', { date: longDate(locale, o.date) })} <span class="zone">${t('guest.timesInZone', { zone: o.zone })}</span></h3>
    ${items.length ? html`<ul class="slots">${items}</ul>` : empty}
  </div>`;
}
