/** The languages of pages, emails, calendar files and problem texts (SPEC §9.3). */
export const LOCALES = ['en', 'ko'] as const;

export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The BCP 47 tag handed to Intl for each language (en-GB: day-month order and 24-hour times). */
export const INTL_TAGS: Record<Locale, string> = { en: 'en-GB', ko: 'ko-KR' };
