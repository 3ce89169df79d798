import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Backend } from '../src/config/database-url.ts';
import { countBookings, freshBenchDatabase, type BenchDatabase } from './bench-database.ts';
import { runLoad, type LoadResult, type LoadSpec } from './load.ts';
import { databaseVersion } from './machine.ts';
import { AVAIL_DAYS } from './plan.ts';
import { startAppServer, startRawFloor, type Proc } from './processes.ts';
import { newestProfile, summariseProfile, type ProfileSummary } from './profile-summary.ts';
import { seedFutureBookings, seedRestaurants } from './seed.ts';
import { seedPastBookings } from './seed-past.ts';
import { TARGETS, type BenchSettings } from './settings.ts';

export interface BackendResults {
  backend: Backend;
  version: string;
  floorSmall: LoadResult;
  availabilitySmall: LoadResult;
  /** availability with one connection (no queueing), 1k and large */
  singleSmall: LoadResult;
  singleLarge: LoadResult;
  /** p50 of each alternating 1-connection round */
  singleRounds: { small: number[]; large: number[] };
  booking: LoadResult;
  storedSmall: number;
  storedLarge: number;
  seedLargeSec: number;
  floorLarge: LoadResult;
  availabilityLarge: LoadResult;
  workers2?: LoadResult;
  profiles: { availability?: ProfileSummary; booking?: ProfileSummary };
}

type Kind = LoadSpec['kind'];
type Log = (line: string) => void;

interface Ctx {
  settings: BenchSettings;
  /** 1k stored bookings (the booking run writes here too, after the availability runs) */
  small: BenchDatabase;
  /** the same 1k plus ~1M past bookings */
  large: BenchDatabase;
  log: Log;
  /** next index of the booking plan (bookings already made stay made) */
  bookingOffset: number;
}

interface MeasureOptions {
  seconds?: number;
  connections?: number;
  /** skip the warm-up (the server just served a warm-up or a run) */
  warm?: boolean;
}

/** Warm-up, then the measured run, against a server that is already up. */
async function measure(
  ctx: Ctx,
  url: string,
  kind: Kind,
  label: string,
  options: MeasureOptions = {},
): Promise<LoadResult> {
  const base = { url, kind, connections: options.connections ?? ctx.settings.connections };
  if (!options.warm) {
    const warm = await runLoad({ ...base, durationSec: ctx.settings.warmupSec, offset: ctx.bookingOffset });
    if (kind === 'booking') ctx.bookingOffset = warm.planned;
  }
  const result = await runLoad({
    ...base,
    durationSec: options.seconds ?? ctx.settings.durationSec,
    offset: ctx.bookingOffset,
  });
  if (kind === 'booking') ctx.bookingOffset = result.planned;
  ctx.log(
    `  ${label}: ${Math.round(result.requestsPerSec)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${JSON.stringify(result.statusCounts)}`,
  );
  return result;
}

async function withProcess<T>(
  start: Promise<{ proc: Proc; url: string }>,
  body: (url: string) => Promise<T>,
): Promise<T> {
  const { proc, url } = await start;
  try {
    return await body(url);
  } finally {
    await proc.stop();
  }
}

