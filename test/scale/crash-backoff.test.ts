import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nextBackoff, STABLE_LIFETIME_MS } from '../../src/server/crash-backoff.ts';
import { createLogLine } from '../../src/server/log-line.ts';

describe('crash back-off', () => {
  it('replaces an occasional crash at once and backs off while workers keep dying young', () => {
    const cases: [lifetimeMs: number, streak: number, delayMs: number, nextStreak: number][] = [
      [STABLE_LIFETIME_MS, 0, 0, 0],
      [60_000, 7, 0, 0],
      [100, 0, 250, 1],
      [100, 1, 500, 2],
      [100, 2, 1_000, 3],
      [100, 8, 30_000, 9],
      [100, 40, 30_000, 41],
    ];
    for (const [lifetime, streak, delayMs, next] of cases) {
      assert.deepEqual(
        nextBackoff(lifetime, streak),
        { delayMs, streak: next },
        `lifetime ${lifetime}, streak ${streak}`,
      );
    }
  });

  it('the primary logs pino-shaped JSON lines and honours the level', () => {
    const lines: string[] = [];
    const log = createLogLine('warn', (l) => lines.push(l));
    log('info', 'hidden');
    log('error', 'worker died', { worker: 3 });
    assert.equal(lines.length, 1);
    const line = JSON.parse(lines[0]);
    assert.equal(line.level, 50);
    assert.equal(line.msg, 'worker died');
    assert.equal(line.worker, 3);
  });
});
