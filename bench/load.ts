import type { LoadResult, LoadSpec } from './load-client.ts';
import { startProcess } from './processes.ts';

export type { LoadResult, LoadSpec };

/** Runs autocannon in its own process (bench/load-client.ts) and returns its summary. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const proc = startProcess('autocannon', ['--import', 'tsx', 'bench/load-client.ts', JSON.stringify(spec)]);
  const { code } = await proc.exited;
  const line = proc.stdout().trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`load generator failed (exit ${code}):\n${proc.output()}`);
  return JSON.parse(line) as LoadResult;
}

/** Count of responses with this status class or code ("2xx" or "201"). */
export function countStatus(result: LoadResult, status: string): number {
  return Object.entries(result.statusCounts)
    .filter(([code]) => code === status || (status.endsWith('xx') && code[0] === status[0]))
    .reduce((sum, [, n]) => sum + n, 0);
}

export function totalResponses(result: LoadResult): number {
  return Object.values(result.statusCounts).reduce((a, b) => a + b, 0);
}

export function formatStatuses(result: LoadResult): string {
  const parts = Object.entries(result.statusCounts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${code}: ${n}`);
  if (result.errors) parts.push(`socket errors: ${result.errors}`);
  if (result.timeouts) parts.push(`timeouts: ${result.timeouts}`);
  return parts.join(', ') || '—';
}
