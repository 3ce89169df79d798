import path from 'node:path';
import { DatabaseUrlError } from './database-url-error.ts';
import { tlsSettingsOf } from './tls-options.ts';

export type Backend = 'sqlite' | 'mysql' | 'postgres';

export interface ParsedDatabaseUrl {
  backend: Backend;
  /** sqlite: the file path (or ":memory:") */
  file?: string;
  /** server backends: the parsed URL */
  url?: URL;
  /** server backends: the logical database name */
  database?: string;
  /** server backends: every host named, in order (MySQL may name several: `h1:3306,h2:3306`) */
  hosts?: DatabaseHost[];
}

export interface DatabaseHost {
  host: string;
  port: number;
}

/**
 * Five connections per process: 3 hosts × 2 workers × 5 = 30, well inside the ~60–85
 * `max_connections` of an RDS micro instance, with room for migrations and a shell.
 */
export const DEFAULT_POOL_MAX = 5;

export { DatabaseUrlError };

/** Parses `sqlite:PATH`, `mysql://…`, `mariadb://…`, `postgres://…`, `postgresql://…`. */
export function parseDatabaseUrl(raw: string): ParsedDatabaseUrl {
  const text = raw.trim();
  if (text.startsWith('sqlite:')) {
    let file = text.slice('sqlite:'.length);
    if (file.startsWith('//')) file = file.slice(2);
    if (!file) throw new DatabaseUrlError('sqlite URL needs a path, e.g. sqlite:./data/tablebookings.db');
    return { backend: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  const { single, extraHosts } = splitHosts(text);
  let url: URL;
  try {
    url = new URL(single);
  } catch {
    throw new DatabaseUrlError('is not a valid URL (expected sqlite:PATH, mysql://… or postgres://…)');
  }
  const scheme = url.protocol.replace(/:$/, '');
  const backend: Backend | undefined =
    scheme === 'mysql' || scheme === 'mariadb'
      ? 'mysql'
      : scheme === 'postgres' || scheme === 'postgresql'
        ? 'postgres'
        : undefined;
  if (!backend) throw new DatabaseUrlError(`has unknown scheme "${scheme}:" (use sqlite:, mysql:// or postgres://)`);
  if (!url.hostname) throw new DatabaseUrlError('has no host name');
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw new DatabaseUrlError('names no database (add /dbname to the URL)');
  if (!/^[A-Za-z0-9_$-]{1,63}$/.test(database)) {
    throw new DatabaseUrlError(`has an unsupported database name "${database}" (letters, digits, _ $ - only)`);
  }
  if (extraHosts.length > 0 && backend !== 'mysql') {
    throw new DatabaseUrlError('names several hosts, which only mysql:// URLs support (use one PostgreSQL endpoint)');
  }
  tlsSettingsOf(backend, url.searchParams); // refuses unknown or misspelled options up front
  const defaultPort = backend === 'mysql' ? 3306 : 5432;
  const first: DatabaseHost = { host: url.hostname, port: url.port ? Number(url.port) : defaultPort };
  const hosts = [first, ...extraHosts.map((h) => parseHost(h, defaultPort))];
  return { backend, url, database, hosts };
}

/**
 * `scheme://user:pass@h1:3306,h2:3306/db` is no WHATWG URL: keep the first host in the
 * URL and return the others (`h2:3306`) separately.
 */
function splitHosts(text: string): { single: string; extraHosts: string[] } {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*@)?([^/?#@]*)(.*)$/is.exec(text);
  if (!match || !match[3].includes(',')) return { single: text, extraHosts: [] };
  const [first, ...rest] = match[3].split(',');
  if (!first || rest.some((h) => h === ''))
    throw new DatabaseUrlError('has an empty host in its host list (h1:3306,h2:3306)');
  return { single: `${match[1]}${match[2] ?? ''}${first}${match[4]}`, extraHosts: rest };
}

function parseHost(text: string, defaultPort: number): DatabaseHost {
  const match = /^(\[[0-9a-f:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?$/i.exec(text);
  const port = match?.[2] ? Number(match[2]) : defaultPort;
  if (!match || port < 1 || port > 65535) throw new DatabaseUrlError(`has an invalid host "${text}" in its host list`);
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

/** The URL with the password replaced, for messages and logs. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return raw.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}
