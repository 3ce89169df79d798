import type { ServicePeriod } from '../domain/types.ts';
import type { ClosureRow } from '../db/queries/restaurant-admin.ts';
import type { MemberView } from '../staff/members.ts';
import type { TableView } from '../staff/table-rules.ts';
import { longDate, weekdayName } from './format.ts';
import { buttonForm, csrfField, inputField, notice, selectField, timeField, type FieldErrors } from './forms.ts';
import { html, markup, type SafeHtml } from './html.ts';
import { translate } from '../i18n/translate.ts';
import { page } from './layout.ts';
import type { PageContext } from './page-context.ts';
import { staffNav, type StaffAccess } from './staff-access.ts';
import { LIMITS } from '../domain/limits.ts';

export interface AdminPageCommon {
  ctx: PageContext;
  access: StaffAccess;
  errors: FieldErrors;
  values: Record<string, string>;
  message?: string;
  success?: string;
}

function adminPage(d: AdminPageCommon, section: string, title: string, body: SafeHtml): string {
  const content = html`<h1>${title}</h1>${notice('success', d.success)}${notice('error', d.message)}${body}`;
  return page(
    {
      ctx: d.ctx,
      title: d.ctx.t('admin.pageTitle', { title, restaurant: d.access.restaurant.name }),
      nav: staffNav(d.ctx, d.access, section),
      bodyClass: 'staff',
    },
    content,
  );
}

function checkbox(name: string, label: string, checked: boolean, id: string): SafeHtml {
  return html`<div class="check"><input type="checkbox" id="${id}" name="${name}" value="1"${checked ? html` checked` : ''}><label for="${id}">${label}</label></div>`;
}

function tableItem(d: AdminPageCommon, table: TableView): SafeHtml {
  const base = `/staff/${d.access.restaurant.slug}/tables/${table.id}`;
  const { t } = d.ctx;
  return html`<li class="panel table-item"><form method="post" action="${base}" class="table-edit" aria-label="${t('admin.tableForm', { label: table.label })}">
      ${csrfField(d.access.staff)}
      <div class="table-fields">
        ${inputField({ name: 'label', label: t('admin.label'), value: table.label, id: `label-${table.id}` })}
        ${inputField({ name: 'minSeats', label: t('admin.minSeats'), type: 'number', value: String(table.minSeats), id: `min-${table.id}`, attrs: html` min="1" max="${LIMITS.tableSeats}"` })}
        ${inputField({ name: 'maxSeats', label: t('admin.maxSeats'), type: 'number', value: String(table.maxSeats), id: `max-${table.id}`, attrs: html` min="1" max="${LIMITS.tableSeats}"` })}
      </div>
      <div class="table-actions">${checkbox('active', t('admin.takesBookings'), table.active, `active-${table.id}`)}
        <button type="submit" class="button secondary small">${t('admin.saveTable', { label: table.label })}</button></div>
    </form>
    ${buttonForm(`${base}/delete`, d.access.staff, t('admin.removeTable', { label: table.label }), {}, 'small danger')}
  </li>`;
}

export function tablesPage(d: AdminPageCommon & { tables: TableView[] }): string {
  const v = d.values;
  const { t } = d.ctx;
  const body = html`<ul class="list-plain">${d.tables.map((table) => tableItem(d, table))}</ul>
    <section class="panel" aria-labelledby="add-table-h"><h2 id="add-table-h">${t('admin.addTableHeading')}</h2>
      <form method="post" action="/staff/${d.access.restaurant.slug}/tables" class="form-grid" novalidate>
        ${csrfField(d.access.staff)}
        ${inputField({ name: 'label', label: t('admin.label'), value: v.label ?? '', error: d.errors.label, required: true })}
        ${inputField({ name: 'minSeats', label: t('admin.minSeats'), type: 'number', value: v.minSeats ?? '1', error: d.errors.minSeats, attrs: html` min="1" max="${LIMITS.tableSeats}"` })}
        ${inputField({ name: 'maxSeats', label: t('admin.maxSeats'), type: 'number', value: v.maxSeats ?? '2', error: d.errors.maxSeats, attrs: html` min="1" max="${LIMITS.tableSeats}"` })}
        <div class="field field-submit"><button type="submit" class="button">${t('admin.addTable')}</button></div>
      </form>
    </section>`;
  return adminPage(d, '/tables', t('admin.tables'), body);
}

function hoursRow(d: AdminPageCommon, period: Partial<ServicePeriod>, i: number): SafeHtml {
  const e = (f: string) => d.errors[`row${i}.${f}`];
  const { t, locale } = d.ctx;
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: String(n), label: weekdayName(locale, n) }));
  return html`<fieldset class="hours-row"><legend class="visually-hidden">${t('admin.period', { n: i + 1 })}</legend>
    ${selectField({ name: 'weekday', label: t('admin.day'), value: String(period.weekday ?? ''), options: [{ value: '', label: '—' }, ...weekdays], id: `wd-${i}`, error: e('weekday') })}
    ${timeField({ name: 'opens', label: t('admin.opens'), value: period.opens ?? '', id: `op-${i}`, error: e('opens') })}
    ${timeField({ name: 'closes', label: t('admin.closes'), value: period.closes ?? '', id: `cl-${i}`, error: e('closes') })}
  </fieldset>`;
}

