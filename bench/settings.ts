import type { Backend } from '../src/config/database-url.ts';

/** What one `npm run bench` does; BENCH_QUICK=1 is the ~2-minute smoke variant. */
export interface BenchSettings {
  quick: boolean;
  backends: Backend[];
  /** seconds per measured run */
  durationSec: number;
  /** seconds of warm-up before each measured run */
  warmupSec: number;
  connections: number;
  /** stored bookings in the small and the large availability data sets */
  smallBookings: number;
  largeBookings: number;
  workersRun: boolean;
  /** alternating 1-connection rounds (1k server, large server) for the latency ratio */
  latencyRounds: number;
  /** profile the server (node --cpu-prof) when a throughput target is missed */
  profileOnMiss: boolean;
  profileSec: number;
  outFile: string;
  mysqlBase: string;
  postgresBase: string;
}

export const TARGETS = {
  floorFraction: 0.6,
  bookingPerSec: { sqlite: 2000, mysql: 1000 } as Partial<Record<Backend, number>>,
  largeToSmallP50: 1.5,
};

function backendsFrom(raw: string | undefined): Backend[] {
  if (!raw) return ['sqlite', 'mysql', 'postgres'];
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .map((s) => (s === 'mariadb' ? 'mysql' : s === 'postgresql' ? 'postgres' : s));
  for (const name of names)
    if (!['sqlite', 'mysql', 'postgres'].includes(name)) throw new Error(`BENCH_BACKENDS: unknown backend "${name}"`);
  return names as Backend[];
}

function positive(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const quick = ['1', 'true', 'yes'].includes((env.BENCH_QUICK ?? '').toLowerCase());
  return {
    quick,
    backends: backendsFrom(env.BENCH_BACKENDS),
    durationSec: positive(env.BENCH_DURATION, quick ? 2 : 10),
    warmupSec: quick ? 1 : 2,
    connections: positive(env.BENCH_CONNECTIONS, 16),
    smallBookings: 1000,
    largeBookings: positive(env.BENCH_LARGE, quick ? 100_000 : 1_000_000),
    workersRun: !quick,
    latencyRounds: quick ? 1 : 3,
    profileOnMiss: env.BENCH_PROFILE ? env.BENCH_PROFILE === '1' : !quick,
    profileSec: 5,
    outFile: env.BENCH_OUT || 'BENCHMARKS.md',
    mysqlBase: env.BENCH_MYSQL_URL || 'mysql://root@127.0.0.1:3306/bench',
    postgresBase: env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/bench',
  };
}
