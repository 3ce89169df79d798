import { Counter, Registry } from 'prom-client';

/**
 * Business counters, and the two registries of this process (see docs/scaling.md, "Metrics"):
 *
 * - `perProcess`: everything this process counts (requests, latency, pool, the business
 *   counters below, Node's own metrics), labelled `worker="N"` — the worker's slot, which a
 *   replacement worker inherits — so that the primary's aggregation keeps one series per
 *   worker and a worker restart is an ordinary counter reset of that series, never a dip in a sum.
 * - `shared`: what every worker reports alike (build info, outbox backlog, replica lag): no
 *   worker label, aggregated by max instead of summed.
 *
 * Use cases never see prom-client: they get these narrow hooks through `services.metrics`
 * (e.g. `services.metrics.holds('converted')`); most counters are fed by the HTTP layer from
 * the answer it presents (src/http/business-metrics.ts).
 */

export type HoldOutcome = 'taken' | 'unavailable' | 'released' | 'converted' | 'expired';
export type EmailOutcome = 'sent' | 'retrying' | 'failed';
export type BookingSource = 'api' | 'web' | 'staff';
export type BookingOutcome =
  'created' | 'replayed' | 'conflict' | 'invalid' | 'rate_limited' | 'not_found' | 'refused' | 'error';

export interface AppMetrics {
  readonly perProcess: Registry;
  readonly shared: Registry;
  readonly worker: string;
  /** a hold taken, refused (no free table), released, turned into a booking, or found expired */
  holds(outcome: HoldOutcome): void;
  /** an email delivery attempt by the outbox sender */
  email(kind: string, outcome: EmailOutcome): void;
  bookingCreate(source: BookingSource, outcome: BookingOutcome): void;
  /** any 409 answer, by route pattern */
  conflict(route: string): void;
  loginRefused(reason: 'invalid_credentials' | 'throttled' | 'disabled'): void;
  /** any 429 answer, by which limit */
  rateLimited(limit: string): void;
}

export function createAppMetrics(worker = '0'): AppMetrics {
  const perProcess = new Registry();
  perProcess.setDefaultLabels({ worker });
  const shared = new Registry();
  const registers = [perProcess];
  const holds = new Counter({
    name: 'tablebookings_holds_total',
    help: 'Table holds by outcome (taken, unavailable, released, converted into a booking, expired)',
    labelNames: ['outcome'],
    registers,
  });
  const emails = new Counter({
    name: 'tablebookings_emails_total',
    help: 'Email delivery attempts by kind and outcome (sent, retrying = failed and will retry, failed = given up)',
    labelNames: ['kind', 'outcome'],
    registers,
  });
  const creates = new Counter({
    name: 'tablebookings_booking_creates_total',
    help: 'Booking create requests by source (api, web, staff) and outcome',
    labelNames: ['source', 'outcome'],
    registers,
  });
  const conflicts = new Counter({
    name: 'tablebookings_conflicts_total',
    help: 'Answers 409 (slot taken, refused change, conflict) by route pattern',
    labelNames: ['route'],
    registers,
  });
  const logins = new Counter({
    name: 'tablebookings_logins_refused_total',
    help: 'Refused staff sign-ins by reason',
    labelNames: ['reason'],
    registers,
  });
  const limited = new Counter({
    name: 'tablebookings_rate_limited_total',
    help: 'Answers 429 by limit (login, booking, other route)',
    labelNames: ['limit'],
    registers,
  });
  return {
    perProcess,
    shared,
    worker,
    holds: (outcome) => holds.inc({ outcome }),
    email: (kind, outcome) => emails.inc({ kind, outcome }),
    bookingCreate: (source, outcome) => creates.inc({ source, outcome }),
    conflict: (route) => conflicts.inc({ route }),
    loginRefused: (reason) => logins.inc({ reason }),
    rateLimited: (limit) => limited.inc({ limit }),
  };
}

/** Both registries in Prometheus text format (a single process answering /metrics itself). */
export async function metricsText(metrics: AppMetrics): Promise<string> {
  return (await metrics.shared.metrics()) + (await metrics.perProcess.metrics());
}

/** Both registries as prom-client JSON, for the cluster primary's aggregation. */
export const metricsJson = (metrics: AppMetrics) => ({
  getMetricsAsJSON: async () => [
    ...(await metrics.shared.getMetricsAsJSON()),
    ...(await metrics.perProcess.getMetricsAsJSON()),
  ],
});