export function hoursPage(d: AdminPageCommon & { hours: Partial<ServicePeriod>[] }): string {
  const rows = [...d.hours, {}, {}, {}].map((p, i) => hoursRow(d, p, i));
  const { t } = d.ctx;
  const body = html`<p class="lead">${t('admin.hoursLead', { zone: d.access.restaurant.timezone })}</p>
    <p class="hint">${t('admin.timeHint')}</p>
    <form method="post" action="/staff/${d.access.restaurant.slug}/hours" class="panel" novalidate>
      ${csrfField(d.access.staff)}${rows}
      <button type="submit" class="button">${t('admin.saveHours')}</button>
    </form>`;
  return adminPage(d, '/hours', t('admin.openingHours'), body);
}

export function closuresPage(d: AdminPageCommon & { closures: ClosureRow[] }): string {
  const base = `/staff/${d.access.restaurant.slug}/closures`;
  const { t, locale } = d.ctx;
  const items = d.closures.map(
    (c) => html`<li class="panel"><strong>${longDate(locale, c.date)}</strong>${c.note ? html` — ${c.note}` : ''}
    ${buttonForm(`${base}/${c.date}/delete`, d.access.staff, t('admin.reopen', { date: c.date }), {}, 'small secondary')}</li>`,
  );
  const body = html`${items.length ? html`<ul class="list-plain">${items}</ul>` : html`<p class="empty">${t('admin.noClosures')}</p>`}
    <section class="panel" aria-labelledby="add-closure-h"><h2 id="add-closure-h">${t('admin.closeOnDate')}</h2>
      <form method="post" action="${base}" class="row-form" novalidate>
        ${csrfField(d.access.staff)}
        ${inputField({ name: 'date', label: t('admin.date'), type: 'date', value: d.values.date ?? '', error: d.errors.date, required: true })}
        ${inputField({ name: 'note', label: t('admin.noteOptional'), value: d.values.note ?? '', error: d.errors.note, attrs: html` maxlength="${LIMITS.closureNote}"` })}
        <div class="field field-submit"><button type="submit" class="button">${t('admin.addClosure')}</button></div>
      </form>
    </section>`;
  return adminPage(d, '/closures', t('admin.closures'), body);
}

function memberRow(d: AdminPageCommon, roles: { value: string; label: string }[], m: MemberView, i: number): SafeHtml {
  const base = `/staff/${d.access.restaurant.slug}/members`;
  const { t } = d.ctx;
  return html`<tr><td>${m.name}<br><span class="muted">${m.email}</span></td>
    <td><form method="post" action="${base}" class="inline">${csrfField(d.access.staff)}<input type="hidden" name="email" value="${m.email}">
      <label class="visually-hidden" for="role-${i}">${t('admin.roleOf', { email: m.email })}</label>
      <select id="role-${i}" name="role">${roles.map((r) => html`<option value="${r.value}"${r.value === m.role ? html` selected` : ''}>${r.label}</option>`)}</select>
      <button type="submit" class="button small secondary">${t('admin.change')}</button></form></td>
    <td>${buttonForm(`${base}/delete`, d.access.staff, t('admin.remove'), { email: m.email }, 'small danger')}</td></tr>`;
}

export function membersPage(d: AdminPageCommon & { members: MemberView[] }): string {
  const base = `/staff/${d.access.restaurant.slug}/members`;
  const { t } = d.ctx;
  const roles = [
    { value: 'host', label: t('admin.role.host') },
    { value: 'manager', label: t('admin.role.manager') },
  ];
  const rows = d.members.map((m, i) => memberRow(d, roles, m, i));
  const command = html`<code>tablebookings staff create</code>`;
  const body = html`<table class="data"><thead><tr><th scope="col">${t('admin.member')}</th><th scope="col">${t('admin.role')}</th><th scope="col"><span class="visually-hidden">${t('admin.remove')}</span></th></tr></thead><tbody>${rows}</tbody></table>
    <section class="panel" aria-labelledby="add-member-h"><h2 id="add-member-h">${t('admin.addMemberHeading')}</h2>
      <p class="hint">${markup((p) => translate(d.ctx.locale, 'admin.needsAccount', p), {}, { command })}</p>
      <form method="post" action="${base}" class="row-form" novalidate>
        ${csrfField(d.access.staff)}
        ${inputField({ name: 'email', label: t('admin.email'), type: 'email', value: d.values.email ?? '', error: d.errors.email, required: true })}
        ${selectField({ name: 'role', label: t('admin.role'), value: d.values.role ?? 'host', options: roles, error: d.errors.role })}
        <div class="field field-submit"><button type="submit" class="button">${t('admin.addMember')}</button></div>
      </form>
    </section>`;
  return adminPage(d, '/members', t('admin.members'), body);
}
