import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Backend } from '../src/db/database-url.ts';
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
  db: BenchDatabase;
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
async function measure(ctx: Ctx, url: string, kind: Kind, label: string, options: MeasureOptions = {}): Promise<LoadResult> {
  const base = { url, kind, connections: options.connections ?? ctx.settings.connections };
  if (!options.warm) {
    const warm = await runLoad({ ...base, durationSec: ctx.settings.warmupSec, offset: ctx.bookingOffset });
    if (kind === 'booking') ctx.bookingOffset = warm.planned;
  }
  const result = await runLoad({ ...base, durationSec: options.seconds ?? ctx.settings.durationSec, offset: ctx.bookingOffset });
  if (kind === 'booking') ctx.bookingOffset = result.planned;
  ctx.log(`  ${label}: ${Math.round(result.requestsPerSec)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${JSON.stringify(result.statusCounts)}`);
  return result;
}

async function withProcess<T>(start: Promise<{ proc: Proc; url: string }>, body: (url: string) => Promise<T>): Promise<T> {
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
  await withProcess(startAppServer({ databaseUrl: ctx.db.url, cpuProfDir: dir }), (url) => measure(ctx, url, kind, `${kind} (profiled)`, { seconds: ctx.settings.profileSec }));
  const file = newestProfile(dir);
  if (!file) {
    ctx.log(`  no CPU profile was written in ${dir}`);
    return undefined;
  }
  const keep = path.join(os.tmpdir(), `tablebookings-bench-${ctx.db.backend}-${kind}.cpuprofile`);
  fs.copyFileSync(file, keep);
  fs.rmSync(dir, { recursive: true, force: true });
  return { ...summariseProfile(keep), file: keep };
}

/** A single connection, right after a loaded run: latency without queueing. */
const single = (ctx: Ctx): MeasureOptions => ({ connections: 1, warm: true, seconds: Math.max(2, Math.round(ctx.settings.durationSec / 2)) });

async function smallPhase(ctx: Ctx) {
  const floorSmall = await withProcess(startRawFloor(ctx.db.url), (url) => measure(ctx, url, 'availability', 'raw floor, 1k bookings'));
  const [availabilitySmall, singleSmall, booking] = await withProcess(startAppServer({ databaseUrl: ctx.db.url }), async (url) => [
    await measure(ctx, url, 'availability', 'availability GET, 1k bookings'),
    await measure(ctx, url, 'availability', 'availability GET, 1k bookings, 1 connection', single(ctx)),
    await measure(ctx, url, 'booking', 'booking POST'),
  ]);
  const profiles: BackendResults['profiles'] = {};
  if (ctx.settings.profileOnMiss && availabilitySmall.requestsPerSec < TARGETS.floorFraction * floorSmall.requestsPerSec) {
    profiles.availability = await profiled(ctx, 'availability');
  }
  const bookingTarget = TARGETS.bookingPerSec[ctx.db.backend];
  if (ctx.settings.profileOnMiss && bookingTarget && booking.requestsPerSec < bookingTarget) profiles.booking = await profiled(ctx, 'booking');
  return { floorSmall, availabilitySmall, singleSmall, booking, profiles };
}

async function largePhase(ctx: Ctx, avail: Parameters<typeof seedPastBookings>[2]) {
  const started = Date.now();
  ctx.log(`  seeding ${ctx.settings.largeBookings} past bookings…`);
  await seedPastBookings(ctx.db.database.db, ctx.db.backend, avail, ctx.settings.largeBookings - ctx.settings.smallBookings);
  const seedLargeSec = (Date.now() - started) / 1000;
  const storedLarge = await countBookings(ctx.db.database);
  ctx.log(`  seeded in ${seedLargeSec.toFixed(1)} s; ${storedLarge} bookings stored`);
  const floorLarge = await withProcess(startRawFloor(ctx.db.url), (url) => measure(ctx, url, 'availability', 'raw floor, large'));
  const [availabilityLarge, singleLarge] = await withProcess(startAppServer({ databaseUrl: ctx.db.url }), async (url) => [
    await measure(ctx, url, 'availability', 'availability GET, large'),
    await measure(ctx, url, 'availability', 'availability GET, large, 1 connection', single(ctx)),
  ]);
  const workers2 = ctx.settings.workersRun
    ? await withProcess(startAppServer({ databaseUrl: ctx.db.url, workers: 2 }), (url) => measure(ctx, url, 'availability', 'availability GET, large, 2 workers'))
    : undefined;
  return { seedLargeSec, storedLarge, floorLarge, availabilityLarge, singleLarge, workers2 };
}

/** Every scenario on one backend, on a fresh database that is dropped afterwards. */
export async function runBackend(backend: Backend, settings: BenchSettings, log: Log): Promise<BackendResults> {
  const db = await freshBenchDatabase(backend, settings);
  try {
    const version = await databaseVersion(db.database.db, backend);
    log(`${backend}: ${version}`);
    const { avail } = await seedRestaurants(db.database.db);
    await seedFutureBookings(db.database.db, avail, settings.smallBookings, AVAIL_DAYS);
    const storedSmall = await countBookings(db.database);
    const ctx: Ctx = { settings, db, log, bookingOffset: 0 };
    const small = await smallPhase(ctx);
    const large = await largePhase(ctx, avail);
    return { backend, version, storedSmall, ...small, ...large };
  } finally {
    await db.drop();
  }
}
