import type { ServicePeriod } from '../domain/types.ts';
import type { ClosureRow } from '../db/queries/restaurant-admin.ts';
import type { MemberView } from '../staff/members.ts';
import type { TableView } from '../staff/table-rules.ts';
import { longDate, weekdayName } from './format.ts';
import { buttonForm, csrfField, inputField, notice, selectField, type FieldErrors } from './forms.ts';
import { html, type SafeHtml } from './html.ts';
import { page } from './layout.ts';
import { staffNav, type StaffAccess } from './staff-access.ts';

export interface AdminPageCommon {
  access: StaffAccess;
  errors: FieldErrors;
  values: Record<string, string>;
  message?: string;
  success?: string;
}

function adminPage(d: AdminPageCommon, section: string, title: string, body: SafeHtml): string {
  const content = html`<h1>${title}</h1>${notice('success', d.success)}${notice('error', d.message)}${body}`;
  return page({ title: `${title} · ${d.access.restaurant.name}`, staff: d.access.staff, nav: staffNav(d.access, section), bodyClass: 'staff' }, content);
}

function checkbox(name: string, label: string, checked: boolean, id: string): SafeHtml {
  return html`<div class="check"><input type="checkbox" id="${id}" name="${name}" value="1"${checked ? html` checked` : ''}><label for="${id}">${label}</label></div>`;
}

function tableItem(d: AdminPageCommon, t: TableView): SafeHtml {
  const base = `/staff/${d.access.restaurant.slug}/tables/${t.id}`;
  return html`<li class="panel table-item"><form method="post" action="${base}" class="table-edit" aria-label="Table ${t.label}">
      ${csrfField(d.access.staff)}
      <div class="table-fields">
        ${inputField({ name: 'label', label: 'Label', value: t.label, id: `label-${t.id}` })}
        ${inputField({ name: 'minSeats', label: 'Min seats', type: 'number', value: String(t.minSeats), id: `min-${t.id}`, attrs: html` min="1" max="100"` })}
        ${inputField({ name: 'maxSeats', label: 'Max seats', type: 'number', value: String(t.maxSeats), id: `max-${t.id}`, attrs: html` min="1" max="100"` })}
      </div>
      <div class="table-actions">${checkbox('active', 'Takes bookings', t.active, `active-${t.id}`)}
        <button type="submit" class="button secondary small">Save ${t.label}</button></div>
    </form>
    ${buttonForm(`${base}/delete`, d.access.staff, `Remove ${t.label}`, {}, 'small danger')}
  </li>`;
}

export function tablesPage(d: AdminPageCommon & { tables: TableView[] }): string {
  const v = d.values;
  const body = html`<ul class="list-plain">${d.tables.map((t) => tableItem(d, t))}</ul>
    <section class="panel" aria-labelledby="add-table-h"><h2 id="add-table-h">Add a table</h2>
      <form method="post" action="/staff/${d.access.restaurant.slug}/tables" class="form-grid" novalidate>
        ${csrfField(d.access.staff)}
        ${inputField({ name: 'label', label: 'Label', value: v.label ?? '', error: d.errors.label, required: true })}
        ${inputField({ name: 'minSeats', label: 'Min seats', type: 'number', value: v.minSeats ?? '1', error: d.errors.minSeats, attrs: html` min="1" max="100"` })}
        ${inputField({ name: 'maxSeats', label: 'Max seats', type: 'number', value: v.maxSeats ?? '2', error: d.errors.maxSeats, attrs: html` min="1" max="100"` })}
        <div class="field field-submit"><button type="submit" class="button">Add table</button></div>
      </form>
    </section>`;
  return adminPage(d, '/tables', 'Tables', body);
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: String(n), label: weekdayName(n) }));

function hoursRow(d: AdminPageCommon, period: Partial<ServicePeriod>, i: number): SafeHtml {
  const e = (f: string) => d.errors[`row${i}.${f}`];
  return html`<fieldset class="hours-row"><legend class="visually-hidden">Period ${i + 1}</legend>
    ${selectField({ name: 'weekday', label: 'Day', value: String(period.weekday ?? ''), options: [{ value: '', label: '—' }, ...WEEKDAYS], id: `wd-${i}`, error: e('weekday') })}
    ${inputField({ name: 'opens', label: 'Opens', type: 'time', value: period.opens ?? '', id: `op-${i}`, error: e('opens') })}
    ${inputField({ name: 'closes', label: 'Closes', type: 'time', value: period.closes ?? '', id: `cl-${i}`, error: e('closes') })}
  </fieldset>`;
}

