import cluster from 'node:cluster';
import { AggregatorRegistry, type PrometheusContentType, type Registry } from 'prom-client';
import { METRICS_REQUEST, METRICS_RESPONSE, isMessage } from './messages.ts';

/**
 * With several workers, a scrape lands on any one of them; so that Prometheus sees the
 * whole server (one target = one host:port), the worker asks the primary, which gathers
 * every worker's registry (prom-client's AggregatorRegistry) and sums them.
 */

let aggregator: AggregatorRegistry<PrometheusContentType> | undefined;

/** Primary: answer workers' requests for the aggregated metrics of all workers. */
export function answerMetricsRequests(): void {
  aggregator ??= new AggregatorRegistry();
  const registry = aggregator;
  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage(message, METRICS_REQUEST)) return;
    const reply = (body: object) => {
      if (worker.isConnected()) worker.send({ type: METRICS_RESPONSE, id: message.id, ...body }, undefined, () => {});
    };
    registry.clusterMetrics().then(
      (text) => reply({ text }),
      (error: Error) => reply({ error: error.message }),
    );
  });
}

/** Worker: make this registry the one the primary aggregates. */
export function exposeToPrimary(registry: Registry): void {
  new AggregatorRegistry(); // installs prom-client's worker-side listener
  AggregatorRegistry.setRegistries([registry]);
}

let nextId = 1;

/** Worker: the metrics of every worker, aggregated by the primary. */
export function clusterMetricsFromPrimary(timeoutMs = 5_000): Promise<string> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!isMessage(message, METRICS_RESPONSE) || message.id !== id) return;
      done();
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.text ?? '');
    };
    const timer = setTimeout(() => (done(), reject(new Error('the primary did not answer with metrics'))), timeoutMs);
    const done = () => {
      clearTimeout(timer);
      process.off('message', onMessage);
    };
    process.on('message', onMessage);
    process.send?.({ type: METRICS_REQUEST, id });
  });
}

export function isClusterWorker(): boolean {
  return cluster.isWorker && typeof process.send === 'function';
}
