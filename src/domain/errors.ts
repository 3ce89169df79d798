import type { ParamValue } from '../i18n/catalogue-types.ts';
import type { Locale } from '../i18n/locale.ts';
import { translate, type MessageKey } from '../i18n/translate.ts';

/**
 * Errors are values with codes. Only src/http/errors.ts maps a code to a status.
 */
export type ErrorCode =
  | 'validation' // input fails a rule (422)
  | 'malformed' // unparseable input (400)
  | 'unauthenticated' // no session / no token (401)
  | 'forbidden' // signed in but not allowed (403)
  | 'not_found' // unknown thing, or wrong token (404)
  | 'slot_unavailable' // a valid time with no free table (409, carries alternatives)
  | 'conflict' // state conflict: cut-off passed, refused status change, duplicate (409)
  | 'idempotency_mismatch' // same key, other body (422)
  | 'rate_limited' // 429, carries retryAfterSeconds
  | 'unavailable'; // database unreachable (503)

export interface FieldError {
  field: string;
  /** English text (the API default) */
  message: string;
  /** the catalogue text of `message`, rendered in the request's language by the transport */
  key?: MessageKey;
  params?: Readonly<Record<string, ParamValue>>;
}

export interface Alternative {
  time: string;
  startsAt: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly errors?: FieldError[];
  readonly alternatives?: Alternative[];
  readonly retryAfterSeconds?: number;
  /** the catalogue text of `message` (src/i18n), rendered in the request's language by the transport */
  readonly messageKey?: MessageKey;
  readonly messageParams?: Readonly<Record<string, ParamValue>>;

  /** `message` is the English text (logs, and the default); `extra.key` + `extra.params` translate it. */
  constructor(
    code: ErrorCode,
    message: string,
    extra: {
      errors?: FieldError[];
      alternatives?: Alternative[];
      retryAfterSeconds?: number;
      key?: MessageKey;
      params?: Readonly<Record<string, ParamValue>>;
    } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.errors = extra.errors;
    this.alternatives = extra.alternatives;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.messageKey = extra.key;
    this.messageParams = extra.params;
  }

  /** The text in `locale`: its key's, else (all field errors keyed) theirs, else the English message. */
  text(locale: Locale): string {
    if (this.messageKey) return translate(locale, this.messageKey, this.messageParams);
    const errors = this.errors ?? [];
    if (errors.length > 0 && errors.every((e) => e.key)) return errors.map((e) => fieldText(e, locale)).join('; ');
    return this.message;
  }
}

/** A field error's text in `locale` (its English `message` when it has no catalogue key). */
export function fieldText(error: FieldError, locale: Locale): string {
  return error.key ? translate(locale, error.key, error.params) : error.message;
}

export function validationError(
  field: string,
  message: string,
  key?: MessageKey,
  params?: Readonly<Record<string, ParamValue>>,
): DomainError {
  return new DomainError('validation', message, { errors: [{ field, message, key, params }], key, params });
}
