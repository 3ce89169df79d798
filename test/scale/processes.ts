import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Real processes for the scale tests: app servers, nginx, HAProxy, on 127.0.0.1 only. */

/** Why a test needing `binary` cannot run here (outside CI a missing binary skips; in CI it fails). */
export function missingBinary(binary: string): string | undefined {
  if (fs.existsSync(binary)) return undefined;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${binary} is missing (apt-get install nginx haproxy)`);
  return `${binary} is not installed`;
}

export const SECRET_KEY = 'scale-test-secret-key-0123456789abcdef';

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tb-${prefix}-`));
  fs.chmodSync(dir, 0o755); // nginx workers (not root) read their temp paths here
  return dir;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Proc {
  child: ChildProcess;
  name: string;
  /** everything written to stdout and stderr */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function startProcess(name: string, command: string, args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => ((running = false), resolve({ code, signal }))),
  );
  return {
    child,
    name,
    output: () => text,
    exited,
    isRunning: () => running,
    async stop(signal = 'SIGKILL') {
      if (running) child.kill(signal);
      await exited;
    },
  };
}

/** `tablebookings serve` as its own process (tsx, as in production without a build step). */
export function startAppServer(port: number, env: Record<string, string>, args: string[] = []): Proc {
  return startProcess(
    `app:${port}`,
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', String(port), ...args],
    {
      SECRET_KEY,
      LOG_LEVEL: 'warn',
      BOOKING_RATE_LIMIT: '0',
      TRUST_PROXY: '1',
      ...env,
    },
  );
}

/** Polls `url` until it answers `status` (default 200). */
export async function waitForStatus(url: string, proc?: Proc, timeoutMs = 30_000, status = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc && !proc.isRunning()) throw new Error(`${proc.name} exited:\n${proc.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === status) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline)
      throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms${proc ? `:\n${proc.output()}` : ''}`);
    await sleep(100);
  }
}

/** Replaces the lines between `# BEGIN app servers` and `# END app servers`. */
export function replaceServers(template: string, lines: string[]): string {
  const pattern = /^([ \t]*)# BEGIN app servers[^\n]*\n[\s\S]*?^[ \t]*# END app servers[^\n]*$/m;
  if (!pattern.test(template)) throw new Error('template has no BEGIN/END app servers block');
  return template.replace(pattern, (_m, indent: string) => lines.map((l) => indent + l).join('\n'));
}

/** deploy/nginx.conf with these app servers, listening on 127.0.0.1:listenPort, paths in `dir`. */
export function renderNginx(dir: string, appPorts: number[], listenPort: number): string {
  const template = fs.readFileSync('deploy/nginx.conf', 'utf8');
  const servers = appPorts.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=3s;`);
  const text = replaceServers(template, servers)
    .replace(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${listenPort};`)
    .replaceAll('/var/log/nginx/', `${dir}/`)
    .replaceAll('/var/lib/nginx/', `${dir}/`)
    .replace(/^worker_processes auto;/m, 'worker_processes 1;');
  if (text.includes('10.0.0.') || !text.includes(`127.0.0.1:${listenPort}`))
    throw new Error('nginx template substitution failed');
  return text;
}

export async function startNginx(appPorts: number[]): Promise<{ proc: Proc; url: string; dir: string }> {
  const dir = tempDir('nginx');
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'nginx.conf'), renderNginx(dir, appPorts, port));
  const proc = startProcess('nginx', '/usr/sbin/nginx', [
    '-p',
    dir,
    '-c',
    path.join(dir, 'nginx.conf'),
    '-e',
    path.join(dir, 'error.log'),
    '-g',
    `daemon off; pid ${dir}/nginx.pid;`,
  ]);
  await waitForStatus(`http://127.0.0.1:${port}/healthz`, proc, 10_000);
  return { proc, url: `http://127.0.0.1:${port}`, dir };
}

/** deploy/haproxy.cfg with these app servers, bound to 127.0.0.1:listenPort. */
export function renderHaproxy(appPorts: number[], listenPort: number): string {
  const template = fs.readFileSync('deploy/haproxy.cfg', 'utf8');
  const servers = appPorts.map((p, i) => `server app${i + 1} 127.0.0.1:${p}`);
  const text = replaceServers(template, servers).replace(/^(\s*)bind :80$/m, `$1bind 127.0.0.1:${listenPort}`);
  if (text.includes('10.0.0.') || !text.includes(`127.0.0.1:${listenPort}`))
    throw new Error('haproxy template substitution failed');
  return text;
}

export async function startHaproxy(appPorts: number[]): Promise<{ proc: Proc; url: string; dir: string }> {
  const dir = tempDir('haproxy');
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'haproxy.cfg'), renderHaproxy(appPorts, port));
  const proc = startProcess('haproxy', '/usr/sbin/haproxy', ['-db', '-f', path.join(dir, 'haproxy.cfg')]);
  await waitForStatus(`http://127.0.0.1:${port}/healthz`, proc, 10_000);
  return { proc, url: `http://127.0.0.1:${port}`, dir };
}

/** Sum of `http_requests_total` samples whose route starts with /api/, from /metrics text. */
export function apiRequestsServed(metrics: string): number {
  return metrics
    .split('\n')
    .filter((l) => l.startsWith('http_requests_total{') && l.includes('route="/api/'))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}
