import type { FastifyRequest } from 'fastify';
import { isLocale, type Locale } from '../i18n/locale.ts';
import { translator, type Translate } from '../i18n/translate.ts';
import type { StaffPrincipal } from '../staff/principal.ts';

/** What every page needs besides its data: its language, its own URL (for the switch), who is signed in. */
export interface PageContext {
  locale: Locale;
  /** the request's path and query, e.g. "/r/crown?date=2026-06-05" */
  url: string;
  staff: StaffPrincipal | null;
  t: Translate;
}

/**
 * The page's language (SPEC §9.3): `?lang=`, the `lang` cookie or Accept-Language (negotiated by
 * the locale hook), else the restaurant's `locale` on its own pages, else en.
 */
export function pageContext(request: FastifyRequest, restaurantLocale?: string | null): PageContext {
  const locale = request.localeStated || !isLocale(restaurantLocale) ? request.locale : restaurantLocale;
  return { locale, url: request.url, staff: request.staff ?? null, t: translator(locale) };
}

/** The same URL with `lang` set: the language switch keeps the page the guest is on. */
export function withLang(url: string, locale: Locale): string {
  const [path, query = ''] = url.split('?', 2);
  const params = new URLSearchParams(query);
  params.set('lang', locale);
  return `${path}?${params.toString()}`;
}
