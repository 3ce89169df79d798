import { translate as textOf, type MessageKey } from '../i18n/translate.ts';
import { LOCALES } from '../i18n/locale.ts';
import { t as translate } from '../i18n/translate.ts';
import { csrfField, inputField, notice, selectField, type FieldErrors } from './forms.ts';
import { html, type SafeHtml } from './html.ts';
import { page } from './layout.ts';
import type { PageContext } from './page-context.ts';
import { staffNav, type StaffAccess } from './staff-access.ts';

/** Every number field of the settings form, in order (SPEC §2, §9.1, §9.2). */
export const NUMBER_FIELDS = [
  'slotIntervalMinutes',
  'bookingWindowDays',
  'minNoticeMinutes',
  'cancelCutoffMinutes',
  'maxPartySize',
  'reminderHours',
  'maxCoversPerSlot',
  'holdMinutes',
] as const;

export interface SettingsData {
  ctx: PageContext;
  access: StaffAccess;
  /** the form's values as text (the stored settings, or what was sent) */
  values: Record<string, string>;
  durations: { maxParty: string; minutes: string }[];
  errors: FieldErrors;
  message?: string;
  success?: string;
}

function errorSummary(d: SettingsData): SafeHtml {
  const entries = Object.entries(d.errors);
  if (!entries.length) return html``;
  return html`<div class="notice notice-error error-summary" role="alert" tabindex="-1" id="error-summary" aria-labelledby="error-summary-h">
    <h2 id="error-summary-h">${d.ctx.t('host.errorSummary')}</h2>
    <ul>${entries.map(([field, message]) => html`<li><a href="#${fieldId(field)}">${message}</a></li>`)}</ul></div>`;
}

/** The id of the input a field error belongs to ("durations[1].minutes" → its row's input). */
export function fieldId(field: string): string {
  const row = /^durations\[(\d+)\]\.(maxParty|minutes)$/.exec(field);
  if (row) return `s-dur-${row[2]}-${row[1]}`;
  return `s-${field.replace(/[^\w-]/g, '-')}`;
}

function durationRows(d: SettingsData): SafeHtml {
  const { t } = d.ctx;
  const rows = [...d.durations, { maxParty: '', minutes: '' }];
  return html`<fieldset class="durations"><legend>${t('host.durations')}</legend><p class="hint">${t('host.durationsHint')}</p>
    ${rows.map(
      (r, i) => html`<div class="form-grid" role="group" aria-label="${t('host.durationRow', { n: i + 1 })}">
      ${inputField({ name: 'durationMaxParty', label: t('host.durationMaxParty'), type: 'number', value: r.maxParty, id: fieldId(`durations[${i}].maxParty`), error: d.errors[`durations[${i}].maxParty`] })}
      ${inputField({ name: 'durationMinutes', label: t('host.durationMinutes'), type: 'number', value: r.minutes, id: fieldId(`durations[${i}].minutes`), error: d.errors[`durations[${i}].minutes`], attrs: html` step="5"` })}
    </div>`,
    )}</fieldset>`;
}

/** The manager's settings page: every rule of the restaurant on one form. */
export function settingsPage(d: SettingsData): string {
  const { t } = d.ctx;
  const v = d.values;
  const field = (name: string, type = 'number') =>
    inputField({
      name,
      label: textOf(d.ctx.locale, `host.field.${name}` as MessageKey),
      type,
      value: v[name] ?? '',
      id: fieldId(name),
      error: d.errors[name],
    });
  const locales = LOCALES.map((l) => ({ value: l, label: translate(l, `common.languageName.${l}`) }));
  const body = html`<h1>${t('host.settingsTitle')}</h1>
    ${errorSummary(d)}${notice('success', d.success)}${Object.keys(d.errors).length ? '' : notice('error', d.message)}
    <form method="post" action="/staff/${d.access.restaurant.slug}/settings" class="stack panel" novalidate>
      ${csrfField(d.access.staff)}
      <div class="form-grid">
        ${field('name', 'text')}
        ${field('timezone', 'text')}
        ${selectField({ name: 'locale', label: t('host.field.locale'), value: v.locale ?? 'en', options: locales, id: fieldId('locale'), error: d.errors.locale })}
        ${NUMBER_FIELDS.map((name) => field(name))}
      </div>
      ${durationRows(d)}
      <button type="submit" class="button">${t('common.save')}</button>
    </form>`;
  const title = Object.keys(d.errors).length
    ? t('host.errorTitle', { title: t('host.settingsTitle') })
    : t('host.settingsTitle');
  return page({ ctx: d.ctx, title, nav: staffNav(d.ctx, d.access, '/settings'), bodyClass: 'staff' }, body);
}
