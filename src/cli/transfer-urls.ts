import { parseDatabaseUrl } from '../config/database-url.ts';
import { fail } from './run-command.ts';

/**
 * Database passwords for `db copy / dump / load` come from the environment, not argv (where
 * `ps` shows them to every user of the host): a server URL without a password takes it from
 * `envName` (FROM_DATABASE_PASSWORD, TO_DATABASE_PASSWORD, DATABASE_PASSWORD). A password
 * written in an argv URL still works, with a warning.
 */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i;

function hasPassword(url: string): boolean {
  const userinfo = USERINFO.exec(url);
  return Boolean(userinfo && userinfo[2].includes(':') && userinfo[2].split(':')[1] !== '');
}

/** The warning for a password written in an argv URL (printed once the database answered). */
export function argvPasswordWarning(option: string, url: string, envName: string): string | undefined {
  if (!hasPassword(url)) return undefined;
  return `tablebookings: warning: the password in ${option} is visible to other users of this host (ps); leave it out and set ${envName} instead\n`;
}

export function withPasswordFromEnv(
  option: string,
  url: string,
  envName: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const { backend } = parseDatabaseUrl(url);
  if (backend === 'sqlite') return url;
  const userinfo = USERINFO.exec(url);
  if (hasPassword(url)) return url;
  const password = env[envName];
  if (!password) return url;
  if (!userinfo || !userinfo[2])
    fail(`${option} names no user: write it as ${backend}://USER@host/db (${envName} holds the password)`);
  const user = userinfo[2].split(':')[0];
  return `${userinfo[1]}${user}:${encodeURIComponent(password)}@${url.slice(userinfo[0].length)}`;
}
