/** The database stores table occupancy in 5-minute UTC cells. */
export const CELL_MS = 300_000;

/** Cell numbers (Math.floor(ms / CELL_MS)) covered by [startsAt, endsAt). */
export function occupancyCells(startsAt: number, endsAt: number): number[] {
  const first = Math.floor(startsAt / CELL_MS);
  const last = Math.ceil(endsAt / CELL_MS) - 1;
  const cells: number[] = [];
  for (let c = first; c <= last; c++) cells.push(c);
  return cells;
}
