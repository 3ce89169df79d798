import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The ~49,000 commonest passwords of the zxcvbn-ts common dictionary (leaked-password
 * frequency lists), lower-cased. A new password that is one of them is refused.
 */
let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}
