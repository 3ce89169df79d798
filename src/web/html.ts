/** HTML that is already safe to emit (built by `html` or explicitly trusted with `raw`). */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

/** Trusts a string as HTML. Only for markup written in this code base, never for input. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template: every interpolated value is HTML-escaped unless it is SafeHtml
 * (nested `html` fragments). Arrays are rendered item by item; null, undefined and
 * false render as nothing.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

const MARK = '\u0001';

/**
 * A translated text with markup in some placeholders: `markup(t, 'guest.dateAtTime', { date }, { time: html`<strong>…</strong>` })`.
 * The text and the plain params are escaped; only the SafeHtml parts are trusted.
 */
export function markup<K extends string>(
  text: (params: Record<string, string | number>) => string,
  plain: Record<string, string | number>,
  parts: Record<K, SafeHtml>,
): SafeHtml {
  const marked = Object.fromEntries(Object.keys(parts).map((name) => [name, `${MARK}${name}${MARK}`]));
  const pieces = text({ ...plain, ...marked }).split(MARK);
  // even pieces are text, odd pieces name a part
  return html`${pieces.map((piece, i) => (i % 2 === 0 ? piece : ((parts as Record<string, SafeHtml>)[piece] ?? piece)))}`;
}
