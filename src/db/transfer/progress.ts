import cliProgress from 'cli-progress';

/** Progress of one table being copied / loaded. */
export interface TableProgress {
  increment(rows: number): void;
  stop(): void;
}

export type ProgressFactory = (table: string, total: number | undefined) => TableProgress;

export const silentProgress: ProgressFactory = () => ({ increment() {}, stop() {} });

function rate(rows: number, startedAt: number): number {
  const seconds = Math.max(0.001, (Date.now() - startedAt) / 1000);
  return Math.round(rows / seconds);
}

/**
 * A bar per table on a terminal (cli-progress), plain lines otherwise (CI logs, pipes):
 * one line per table when it is done, with its row count and rate.
 */
export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): ProgressFactory {
  return (table, total) => {
    const startedAt = Date.now();
    let done = 0;
    const name = table.padEnd(20);
    if (!stream.isTTY) {
      return {
        increment: (rows) => void (done += rows),
        stop: () =>
          void stream.write(
            `${name} ${String(done).padStart(9)} rows  ${((Date.now() - startedAt) / 1000).toFixed(1)} s  ${rate(done, startedAt)} rows/s\n`,
          ),
      };
    }
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${name} [{bar}] {percentage}% {value}/{total} rows  {rate} rows/s`,
        hideCursor: true,
        barsize: 30,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(total ?? 0, 1), 0, { rate: 0 });
    return {
      increment(rows) {
        done += rows;
        if (total === undefined || done > total) bar.setTotal(done);
        bar.update(done, { rate: rate(done, startedAt) });
      },
      stop() {
        bar.setTotal(Math.max(done, 1));
        bar.update(done, { rate: rate(done, startedAt) });
        bar.stop();
      },
    };
  };
}
