import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { writeDump } from '../db/transfer/dump.ts';
import { PRIVATE_FILE_MODE } from '../db/private-files.ts';
import { openReadOnly } from '../db/transfer/endpoint.ts';
import { stderrProgress } from '../db/transfer/progress.ts';
import { transferAction } from './db-copy.ts';
import { currentConfig, fail } from './run-command.ts';
import { argvPasswordWarning, withPasswordFromEnv } from './transfer-urls.ts';

/** `--url`, else DATABASE_URL (default: the development SQLite file). */
export function databaseUrlFrom(flags: { url?: string }): { url: string; option: string } {
  if (!flags.url)
    return {
      url: withPasswordFromEnv('DATABASE_URL', currentConfig().databaseUrl, 'DATABASE_PASSWORD'),
      option: 'DATABASE_URL',
    };
  const warning = argvPasswordWarning('--url', flags.url, 'DATABASE_PASSWORD');
  if (warning) process.stderr.write(warning);
  return { url: withPasswordFromEnv('--url', flags.url, 'DATABASE_PASSWORD'), option: '--url' };
}

async function openOutput(file: string | undefined): Promise<{ out: Writable; done(): Promise<void> }> {
  if (!file || file === '-') {
    process.stdout.on('error', () => {}); // e.g. EPIPE from `| head`: reported by the next write
    return { out: process.stdout, done: async () => {} };
  }
  const out = fs.createWriteStream(file, { flags: 'w', mode: PRIVATE_FILE_MODE });
  await new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
  fs.chmodSync(file, PRIVATE_FILE_MODE); // a dump holds every guest's details: owner only, even over an old file
  return {
    out,
    async done() {
      out.end();
      await finished(out);
    },
  };
}

export function registerDbDump(db: Command): void {
  db.command('dump')
    .description('write every row as portable JSON Lines (to FILE, or stdout when FILE is omitted or -)')
    .argument('[file]', 'output file, - for stdout')
    .option('--url <url>', 'database to dump (default: DATABASE_URL)')
    .action(
      transferAction(async (file: string | undefined, flags: { url?: string }) => {
        const { url, option } = databaseUrlFrom(flags);
        const source = await openReadOnly(option, url);
        try {
          const { out, done } = await openOutput(file).catch((error: NodeJS.ErrnoException) => {
            fail(`cannot write ${file}: ${error.code ?? error.message}`);
          });
          const rows = await writeDump(source, out, stderrProgress());
          await done();
          process.stderr.write(`dumped ${rows} rows${file && file !== '-' ? ` to ${file}` : ''}\n`);
        } finally {
          await source.close().catch(() => {});
        }
      }),
    );
}
