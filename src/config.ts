import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_POOL_MAX, parseDatabaseUrl, DatabaseUrlError } from './config/database-url.ts';
import { metricsToken, NetworkConfigError, parseTrustProxy, type TrustProxy } from './config/network.ts';

export type { TrustProxy };

export interface Config {
  readonly databaseUrl: string;
  readonly port: number;
  readonly host: string;
  readonly workers: number;
  readonly secretKey: string;
  readonly bookingRateLimit: number;
  readonly loginRateLimit: boolean;
  readonly baseUrl: string;
  readonly smtpUrl?: string;
  readonly logLevel: string;
  /** false, a hop count, or the exact peers (addresses / CIDRs) whose X-Forwarded-For is believed */
  readonly trustProxy: TrustProxy;
  /** guest bookings per email address per 24 h (0 = off; off too when bookingRateLimit is 0) */
  readonly bookingEmailLimit: number;
  /** when set, /metrics also answers `Authorization: Bearer <metricsToken>` from any address */
  readonly metricsToken?: string;
  /** a request (headers and body) must arrive within this long, ms */
  readonly requestTimeoutMs: number;
  /** LOG_FORMAT: json, pretty, or auto (pretty when stdout is a terminal) */
  readonly logFormat: 'auto' | 'json' | 'pretty';
  readonly production: boolean;
  readonly poolMax: number;
  /** DATABASE_READ_URL: a read replica (same backend as databaseUrl, never SQLite) */
  readonly readDatabaseUrl?: string;
  /** DATABASE_READ_MAX_LAG_S: a replica further behind than this is skipped (default 5) */
  readonly readMaxLagS: number;
}

/** A bad setting: the CLI prints `message` alone, as one line, and exits 1. */
export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Guest bookings per email address per 24 hours (docs/security.md). */
export const DEFAULT_BOOKING_EMAIL_LIMIT = 20;

function asConfigError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof NetworkConfigError) throw Object.setPrototypeOf(error, ConfigError.prototype);
    throw error;
  }
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/tablebookings.db';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false (got "${env[name]}")`);
}

export function parseWorkers(raw: string | undefined, cores: number): number {
  if (raw === undefined || raw === '') return 1;
  if (raw === 'auto') return Math.max(1, cores);
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 256) {
    throw new ConfigError('WORKERS', `must be a number from 1 to 256 or "auto" (got "${raw}")`);
  }
  return Number(raw);
}

const MIN_SECRET_LENGTH = 16;

/** Reads data/secret-key; refuses one that is empty or too short (a truncated or hand-edited file). */
function readKeyFile(file: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
  if (text.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      'SECRET_KEY',
      `is not set and ${file} is empty or shorter than ${MIN_SECRET_LENGTH} characters: delete that file to make a new key (signs everyone out), or set SECRET_KEY`,
    );
  }
  return text;
}

/** Writes a new key atomically (link of a complete temporary file), so no process ever reads it half-written. */
function createKeyFile(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, crypto.randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  return readKeyFile(file)!;
}

function secretKey(env: NodeJS.ProcessEnv, production: boolean, cwd: string): string {
  const given = env.SECRET_KEY;
  if (given !== undefined && given !== '') {
    if (given.trim().length < MIN_SECRET_LENGTH)
      throw new ConfigError('SECRET_KEY', `must be at least ${MIN_SECRET_LENGTH} characters long`);
    return given;
  }
  if (production)
    throw new ConfigError('SECRET_KEY', 'is required when NODE_ENV=production (e.g. `openssl rand -hex 32`)');
  const file = path.join(cwd, 'data', 'secret-key');
  return readKeyFile(file) ?? createKeyFile(file);
}

/** DATABASE_READ_URL, checked: a server URL of the same backend as DATABASE_URL. */
function readReplicaUrl(env: NodeJS.ProcessEnv, databaseUrl: string): string | undefined {
  const raw = env.DATABASE_READ_URL?.trim();
  if (!raw) return undefined;
  let backend: string;
  try {
    backend = parseDatabaseUrl(raw).backend;
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new ConfigError('DATABASE_READ_URL', error.message);
    throw error;
  }
  const primary = parseDatabaseUrl(databaseUrl).backend;
  if (backend === 'sqlite' || primary === 'sqlite')
    throw new ConfigError(
      'DATABASE_READ_URL',
      'needs MySQL/MariaDB or PostgreSQL in DATABASE_URL and DATABASE_READ_URL (SQLite has no replicas)',
    );
  if (backend !== primary)
    throw new ConfigError(
      'DATABASE_READ_URL',
      `must be the same kind of database as DATABASE_URL (${primary}, got ${backend})`,
    );
  return raw;
}

/** Reads the environment once into a frozen Config, or throws ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), cores = 1): Config {
  const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  try {
    parseDatabaseUrl(databaseUrl);
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new ConfigError('DATABASE_URL', error.message);
    throw error;
  }
  const readDatabaseUrl = readReplicaUrl(env, databaseUrl);
  const production = env.NODE_ENV === 'production';
  const port = integer(env, 'PORT', 8000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const logFormat = env.LOG_FORMAT || 'auto';
  if (logFormat !== 'auto' && logFormat !== 'json' && logFormat !== 'pretty')
    throw new ConfigError('LOG_FORMAT', 'must be json, pretty or auto');
  const baseUrl = (env.BASE_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigError('BASE_URL', `is not a valid URL (got "${env.BASE_URL}")`);
  }
  if (env.SMTP_URL && !/^smtps?:\/\//.test(env.SMTP_URL)) {
    throw new ConfigError('SMTP_URL', 'must start with smtp:// or smtps://');
  }
  return Object.freeze({
    databaseUrl,
    port,
    host,
    workers: parseWorkers(env.WORKERS, cores),
    secretKey: secretKey(env, production, cwd),
    bookingRateLimit: integer(env, 'BOOKING_RATE_LIMIT', 60, 0, 1_000_000),
    loginRateLimit: env.LOGIN_RATE_LIMIT === undefined ? true : flag(env, 'LOGIN_RATE_LIMIT', true),
    baseUrl,
    smtpUrl: env.SMTP_URL || undefined,
    logLevel,
    trustProxy: asConfigError(() => parseTrustProxy(env.TRUST_PROXY)),
    bookingEmailLimit: integer(env, 'BOOKING_EMAIL_LIMIT', DEFAULT_BOOKING_EMAIL_LIMIT, 0, 1_000_000),
    metricsToken: asConfigError(() => metricsToken(env.METRICS_TOKEN)),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_S', 30, 1, 3600) * 1000,
    logFormat,
    production,
    poolMax: integer(env, 'DATABASE_POOL_MAX', DEFAULT_POOL_MAX, 1, 1000),
    readDatabaseUrl,
    readMaxLagS: integer(env, 'DATABASE_READ_MAX_LAG_S', 5, 0, 86_400),
  });
}
