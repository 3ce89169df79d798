import { spawnSync } from 'node:child_process';
import type { Command } from 'commander';
import { parseDatabaseUrl } from '../config/database-url.ts';
import { action, currentConfig, fail } from './run-command.ts';

/** The backend's own client, with the password passed through the environment, never argv. */
export function shellCommand(databaseUrl: string): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  const parsed = parseDatabaseUrl(databaseUrl);
  if (parsed.backend === 'sqlite') return { command: 'sqlite3', args: [parsed.file!], env: {} };
  const url = parsed.url!;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (parsed.backend === 'mysql') {
    const args = ['-h', url.hostname, '-P', url.port || '3306', '-u', user || 'root', '--default-character-set=utf8mb4', parsed.database!];
    return { command: 'mariadb', args, env: password ? { MYSQL_PWD: password } : {} };
  }
  const args = ['-h', url.hostname, '-p', url.port || '5432', '-U', user || 'postgres', '-d', parsed.database!];
  return { command: 'psql', args, env: password ? { PGPASSWORD: password } : {} };
}

export function registerDbShell(db: Command): void {
  db.command('shell')
    .description("open the backend's own client (sqlite3, mariadb/mysql, psql) on DATABASE_URL")
    .action(
      action(async () => {
        const { command, args, env } = shellCommand(currentConfig().databaseUrl);
        const candidates = command === 'mariadb' ? ['mariadb', 'mysql'] : [command];
        for (const bin of candidates) {
          const result = spawnSync(bin, args, { stdio: 'inherit', env: { ...process.env, ...env } });
          if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') continue;
          process.exitCode = result.status ?? 1;
          return;
        }
        fail(`${candidates.join(' or ')} is not installed (e.g. apt-get install ${command === 'sqlite3' ? 'sqlite3' : command === 'psql' ? 'postgresql-client' : 'mariadb-client'})`);
      }),
    );
}
