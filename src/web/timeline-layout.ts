import { isoWeekday, localToInstantLenient, parseHHMM } from '../domain/clock-time.ts';
import { compareTables } from '../domain/tables.ts';
import type { ServicePeriod, TableInfo } from '../domain/types.ts';

/** One column of the timeline is 5 minutes: the grid every start and duration sits on. */
export const CELL_MS = 5 * 60_000;

export interface TimelineItem {
  key: string;
  tableId: string;
  startsAt: number;
  endsAt: number;
}

export interface TimelineRow<T> {
  table: TableInfo;
  /** free runs and bars, left to right, in columns */
  cells: ({ kind: 'free'; span: number } | { kind: 'bar'; span: number; item: T })[];
}

export interface TimelineLayout<T> {
  from: number;
  to: number;
  columns: number;
  /** hour marks: the column where each starts and how many it spans */
  hours: { at: number; span: number; instant: number }[];
  rows: TimelineRow<T>[];
}

/** The day's span: its service periods, widened to every item of the day. */
function daySpan(
  date: string,
  zone: string,
  hours: ServicePeriod[],
  items: TimelineItem[],
): [number, number] | undefined {
  const weekday = isoWeekday(date);
  const edges: number[] = [];
  for (const p of hours.filter((h) => h.weekday === weekday)) {
    const opens = parseHHMM(p.opens) ?? 0;
    let closes = parseHHMM(p.closes) ?? 0;
    if (closes <= opens) closes += 24 * 60;
    edges.push(localToInstantLenient(date, opens, zone), localToInstantLenient(date, closes, zone));
  }
  for (const i of items) edges.push(i.startsAt, i.endsAt);
  if (edges.length === 0) return undefined;
  const from = Math.floor(Math.min(...edges) / 3_600_000) * 3_600_000;
  const to = Math.ceil(Math.max(...edges) / CELL_MS) * CELL_MS;
  return [from, to];
}

function hourMarks(from: number, to: number): TimelineLayout<unknown>['hours'] {
  const marks: TimelineLayout<unknown>['hours'] = [];
  for (let t = from; t < to; t += 3_600_000) {
    const at = (t - from) / CELL_MS;
    marks.push({ at, span: Math.min(12, (to - t) / CELL_MS), instant: t });
  }
  return marks;
}

function rowOf<T extends TimelineItem>(table: TableInfo, items: T[], from: number, columns: number): TimelineRow<T> {
  const cells: TimelineRow<T>['cells'] = [];
  let col = 0;
  for (const item of items.filter((i) => i.tableId === table.id).sort((a, b) => a.startsAt - b.startsAt)) {
    const start = Math.max(col, Math.floor((item.startsAt - from) / CELL_MS));
    const end = Math.min(columns, Math.ceil((item.endsAt - from) / CELL_MS));
    if (end <= start) continue;
    if (start > col) cells.push({ kind: 'free', span: start - col });
    cells.push({ kind: 'bar', span: end - start, item });
    col = end;
  }
  if (col < columns) cells.push({ kind: 'free', span: columns - col });
  return { table, cells };
}

/**
 * Tables down the side, 5-minute columns across the day's service, each item a bar spanning
 * its columns (an HTML table with colspan: no inline styles, readable without CSS or JS).
 */
export function timelineLayout<T extends TimelineItem>(input: {
  date: string;
  zone: string;
  hours: ServicePeriod[];
  tables: TableInfo[];
  items: T[];
}): TimelineLayout<T> | undefined {
  const span = daySpan(input.date, input.zone, input.hours, input.items);
  if (!span) return undefined;
  const [from, to] = span;
  const columns = (to - from) / CELL_MS;
  const shown = input.tables.filter((t) => t.active || input.items.some((i) => i.tableId === t.id)).sort(compareTables);
  return {
    from,
    to,
    columns,
    hours: hourMarks(from, to),
    rows: shown.map((t) => rowOf(t, input.items, from, columns)),
  };
}
