import type { Alternative } from '../domain/errors.ts';
import { longDate } from './format.ts';
import { html, type SafeHtml } from './html.ts';

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
  if (o.mode === 'button') return html`<li><button type="submit" name="time" value="${time}" class="slot">${time}</button></li>`;
  const href = `${o.base}?date=${encodeURIComponent(o.date)}&party=${o.party}&time=${time}`;
  return html`<li><a class="slot" href="${href}">${time}</a></li>`;
}

/**
 * The free start times as links or buttons, under a heading naming the date and the
 * restaurant's zone. The script (app.js) refreshes it in place from the JSON API.
 */
export function slotList(o: SlotListOptions): SafeHtml {
  const items = o.slots.map((s) => slotItem(o, s.time));
  const empty = html`<p class="empty" data-slots-empty>No free times for a party of ${o.party} on that date. Please try another date or party size.</p>`;
  return html`<div class="slots-block" id="${o.id}" data-slots data-mode="${o.mode}" data-base="${o.base ?? ''}" data-zone="${o.zone}" aria-live="polite">
    <h3 data-slots-heading>Free times on ${longDate(o.date)} <span class="zone">(times in ${o.zone})</span></h3>
    ${items.length ? html`<ul class="slots">${items}</ul>` : empty}
  </div>`;
}
