/**
 * The shape of a message catalogue. English (src/i18n/en/*) is the source of keys and of
 * placeholders; every other language is typed `Translation<typeof <english part>>`, so tsc
 * fails when a key is missing or extra. test/i18n/catalogue.test.ts checks what types cannot:
 * no empty text, the same placeholders in both languages, no Korean left in English.
 */

/** Texts that depend on a count: Intl.PluralRules picks the form; `other` is always there. */
export interface PluralForms {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

export type Message = string | PluralForms;

/** A part of the English catalogue. Use `as const satisfies Messages` so placeholders are typed. */
export type Messages = Readonly<Record<string, Message>>;

/** The same keys as English; any message may be plain text or plural forms in another language. */
export type Translation<T extends Messages> = { readonly [K in keyof T]: Message };

/** "{name} booked {party}" → "name" | "party". */
export type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

export type MessagePlaceholders<M> = M extends string
  ? Placeholders<M>
  : M extends PluralForms
    ? 'count' | Placeholders<M[keyof M]>
    : never;

export type ParamValue = string | number;
