import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config.ts';
import { nextBackoff } from './crash-backoff.ts';
import { answerMetricsRequests } from './cluster-metrics.ts';
import type { LogFn } from './log-line.ts';
import { EXIT_CANNOT_START, SHUTDOWN, WORKER_SLOT_ENV } from './messages.ts';
import { prepareEmbeddedDatabaseOnce } from '../db/prepare-embedded.ts';

export interface PrimaryOptions {
  workers: number;
  log: LogFn;
  /** a worker still running this long after being asked to stop is killed (default 10 s) */
  stopTimeoutMs?: number;
  /** a new worker must be listening within this time during a rolling restart (default 30 s) */
  listenTimeoutMs?: number;
}

/** Quick crashes in a row, before any worker ever listened, after which the primary gives up. */
const GIVE_UP_STREAK = 5;

interface Supervisor {
  start(): void;
  rollingRestart(): Promise<void>;
  shutdown(code: number): Promise<void>;
}

function sendQuietly(worker: Worker, message: object): void {
  try {
    if (worker.isConnected()) worker.send(message, undefined, () => {});
  } catch {
    /* the worker is already gone; its exit event follows */
  }
}

function exited(worker: Worker): Promise<void> {
  if (worker.isDead()) return Promise.resolve();
  return new Promise((resolve) => worker.once('exit', () => resolve()));
}

function waitListening(worker: Worker, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker ${worker.id} not listening after ${timeoutMs} ms`)),
      timeoutMs,
    );
    worker.once('listening', () => (clearTimeout(timer), resolve()));
    worker.once('exit', () => (clearTimeout(timer), reject(new Error(`worker ${worker.id} exited before listening`))));
  });
}

function createSupervisor(options: PrimaryOptions): Supervisor {
  const { log } = options;
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  const stopping = new Set<number>(); // asked to stop: not replaced
  const surge = new Set<number>(); // extra workers of a rolling restart: not replaced either
  const timers = new Set<NodeJS.Timeout>();
  let streak = 0;
  let everListened = false;
  let shuttingDown = false;
  let restarting: Promise<void> | undefined;

  const slots = new Map<number, number>(); // worker id → its slot, the `worker` label of its metrics

  function fork(slot: number): Worker {
    const worker = cluster.fork({ [WORKER_SLOT_ENV]: String(slot) });
    slots.set(worker.id, slot);
    const startedAt = Date.now();
    worker.once('listening', (address) => {
      everListened = true;
      log('info', 'worker listening', { worker: worker.id, workerPid: worker.process.pid, port: address.port });
    });
    worker.once('exit', (code, signal) => onExit(worker, Date.now() - startedAt, code, signal));
    return worker;
  }

  function onExit(worker: Worker, lifetimeMs: number, code: number, signal: string | null): void {
    const slot = slots.get(worker.id) ?? 0;
    slots.delete(worker.id);
    if (stopping.delete(worker.id) || surge.delete(worker.id) || shuttingDown) return;
    if (code === EXIT_CANNOT_START && !everListened) {
      log('fatal', 'a worker cannot start (see the line above); stopping');
      void supervisor.shutdown(1);
      return;
    }
    const backoff = nextBackoff(lifetimeMs, streak);
    streak = backoff.streak;
    if (!everListened && streak >= GIVE_UP_STREAK) {
      log('fatal', 'workers keep failing before they listen; giving up', { streak });
      void supervisor.shutdown(1);
      return;
    }
    log('error', 'worker died; replacing it', {
      worker: worker.id,
      code,
      signal,
      lifetimeMs,
      delayMs: backoff.delayMs,
    });
    const timer = setTimeout(() => (timers.delete(timer), shuttingDown || fork(slot)), backoff.delayMs);
    timers.add(timer);
  }

  /** Asks a worker to drain and exit; kills it when it overstays the bound. */
  async function stopWorker(worker: Worker): Promise<void> {
    stopping.add(worker.id);
    sendQuietly(worker, { type: SHUTDOWN });
    const timer = setTimeout(() => {
      log('warn', 'worker did not stop in time; killing it', { worker: worker.id, stopTimeoutMs });
      worker.process.kill('SIGKILL');
    }, stopTimeoutMs);
    await exited(worker);
    clearTimeout(timer);
  }

  function serving(): Worker[] {
    return Object.values(cluster.workers ?? {}).filter(
      (w): w is Worker => !!w && !stopping.has(w.id) && !surge.has(w.id),
    );
  }

  /** One worker at a time: start a new one, wait until it listens, then drain an old one. */
  async function replaceAll(): Promise<void> {
    const old = serving();
    log('info', 'rolling restart', { workers: old.length });
    for (const previous of old) {
      if (shuttingDown) return;
      const next = fork(slots.get(previous.id) ?? 0);
      surge.add(next.id);
      try {
        await waitListening(next, options.listenTimeoutMs ?? 30_000);
      } catch (error) {
        log('error', 'rolling restart aborted; the old workers keep serving', { reason: (error as Error).message });
        if (!next.isDead()) await stopWorker(next);
        return;
      }
      surge.delete(next.id);
      await stopWorker(previous);
    }
    log('info', 'rolling restart done', { workers: serving().length });
  }

  const supervisor: Supervisor = {
    start() {
      for (let slot = 0; slot < options.workers; slot++) fork(slot);
    },
    rollingRestart() {
      if (restarting) {
        log('warn', 'a rolling restart is already running');
        return restarting;
      }
      return (restarting = replaceAll().finally(() => (restarting = undefined)));
    },
    async shutdown(code) {
      if (shuttingDown) return;
      shuttingDown = true;
      for (const timer of timers) clearTimeout(timer);
      const all = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
      log('info', 'stopping workers', { workers: all.length });
      await Promise.all(all.map(stopWorker));
      log('info', 'all workers stopped');
      process.exit(code);
    },
  };
  return supervisor;
}

/** The cluster primary: prepares an embedded database once, forks, supervises, drains. */
export async function runPrimary(config: Config, options: PrimaryOptions): Promise<void> {
  await prepareEmbeddedDatabaseOnce(config);
  const supervisor = createSupervisor(options);
  answerMetricsRequests();
  process.on('SIGTERM', () => void supervisor.shutdown(0));
  process.on('SIGINT', () => void supervisor.shutdown(0));
  process.on('SIGHUP', () => void supervisor.rollingRestart());
  options.log('info', 'primary started', { workers: options.workers, backend: config.databaseUrl.split(':')[0] });
  supervisor.start();
}
