import path from 'node:path';

export type Backend = 'sqlite' | 'mysql' | 'postgres';

export interface ParsedDatabaseUrl {
  backend: Backend;
  /** sqlite: the file path (or ":memory:") */
  file?: string;
  /** server backends: the parsed URL */
  url?: URL;
  /** server backends: the logical database name */
  database?: string;
}

export class DatabaseUrlError extends Error {}

/** Parses `sqlite:PATH`, `mysql://…`, `mariadb://…`, `postgres://…`, `postgresql://…`. */
export function parseDatabaseUrl(raw: string): ParsedDatabaseUrl {
  const text = raw.trim();
  if (text.startsWith('sqlite:')) {
    let file = text.slice('sqlite:'.length);
    if (file.startsWith('//')) file = file.slice(2);
    if (!file) throw new DatabaseUrlError('sqlite URL needs a path, e.g. sqlite:./data/tablebookings.db');
    return { backend: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  let url: URL;
  try {
    url = new URL(text);
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
  return { backend, url, database };
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
