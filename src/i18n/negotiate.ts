import { DEFAULT_LOCALE, isLocale, type Locale } from './locale.ts';

/** What a request says about its language (SPEC §9.3), in order of precedence. */
export interface LocaleHints {
  /** `?lang=` */
  query?: unknown;
  /** the `lang` cookie */
  cookie?: unknown;
  /** the `Accept-Language` header */
  acceptLanguage?: string | string[];
  /** the restaurant's `locale`, on its own pages */
  restaurant?: unknown;
}

export interface Negotiated {
  locale: Locale;
  /** true when `?lang=` chose it: remember it in the `lang` cookie */
  remember: boolean;
}

/** RFC 9110 qvalue: 0 to 1 with up to three decimals; anything else makes the range void. */
function qValue(text: string): number {
  return /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(text) ? Number(text) : Number.NaN;
}

/** The first supported language of an Accept-Language header, by q-value; null when none fits. */
export function bestAcceptedLocale(header: string | string[] | undefined): Locale | null {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const ranges = value
    .split(',')
    .map((part, index) => {
      const [tag, ...attrs] = part.trim().split(';');
      const q = attrs.map((a) => a.trim()).find((a) => /^q=/i.test(a));
      return { primary: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : qValue(q.slice(2)), index };
    })
    .filter((r) => r.primary && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranges.find((r) => isLocale(r.primary))?.primary as Locale | undefined) ?? null;
}

/** `?lang=` → `lang` cookie → Accept-Language → restaurant's locale → en. */
export function negotiateLocale(hints: LocaleHints): Negotiated {
  if (isLocale(hints.query)) return { locale: hints.query, remember: true };
  if (isLocale(hints.cookie)) return { locale: hints.cookie, remember: false };
  const accepted = bestAcceptedLocale(hints.acceptLanguage);
  if (accepted) return { locale: accepted, remember: false };
  if (isLocale(hints.restaurant)) return { locale: hints.restaurant, remember: false };
  return { locale: DEFAULT_LOCALE, remember: false };
}
