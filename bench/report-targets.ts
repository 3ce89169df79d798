import type { BackendResults } from './backend-run.ts';
import { formatStatuses, type LoadResult } from './load.ts';
import type { ProfileSummary } from './profile-summary.ts';
import { TARGETS } from './settings.ts';

/** The targets table and, for each miss, a note with the evidence. */

const NAMES = { sqlite: 'SQLite', mysql: 'MariaDB', postgres: 'PostgreSQL' } as const;
const round = (n: number) => Math.round(n).toLocaleString('en-US');

export function floorFraction(r: BackendResults): number {
  return r.availabilitySmall.requestsPerSec / r.floorSmall.requestsPerSec;
}

/** p50 latency (one connection, so no queueing) with the large data set over p50 with 1k. */
export function largeRatio(r: BackendResults): number {
  return r.singleLarge.p50 / r.singleSmall.p50;
}

const mark = (ok: boolean) => (ok ? '✅ met' : '❌ missed');

/** A run counts only when (nearly) every answer was a success. */
export function validRun(r: LoadResult): boolean {
  const total = Object.values(r.statusCounts).reduce((a, b) => a + b, 0);
  const ok = Object.entries(r.statusCounts)
    .filter(([code]) => code.startsWith('2'))
    .reduce((a, [, n]) => a + n, 0);
  return total > 0 && ok / total >= 0.99 && r.errors + r.timeouts <= total * 0.01;
}

function judged(runs: LoadResult[], text: string, ok: boolean): string {
  const bad = runs.filter((r) => !validRun(r));
  if (bad.length === 0) return `${text} ${mark(ok)}`;
  return `⚠️ not measured: failed responses (${bad.map(formatStatuses).join('; ')})`;
}

export function targetRows(results: BackendResults[], largeBookings: number): string[][] {
  const floor = results.map((r) =>
    judged(
      [r.availabilitySmall, r.floorSmall],
      `${Math.round(floorFraction(r) * 100)} %`,
      floorFraction(r) >= TARGETS.floorFraction,
    ),
  );
  const booking = results.map((r) => {
    const target = TARGETS.bookingPerSec[r.backend];
    const value = `${round(r.booking.requestsPerSec)}/s`;
    if (!target) return validRun(r.booking) ? `${value} (no target)` : judged([r.booking], value, false);
    return judged([r.booking], value, r.booking.requestsPerSec >= target);
  });
  const ratio = results.map((r) =>
    judged([r.singleSmall, r.singleLarge], `${largeRatio(r).toFixed(2)}×`, largeRatio(r) <= TARGETS.largeToSmallP50),
  );
  return [
    [`Availability GET ≥ ${TARGETS.floorFraction * 100} % of the raw floor's req/s`, ...floor],
    ['Booking POST, no contention: ≥ 2k/s SQLite, ≥ 1k/s MariaDB', ...booking],
    [
      `p50 availability with ~${largeBookings.toLocaleString('en-US')} bookings ≤ ${TARGETS.largeToSmallP50} × p50 with 1k (target: 1M)`,
      ...ratio,
    ],
  ];
}

function share(p: ProfileSummary | undefined, match: (area: string) => boolean): number {
  if (!p) return 0;
  return Math.round(p.topAreas.filter(([a]) => match(a)).reduce((s, [, v]) => s + v, 0));
}

function profileEvidence(p: ProfileSummary | undefined): string {
  if (!p) return 'No profile was taken (quick mode).';
  const app = share(p, (a) => a.startsWith('src/') && a !== 'src/db');
  const framework = share(p, (a) =>
    /^(fastify|@fastify|find-my-way|light-my-request|avvio|fast-json-stringify|ajv|pino)/.test(a),
  );
  const kysely = share(p, (a) => a === 'kysely');
  // better-sqlite3 runs synchronously inside our adapter (src/db/sqlite-driver.ts), so src/db counts as driver time
  const drivers = share(p, (a) => ['better-sqlite3', 'mysql2', 'pg', 'pg-protocol', 'src/db'].includes(a));
  const gc = share(p, (a) => a === '(garbage collector)');
  const luxon = share(p, (a) => a === 'luxon');
  const top = p.topFunctions
    .slice(0, 4)
    .map(([f, v]) => `\`${f}\` ${v} %`)
    .join(', ');
  const own = p.topOwnInclusive
    .slice(0, 6)
    .map(([f, v]) => `\`${f.replace(/ @ .*/, '')}\` ${v} %`)
    .join(', ');
  const sockets = Math.round(
    p.topFunctions.filter(([f]) => /^(writev|writeBuffer|writeUtf8String)\b/.test(f)).reduce((a, [, v]) => a + v, 0),
  );
  return (
    `The server's CPU profile (below; idle ${p.idlePercent} % of the run, i.e. waiting for the database, the network or a core) puts, of its busy time, ${luxon} % of self time in Luxon, ${framework} % in Fastify and its helpers, ${kysely} % in Kysely, ${drivers} % in the driver and src/db, ${app} % in the rest of our src/ code, ${gc} % in garbage collection and ${sockets} % in socket writes. ` +
    `Top functions by self time: ${top}. Our functions by inclusive time: ${own}.`
  );
}

