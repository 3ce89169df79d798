import type { Backend } from '../src/config/database-url.ts';
import type { BackendResults } from './backend-run.ts';
import { countStatus, formatStatuses, totalResponses, type LoadResult } from './load.ts';
import type { Machine } from './machine.ts';
import type { ProfileSummary } from './profile-summary.ts';
import { TARGETS, type BenchSettings } from './settings.ts';
import { targetRows, missNotes } from './report-targets.ts';

export interface Report {
  settings: BenchSettings;
  machine: Machine;
  startedAt: Date;
  elapsedSec: number;
  results: BackendResults[];
  skipped: { backend: Backend; reason: string }[];
}

export const NAMES: Record<Backend, string> = { sqlite: 'SQLite', mysql: 'MariaDB', postgres: 'PostgreSQL' };

export const rps = (r: LoadResult) => Math.round(r.requestsPerSec).toLocaleString('en-US');
export const ms = (n: number) => n.toFixed(2);
export const pct = (x: number) => `${Math.round(x * 100)} %`;

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function machineSection(report: Report): string {
  const m = report.machine;
  const rows = [
    ['CPU', `${m.cpu}`],
    ['cores (available to Node)', String(m.cores)],
    ['memory', `${m.memoryGiB} GiB`],
    ['OS', m.os],
    ['Node.js', m.node],
    ...report.results.map((r) => [NAMES[r.backend], r.version]),
    ['load average when the run started', m.loadAverage],
  ];
  return `## Machine\n\n${table(['', ''], rows)}\n\nThe machine is **shared with other engineers** working (and running tests) at the same time, and the load generator, the app server and the database server all share its ${m.cores} cores: treat every figure as noisy (±20 % between runs is normal here) and compare ratios taken within one run rather than absolute numbers across runs.`;
}

function methodSection(report: Report): string {
  const s = report.settings;
  return `## How it was measured

Command: \`${s.quick ? 'BENCH_QUICK=1 ' : ''}npm run bench\` (\`tsx bench/run.ts\`), started ${report.startedAt.toISOString()}, took ${Math.round(report.elapsedSec)} s.${s.quick ? ' **Quick smoke variant: short runs and a smaller "large" data set; use the full run for real figures.**' : ''}

- Each backend gets a fresh database created (and dropped afterwards) by the harness: ${s.backends.map((b) => NAMES[b]).join(', ')}.
- The app is \`tablebookings serve\` (\`node --import tsx src/cli/main.ts serve --workers 1\`, \`NODE_ENV=production\`, \`LOG_LEVEL=warn\`, \`BOOKING_RATE_LIMIT=0\`, default pool of 5 connections) in its own process.
- The load generator is autocannon (API, in its own process: \`bench/load-client.ts\`), ${s.connections} connections, no pipelining, ${s.warmupSec} s warm-up then ${s.durationSec} s measured per run. Latency percentiles are exact, over the 2xx responses (autocannon's own histogram only keeps whole milliseconds).
- **Availability GET**: \`/api/v1/restaurants/{slug}/availability?date=…&party=2\` cycling over 4 restaurants (10 tables each) × the next 30 days.
- **Booking POST**: \`/api/v1/restaurants/{slug}/bookings\` with \`{date, time, party: 2, name, email}\`; consecutive requests go to 8 restaurants × 360 days × 4 non-overlapping times × 25 tables, so requests in flight never compete for a table (no contention): nearly every answer should be 201.
- **Raw floor** (\`bench/raw-floor.ts\`): a bare \`node:http\` server with the same driver (better-sqlite3 / mysql2 / pg), the same pool size and session setup, answering the same URLs with only the bookings query of \`occupancyBetween\` and the rows as JSON.
- **1k vs large**: two databases per backend, seeded alike — 4 availability restaurants with ${s.smallBookings.toLocaleString('en-US')} future bookings (with their occupancy cells) — and the second one also holds ~${s.largeBookings.toLocaleString('en-US')} past bookings over the last 3 years in the same restaurants (\`bench/seed-past.ts\`: INSERT … SELECT over a number series, then ANALYZE). The same availability requests run against an app server on each. For the latency ratio, ${s.latencyRounds} round(s) of single-connection runs alternate between the two servers (both running at once), so background load on the shared machine hits both alike; each side's p50 is the median over its rounds.
- The booking POST run writes into the 1k database after the availability runs; CPU profiles (only when a throughput target is missed) come from a separate, shorter run with \`node --cpu-prof\`.`;
}

