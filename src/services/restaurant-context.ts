import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import {
  findRestaurantBySlug,
  findRestaurantVersion,
  loadClosures,
  loadHours,
  loadTables,
  rulesFromRow,
  type RestaurantRow,
} from '../db/queries/restaurants.ts';
import { DomainError } from '../domain/errors.ts';
import type { RestaurantRules, Slot, TableInfo } from '../domain/types.ts';
import { slotGrid } from '../domain/slot-grid.ts';
import {
  combinationLabel,
  seatingsFor,
  type CombinationInfo,
  type Seating,
  type SeatingFilter,
} from '../domain/seating.ts';
import { listCombinationRows } from '../db/queries/combinations.ts';

/** Everything the booking rules need about one restaurant. */
export interface RestaurantContext {
  row: RestaurantRow;
  rules: RestaurantRules;
  tables: TableInfo[];
  closures: { date: string; note: string | null }[];
  /** memoized slot grids by "date|party": pure functions of the rules this context holds */
  grids: Map<string, Slot[]>;
  combinations: CombinationInfo[];
  /** member table ids by combination id */
  members: Map<string, string[]>;
  /** the distinct table areas, natural order */
  areas: string[];
  /** memoized seatingsFor by "online|area|party" */
  seatings: Map<string, Seating[]>;
}

/** Where a party may sit, in assignment order, for the filter (memoized on the context). */
export function seatingsOf(ctx: RestaurantContext, party: number, filter: SeatingFilter): Seating[] {
  const key = `${filter.onlineOnly ? 1 : 0}|${filter.area?.toLowerCase() ?? ''}|${party}`;
  let seatings = ctx.seatings.get(key);
  if (!seatings) {
    seatings = seatingsFor(ctx.tables, ctx.combinations, party, filter);
    if (ctx.seatings.size >= MAX_GRIDS) ctx.seatings.clear();
    ctx.seatings.set(key, seatings);
  }
  return seatings;
}

/** The seating a stored booking or hold sits on (its combination, else its table). */
export function seatingOfRow(
  ctx: RestaurantContext,
  row: { table_id: string; combination_id: string | null },
): { label: string; tableLabels: string[]; tableIds: string[] } {
  const combination = row.combination_id ? ctx.combinations.find((c) => c.id === row.combination_id) : undefined;
  if (combination) {
    const labels = combination.tableIds.map((id) => ctx.tables.find((t) => t.id === id)?.label ?? '');
    return {
      label: combination.label,
      tableLabels: combinationLabel(labels).split('+'),
      tableIds: combination.tableIds,
    };
  }
  const label = ctx.tables.find((t) => t.id === row.table_id)?.label ?? '';
  return { label, tableLabels: [label], tableIds: [row.table_id] };
}

const MAX_GRIDS = 512;

/** slotGrid for the context's rules, computed once per date and party while the rules last. */
export function gridFor(ctx: RestaurantContext, date: string, party: number): Slot[] {
  const key = `${date}|${party}`;
  let grid = ctx.grids.get(key);
  if (!grid) {
    grid = slotGrid(ctx.rules, date, party);
    if (ctx.grids.size >= MAX_GRIDS) ctx.grids.delete(ctx.grids.keys().next().value as string);
    ctx.grids.set(key, grid);
  }
  return grid;
}

/**
 * A per-process cache of restaurant configuration, checked against the database's
 * version stamp (restaurants.updated_at) on every use: one small indexed read instead of
 * four, and never stale, so a change made through any app server is seen by all at once.
 */
export class RestaurantCache {
  readonly #entries = new Map<string, { version: number; context: RestaurantContext }>();

  /** The cached context, unchecked: use only with a version stamp read in the same round trip (isCurrent). */
  peek(slug: string): RestaurantContext | undefined {
    return this.#entries.get(slug)?.context;
  }

  /** Whether a version stamp read from the database matches the cached context. */
  isCurrent(slug: string, version: { id: string; updated_at: number } | undefined): boolean {
    const cached = this.#entries.get(slug);
    return (
      !!version && !!cached && cached.version === Number(version.updated_at) && cached.context.row.id === version.id
    );
  }

  async load(db: Kysely<DB>, slug: string): Promise<RestaurantContext> {
    const version = await findRestaurantVersion(db, slug);
    if (!version) throw new DomainError('not_found', `There is no restaurant "${slug}".`);
    if (this.isCurrent(slug, version)) return (this.#entries.get(slug) as { context: RestaurantContext }).context;
    const context = await loadRestaurantContext(db, slug);
    if (this.#entries.size > 1000) this.#entries.clear();
    this.#entries.set(slug, { version: Number(context.row.updated_at), context });
    return context;
  }
}

export async function loadRestaurantContext(db: Kysely<DB>, slug: string): Promise<RestaurantContext> {
  const row = await findRestaurantBySlug(db, slug);
  if (!row) throw new DomainError('not_found', `There is no restaurant "${slug}".`);
  const [hours, closures, tables, combinationRows] = await Promise.all([
    loadHours(db, row.id),
    loadClosures(db, row.id),
    loadTables(db, row.id),
    listCombinationRows(db, row.id),
  ]);
  const labelOf = new Map(tables.map((t) => [t.id, t.label]));
  const byLabel = new Intl.Collator('en', { numeric: true });
  const combinations: CombinationInfo[] = combinationRows.map((c) => ({
    id: c.id,
    label: combinationLabel(c.tableIds.map((id) => labelOf.get(id) ?? '')),
    tableIds: [...c.tableIds].sort((a, b) => byLabel.compare(labelOf.get(a) ?? '', labelOf.get(b) ?? '')),
    minSeats: Number(c.min_seats),
    maxSeats: Number(c.max_seats),
    active: Number(c.active) === 1,
  }));
  const areas = [...new Set(tables.filter((t) => t.active && t.area).map((t) => t.area as string))].sort(
    byLabel.compare,
  );
  return {
    row,
    rules: rulesFromRow(
      row,
      hours,
      closures.map((c) => c.date),
    ),
    tables,
    closures,
    grids: new Map(),
    combinations,
    members: new Map(combinations.map((c) => [c.id, c.tableIds])),
    areas,
    seatings: new Map(),
  };
}
