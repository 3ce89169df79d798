import { parseTrustProxy } from '../config/network.ts';
import { createDb } from '../db/connect.ts';
import { parseDatabaseUrl, redactUrl } from '../config/database-url.ts';
import { describeConnectError } from '../db/errors.ts';
import { isSchemaCurrent, migrationStatus } from '../db/migrate.ts';
import { connectionInfo } from '../db/queries/connection-info.ts';
import { tlsSettingsOf } from '../config/tls-options.ts';
import { accountsWithDemoPassword, demoPasswordAdvice } from '../staff/demo-credentials.ts';

/** One line of `tablebookings check`. FAIL makes the command exit 1; warn does not. */
export interface CheckLine {
  status: 'ok' | 'warn' | 'FAIL';
  name: string;
  detail: string;
}

const line = (status: CheckLine['status'], name: string, detail: string): CheckLine => ({ status, name, detail });
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

export function checkSecretKey(env: NodeJS.ProcessEnv): CheckLine {
  const key = env.SECRET_KEY ?? '';
  if (!key)
    return line(
      'FAIL',
      'SECRET_KEY',
      'not set: production refuses to start; generate one with `openssl rand -hex 32` and give every app server the same',
    );
  if (key.length < 32)
    return line(
      'FAIL',
      'SECRET_KEY',
      `only ${key.length} characters: use at least 32 random ones (\`openssl rand -hex 32\`)`,
    );
  return line('ok', 'SECRET_KEY', `set (${key.length} characters)`);
}

export function checkBaseUrl(env: NodeJS.ProcessEnv): CheckLine {
  if (!env.BASE_URL)
    return line(
      'FAIL',
      'BASE_URL',
      'not set: links in emails would point at http://HOST:PORT; set the public https:// address',
    );
  let url: URL;
  try {
    url = new URL(env.BASE_URL);
  } catch {
    return line('FAIL', 'BASE_URL', `not a URL: "${env.BASE_URL}"`);
  }
  if (url.protocol !== 'https:')
    return line('FAIL', 'BASE_URL', `${url.origin} is not https: cookies would not be Secure and no HSTS is sent`);
  if (LOOPBACK.test(url.hostname))
    return line('FAIL', 'BASE_URL', `${url.origin} is this machine, not the public address`);
  return line('ok', 'BASE_URL', `${url.origin} (Secure cookies, HSTS)`);
}

export function checkTrustProxy(env: NodeJS.ProcessEnv): CheckLine {
  let trust;
  try {
    trust = parseTrustProxy(env.TRUST_PROXY);
  } catch (error) {
    return line('FAIL', 'TRUST_PROXY', (error as Error).message.replace(/^TRUST_PROXY /, ''));
  }
  if (trust === false)
    return line(
      'warn',
      'TRUST_PROXY',
      'off: behind a load balancer every client would share its address (rate limits); set 1, or the balancer addresses',
    );
  if (typeof trust === 'number')
    return line(
      'ok',
      'TRUST_PROXY',
      `${trust} hop${trust === 1 ? '' : 's'}: the client address is the one the nearest ${trust === 1 ? 'proxy' : `${trust} proxies`} saw`,
    );
  return line('ok', 'TRUST_PROXY', `only these peers: ${trust.join(', ')}`);
}

export function checkNodeEnv(env: NodeJS.ProcessEnv): CheckLine {
  return env.NODE_ENV === 'production'
    ? line('ok', 'NODE_ENV', 'production (demo data refused, SECRET_KEY required)')
    : line('warn', 'NODE_ENV', `"${env.NODE_ENV ?? ''}": set NODE_ENV=production on the servers`);
}

/** Database reachable with the TLS it asked for, migrations current, no published demo password. */
export async function checkDatabase(databaseUrl: string): Promise<CheckLine[]> {
  let parsed;
  try {
    parsed = parseDatabaseUrl(databaseUrl);
  } catch (error) {
    return [line('FAIL', 'database', `DATABASE_URL ${(error as Error).message}`)];
  }
  const tls = tlsSettingsOf(parsed.backend, parsed.url?.searchParams ?? new URLSearchParams());
  const database = createDb(databaseUrl, { poolMax: 1, acquireTimeoutMs: 5_000 });
  try {
    let info;
    try {
      info = await connectionInfo(database.db, parsed.backend);
    } catch (error) {
      const asked = tls.mode === 'off' ? '' : ` with TLS (${tls.mode})`;
      return [
        line('FAIL', 'database', `${redactUrl(databaseUrl)} not reachable${asked}: ${describeConnectError(error)}`),
      ];
    }
    return [
      databaseLine(parsed.backend, parsed.hosts?.[0]?.host ?? '', tls.mode, info),
      await migrationsLine(database.db),
      await demoLine(database.db),
    ];
  } finally {
    await database.close().catch(() => {});
  }
}

function databaseLine(
  backend: string,
  host: string,
  mode: string,
  info: { encrypted?: boolean; version: string },
): CheckLine {
  if (backend === 'sqlite')
    return line('warn', 'database', `${info.version} file: serves app servers on this one host only`);
  if (mode !== 'off' && !info.encrypted)
    return line(
      'FAIL',
      'database',
      `${info.version} at ${host}: TLS (${mode}) was asked for but the connection is not encrypted`,
    );
  if (mode === 'off' && !LOOPBACK.test(host)) {
    const hint = backend === 'mysql' ? '?ssl-mode=VERIFY_IDENTITY&ssl-ca=/path/to/ca.pem' : '?sslmode=verify-full';
    return line('FAIL', 'database', `${info.version} at ${host} in plaintext: add ${hint} to DATABASE_URL`);
  }
  return line(
    'ok',
    'database',
    `${info.version} at ${host}, ${mode === 'off' ? 'plaintext (this machine)' : `TLS ${mode}, encrypted`}`,
  );
}

async function migrationsLine(db: Parameters<typeof isSchemaCurrent>[0]): Promise<CheckLine> {
  if (await isSchemaCurrent(db)) return line('ok', 'migrations', 'current');
  const pending = (await migrationStatus(db)).filter((m) => !m.executedAt).map((m) => m.name);
  return line(
    'FAIL',
    'migrations',
    `${pending.length} pending (${pending.join(', ')}): run \`tablebookings db migrate\``,
  );
}

async function demoLine(db: Parameters<typeof accountsWithDemoPassword>[0]): Promise<CheckLine> {
  const accounts = await accountsWithDemoPassword(db).catch(() => undefined);
  if (accounts === undefined)
    return line('FAIL', 'demo passwords', 'could not read the staff accounts (are the migrations applied?)');
  if (accounts.length) return line('FAIL', 'demo passwords', demoPasswordAdvice(accounts).replace(/\n\s*/g, ' '));
  return line('ok', 'demo passwords', 'no account has the published demo password');
}
