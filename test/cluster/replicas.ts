import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, tempDir } from '../scale/processes.ts';
import {
  allowRootOverTcp,
  baseSettings,
  installDataDir,
  mariadbNode,
  MARIADBD,
  type MariadbNode,
} from './mariadb-node.ts';

/**
 * A primary and a read replica of our own, on free ports in a temp dir: MariaDB with GTID
 * asynchronous replication, or PostgreSQL with a streaming replica made by
 * `pg_basebackup -R`. `pauseReplication` stops the replica applying changes (it keeps
 * answering, falling behind); `killReplica` takes it away entirely.
 */
export interface ReplicaPair {
  backend: 'mysql' | 'postgres';
  primaryUrl(database: string): string;
  replicaUrl(database: string): string;
  pauseReplication(): Promise<void>;
  resumeReplication(): Promise<void>;
  killReplica(): Promise<void>;
  stop(): Promise<void>;
}

const run = promisify(execFile);
/** Debian's versioned server binaries (initdb, pg_ctl, pg_basebackup), newest first. */
const PG_BIN = (() => {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return path.join(root, versions[0] ?? '15', 'bin');
})();

export function missingReplicaTools(backend: 'mysql' | 'postgres'): string | undefined {
  const needed =
    backend === 'mysql'
      ? [MARIADBD, '/usr/bin/mariadb-install-db']
      : [`${PG_BIN}/initdb`, `${PG_BIN}/pg_ctl`, `${PG_BIN}/pg_basebackup`];
  const missing = needed.filter((f) => !fs.existsSync(f));
  if (missing.length === 0) return undefined;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${missing.join(', ')} missing`);
  return `${missing.join(', ')} not installed`;
}

export async function startMariadbReplica(): Promise<ReplicaPair> {
  const dir = tempDir('mariadb-repl');
  const [pp, rp] = [await freePort(), await freePort()];
  const primary = mariadbNode({
    name: 'primary',
    dir: path.join(dir, 'primary'),
    port: pp,
    settings: [
      ...baseSettings(path.join(dir, 'primary'), pp),
      'server_id=1',
      'log_bin=primary-bin',
      'binlog_format=ROW',
    ],
  });
  const replica = mariadbNode({
    name: 'replica',
    dir: path.join(dir, 'replica'),
    port: rp,
    settings: [...baseSettings(path.join(dir, 'replica'), rp), 'server_id=2', 'read_only=ON', 'skip-slave-start'],
  });
  const nodes: MariadbNode[] = [primary, replica];
  const pair: ReplicaPair = {
    backend: 'mysql',
    primaryUrl: (db) => primary.url(db),
    replicaUrl: (db) => replica.url(db),
    pauseReplication: async () => void (await replica.sql('STOP SLAVE SQL_THREAD')),
    resumeReplication: async () => void (await replica.sql('START SLAVE SQL_THREAD')),
    killReplica: () => replica.kill9(),
    async stop() {
      for (const node of nodes) await node.stop().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
  try {
    for (const node of nodes) await installDataDir(node.dir);
    for (const node of nodes) await node.start();
    await Promise.all(nodes.map((n) => n.waitReady()));
    await allowRootOverTcp(primary);
    await allowRootOverTcp(replica);
    await replica.sql(
      `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${pp}, MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos; START SLAVE;`,
    );
    return pair;
  } catch (error) {
    await pair.stop();
    throw error;
  }
}

function asPostgres(command: string, args: string[]) {
  return run('runuser', ['-u', 'postgres', '--', command, ...args], { timeout: 120_000 });
}

function psql(port: number, statement: string) {
  return asPostgres('psql', [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    'postgres',
    '-d',
    'postgres',
    '-Atc',
    statement,
  ]);
}

export async function startPostgresReplica(): Promise<ReplicaPair> {
  const dir = tempDir('pg-repl');
  await run('chown', ['postgres:postgres', dir]);
  const [pp, rp] = [await freePort(), await freePort()];
  const primaryDir = path.join(dir, 'primary');
  const replicaDir = path.join(dir, 'replica');
  const options = (port: number) =>
    `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c shared_buffers=16MB -c max_wal_senders=4 -c wal_level=replica -c hot_standby=on`;
  const start = (data: string, port: number) =>
    asPostgres(`${PG_BIN}/pg_ctl`, ['-D', data, '-l', `${data}.log`, '-o', options(port), '-w', '-t', '60', 'start']);
  const stop = async (data: string, mode: string) =>
    void (await asPostgres(`${PG_BIN}/pg_ctl`, ['-D', data, '-m', mode, '-w', 'stop']).catch(() => {}));
  const pair: ReplicaPair = {
    backend: 'postgres',
    primaryUrl: (db) => `postgres://postgres@127.0.0.1:${pp}/${db}`,
    replicaUrl: (db) => `postgres://postgres@127.0.0.1:${rp}/${db}`,
    async pauseReplication() {
      await psql(rp, 'SELECT pg_wal_replay_pause()');
      // a pause is only requested; replay stops at its next record
      await waitFor(async () => (await psql(rp, 'SELECT pg_get_wal_replay_pause_state()')).stdout.trim() === 'paused');
    },
    resumeReplication: async () => void (await psql(rp, 'SELECT pg_wal_replay_resume()')),
    killReplica: () => stop(replicaDir, 'immediate'),
    async stop() {
      await stop(replicaDir, 'immediate');
      await stop(primaryDir, 'fast');
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
  try {
    await asPostgres(`${PG_BIN}/initdb`, [
      '-D',
      primaryDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    fs.appendFileSync(path.join(primaryDir, 'pg_hba.conf'), 'host replication all 127.0.0.1/32 trust\n');
    await start(primaryDir, pp);
    await asPostgres(`${PG_BIN}/pg_basebackup`, [
      '-h',
      '127.0.0.1',
      '-p',
      String(pp),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
    ]);
    await start(replicaDir, rp);
    await waitFor(async () => (await psql(rp, 'SELECT pg_is_in_recovery()')).stdout.trim() === 't');
    return pair;
  } catch (error) {
    await pair.stop();
    throw error;
  }
}

async function waitFor(test: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the replica');
    await sleep(200);
  }
}
