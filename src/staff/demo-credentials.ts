import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { findStaffUserByEmail } from '../db/queries/staff-users.ts';
import { verifyPassword } from './passwords.ts';

/** The demo's staff accounts and their password, printed in the README: public knowledge. */
export const DEMO_PASSWORD = 'tablebookings-demo';
export const DEMO_EMAILS = ['admin@example.com', 'manager@example.com', 'host@example.com'] as const;

/**
 * The enabled demo accounts whose password is still the published one. Each is one scrypt
 * check (~0.1–0.3 s): cheap for these three emails, which is why only they are checked and
 * not every account (an operator who reuses the demo password elsewhere is not caught).
 */
export async function accountsWithDemoPassword(db: Kysely<DB>): Promise<string[]> {
  const found: string[] = [];
  for (const email of DEMO_EMAILS) {
    const user = await findStaffUserByEmail(db, email);
    if (user && Number(user.disabled) !== 1 && (await verifyPassword(DEMO_PASSWORD, user.password_hash)))
      found.push(user.email);
  }
  return found;
}

/** What to tell the operator about such accounts (serve refuses, db copy/load warn). */
export function demoPasswordAdvice(emails: string[]): string {
  const fixes = emails.map(
    (e) => `tablebookings staff passwd --email ${e}   (or: tablebookings staff disable --email ${e})`,
  );
  return [
    `these staff accounts still have the published demo password: ${emails.join(', ')}`,
    'fix each with',
    ...fixes.map((f) => `  ${f}`),
  ].join('\n');
}
