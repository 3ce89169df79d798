import type { Command } from 'commander';
import { copyDatabase } from '../db/transfer/copy.ts';
import {
  databaseIdentity,
  openReadOnly,
  openWritable,
  parseEndpointUrl,
  TransferError,
  type Endpoint,
} from '../db/transfer/endpoint.ts';
import { stderrProgress } from '../db/transfer/progress.ts';
import { formatComparisons } from '../db/transfer/verify.ts';
import { warnAboutDemoAccounts } from './demo-password-guard.ts';
import { action, currentConfig, fail } from './run-command.ts';
import { argvPasswordWarning, withPasswordFromEnv } from './transfer-urls.ts';

/** Like action(), and a TransferError becomes its own one-line message. */
export function transferAction<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return action(async (...args: A) => {
    try {
      await fn(...args);
    } catch (error) {
      if (error instanceof TransferError) fail(error.message);
      throw error;
    }
  });
}

export function parseBatchSize(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 100_000)
    fail(`--batch-size must be a whole number from 1 to 100000 (got "${raw}")`);
  return n;
}

/** Opens both sides, runs `fn`, always closes them. */
export async function withEndpoints(
  from: string,
  to: string,
  fn: (source: Endpoint, target: Endpoint) => Promise<void>,
): Promise<void> {
  const source = await openReadOnly('--from', from);
  let target: Endpoint | undefined;
  try {
    target = await openWritable('--to', to, (label) =>
      process.stderr.write(`created the database ${label.replace(/^--to /, '')}\n`),
    );
    await fn(source, target);
  } finally {
    await target?.close().catch(() => {});
    await source.close().catch(() => {});
  }
}

interface CopyFlags {
  from: string;
  to?: string;
  force?: boolean;
  batchSize: string;
}

export function registerDbCopy(db: Command): void {
  db.command('copy')
    .description(
      'copy every row from one database to another (any of sqlite:, mysql://, postgres://), then verify counts and checksums',
    )
    .requiredOption('--from <url>', 'source database URL (only read)')
    .option(
      '--to <url>',
      'target database URL (default: DATABASE_URL; created when missing, migrated first; must be empty unless --force)',
    )
    .option(
      '--force',
      'copy into a non-empty target: rows with the same key are replaced (finishes an interrupted copy)',
    )
    .option('--batch-size <n>', 'rows per batch and transaction', '1000')
    .action(
      transferAction(async (flags: CopyFlags) => {
        const batchSize = parseBatchSize(flags.batchSize);
        const toOption = flags.to ? '--to' : 'DATABASE_URL';
        parseEndpointUrl('--from', flags.from);
        parseEndpointUrl(toOption, flags.to ?? currentConfig().databaseUrl);
        const from = withPasswordFromEnv('--from', flags.from, 'FROM_DATABASE_PASSWORD');
        const to = withPasswordFromEnv(toOption, flags.to ?? currentConfig().databaseUrl, 'TO_DATABASE_PASSWORD');
        if (databaseIdentity(from) === databaseIdentity(to)) fail(`--from and ${toOption} name the same database`);
        await withEndpoints(from, to, async (source, target) => {
          for (const [option, url, envName] of [
            ['--from', flags.from, 'FROM_DATABASE_PASSWORD'],
            ['--to', flags.to, 'TO_DATABASE_PASSWORD'],
          ]) {
            const warning = url ? argvPasswordWarning(option!, url, envName!) : undefined;
            if (warning) process.stderr.write(warning);
          }
          const report = await copyDatabase(source, target, {
            force: Boolean(flags.force),
            batchSize,
            progress: stderrProgress(),
          });
          console.log(formatComparisons(report.tables));
          const rate = Math.round(report.rows / Math.max(report.copySeconds, 0.001));
          if (!report.ok)
            fail(
              `verification failed: ${report.tables
                .filter((t) => !t.ok)
                .map((t) => t.table)
                .join(', ')} differ between source and target`,
            );
          console.log(
            `copied ${report.rows} rows in ${report.copySeconds.toFixed(1)} s (${rate} rows/s); verified: counts and checksums match`,
          );
          await warnAboutDemoAccounts(target.db, 'the target');
        });
      }),
    );
}
