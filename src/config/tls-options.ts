import type { Backend } from './database-url.ts';
import { DatabaseUrlError } from './database-url-error.ts';

/**
 * TLS settings of a server DATABASE_URL, read strictly: an unknown, misspelled, repeated or
 * contradictory option is refused instead of meaning "plaintext" (issue 11). Modes:
 * - off: no TLS (`ssl=false`, MySQL `ssl-mode=DISABLED`, PostgreSQL `sslmode=disable`, or nothing)
 * - require: encrypted, certificate not checked (MySQL `ssl-mode=REQUIRED`, PostgreSQL `sslmode=require`)
 * - verify-ca: the certificate must chain to the CA, any host name (`VERIFY_CA`, `verify-ca`)
 * - verify-full: chain and host name (`VERIFY_IDENTITY`, `verify-full`, `ssl=true`, or a CA file alone)
 * "Preferred" modes (MySQL PREFERRED, PostgreSQL allow/prefer) are refused: they fall back to
 * plaintext without a word.
 */
export type TlsMode = 'off' | 'require' | 'verify-ca' | 'verify-full';

export interface TlsSettings {
  mode: TlsMode;
  /** a CA bundle file (e.g. the RDS global bundle) */
  caFile?: string;
}

const OPTIONS: Record<'mysql' | 'postgres', { mode: string[]; ca: string[] }> = {
  mysql: { mode: ['ssl', 'ssl-mode'], ca: ['ssl-ca', 'sslca'] },
  postgres: { mode: ['ssl', 'sslmode'], ca: ['sslrootcert', 'ssl-ca'] },
};

const SSL_FLAG: Record<string, TlsMode> = {
  true: 'verify-full',
  1: 'verify-full',
  required: 'verify-full',
  require: 'verify-full',
  false: 'off',
  0: 'off',
  off: 'off',
};
const MYSQL_MODES: Record<string, TlsMode> = {
  disabled: 'off',
  required: 'require',
  verify_ca: 'verify-ca',
  verify_identity: 'verify-full',
};
const PG_MODES: Record<string, TlsMode> = {
  disable: 'off',
  require: 'require',
  'verify-ca': 'verify-ca',
  'verify-full': 'verify-full',
};

function modeOf(backend: 'mysql' | 'postgres', name: string, value: string): TlsMode {
  const key = value.trim().toLowerCase();
  const table = name === 'ssl' ? SSL_FLAG : backend === 'mysql' ? MYSQL_MODES : PG_MODES;
  const mode = table[key];
  if (mode) return mode;
  const accepted =
    name === 'ssl'
      ? 'true or false'
      : backend === 'mysql'
        ? 'DISABLED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY'
        : 'disable, require, verify-ca or verify-full';
  const why = /^(preferred|prefer|allow)$/.test(key) ? ' (it falls back to plaintext silently)' : '';
  throw new DatabaseUrlError(`has ${name}=${value}, which is not accepted${why}: use ${accepted}`);
}

/** The TLS settings of a mysql:// or postgres:// URL, or a DatabaseUrlError naming the bad option. */
export function tlsSettingsOf(backend: Backend, params: URLSearchParams): TlsSettings {
  if (backend === 'sqlite') return { mode: 'off' };
  const known = OPTIONS[backend];
  const all = [...known.mode, ...known.ca];
  const names = [...params.keys()];
  for (const name of names) {
    if (!all.includes(name))
      throw new DatabaseUrlError(`has an unknown option "${name}" (${backend} URLs accept ${all.join(', ')})`);
    if (params.getAll(name).length > 1) throw new DatabaseUrlError(`repeats the option "${name}"`);
  }
  const modes = known.mode.filter((n) => params.has(n)).map((n) => modeOf(backend, n, params.get(n)!));
  if (new Set(modes).size > 1)
    throw new DatabaseUrlError(
      `has contradictory TLS options (${known.mode.filter((n) => params.has(n)).join(' and ')})`,
    );
  const caNames = known.ca.filter((n) => params.has(n));
  if (caNames.length > 1) throw new DatabaseUrlError(`names the CA file twice (${caNames.join(' and ')})`);
  const caFile = caNames.length ? params.get(caNames[0])! : undefined;
  if (caNames.length && !caFile) throw new DatabaseUrlError(`has an empty ${caNames[0]}`);
  const mode = modes[0] ?? (caFile ? 'verify-full' : 'off');
  if (mode === 'off' && caFile) throw new DatabaseUrlError(`turns TLS off but names a CA file (${caNames[0]})`);
  return { mode, caFile };
}
