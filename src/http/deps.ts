import type { ServicesInput } from '../services/services.ts';

/**
 * What buildApp is given (no globals): config, database, clock, optional random bytes,
 * runtime state and cluster metrics; buildApp turns it into the one `Services` object.
 */
export interface AppDeps extends ServicesInput {
  /** pino options or false to silence logs (tests) */
  logger?: boolean | Record<string, unknown>;
}