function availabilitySection(results: BackendResults[]): string {
  const rows = results.map((r) => [
    NAMES[r.backend],
    rps(r.availabilitySmall),
    ms(r.availabilitySmall.p50),
    ms(r.availabilitySmall.p99),
    formatStatuses(r.availabilitySmall),
    rps(r.floorSmall),
    ms(r.floorSmall.p50),
    ms(r.floorSmall.p99),
    pct(r.availabilitySmall.requestsPerSec / r.floorSmall.requestsPerSec),
  ]);
  return `## Availability GET vs the raw floor (1k stored bookings)\n\n${table(
    ['backend', 'ours req/s', 'p50 ms', 'p99 ms', 'responses', 'floor req/s', 'floor p50', 'floor p99', 'ours / floor'],
    rows,
  )}`;
}

function bookingSection(results: BackendResults[]): string {
  const rows = results.map((r) => {
    const b = r.booking;
    const created = countStatus(b, '201');
    return [
      NAMES[r.backend],
      rps(b),
      ms(b.p50),
      ms(b.p99),
      formatStatuses(b),
      pct(created / Math.max(1, totalResponses(b))),
      TARGETS.bookingPerSec[r.backend]?.toLocaleString('en-US') ?? '—',
    ];
  });
  return `## Booking POST, no contention\n\n${table(['backend', 'req/s', 'p50 ms', 'p99 ms', 'responses by status', '201 share', 'target req/s'], rows)}`;
}

function scaleSection(results: BackendResults[], settings: BenchSettings): string {
  const rows = results.map((r) => [
    NAMES[r.backend],
    `${r.storedSmall.toLocaleString('en-US')} → ${r.storedLarge.toLocaleString('en-US')}`,
    `${ms(r.singleSmall.p50)} → ${ms(r.singleLarge.p50)}`,
    (r.singleLarge.p50 / r.singleSmall.p50).toFixed(2) + '×',
    `${r.singleRounds.small.map(ms).join(' / ')} vs ${r.singleRounds.large.map(ms).join(' / ')}`,
    `${ms(r.availabilitySmall.p50)} → ${ms(r.availabilityLarge.p50)}`,
    (r.availabilityLarge.p50 / r.availabilitySmall.p50).toFixed(2) + '×',
    `${rps(r.availabilitySmall)} → ${rps(r.availabilityLarge)}`,
    `${ms(r.floorSmall.p50)} → ${ms(r.floorLarge.p50)}`,
    `${r.seedLargeSec.toFixed(0)} s`,
  ]);
  return `## Availability with 1k vs ~${settings.largeBookings.toLocaleString('en-US')} stored bookings\n\n${table(
    [
      'backend',
      'stored bookings',
      'p50 ms, 1 connection',
      'ratio',
      'per-round p50 ms, 1k vs large',
      `p50 ms, ${settings.connections} connections`,
      'ratio',
      `req/s, ${settings.connections} connections`,
      'raw floor p50 ms',
      'seeding took',
    ],
    rows,
  )}\n\n"ratio" is p50 with the large data set over p50 with 1k. The target is judged on the 1-connection p50 — the latency of one request without queueing; with ${settings.connections} connections p50 is mostly time spent queued behind other requests (≈ connections ÷ req/s), shown as a cross-check.`;
}

