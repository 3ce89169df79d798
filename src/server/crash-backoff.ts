/** A worker that lived at least this long had been running fine: its crash starts no streak. */
export const STABLE_LIFETIME_MS = 10_000;
const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 30_000;

export interface Backoff {
  /** wait this long before forking the replacement */
  delayMs: number;
  /** crashes in a row of workers that died young */
  streak: number;
}

/**
 * When to replace a crashed worker: at once after an occasional crash; while workers keep
 * dying young (a crash loop), wait 250 ms, 500 ms, 1 s … up to 30 s, so a broken
 * database or config does not turn the primary into a fork bomb.
 */
export function nextBackoff(lifetimeMs: number, previousStreak: number): Backoff {
  if (lifetimeMs >= STABLE_LIFETIME_MS) return { delayMs: 0, streak: 0 };
  const streak = previousStreak + 1;
  return { delayMs: Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (streak - 1)), streak };
}
