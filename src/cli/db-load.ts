import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { openWritable } from '../db/transfer/endpoint.ts';
import { loadDump } from '../db/transfer/load.ts';
import { stderrProgress } from '../db/transfer/progress.ts';
import { parseBatchSize, transferAction } from './db-copy.ts';
import { databaseUrlFrom } from './db-dump.ts';
import { fail } from './run-command.ts';
import { warnAboutDemoAccounts } from './demo-password-guard.ts';

async function openInput(file: string | undefined): Promise<Readable> {
  if (!file || file === '-') {
    if (process.stdin.isTTY)
      fail('give a dump file, or pipe one into stdin (e.g. `tablebookings db load < dump.jsonl`)');
    return process.stdin;
  }
  const input = fs.createReadStream(file);
  await new Promise<void>((resolve, reject) => input.once('open', () => resolve()).once('error', reject)).catch(
    (error: NodeJS.ErrnoException) =>
      fail(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : (error.code ?? error.message)}`),
  );
  return input;
}

interface LoadFlags {
  url?: string;
  force?: boolean;
  batchSize: string;
}

export function registerDbLoad(db: Command): void {
  db.command('load')
    .description(
      'load a `db dump` file (or stdin) into the database: migrates it first; it must be empty unless --force',
    )
    .argument('[file]', 'dump file, - for stdin')
    .option('--url <url>', 'database to load into (default: DATABASE_URL)')
    .option('--force', 'load into a non-empty database: rows with the same key are replaced')
    .option('--batch-size <n>', 'rows per batch and transaction', '1000')
    .action(
      transferAction(async (file: string | undefined, flags: LoadFlags) => {
        const batchSize = parseBatchSize(flags.batchSize);
        const { url, option } = databaseUrlFrom(flags);
        const input = await openInput(file);
        const target = await openWritable(option, url);
        try {
          const loaded = await loadDump(target, input, {
            force: Boolean(flags.force),
            batchSize,
            progress: stderrProgress(),
          });
          const total = [...loaded.values()].reduce((a, b) => a + b, 0);
          console.log(`loaded ${total} rows into ${loaded.size} tables`);
          await warnAboutDemoAccounts(target.db, 'the database');
        } finally {
          await target.close().catch(() => {});
          input.destroy();
        }
      }),
    );
}
