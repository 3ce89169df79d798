/** IPC messages between the cluster primary and its workers. */
export const SHUTDOWN = 'tablebookings:shutdown';
export const METRICS_REQUEST = 'tablebookings:metrics-request';
export const METRICS_RESPONSE = 'tablebookings:metrics-response';
export const METRICS_COLLECT = 'tablebookings:metrics-collect';
export const METRICS_COLLECTED = 'tablebookings:metrics-collected';

/** A worker that cannot start for a reason a restart will not fix (port taken, bad config). */
export const EXIT_CANNOT_START = 78;

export interface Message {
  type: string;
  id?: number;
  text?: string;
  error?: string;
  metrics?: unknown;
}

export function isMessage(value: unknown, type: string): value is Message {
  return typeof value === 'object' && value !== null && (value as Message).type === type;
}

/** Environment variable the primary gives each worker: its slot 0…N-1, inherited by a replacement (metrics' `worker` label). */
export const WORKER_SLOT_ENV = 'TABLEBOOKINGS_WORKER_SLOT';
