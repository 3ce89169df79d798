import type { MessageKey } from './en.ts';

/**
 * Keys whose Korean text may equal the English one or have no Hangul: names, codes, formats.
 * test/i18n/catalogue.test.ts allows these and texts without letters ("{time} ({zone})").
 */
export const SAME_IN_EVERY_LANGUAGE: ReadonlySet<MessageKey> = new Set<MessageKey>([
  'common.brand',
  'common.api',
  'common.titleSuffix',
  'common.languageName.en',
  'common.languageName.ko',
]);