/** Runs one scenario against a server started with `--cpu-prof`, and summarises the profile. */
async function profiled(ctx: Ctx, kind: Kind): Promise<ProfileSummary | undefined> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tb-bench-prof-${kind}-`));
  await withProcess(startAppServer({ databaseUrl: ctx.small.url, cpuProfDir: dir }), (url) =>
    // no separate warm-up: the gap while the load generator starts would show as idle time
    measure(ctx, url, kind, `${kind} (profiled)`, { seconds: ctx.settings.profileSec, warm: true }),
  );
  const file = newestProfile(dir);
  if (!file) {
    ctx.log(`  no CPU profile was written in ${dir}`);
    return undefined;
  }
  const keep = path.join(os.tmpdir(), `tablebookings-bench-${ctx.small.backend}-${kind}.cpuprofile`);
  fs.copyFileSync(file, keep);
  fs.rmSync(dir, { recursive: true, force: true });
  return { ...summariseProfile(keep), file: keep };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Several runs as one: median p50/p99, mean req/s, summed counts. */
function combine(results: LoadResult[]): LoadResult {
  const statusCounts: Record<string, number> = {};
  for (const r of results)
    for (const [code, n] of Object.entries(r.statusCounts)) statusCounts[code] = (statusCounts[code] ?? 0) + n;
  return {
    requestsPerSec: results.reduce((s, r) => s + r.requestsPerSec, 0) / results.length,
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    mean: median(results.map((r) => r.mean)),
    statusCounts,
    errors: results.reduce((s, r) => s + r.errors, 0),
    timeouts: results.reduce((s, r) => s + r.timeouts, 0),
    planned: 0,
    durationSec: results.reduce((s, r) => s + r.durationSec, 0),
    clientCores: median(results.map((r) => r.clientCores)),
  };
}

/**
 * 1k vs large with one connection (latency without queueing), alternating between two
 * app servers — one on each database — so that load from elsewhere on the machine hits
 * both alike; each side's p50 is the median of its rounds.
 */
async function interleaved(ctx: Ctx, smallUrl: string, largeUrl: string) {
  const rounds = { small: [] as LoadResult[], large: [] as LoadResult[] };
  const seconds = Math.max(2, Math.round(ctx.settings.durationSec / 3));
  for (let i = 0; i < ctx.settings.latencyRounds; i++) {
    rounds.small.push(
      await measure(ctx, smallUrl, 'availability', `  1 connection, 1k bookings, round ${i + 1}`, {
        connections: 1,
        warm: true,
        seconds,
      }),
    );
    rounds.large.push(
      await measure(ctx, largeUrl, 'availability', `  1 connection, large, round ${i + 1}`, {
        connections: 1,
        warm: true,
        seconds,
      }),
    );
  }
  return {
    singleSmall: combine(rounds.small),
    singleLarge: combine(rounds.large),
    singleRounds: { small: rounds.small.map((r) => r.p50), large: rounds.large.map((r) => r.p50) },
  };
}

async function availabilityPhase(ctx: Ctx) {
  const floorSmall = await withProcess(startRawFloor(ctx.small.url), (url) =>
    measure(ctx, url, 'availability', 'raw floor, 1k bookings'),
  );
  const floorLarge = await withProcess(startRawFloor(ctx.large.url), (url) =>
    measure(ctx, url, 'availability', 'raw floor, large'),
  );
  return withProcess(startAppServer({ databaseUrl: ctx.small.url }), (smallUrl) =>
    withProcess(startAppServer({ databaseUrl: ctx.large.url }), async (largeUrl) => {
      const availabilitySmall = await measure(ctx, smallUrl, 'availability', 'availability GET, 1k bookings');
      const availabilityLarge = await measure(ctx, largeUrl, 'availability', 'availability GET, large');
      return {
        floorSmall,
        floorLarge,
        availabilitySmall,
        availabilityLarge,
        ...(await interleaved(ctx, smallUrl, largeUrl)),
      };
    }),
  );
}

async function profilesOnMiss(
  ctx: Ctx,
  availability: { availabilitySmall: LoadResult; floorSmall: LoadResult },
  booking: LoadResult,
) {
  const profiles: BackendResults['profiles'] = {};
  if (!ctx.settings.profileOnMiss) return profiles;
  if (availability.availabilitySmall.requestsPerSec < TARGETS.floorFraction * availability.floorSmall.requestsPerSec) {
    profiles.availability = await profiled(ctx, 'availability');
  }
  const bookingTarget = TARGETS.bookingPerSec[ctx.small.backend];
  if (bookingTarget && booking.requestsPerSec < bookingTarget) profiles.booking = await profiled(ctx, 'booking');
  return profiles;
}

async function seedDatabase(ctx: Ctx, db: BenchDatabase, past: number): Promise<{ stored: number; seconds: number }> {
  const started = Date.now();
  const { avail } = await seedRestaurants(db.database.db);
  await seedFutureBookings(db.database.db, avail, ctx.settings.smallBookings, AVAIL_DAYS);
  if (past > 0) await seedPastBookings(db.database.db, db.backend, avail, past);
  return { stored: await countBookings(db.database), seconds: (Date.now() - started) / 1000 };
}

async function runScenarios(ctx: Ctx, version: string): Promise<BackendResults> {
  const { stored: storedSmall } = await seedDatabase(ctx, ctx.small, 0);
  ctx.log(`  seeding ~${ctx.settings.largeBookings} bookings into a second database…`);
  const { stored: storedLarge, seconds: seedLargeSec } = await seedDatabase(
    ctx,
    ctx.large,
    ctx.settings.largeBookings - ctx.settings.smallBookings,
  );
  ctx.log(`  seeded in ${seedLargeSec.toFixed(1)} s; ${storedLarge} bookings stored`);
  const availability = await availabilityPhase(ctx);
  const booking = await withProcess(startAppServer({ databaseUrl: ctx.small.url }), (url) =>
    measure(ctx, url, 'booking', 'booking POST'),
  );
  const profiles = await profilesOnMiss(ctx, availability, booking);
  const workers2 = ctx.settings.workersRun
    ? await withProcess(startAppServer({ databaseUrl: ctx.large.url, workers: 2 }), (url) =>
        measure(ctx, url, 'availability', 'availability GET, large, 2 workers'),
      )
    : undefined;
  return {
    backend: ctx.small.backend,
    version,
    storedSmall,
    storedLarge,
    seedLargeSec,
    ...availability,
    booking,
    profiles,
    workers2,
  };
}

/** Every scenario on one backend, on two fresh databases (1k and large) that are dropped afterwards. */
export async function runBackend(backend: Backend, settings: BenchSettings, log: Log): Promise<BackendResults> {
  const small = await freshBenchDatabase(backend, settings);
  try {
    const large = await freshBenchDatabase(backend, settings);
    try {
      const version = await databaseVersion(small.database.db, backend);
      log(`${backend}: ${version}`);
      return await runScenarios({ settings, small, large, log, bookingOffset: 0 }, version);
    } finally {
      await large.drop();
    }
  } finally {
    await small.drop();
  }
}
