import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Child processes of the benchmark: app servers, the raw floor, the load generator. */

export const BENCH_SECRET_KEY = 'bench-secret-key-0123456789abcdef';

export interface Proc {
  child: ChildProcess;
  name: string;
  stdout(): string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
  /** SIGTERM (graceful: lets `--cpu-prof` write its file), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export function startProcess(name: string, args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let all = '';
  child.stdout!.on('data', (chunk) => ((out += chunk), (all += chunk)));
  child.stderr!.on('data', (chunk) => (all += chunk));
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => ((running = false), resolve({ code, signal }))),
  );
  return {
    child,
    name,
    stdout: () => out,
    output: () => all,
    exited,
    isRunning: () => running,
    async stop(graceMs = 15_000) {
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `url` until it answers 200. */
export async function waitForOk(url: string, proc: Proc, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!proc.isRunning()) throw new Error(`${proc.name} exited before it was ready:\n${proc.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${proc.output()}`);
    await sleep(100);
  }
}

export interface ServerOptions {
  databaseUrl: string;
  workers?: number;
  /** write a V8 CPU profile of the (single) server process into this directory */
  cpuProfDir?: string;
  /** more environment for the server (e.g. DATABASE_READ_URL) */
  env?: Record<string, string>;
}

/** `tablebookings serve` in its own process, ready to take requests. */
export async function startAppServer(options: ServerOptions): Promise<{ proc: Proc; url: string }> {
  const port = await freePort();
  const prof = options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : [];
  const args = [
    ...prof,
    '--import',
    'tsx',
    'src/cli/main.ts',
    'serve',
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--workers',
    String(options.workers ?? 1),
  ];
  const proc = startProcess(`app:${port}`, args, {
    DATABASE_URL: options.databaseUrl,
    SECRET_KEY: BENCH_SECRET_KEY,
    LOG_LEVEL: 'warn',
    BOOKING_RATE_LIMIT: '0',
    NODE_ENV: 'production',
    ...options.env,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForOk(`${url}/healthz`, proc);
  return { proc, url };
}

/** bench/raw-floor.ts in its own process, ready to take requests. */
export async function startRawFloor(databaseUrl: string): Promise<{ proc: Proc; url: string }> {
  const port = await freePort();
  const proc = startProcess(`floor:${port}`, ['--import', 'tsx', 'bench/raw-floor.ts'], {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForOk(`${url}/healthz`, proc);
  return { proc, url };
}