function workersSection(results: BackendResults[]): string {
  const withWorkers = results.filter((r) => r.workers2);
  if (withWorkers.length === 0) return '## 1 vs 2 workers\n\nNot run (quick mode).';
  const rows = withWorkers.map((r) => [
    NAMES[r.backend],
    rps(r.availabilityLarge),
    rps(r.workers2!),
    (r.workers2!.requestsPerSec / r.availabilityLarge.requestsPerSec).toFixed(2) + '×',
    ms(r.workers2!.p50),
    formatStatuses(r.workers2!),
  ]);
  return `## Availability, 1 vs 2 workers (\`serve --workers 2\`, large data set)\n\n${table(['backend', '1 worker req/s', '2 workers req/s', 'speed-up', '2 workers p50 ms', 'responses'], rows)}\n\nWith 2 cores shared by the load generator and the database, a second worker can only win what the first left idle.`;
}

function notesSection(results: BackendResults[]): string {
  if (results.length === 0) return '';
  const floorCpu = results.map((r) => `${NAMES[r.backend]} ${Math.round(r.floorSmall.clientCores * 100)} %`).join(', ');
  const oursCpu = results
    .map((r) => `${NAMES[r.backend]} ${Math.round(r.availabilitySmall.clientCores * 100)} %`)
    .join(', ');
  return `## Notes on reading these figures

- Everything runs on the same cores: the load generator, the app server (or the raw floor) and, for MariaDB and PostgreSQL, the database server. During the raw-floor runs autocannon itself used ${floorCpu} of one core; during our availability runs ${oursCpu}. So the floor is partly bounded by the load generator and the database server rather than by the driver, and the "ours / floor" fraction is measured against a floor that would be higher on a machine with spare cores.
- "Socket writes" in the profiles (\`writev\`, mysql2's \`writeBuffer\`) are the system calls sending responses and queries; with the database server on the same two cores they also absorb the time the kernel spends scheduling it.
- A second worker helps only as far as a core is idle: on SQLite the database lives inside the worker, so two workers use both cores; with MariaDB/PostgreSQL the database server and the load generator already keep both cores busy.
- Numbers move between runs (other engineers' test suites run on this machine): compare the ratios within one run.`;
}

function profileBlock(title: string, p: ProfileSummary): string {
  const rows = (list: [string, number][], code: boolean) =>
    list.map(([f, v]) => `| ${code ? `\`${f.replace(/\|/g, '\\|')}\`` : f} | ${v} % |`).join('\n');
  return `#### ${title}

\`node --cpu-prof\` of the server during a ${p.samples.toLocaleString('en-US')}-sample run (profile kept at \`${p.file}\`; open it in Chrome DevTools). The process was idle (waiting on the database or the network) ${p.idlePercent} % of the time; the percentages below are of the busy time.

| area (self time) | share |
| --- | --- |
${rows(p.topAreas, false)}

| our function (inclusive: itself and what it calls) | share |
| --- | --- |
${rows(p.topOwnInclusive, true)}

| function (self time) | share |
| --- | --- |
${rows(p.topFunctions, true)}`;
}

function profilesSection(results: BackendResults[]): string {
  const blocks = results
    .flatMap((r) => [
      r.profiles.availability ? profileBlock(`${NAMES[r.backend]}: availability GET`, r.profiles.availability) : '',
      r.profiles.booking ? profileBlock(`${NAMES[r.backend]}: booking POST`, r.profiles.booking) : '',
    ])
    .filter(Boolean);
  if (blocks.length === 0) return '';
  return `## Profiles (taken because a throughput target was missed)\n\n${blocks.join('\n\n')}`;
}

export function renderReport(report: Report): string {
  const skipped = report.skipped.map((s) => `- **${NAMES[s.backend]} skipped**: ${s.reason}`).join('\n');
  return (
    [
      '# Benchmarks',
      `Written by \`npm run bench\` (\`bench/run.ts\`); every run overwrites this file. Targets from issue 3.${skipped ? `\n\n${skipped}` : ''}`,
      machineSection(report),
      `## Targets\n\n${table(['target', ...report.results.map((r) => NAMES[r.backend])], targetRows(report.results, report.settings.largeBookings))}`,
      missNotes(report.results),
      methodSection(report),
      availabilitySection(report.results),
      bookingSection(report.results),
      scaleSection(report.results, report.settings),
      workersSection(report.results),
      notesSection(report.results),
      profilesSection(report.results),
    ]
      .filter(Boolean)
      .join('\n\n') + '\n'
  );
}
