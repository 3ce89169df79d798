import type { StaffPrincipal } from '../staff/principal.ts';
import { DomainError, fieldText } from '../domain/errors.ts';
import type { Locale } from '../i18n/locale.ts';
import { html, type SafeHtml } from './html.ts';

/** Field name → message, for showing errors next to their fields. */
export type FieldErrors = Record<string, string>;

export type FormBody = Record<string, unknown>;

/** One string from an urlencoded body (the first when repeated), trimmed of nothing. */
export function str(body: FormBody | undefined, name: string): string {
  const value = body?.[name];
  if (Array.isArray(value)) return String(value[0] ?? '');
  return typeof value === 'string' ? value : '';
}

/** Every value of a repeated field, in order. */
export function list(body: FormBody | undefined, name: string): string[] {
  const value = body?.[name];
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : [];
}

/** The field errors of a validation DomainError (first message per field), else undefined. */
export function fieldErrorsOf(error: unknown, locale: Locale = 'en'): FieldErrors | undefined {
  if (!(error instanceof DomainError) || error.code !== 'validation' || !error.errors) return undefined;
  const out: FieldErrors = {};
  for (const e of error.errors) out[e.field] ??= fieldText(e, locale);
  return out;
}

interface FieldOptions {
  name: string;
  label: string;
  value?: string;
  error?: string;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  hint?: string;
  attrs?: SafeHtml;
  id?: string;
}

function describedBy(id: string, o: FieldOptions): string | undefined {
  const ids = [o.hint ? `${id}-hint` : '', o.error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function extras(id: string, o: FieldOptions): SafeHtml {
  return html`${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}${o.error ? html`<p class="field-error" id="${id}-error">${o.error}</p>` : ''}`;
}

function aria(id: string, o: FieldOptions): SafeHtml {
  const by = describedBy(id, o);
  return html`${by ? html` aria-describedby="${by}"` : ''}${o.error ? html` aria-invalid="true"` : ''}${o.required ? html` required` : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}`;
}

export function inputField(o: FieldOptions): SafeHtml {
  const id = o.id ?? `f-${o.name}`;
  return html`<div class="field${o.error ? ' has-error' : ''}"><label for="${id}">${o.label}</label>${extras(id, o)}<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${aria(id, o)}${o.attrs ?? ''}></div>`;
}

/**
 * A 24-hour time as text (HH:MM): a browser's type=time shows AM/PM in some locales, which
 * the restaurant's staff did not want. The pattern lets the browser check it before sending.
 */
export function timeField(o: FieldOptions): SafeHtml {
  const attrs = html` inputmode="numeric" pattern="([01][0-9]|2[0-3]):[0-5][0-9]" maxlength="5" placeholder="HH:MM"${o.attrs ?? ''}`;
  return inputField({ ...o, type: 'text', attrs });
}

export function textareaField(o: FieldOptions): SafeHtml {
  const id = o.id ?? `f-${o.name}`;
  return html`<div class="field${o.error ? ' has-error' : ''}"><label for="${id}">${o.label}</label>${extras(id, o)}<textarea id="${id}" name="${o.name}" rows="3"${aria(id, o)}${o.attrs ?? ''}>${o.value ?? ''}</textarea></div>`;
}

export function selectField(o: FieldOptions & { options: { value: string; label: string }[] }): SafeHtml {
  const id = o.id ?? `f-${o.name}`;
  const options = o.options.map(
    (opt) => html`<option value="${opt.value}"${opt.value === o.value ? html` selected` : ''}>${opt.label}</option>`,
  );
  return html`<div class="field${o.error ? ' has-error' : ''}"><label for="${id}">${o.label}</label>${extras(id, o)}<select id="${id}" name="${o.name}"${aria(id, o)}${o.attrs ?? ''}>${options}</select></div>`;
}

export function hidden(name: string, value: string | number): SafeHtml {
  return html`<input type="hidden" name="${name}" value="${value}">`;
}

/** The CSRF token of a signed-in staff member; every form carries it (a guest form too). */
export function csrfField(staff: StaffPrincipal | null | undefined): SafeHtml {
  return staff ? hidden('_csrf', staff.csrfToken) : html``;
}

export function notice(kind: 'error' | 'success' | 'info', message: SafeHtml | string | undefined): SafeHtml {
  if (!message) return html``;
  return html`<div class="notice notice-${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${message}</div>`;
}

/** A compact POST form holding one button (status changes, delete, cancel). */
export function buttonForm(
  action: string,
  staff: StaffPrincipal | null | undefined,
  label: string | SafeHtml,
  fields: Record<string, string> = {},
  kind = 'secondary',
): SafeHtml {
  const inputs = Object.entries(fields).map(([k, v]) => hidden(k, v));
  return html`<form method="post" action="${action}" class="inline">${csrfField(staff)}${inputs}<button type="submit" class="button ${kind}">${label}</button></form>`;
}
