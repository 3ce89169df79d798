import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { startProcess, type Proc } from '../scale/processes.ts';

/**
 * Our own mariadbd instances for the cluster tests: a data directory in a temp dir, a
 * free port on 127.0.0.1, never the system server on 3306. The server runs as the `mysql`
 * user (as Debian runs it): Galera's rsync SST daemon, started by a root server, would
 * write the joiner's files as `nobody` and fail.
 */

const run = promisify(execFile);
export const MARIADBD = '/usr/sbin/mariadbd';
export const GALERA_PROVIDER = '/usr/lib/galera/libgalera_smm.so';

export interface MariadbNode {
  name: string;
  dir: string;
  port: number;
  socket: string;
  /** mysql://root@127.0.0.1:port/<database> */
  url(database: string): string;
  proc(): Proc | undefined;
  /** starts mariadbd with the node's my.cnf (extra args e.g. --wsrep-new-cluster) */
  start(extraArgs?: string[]): Promise<void>;
  /** waits until the server answers `SELECT 1` over its socket */
  waitReady(timeoutMs?: number): Promise<void>;
  /** runs SQL through the mariadb client on the node's socket; returns tab-separated rows */
  sql(statement: string): Promise<string[][]>;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export interface NodeSpec {
  name: string;
  dir: string;
  port: number;
  /** extra [mariadbd] lines */
  settings: string[];
}

export function baseSettings(dir: string, port: number): string[] {
  return [
    `datadir=${dir}/data`,
    `socket=${dir}/mysqld.sock`,
    `pid-file=${dir}/mysqld.pid`,
    `log-error=${dir}/error.log`,
    `port=${port}`,
    'bind-address=127.0.0.1',
    'skip-networking=0',
    'character-set-server=utf8mb4',
    'collation-server=utf8mb4_unicode_ci',
    'default_storage_engine=InnoDB',
    'innodb_buffer_pool_size=32M',
    'innodb_log_file_size=16M',
    'innodb_flush_log_at_trx_commit=0',
    'innodb_autoinc_lock_mode=2',
    'performance_schema=OFF',
    'max_connections=200',
    'skip-log-bin=0',
  ];
}

export async function installDataDir(dir: string): Promise<void> {
  await prepareEmptyDataDir(dir);
  await run(
    'mariadb-install-db',
    [
      '--no-defaults',
      `--user=${SERVER_USER}`,
      `--datadir=${dir}/data`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { timeout: 120_000 },
  );
}

const SERVER_USER = 'mysql';

/** `dir/data`, empty, owned by the server's user (a Galera joiner fills it by SST). */
export async function prepareEmptyDataDir(dir: string): Promise<void> {
  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  await run('chown', ['-R', `${SERVER_USER}:${SERVER_USER}`, dir]);
}

export function mariadbNode(spec: NodeSpec): MariadbNode {
  const cnf = path.join(spec.dir, 'my.cnf');
  const socket = path.join(spec.dir, 'mysqld.sock');
  fs.mkdirSync(spec.dir, { recursive: true });
  fs.writeFileSync(cnf, ['[mariadbd]', ...spec.settings, ''].join('\n'));
  let current: Proc | undefined;
  const node: MariadbNode = {
    name: spec.name,
    dir: spec.dir,
    port: spec.port,
    socket,
    url: (database) => `mysql://root@127.0.0.1:${spec.port}/${database}`,
    proc: () => current,
    async start(extraArgs = []) {
      current = startProcess(spec.name, MARIADBD, [`--defaults-file=${cnf}`, `--user=${SERVER_USER}`, ...extraArgs]);
    },
    async waitReady(timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (current && !current.isRunning()) throw new Error(`${spec.name} exited:\n${tail(spec.dir)}`);
        try {
          await node.sql('SELECT 1');
          return;
        } catch {
          /* not up yet */
        }
        if (Date.now() > deadline) throw new Error(`${spec.name} not ready within ${timeoutMs} ms:\n${tail(spec.dir)}`);
        await sleep(250);
      }
    },
    async sql(statement) {
      const { stdout } = await run(
        'mariadb',
        ['--no-defaults', '-uroot', `--socket=${socket}`, '-N', '-B', '-e', statement],
        { timeout: 30_000 },
      );
      return stdout
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split('\t'));
    },
    async kill9() {
      await current?.stop('SIGKILL');
    },
    async stop() {
      if (!current?.isRunning()) return;
      current.child.kill('SIGTERM');
      const timer = setTimeout(() => current?.child.kill('SIGKILL'), 20_000);
      await current.exited;
      clearTimeout(timer);
    },
  };
  return node;
}

/** The end of the node's error log, for failure messages. */
export function tail(dir: string, lines = 30): string {
  try {
    return fs.readFileSync(path.join(dir, 'error.log'), 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no error log)';
  }
}

/** Lets root log in over TCP from 127.0.0.1 without a password (the tests' URLs). */
export async function allowRootOverTcp(node: MariadbNode): Promise<void> {
  await node.sql(
    "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;",
  );
}