export function hoursPage(d: AdminPageCommon & { hours: Partial<ServicePeriod>[] }): string {
  const rows = [...d.hours, {}, {}, {}].map((p, i) => hoursRow(d, p, i));
  const body = html`<p class="lead">Service periods per weekday, in ${d.access.restaurant.timezone}. A closing time earlier than the opening time means after midnight. Clear a row's times to remove it.</p>
    <form method="post" action="/staff/${d.access.restaurant.slug}/hours" class="panel" novalidate>
      ${csrfField(d.access.staff)}${rows}
      <button type="submit" class="button">Save opening hours</button>
    </form>`;
  return adminPage(d, '/hours', 'Opening hours', body);
}

export function closuresPage(d: AdminPageCommon & { closures: ClosureRow[] }): string {
  const base = `/staff/${d.access.restaurant.slug}/closures`;
  const items = d.closures.map((c) => html`<li class="panel"><strong>${longDate(c.date)}</strong>${c.note ? html` — ${c.note}` : ''}
    ${buttonForm(`${base}/${c.date}/delete`, d.access.staff, `Reopen ${c.date}`, {}, 'small secondary')}</li>`);
  const body = html`${items.length ? html`<ul class="list-plain">${items}</ul>` : html`<p class="empty">No closures.</p>`}
    <section class="panel" aria-labelledby="add-closure-h"><h2 id="add-closure-h">Close on a date</h2>
      <form method="post" action="${base}" class="row-form" novalidate>
        ${csrfField(d.access.staff)}
        ${inputField({ name: 'date', label: 'Date', type: 'date', value: d.values.date ?? '', error: d.errors.date, required: true })}
        ${inputField({ name: 'note', label: 'Note (optional)', value: d.values.note ?? '', error: d.errors.note, attrs: html` maxlength="200"` })}
        <div class="field field-submit"><button type="submit" class="button">Add closure</button></div>
      </form>
    </section>`;
  return adminPage(d, '/closures', 'Closures', body);
}

const ROLES = [{ value: 'host', label: 'Host (day sheet)' }, { value: 'manager', label: 'Manager (everything)' }];

export function membersPage(d: AdminPageCommon & { members: MemberView[] }): string {
  const base = `/staff/${d.access.restaurant.slug}/members`;
  const rows = d.members.map((m, i) => html`<tr><td>${m.name}<br><span class="muted">${m.email}</span></td>
    <td><form method="post" action="${base}" class="inline">${csrfField(d.access.staff)}<input type="hidden" name="email" value="${m.email}">
      <label class="visually-hidden" for="role-${i}">Role of ${m.email}</label>
      <select id="role-${i}" name="role">${ROLES.map((r) => html`<option value="${r.value}"${r.value === m.role ? html` selected` : ''}>${r.label}</option>`)}</select>
      <button type="submit" class="button small secondary">Change</button></form></td>
    <td>${buttonForm(`${base}/delete`, d.access.staff, 'Remove', { email: m.email }, 'small danger')}</td></tr>`);
  const body = html`<table class="data"><thead><tr><th scope="col">Member</th><th scope="col">Role</th><th scope="col"><span class="visually-hidden">Remove</span></th></tr></thead><tbody>${rows}</tbody></table>
    <section class="panel" aria-labelledby="add-member-h"><h2 id="add-member-h">Add a member</h2>
      <p class="hint">The person needs a staff account first (<code>tablebookings staff create</code>).</p>
      <form method="post" action="${base}" class="row-form" novalidate>
        ${csrfField(d.access.staff)}
        ${inputField({ name: 'email', label: 'Email', type: 'email', value: d.values.email ?? '', error: d.errors.email, required: true })}
        ${selectField({ name: 'role', label: 'Role', value: d.values.role ?? 'host', options: ROLES, error: d.errors.role })}
        <div class="field field-submit"><button type="submit" class="button">Add member</button></div>
      </form>
    </section>`;
  return adminPage(d, '/members', 'Members', body);
}
