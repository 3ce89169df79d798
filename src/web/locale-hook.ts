import type { FastifyInstance } from 'fastify';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/locale.ts';
import { bestAcceptedLocale, negotiateLocale } from '../i18n/negotiate.ts';

/** The cookie that remembers `?lang=` (SPEC §9.3). */
export const LANG_COOKIE = 'lang';
const ONE_YEAR_S = 365 * 24 * 3600;

declare module 'fastify' {
  interface FastifyRequest {
    /** the request's language from ?lang, the lang cookie or Accept-Language; else en */
    locale: Locale;
    /** true when the request itself stated its language (then a restaurant's locale does not override it) */
    localeStated: boolean;
  }
}

/**
 * Negotiates every request's language before anything else runs, so problem texts, error pages
 * and pages agree. `?lang=en|ko` is remembered in the `lang` cookie.
 */
export function installLocaleHook(app: FastifyInstance): void {
  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.decorateRequest('localeStated', false);
  app.addHook('onRequest', async (request, reply) => {
    const query = (request.query as Record<string, unknown> | undefined)?.lang;
    const cookie = request.cookies?.[LANG_COOKIE];
    const negotiated = negotiateLocale({ query, cookie, acceptLanguage: request.headers['accept-language'] });
    request.locale = negotiated.locale;
    request.localeStated =
      isLocale(query) || isLocale(cookie) || bestAcceptedLocale(request.headers['accept-language']) !== null;
    if (negotiated.remember && cookie !== negotiated.locale) {
      reply.setCookie(LANG_COOKIE, negotiated.locale, {
        path: '/',
        maxAge: ONE_YEAR_S,
        sameSite: 'lax',
        httpOnly: true,
      });
    }
  });
}
