import { spawnSync } from 'node:child_process';
import type { Command } from 'commander';
import { parseDatabaseUrl } from '../config/database-url.ts';
import { tlsSettingsOf, type TlsSettings } from '../config/tls-options.ts';
import { action, currentConfig, fail } from './run-command.ts';

export interface ShellCommand {
  /** clients to try in order (the first installed one runs) */
  candidates: { command: string; args: string[] }[];
  /** added to the environment: passwords and TLS settings travel here, never in argv */
  env: NodeJS.ProcessEnv;
}

/** MariaDB's client: --ssl, --ssl-ca, --ssl-verify-server-cert (it has no CA-only check: verify-ca checks the name too). */
function mariadbTlsArgs(tls: TlsSettings): string[] {
  if (tls.mode === 'off') return [];
  const ca = tls.caFile ? [`--ssl-ca=${tls.caFile}`] : [];
  return ['--ssl', ...ca, tls.mode === 'require' ? '--skip-ssl-verify-server-cert' : '--ssl-verify-server-cert'];
}

/** Oracle MySQL's client: --ssl-mode, --ssl-ca. */
function mysqlTlsArgs(tls: TlsSettings): string[] {
  if (tls.mode === 'off') return [];
  const mode = { require: 'REQUIRED', 'verify-ca': 'VERIFY_CA', 'verify-full': 'VERIFY_IDENTITY' }[tls.mode];
  return [`--ssl-mode=${mode}`, ...(tls.caFile ? [`--ssl-ca=${tls.caFile}`] : [])];
}

/** The backend's own client on DATABASE_URL, keeping its TLS settings; the password goes through the environment. */
export function shellCommand(databaseUrl: string): ShellCommand {
  const parsed = parseDatabaseUrl(databaseUrl);
  if (parsed.backend === 'sqlite') return { candidates: [{ command: 'sqlite3', args: [parsed.file!] }], env: {} };
  const url = parsed.url!;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const tls = tlsSettingsOf(parsed.backend, url.searchParams);
  if (parsed.backend === 'mysql') {
    const base = [
      '-h',
      url.hostname,
      '-P',
      url.port || '3306',
      '-u',
      user || 'root',
      '--default-character-set=utf8mb4',
    ];
    return {
      candidates: [
        { command: 'mariadb', args: [...base, ...mariadbTlsArgs(tls), parsed.database!] },
        { command: 'mysql', args: [...base, ...mysqlTlsArgs(tls), parsed.database!] },
      ],
      env: password ? { MYSQL_PWD: password } : {},
    };
  }
  const args = ['-h', url.hostname, '-p', url.port || '5432', '-U', user || 'postgres', '-d', parsed.database!];
  const env: NodeJS.ProcessEnv = { PGSSLMODE: tls.mode === 'off' ? 'disable' : tls.mode };
  if (tls.caFile) env.PGSSLROOTCERT = tls.caFile;
  if (password) env.PGPASSWORD = password;
  return { candidates: [{ command: 'psql', args }], env };
}

export function registerDbShell(db: Command): void {
  db.command('shell')
    .description("open the backend's own client (sqlite3, mariadb/mysql, psql) on DATABASE_URL, with its TLS settings")
    .action(
      action(async () => {
        const { candidates, env } = shellCommand(currentConfig().databaseUrl);
        for (const { command, args } of candidates) {
          const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
          if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') continue;
          process.exitCode = result.status ?? 1;
          return;
        }
        const first = candidates[0].command;
        fail(
          `${candidates.map((c) => c.command).join(' or ')} is not installed (e.g. apt-get install ${first === 'sqlite3' ? 'sqlite3' : first === 'psql' ? 'postgresql-client' : 'mariadb-client'})`,
        );
      }),
    );
}
