/**
 * Pacing (SPEC §9.1): the party sizes of live bookings (and live holds) that start at the
 * same slot time may not add up to more than the restaurant's maxCoversPerSlot. The
 * database enforces it in the booking transaction; these rules say what the limit means.
 */

export interface CoverEntry {
  ownerId: string;
  startsAt: number;
  party: number;
}

/** Covers per start instant, leaving out one owner (a booking being changed, a hold being converted). */
export function coversByStart(entries: readonly CoverEntry[], ignoreOwnerId?: string): Map<number, number> {
  const covers = new Map<number, number>();
  for (const e of entries) {
    if (e.ownerId === ignoreOwnerId) continue;
    covers.set(e.startsAt, (covers.get(e.startsAt) ?? 0) + e.party);
  }
  return covers;
}

/** True when `party` more covers still fit under the limit (null = no limit). */
export function pacingAllows(maxCoversPerSlot: number | null, coversAtStart: number, party: number): boolean {
  return maxCoversPerSlot === null || coversAtStart + party <= maxCoversPerSlot;
}

export const MAX_COVERS_PER_SLOT = 10_000;
