import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Backend } from '../src/config/database-url.ts';
import { runBackend, type BackendResults } from './backend-run.ts';
import { unreachable } from './bench-database.ts';
import { describeMachine } from './machine.ts';
import { renderReport, type Report } from './report.ts';
import { loadSettings } from './settings.ts';
import { measureStartTimes, renderStartTimes, type StartTimes } from './start-time.ts';

/**
 * `npm run bench`: availability GET, booking POST, the raw floor, 1k vs ~1M stored
 * bookings and 1 vs 2 workers, on SQLite, MariaDB and PostgreSQL; writes BENCHMARKS.md.
 *
 *   BENCH_QUICK=1            ~2-minute smoke variant (short runs, 100k "large" set)
 *   BENCH_BACKENDS=sqlite,…  only these backends
 *   BENCH_OUT=file.md        write the report elsewhere
 *   BENCH_PROFILE=0|1        profile the server when a target is missed (default: not in quick mode)
 *   BENCH_RENDER=file.json   only re-render the report from a previous run's saved results
 *   BENCH_START=0            skip the start-up time section (bench/start-time.ts)
 *   BENCH_DURATION=s, BENCH_CONNECTIONS=n, BENCH_LARGE=n   override run length, load, large set size
 *   BENCH_MYSQL_URL / BENCH_POSTGRES_URL  servers to use (the database name is ignored)
 */

const log = (line: string) => process.stderr.write(line + '\n');

const SAVED = path.join(os.tmpdir(), 'tablebookings-bench-results.json');

/** Measurements made by other commands (db copy, the scale tests), kept by hand and appended. */
const OTHER = path.join(path.dirname(new URL(import.meta.url).pathname), 'other-measurements.md');

function render(report: Report, outFile: string, startTimes?: StartTimes): void {
  const other = fs.existsSync(OTHER) ? `\n${fs.readFileSync(OTHER, 'utf8')}` : '';
  const start = startTimes ? `\n${renderStartTimes(startTimes)}\n` : '';
  fs.writeFileSync(outFile, renderReport(report) + start + other);
  log(`bench: wrote ${outFile} (results saved in ${SAVED}; BENCH_RENDER=${SAVED} re-renders them)`);
}

async function main(): Promise<void> {
  const settings = loadSettings();
  if (process.env.BENCH_RENDER) {
    const saved = JSON.parse(fs.readFileSync(process.env.BENCH_RENDER, 'utf8')) as Report;
    return render({ ...saved, startedAt: new Date(saved.startedAt) }, settings.outFile);
  }
  const startedAt = new Date();
  const machine = describeMachine();
  log(
    `bench: ${settings.quick ? 'quick' : 'full'} run on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`,
  );
  const results: BackendResults[] = [];
  const skipped: { backend: Backend; reason: string }[] = [];
  for (const backend of settings.backends) {
    const problem = await unreachable(backend, settings);
    if (problem) {
      log(`${backend}: skipped (${problem})`);
      skipped.push({ backend, reason: `server not reachable: ${problem}` });
      continue;
    }
    try {
      results.push(await runBackend(backend, settings, log));
    } catch (error) {
      // one backend failing (e.g. its server stopped mid-run) must not lose the others' results
      const reason = error instanceof Error ? error.message : String(error);
      log(`${backend}: failed (${reason})`);
      skipped.push({ backend, reason: `the run failed: ${reason}` });
    }
  }
  const startTimes = process.env.BENCH_START === '0' ? undefined : await measureStartTimes(log, settings.quick ? 2 : 5);
  const elapsedSec = (Date.now() - startedAt.getTime()) / 1000;
  const report: Report = { settings, machine, startedAt, elapsedSec, results, skipped };
  fs.writeFileSync(SAVED, JSON.stringify(report, null, 1));
  log(`bench: done after ${Math.round(elapsedSec)} s`);
  render(report, settings.outFile, startTimes);
}

main().catch((error: unknown) => {
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
