import os from 'node:os';

/** pino's numeric levels, so primary-process lines sit well beside the workers' own logs. */
const LEVELS = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
export type LogLevel = keyof typeof LEVELS;

export type LogFn = (level: LogLevel, msg: string, extra?: Record<string, unknown>) => void;

/** A readable line for a terminal, close to pino-pretty's (the workers' lines beside it). */
function prettyLine(level: LogLevel, msg: string, extra: Record<string, unknown>): string {
  const time = new Date().toISOString().slice(11, 23);
  const fields = Object.entries(extra).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return `[${time}] ${level.toUpperCase()} (primary): ${msg}${fields.length ? ' ' + fields.join(' ') : ''}\n`;
}

/**
 * One log line on stdout (the cluster primary has no Fastify logger): JSON in pino's shape, or
 * a readable line when `format` is pretty, or auto and stdout is a terminal (LOG_FORMAT).
 */
export function createLogLine(
  minLevel: string,
  write: (line: string) => void = (l) => process.stdout.write(l),
  format = 'json',
): LogFn {
  const threshold =
    minLevel === 'silent' ? Infinity : (LEVELS[minLevel as LogLevel] ?? (minLevel === 'trace' ? 10 : 30));
  const pretty = format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true);
  return (level, msg, extra = {}) => {
    if (LEVELS[level] < threshold) return;
    if (pretty) return write(prettyLine(level, msg, extra));
    const line = {
      level: LEVELS[level],
      time: Date.now(),
      pid: process.pid,
      hostname: os.hostname(),
      role: 'primary',
      ...extra,
      msg,
    };
    write(JSON.stringify(line) + '\n');
  };
}
