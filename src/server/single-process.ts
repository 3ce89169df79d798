import type { Config } from '../config.ts';
import { DRAIN_GRACE_MS } from './cluster-worker.ts';
import { UserError } from './describe-error.ts';
import { describeListenError, startServer } from './start-server.ts';

const STOP_TIMEOUT_MS = 10_000;

/** `serve` with one worker: no cluster, this process serves and drains on SIGTERM/SIGINT. */
export async function runSingleProcess(config: Config, port: number, host: string): Promise<void> {
  const server = await startServer(config, port, host).catch((error: unknown) => {
    const message = describeListenError(error, host, port);
    throw message ? new UserError(message) : error;
  });
  const shutdown = (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), STOP_TIMEOUT_MS).unref();
    server.stop(signal === 'SIGTERM' ? DRAIN_GRACE_MS : 0).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGHUP', () => server.app.log.warn('SIGHUP ignored: a rolling restart needs --workers 2 or more'));
}
