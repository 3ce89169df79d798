import cluster from 'node:cluster';
import os from 'node:os';
import type { Command } from 'commander';
import { ConfigError, parseWorkers } from '../config.ts';
import { action, currentConfig, fail } from './run-command.ts';
import { refuseDemoPasswordsInProduction } from './demo-password-guard.ts';

interface ServeOptions {
  port?: string;
  host?: string;
  workers?: string;
}

function workersOption(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  try {
    return parseWorkers(raw, os.availableParallelism());
  } catch (error) {
    if (error instanceof ConfigError) fail(`--workers must be a number from 1 to 256 or "auto" (got "${raw}")`);
    throw error;
  }
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'run the site (several worker processes with --workers; SIGTERM drains, SIGHUP restarts workers one by one)',
    )
    .option('--port <port>', 'port to listen on (default PORT or 8000)')
    .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
    .option('--workers <n>', 'worker processes, or "auto" for one per core (default WORKERS or 1)')
    .action(
      action(async (options: ServeOptions) => {
        const config = currentConfig();
        if (options.port !== undefined && !/^\d{1,5}$/.test(options.port))
          fail(`--port must be a number (got "${options.port}")`);
        const port = options.port !== undefined ? Number(options.port) : config.port;
        const host = options.host ?? config.host;
        const workers = workersOption(options.workers, config.workers);
        // Loaded here, so that the other commands do not load the whole app.
        if (cluster.isWorker) return (await import('../server/cluster-worker.ts')).runWorker(config, port, host);
        await refuseDemoPasswordsInProduction(config);
        if (workers <= 1) return (await import('../server/single-process.ts')).runSingleProcess(config, port, host);
        const [{ runPrimary }, { createLogLine }] = await Promise.all([
          import('../server/cluster-primary.ts'),
          import('../server/log-line.ts'),
        ]);
        await runPrimary(config, { workers, log: createLogLine(config.logLevel, undefined, config.logFormat) });
      }),
    );
}
