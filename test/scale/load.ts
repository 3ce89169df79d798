import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DateTime } from 'luxon';

/**
 * A bounded load of availability GETs and booking POSTs, as a client sees it. Each POST
 * carries its own Idempotency-Key and, like every request, is retried ONCE (same key) on
 * 502/503 or a connection error. Anything else than 200/201/409 in the end is a failure.
 */

export interface Created {
  reference: string;
  manageToken: string;
  key: string;
  name: string;
}

export interface LoadStats {
  sent: number;
  ok: number;
  failed: { what: string; outcome: string }[];
  retried: number;
  /** [time the request started (ms since load start), latency ms incl. retry] */
  latencies: [number, number][];
  /** retries by time since load start */
  retryTimes: number[];
  /** what the first attempt met, for the retried requests */
  retryReasons: Record<string, number>;
  created: Created[];
  conflicts: number;
  statuses: Record<string, number>;
}

export interface LoadOptions {
  baseUrl: string | (() => string);
  slug: string;
  clients: number;
  durationMs: number;
  /** when given, the load runs until this epoch-ms instant instead (read before each request) */
  endAt?: () => number;
  /** pause between one client's requests */
  pauseMs: number;
  /** share of requests that are booking POSTs (0–1) */
  postShare: number;
  /** request timeout; a request taking longer is a failure */
  timeoutMs?: number;
}

const GOOD = new Set([200, 201, 409]);
const RETRY = new Set([502, 503]);
const SLOT_TIMES = [
  '12:00',
  '12:15',
  '12:30',
  '12:45',
  '13:00',
  '13:15',
  '13:30',
  '18:00',
  '18:30',
  '19:00',
  '19:30',
  '20:00',
  '20:30',
  '21:00',
  '21:30',
];

function pick<T>(list: T[]): T {
  return list[crypto.randomInt(list.length)];
}

/** A local date 2–50 days ahead in London: clear of the notice period and the window. */
function futureDate(): string {
  return DateTime.now()
    .setZone('Europe/London')
    .plus({ days: 2 + crypto.randomInt(49) })
    .toISODate()!;
}

type Attempt = { status: number; body: unknown } | { error: string };

async function attempt(url: string, init: RequestInit, timeoutMs: number): Promise<Attempt> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    return { error: e.cause?.code ?? e.name ?? 'error' };
  }
}

function requestFor(options: LoadOptions): {
  what: string;
  path: string;
  init: RequestInit;
  key?: string;
  name?: string;
} {
  if (Math.random() < options.postShare) {
    const key = crypto.randomUUID();
    const name = `Load ${key}`;
    const body = {
      date: futureDate(),
      time: pick(SLOT_TIMES),
      party: 2,
      name,
      email: `load-${key.slice(0, 8)}@example.com`,
    };
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    };
    return { what: 'POST booking', path: `/api/v1/restaurants/${options.slug}/bookings`, init, key, name };
  }
  const path = `/api/v1/restaurants/${options.slug}/availability?date=${futureDate()}&party=${1 + crypto.randomInt(4)}`;
  return { what: 'GET availability', path, init: {} };
}

async function oneRequest(options: LoadOptions, stats: LoadStats, t0: number): Promise<void> {
  const req = requestFor(options);
  const started = Date.now();
  const base = () => (typeof options.baseUrl === 'function' ? options.baseUrl() : options.baseUrl);
  stats.sent++;
  let result = await attempt(base() + req.path, req.init, options.timeoutMs ?? 10_000);
  if ('error' in result || RETRY.has(result.status)) {
    stats.retried++;
    stats.retryTimes.push(Date.now() - t0);
    const reason = 'error' in result ? result.error : String(result.status);
    stats.retryReasons[reason] = (stats.retryReasons[reason] ?? 0) + 1;
    result = await attempt(base() + req.path, req.init, options.timeoutMs ?? 10_000);
  }
  stats.latencies.push([started - t0, Date.now() - started]);
  const outcome = 'error' in result ? result.error : String(result.status);
  stats.statuses[outcome] = (stats.statuses[outcome] ?? 0) + 1;
  if ('error' in result || !GOOD.has(result.status)) {
    stats.failed.push({
      what: req.what,
      outcome: 'error' in result ? outcome : `${outcome} ${JSON.stringify(result.body).slice(0, 200)}`,
    });
    return;
  }
  stats.ok++;
  if (result.status === 409) stats.conflicts++;
  if (result.status === 201) {
    const b = result.body as { reference: string; manageToken: string };
    stats.created.push({ reference: b.reference, manageToken: b.manageToken, key: req.key!, name: req.name! });
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadStats> {
  const stats: LoadStats = {
    sent: 0,
    ok: 0,
    failed: [],
    retried: 0,
    latencies: [],
    retryTimes: [],
    retryReasons: {},
    created: [],
    conflicts: 0,
    statuses: {},
  };
  const t0 = Date.now();
  const client = async () => {
    const end = options.endAt ?? (() => t0 + options.durationMs);
    while (Date.now() < end()) {
      await oneRequest(options, stats, t0);
      await sleep(options.pauseMs);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  return stats;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function latencySummary(stats: LoadStats, from = 0, to = Infinity): string {
  const window = stats.latencies.filter(([t]) => t >= from && t < to).map(([, ms]) => ms);
  return `n=${window.length} p50=${percentile(window, 50)} ms p99=${percentile(window, 99)} ms max=${Math.max(...window)} ms`;
}
