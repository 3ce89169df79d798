import type { Config } from '../config.ts';
import { describeError } from './describe-error.ts';
import { EXIT_CANNOT_START, SHUTDOWN, isMessage } from './messages.ts';
import { describeListenError, startServer } from './start-server.ts';

const STOP_TIMEOUT_MS = 10_000;
/** keep serving (with `Connection: close`) this long before closing the listener */
export const DRAIN_GRACE_MS = 1_000;

/**
 * One cluster worker: serves on the shared port until the primary asks it to drain
 * (shutdown or rolling restart), or until the primary itself is gone.
 */
export async function runWorker(config: Config, port: number, host: string): Promise<void> {
  let server;
  try {
    server = await startServer(config, port, host, { prepareDatabase: false });
  } catch (error) {
    const listen = describeListenError(error, host, port);
    process.stderr.write(`tablebookings: worker ${process.pid}: ${listen ?? describeError(error)}\n`);
    process.exit(listen ? EXIT_CANNOT_START : 1);
  }
  const running = server;
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    running.app.log.info({ reason }, 'worker draining');
    setTimeout(() => process.exit(1), STOP_TIMEOUT_MS).unref();
    running.stop(DRAIN_GRACE_MS).then(
      () => process.exit(0),
      (error: unknown) => {
        running.app.log.error({ err: error }, 'worker stop failed');
        process.exit(1);
      },
    );
  };
  process.on('message', (message: unknown) => {
    if (isMessage(message, SHUTDOWN)) stop('asked by the primary');
  });
  process.on('disconnect', () => stop('the primary is gone'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => {}); // Ctrl-C reaches the whole group; the primary decides
  process.on('SIGHUP', () => {}); // a rolling restart is the primary's business
}