function luxonAdvice(p: ProfileSummary | undefined): string {
  if (!p || share(p, (a) => a === 'luxon') < 10) return '';
  const callers = p.luxonCallers
    .filter(([, v]) => v >= 1)
    .map(([f, v]) => `\`${f.replace(/ @ .*/, '')}\` (${f.replace(/^.* @ /, '')}) ${v} %`)
    .join(', ');
  return (
    ` **Where to look first:** Luxon's time, by the function of ours that calls it: ${callers}. ` +
    'These are pure functions of their arguments (dates, minutes, zone): memoising them (a bounded Map), or skipping Luxon where the offset is known, removes that time without touching the DST rules.'
  );
}

function floorNote(r: BackendResults): string {
  const name = NAMES[r.backend];
  return (
    `- **${name}, availability at ${Math.round(floorFraction(r) * 100)} % of the floor** (${round(r.availabilitySmall.requestsPerSec)} vs ${round(r.floorSmall.requestsPerSec)} req/s). ` +
    `The floor does one query and a JSON.stringify; each availability request of ours also goes through Fastify routing, schema validation and serialisation, ` +
    `reads the restaurant's version stamp to validate the per-process restaurant cache, ` +
    `builds the slot grid in the restaurant's zone with Luxon, and runs the assignment for every slot. ${profileEvidence(r.profiles.availability)}${luxonAdvice(r.profiles.availability)}`
  );
}

function bookingNote(r: BackendResults, target: number): string {
  const name = NAMES[r.backend];
  return (
    `- **${name}, booking POST at ${round(r.booking.requestsPerSec)}/s, target ${round(target)}/s.** ` +
    `Every create is one write transaction (${r.backend === 'sqlite' ? 'BEGIN IMMEDIATE, so creates are serialised in the one process' : 'READ COMMITTED'}) holding: restaurant version read, free-table search, reference uniqueness check, ` +
    `the booking row, ~18 occupancy cell rows (the double-booking guard), and the confirmation e-mail in the outbox, then the commit. ${profileEvidence(r.profiles.booking)}${luxonAdvice(r.profiles.booking)}`
  );
}

function ratioNote(r: BackendResults): string {
  const name = NAMES[r.backend];
  const floorRatio = r.floorLarge.p50 / r.floorSmall.p50;
  return (
    `- **${name}, p50 with the large data set ${largeRatio(r).toFixed(2)}× the 1k p50.** The raw floor, running only the bookings query, moved ${floorRatio.toFixed(2)}× over the same data; ` +
    `the p50 under load (${r.availabilitySmall.p50} → ${r.availabilityLarge.p50} ms) moved ${(r.availabilityLarge.p50 / r.availabilitySmall.p50).toFixed(2)}×. ` +
    (floorRatio > TARGETS.largeToSmallP50
      ? 'So the slowdown is in the database query itself (plan or cache misses on the larger index), not in the app.'
      : 'The query alone did not slow down as much, so part of the difference is noise or app-side work.')
  );
}

export function missNotes(results: BackendResults[]): string {
  const notes: string[] = [];
  for (const r of results) {
    if (validRun(r.availabilitySmall) && floorFraction(r) < TARGETS.floorFraction) notes.push(floorNote(r));
    const target = TARGETS.bookingPerSec[r.backend];
    if (target && validRun(r.booking) && r.booking.requestsPerSec < target) notes.push(bookingNote(r, target));
    if (validRun(r.singleLarge) && largeRatio(r) > TARGETS.largeToSmallP50) notes.push(ratioNote(r));
    const failed = [
      r.floorSmall,
      r.floorLarge,
      r.availabilitySmall,
      r.availabilityLarge,
      r.singleSmall,
      r.singleLarge,
      r.booking,
      ...(r.workers2 ? [r.workers2] : []),
    ].filter((x) => !validRun(x));
    if (failed.length)
      notes.push(
        `- **${NAMES[r.backend]}: ${failed.length} run(s) answered mostly errors** (${failed.map(formatStatuses).join('; ')}): those figures are not measurements of a working server; look at the server's log and rerun.`,
      );
  }
  if (notes.length === 0) return '';
  return `### Where a target was missed, and why\n\n${notes.join('\n')}`;
}
