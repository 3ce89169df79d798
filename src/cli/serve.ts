import type { Command } from 'commander';
import { parseWorkers } from '../config.ts';
import { startServer } from '../server/start-server.ts';
import { action, currentConfig, fail } from './run-command.ts';

const STOP_TIMEOUT_MS = 15_000;

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the site')
    .option('--port <port>', 'port to listen on (default PORT or 8000)')
    .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
    .option('--workers <n>', 'worker processes, or "auto" for one per core (default WORKERS or 1)')
    .action(
      action(async (options: { port?: string; host?: string; workers?: string }) => {
        const config = currentConfig();
        if (options.port !== undefined && !/^\d{1,5}$/.test(options.port)) fail(`--port must be a number (got "${options.port}")`);
        const port = options.port !== undefined ? Number(options.port) : config.port;
        const host = options.host ?? config.host;
        if (options.workers !== undefined) parseWorkers(options.workers, 1);
        const server = await startServer(config, port, host);
        const shutdown = (signal: string) => {
          server.app.log.info({ signal }, 'shutting down');
          const timer = setTimeout(() => process.exit(1), STOP_TIMEOUT_MS);
          timer.unref();
          server.stop().then(() => process.exit(0), () => process.exit(1));
        };
        process.once('SIGTERM', () => shutdown('SIGTERM'));
        process.once('SIGINT', () => shutdown('SIGINT'));
      }),
    );
}
