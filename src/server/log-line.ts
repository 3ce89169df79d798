import os from 'node:os';

/** pino's numeric levels, so primary-process lines sit well beside the workers' own logs. */
const LEVELS = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
export type LogLevel = keyof typeof LEVELS;

export type LogFn = (level: LogLevel, msg: string, extra?: Record<string, unknown>) => void;

/** One JSON log line in pino's shape on stdout (the cluster primary has no Fastify logger). */
export function createLogLine(minLevel: string, write: (line: string) => void = (l) => process.stdout.write(l)): LogFn {
  const threshold = minLevel === 'silent' ? Infinity : (LEVELS[minLevel as LogLevel] ?? (minLevel === 'trace' ? 10 : 30));
  return (level, msg, extra = {}) => {
    if (LEVELS[level] < threshold) return;
    const line = { level: LEVELS[level], time: Date.now(), pid: process.pid, hostname: os.hostname(), role: 'primary', ...extra, msg };
    write(JSON.stringify(line) + '\n');
  };
}
