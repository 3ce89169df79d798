import type { DurationRule } from './types.ts';

/**
 * Dining minutes for a party: the first rule (by maxParty ascending) whose maxParty
 * is at least the party; parties larger than the last rule use the last rule.
 */
export function diningMinutes(durations: readonly DurationRule[], party: number): number {
  if (durations.length === 0) throw new RangeError('durations must not be empty');
  const sorted = [...durations].sort((a, b) => a.maxParty - b.maxParty);
  const rule = sorted.find((d) => party <= d.maxParty) ?? sorted[sorted.length - 1];
  return rule.minutes;
}
