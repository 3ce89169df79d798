import type { Command } from 'commander';
import { DEFAULT_DATABASE_URL } from '../config.ts';
import {
  checkBaseUrl,
  checkDatabase,
  checkNodeEnv,
  checkSecretKey,
  checkTrustProxy,
  type CheckLine,
} from './preflight.ts';
import { action } from './run-command.ts';

/** `ok    SECRET_KEY      set (64 characters)`: fixed columns, one line per check. */
export function formatCheck(lines: CheckLine[]): string {
  return lines.map((l) => `${l.status.padEnd(5)} ${l.name.padEnd(15)} ${l.detail}`).join('\n');
}

/** Every check of SPEC §9.4, from the environment the servers will run with. */
export async function runChecks(env: NodeJS.ProcessEnv): Promise<CheckLine[]> {
  const database = await checkDatabase(env.DATABASE_URL || DEFAULT_DATABASE_URL);
  return [...database, checkSecretKey(env), checkBaseUrl(env), checkTrustProxy(env), checkNodeEnv(env)];
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      'pre-flight for a deployment: database and its TLS, migrations, SECRET_KEY, BASE_URL, proxy trust, demo passwords; exit 1 when any check fails',
    )
    .action(
      action(async () => {
        const lines = await runChecks(process.env);
        console.log(formatCheck(lines));
        const failed = lines.filter((l) => l.status === 'FAIL').length;
        console.log(failed ? `${failed} check${failed === 1 ? '' : 's'} failed` : 'all checks passed');
        if (failed) process.exitCode = 1;
      }),
    );
}
