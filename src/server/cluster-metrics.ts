import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type PrometheusContentType, type Registry } from 'prom-client';
import { METRICS_COLLECT, METRICS_COLLECTED, METRICS_REQUEST, METRICS_RESPONSE, isMessage } from './messages.ts';

/**
 * With several workers, a scrape lands on any one of them; so that Prometheus sees the
 * whole server (one target = one host:port), that worker asks the primary, which collects
 * the registry of every LISTENING worker (a worker still starting is skipped, as is one
 * that does not answer within COLLECT_TIMEOUT_MS) and sums them with prom-client's
 * AggregatorRegistry.aggregate.
 */

const COLLECT_TIMEOUT_MS = 2_000;
type WorkerMetrics = object[];

function send(worker: Worker, message: object): void {
  if (worker.isConnected()) worker.send(message, undefined, () => {});
}

/** Primary: asks every listening worker for its metrics; resolves with what came in time. */
function collectFrom(workers: Worker[], id: number): Promise<WorkerMetrics[]> {
  return new Promise((resolve) => {
    const answers: WorkerMetrics[] = [];
    let pending = workers.length;
    const finish = () => {
      clearTimeout(timer);
      cluster.off('message', onMessage);
      resolve(answers);
    };
    const onMessage = (_worker: Worker, message: unknown) => {
      if (!isMessage(message, METRICS_COLLECTED) || message.id !== id) return;
      if (message.metrics) answers.push(message.metrics as WorkerMetrics);
      if (--pending === 0) finish();
    };
    const timer = setTimeout(finish, COLLECT_TIMEOUT_MS);
    cluster.on('message', onMessage);
    for (const worker of workers) send(worker, { type: METRICS_COLLECT, id });
    if (pending === 0) finish();
  });
}

/** Primary: answer workers' requests for the aggregated metrics of all workers. */
export function answerMetricsRequests(): void {
  const listening = new Set<Worker>();
  cluster.on('listening', (worker) => listening.add(worker));
  cluster.on('exit', (worker) => listening.delete(worker));
  let nextCollect = 1;
  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage(message, METRICS_REQUEST)) return;
    collectFrom([...listening], nextCollect++)
      .then((all) => AggregatorRegistry.aggregate<PrometheusContentType>(all).metrics())
      .then(
        (text) => send(worker, { type: METRICS_RESPONSE, id: message.id, text }),
        (error: Error) => send(worker, { type: METRICS_RESPONSE, id: message.id, error: error.message }),
      );
  });
}

/** Worker: hand this registry's metrics to the primary when it collects. */
export function exposeToPrimary(registry: Pick<Registry, 'getMetricsAsJSON'>): void {
  process.on('message', (message: unknown) => {
    if (!isMessage(message, METRICS_COLLECT)) return;
    registry.getMetricsAsJSON().then(
      (metrics) => process.send?.({ type: METRICS_COLLECTED, id: message.id, metrics }),
      () => process.send?.({ type: METRICS_COLLECTED, id: message.id }),
    );
  });
}

let nextRequest = 1;

/** Worker: the metrics of every worker, aggregated by the primary. */
export function clusterMetricsFromPrimary(timeoutMs = 5_000): Promise<string> {
  const id = nextRequest++;
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
