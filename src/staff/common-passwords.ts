import { createRequire } from 'node:module';
import type * as LanguageCommon from '@zxcvbn-ts/language-common';

/** The dictionary (a few MB) is loaded on the first password check, not at every start. */
const load = createRequire(import.meta.url);

/**
 * The ~49,000 commonest passwords of the zxcvbn-ts common dictionary (leaked-password
 * frequency lists), lower-cased. A new password that is one of them is refused.
 */
let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(
    (load('@zxcvbn-ts/language-common') as typeof LanguageCommon).dictionary['passwords-common'].map((p) =>
      p.toLowerCase(),
    ),
  );
  return common.has(password.toLowerCase());
}
