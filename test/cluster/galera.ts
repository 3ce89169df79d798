import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, startProcess, tempDir, type Proc } from '../scale/processes.ts';
import {
  allowRootOverTcp,
  baseSettings,
  GALERA_PROVIDER,
  installDataDir,
  mariadbNode,
  MARIADBD,
  prepareEmptyDataDir,
  tail,
  type MariadbNode,
} from './mariadb-node.ts';

/**
 * A MariaDB Galera cluster of our own: N mariadbd processes on 127.0.0.1, each with its own
 * client, group (gcomm), IST and SST (rsync) ports, in one temp dir. Node 1 bootstraps the
 * cluster; the others join it by SST.
 */
export interface GaleraCluster {
  dir: string;
  nodes: GaleraNode[];
  /** mysql://root@h1:p1,h2:p2,h3:p3/db with the nodes in this order */
  url(database: string, order?: number[]): string;
  stop(): Promise<void>;
}

export interface GaleraNode extends MariadbNode {
  /** joins the running cluster again (after a kill) and waits until it is synced */
  rejoin(): Promise<void>;
  /** wsrep_local_state_comment, e.g. Synced */
  state(): Promise<string>;
}

/** Why the Galera tests cannot run here (outside CI they skip; in CI they fail). */
export function missingGalera(): string | undefined {
  const missing = [GALERA_PROVIDER, MARIADBD, '/usr/bin/rsync', '/usr/bin/wsrep_sst_rsync'].filter(
    (f) => !fs.existsSync(f),
  );
  if (missing.length === 0) return undefined;
  if (process.env.CI === 'true')
    throw new Error(`CI=true and ${missing.join(', ')} missing (apt-get install galera-4 mariadb-server rsync)`);
  return `${missing.join(', ')} not installed`;
}

interface Ports {
  client: number;
  group: number;
  ist: number;
  sst: number;
}

function galeraSettings(dir: string, name: string, own: Ports, all: Ports[]): string[] {
  const provider = [
    `gmcast.listen_addr=tcp://127.0.0.1:${own.group}`,
    `ist.recv_addr=127.0.0.1:${own.ist}`,
    'gcache.size=64M',
    'evs.suspect_timeout=PT3S',
    'evs.inactive_timeout=PT6S',
    'evs.install_timeout=PT6S',
    'pc.wait_prim_timeout=PT30S',
  ].join(';');
  return [
    ...baseSettings(dir, own.client),
    'binlog_format=ROW',
    'wsrep_on=ON',
    `wsrep_provider=${GALERA_PROVIDER}`,
    'wsrep_cluster_name=tablebookings_test',
    `wsrep_cluster_address=gcomm://${all.map((p) => `127.0.0.1:${p.group}`).join(',')}`,
    `wsrep_node_name=${name}`,
    `wsrep_node_address=127.0.0.1:${own.group}`,
    `wsrep_provider_options="${provider}"`,
    'wsrep_sst_method=rsync',
    `wsrep_sst_receive_address=127.0.0.1:${own.sst}`,
    'wsrep_slave_threads=2',
  ];
}

async function waitSynced(node: GaleraNode, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const proc = node.proc();
    if (proc && !proc.isRunning()) throw new Error(`${node.name} exited:\n${tail(node.dir)}`);
    const state = await node.state().catch(() => '');
    if (state === 'Synced') return;
    if (Date.now() > deadline)
      throw new Error(`${node.name} not synced within ${timeoutMs} ms (state ${state || 'down'}):\n${tail(node.dir)}`);
    await sleep(300);
  }
}

function galeraNode(dir: string, name: string, own: Ports, all: Ports[]): GaleraNode {
  const base = mariadbNode({ name, dir, port: own.client, settings: galeraSettings(dir, name, own, all) });
  const node: GaleraNode = {
    ...base,
    async state() {
      const rows = await base.sql("SHOW GLOBAL STATUS LIKE 'wsrep_local_state_comment'");
      return rows[0]?.[1] ?? '';
    },
    async rejoin() {
      await base.start();
      await base.waitReady();
      await waitSynced(node);
    },
  };
  return node;
}

/** Starts an N-node cluster (default 3); stops what it started if any node fails to come up. */
export async function startGalera(size = 3): Promise<GaleraCluster> {
  const dir = tempDir('galera');
  const ports: Ports[] = [];
  for (let i = 0; i < size; i++)
    ports.push({ client: await freePort(), group: await freePort(), ist: await freePort(), sst: await freePort() });
  const nodes = ports.map((own, i) => galeraNode(path.join(dir, `node${i + 1}`), `galera${i + 1}`, own, ports));
  const cluster: GaleraCluster = {
    dir,
    nodes,
    url: (database, order = nodes.map((_, i) => i)) =>
      `mysql://root@${order.map((i) => `127.0.0.1:${nodes[i].port}`).join(',')}/${database}`,
    async stop() {
      // the joiners first, the bootstrap node last: a clean shutdown of the whole group
      for (const node of [...nodes].reverse()) await node.stop().catch(() => {});
      if (!process.env.TB_KEEP_CLUSTER_DIR) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
  try {
    await installDataDir(nodes[0].dir);
    await nodes[0].start(['--wsrep-new-cluster']);
    await nodes[0].waitReady();
    await waitSynced(nodes[0]);
    await allowRootOverTcp(nodes[0]);
    for (const node of nodes.slice(1)) {
      await prepareEmptyDataDir(node.dir);
      await node.start();
      await node.waitReady();
      await waitSynced(node);
    }
    return cluster;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** wsrep_cluster_size as seen by `node` */
export async function clusterSize(node: MariadbNode): Promise<number> {
  const rows = await node.sql("SHOW GLOBAL STATUS LIKE 'wsrep_cluster_size'");
  return Number(rows[0]?.[1] ?? 0);
}

/**
 * deploy/haproxy-galera.cfg with these nodes (the first is the writer, the rest backups),
 * bound to a free port. Creates the check user on the cluster first.
 */
export async function startGaleraHaproxy(
  cluster: GaleraCluster,
  order: number[],
): Promise<{ proc: Proc; port: number }> {
  await cluster.nodes[0].sql("CREATE USER IF NOT EXISTS 'haproxy_check'@'127.0.0.1'");
  const port = await freePort();
  const template = fs.readFileSync('deploy/haproxy-galera.cfg', 'utf8');
  const servers = order.map((n, i) => `server db${i + 1} 127.0.0.1:${cluster.nodes[n].port}${i > 0 ? ' backup' : ''}`);
  const pattern = /^([ \t]*)# BEGIN database nodes[^\n]*\n[\s\S]*?^[ \t]*# END database nodes[^\n]*$/m;
  if (!pattern.test(template)) throw new Error('deploy/haproxy-galera.cfg has no BEGIN/END database nodes block');
  const text = template
    .replace(pattern, (_m, indent: string) => servers.map((l) => indent + l).join('\n'))
    .replace(/^(\s*)bind 127\.0\.0\.1:3306$/m, `$1bind 127.0.0.1:${port}`);
  if (text.includes('10.0.1.') || !text.includes(`127.0.0.1:${port}`))
    throw new Error('haproxy-galera template substitution failed');
  const file = path.join(cluster.dir, 'haproxy-galera.cfg');
  fs.writeFileSync(file, text);
  const proc = startProcess('haproxy-galera', '/usr/sbin/haproxy', ['-db', '-f', file]);
  await sleep(500);
  if (!proc.isRunning()) throw new Error(`haproxy exited:\n${proc.output()}`);
  return { proc, port };
}
