import type { Message, MessagePlaceholders, ParamValue } from './catalogue-types.ts';
import { en, type MessageKey } from './en.ts';
import { ko } from './ko.ts';
import { INTL_TAGS, type Locale } from './locale.ts';

export type { MessageKey } from './en.ts';

const CATALOGUES: Record<Locale, Readonly<Record<MessageKey, Message>>> = { en, ko };

export type MessageParams<K extends MessageKey> = Record<MessagePlaceholders<(typeof en)[K]>, ParamValue>;

/** No second argument for a text without placeholders; a typed object for one with them. */
export type ParamArgs<K extends MessageKey> = [MessagePlaceholders<(typeof en)[K]>] extends [never]
  ? []
  : [params: MessageParams<K>];

export type Translate = <K extends MessageKey>(key: K, ...params: ParamArgs<K>) => string;

const pluralRules = new Map<Locale, Intl.PluralRules>();

function pluralForm(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(INTL_TAGS[locale])));
  return rules.select(count);
}

function interpolate(text: string, params: Readonly<Record<string, ParamValue>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The text for `key` in `locale`, placeholders filled in. Loosely typed for keys carried as data
 * (DomainError, stored outcomes); prefer `t`, which checks the params against the English text.
 */
export function translate(locale: Locale, key: MessageKey, params: Readonly<Record<string, ParamValue>> = {}): string {
  const message = CATALOGUES[locale][key] ?? en[key];
  if (typeof message === 'string') return interpolate(message, params);
  const count = Number(params.count ?? 0);
  const form = pluralForm(locale, count);
  return interpolate(message[form] ?? message.other, params);
}

/** `t('ko', 'guest.partySize', { count: 4 })` → "4명". Plain text: escape it where it goes into HTML. */
export function t<K extends MessageKey>(locale: Locale, key: K, ...params: ParamArgs<K>): string {
  return translate(locale, key, params[0] as Readonly<Record<string, ParamValue>> | undefined);
}

/** `t` bound to one language, for a view or an email that renders many texts. */
export function translator(locale: Locale): Translate {
  return (key, ...params) => translate(locale, key, params[0] as Readonly<Record<string, ParamValue>> | undefined);
}

/** True when `key` names a message (for keys that arrive as strings, e.g. from stored rows). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
