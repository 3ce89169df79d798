/**
 * `db copy` throughput, SQLite → MariaDB/MySQL, on the realistic 100k-booking site.
 *
 *   npx tsx bench/db-copy.ts [--bookings 100000] [--batch-size 1000] [--mysql mysql://root@127.0.0.1:3306/x]
 *
 * Builds the SQLite site once (cached in os.tmpdir()), copies it into a fresh database on the
 * server with the same function `tablebookings db copy` runs, prints rows/s for the copy
 * (and the total including verification), then drops the database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, dropDatabase } from '../src/db/create-database.ts';
import { copyDatabase } from '../src/db/transfer/copy.ts';
import { openReadOnly, openWritable } from '../src/db/transfer/endpoint.ts';
import { silentProgress } from '../src/db/transfer/progress.ts';
import { buildRealisticSite } from '../test/transfer/realistic-site.ts';

const { values } = parseArgs({
  options: {
    bookings: { type: 'string', default: '100000' },
    'batch-size': { type: 'string', default: '1000' },
    mysql: { type: 'string', default: 'mysql://root@127.0.0.1:3306/tb_bench_copy' },
  },
});

const file = path.join(os.tmpdir(), `tablebookings-bench-site-${values.bookings}.db`);
if (!fs.existsSync(file)) {
  process.stderr.write(`building ${file}…\n`);
  await buildRealisticSite(`sqlite:${file}`, Number(values.bookings));
}
const target = values.mysql!;
await dropDatabase(target);
await createDatabase(target);
const source = await openReadOnly('--from', `sqlite:${file}`);
const sink = await openWritable('--to', target);
try {
  const started = Date.now();
  const report = await copyDatabase(source, sink, {
    force: false,
    batchSize: Number(values['batch-size']),
    progress: silentProgress,
  });
  const total = (Date.now() - started) / 1000;
  if (!report.ok) throw new Error('verification failed');
  const bookings = report.tables.find((t) => t.table === 'bookings')!.source.rows;
  console.log(
    `db copy sqlite → ${sink.backend}: ${report.rows} rows (${bookings} bookings) copied in ${report.copySeconds.toFixed(2)} s = ${Math.round(report.rows / report.copySeconds)} rows/s; with verification ${total.toFixed(2)} s`,
  );
} finally {
  await sink.close();
  await source.close();
  await dropDatabase(target);
}
