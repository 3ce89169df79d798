import autocannon from 'autocannon';
import { availabilityDates, availabilityPath, bookingDates, bookingRequest } from './plan.ts';

/**
 * The load generator, run as its own process by bench/load.ts:
 *   node --import tsx bench/load-client.ts '{"url":…,"kind":"availability"|"booking",…}'
 * Prints one JSON line (LoadResult) on stdout.
 */

export interface LoadSpec {
  url: string;
  kind: 'availability' | 'booking';
  connections: number;
  durationSec: number;
  /** index of the first request in the plan (booking runs continue where the warm-up stopped) */
  offset: number;
}

export interface LoadResult {
  requestsPerSec: number;
  /** latency of 2xx responses, ms */
  p50: number;
  p99: number;
  mean: number;
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  /** requests built by the plan: the next run's offset */
  planned: number;
  durationSec: number;
  /** CPU the load generator itself used, in cores (1 = one core busy all the time) */
  clientCores: number;
}

type Req = { method?: string; path?: string; body?: string | Buffer; headers?: Record<string, string> };

function setupFor(spec: LoadSpec, counter: { n: number }): (req: Req) => Req | undefined {
  if (spec.kind === 'availability') {
    const dates = availabilityDates();
    return (req) => ({ ...req, method: 'GET', path: availabilityPath(counter.n++, dates) });
  }
  const dates = bookingDates();
  return (req) => {
    const next = bookingRequest(counter.n++, dates);
    if (!next) return undefined;
    return {
      ...req,
      method: 'POST',
      path: next.path,
      body: next.body,
      headers: { ...req.headers, 'content-type': 'application/json' },
    };
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Exact percentile (ms, 2 decimals) of sorted 2xx latencies; autocannon's own histogram keeps whole ms only. */
function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as LoadSpec;
  const counter = { n: spec.offset };
  const cpuBefore = process.cpuUsage();
  const latencies: number[] = [];
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSec,
    pipelining: 1,
    timeout: 10,
    requests: [{ setupRequest: setupFor(spec, counter) as never }],
  });
  instance.on('response', (_client, statusCode, _bytes, ms) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(ms);
  });
  const result = await instance;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const statusCounts: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {}))
    statusCounts[code] = (stats as { count: number }).count;
  const out: LoadResult = {
    requestsPerSec: result.requests.average,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
    statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
    planned: counter.n,
    durationSec: result.duration,
    clientCores: round((cpu.user + cpu.system) / 1e6 / Math.max(0.001, result.duration)),
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

await main();
