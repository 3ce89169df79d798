import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { findRestaurantBySlug, findRestaurantVersion, loadClosures, loadHours, loadTables, rulesFromRow, type RestaurantRow } from '../db/queries/restaurants.ts';
import { DomainError } from '../domain/errors.ts';
import type { RestaurantRules, Slot, TableInfo } from '../domain/types.ts';
import { slotGrid } from '../domain/slot-grid.ts';

/** Everything the booking rules need about one restaurant. */
export interface RestaurantContext {
  row: RestaurantRow;
  rules: RestaurantRules;
  tables: TableInfo[];
  closures: { date: string; note: string | null }[];
  /** memoized slot grids by "date|party": pure functions of the rules this context holds */
  grids: Map<string, Slot[]>;
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

  async load(db: Kysely<DB>, slug: string): Promise<RestaurantContext> {
    const version = await findRestaurantVersion(db, slug);
    if (!version) throw new DomainError('not_found', `There is no restaurant "${slug}".`);
    const cached = this.#entries.get(slug);
    if (cached && cached.version === Number(version.updated_at) && cached.context.row.id === version.id) return cached.context;
    const context = await loadRestaurantContext(db, slug);
    if (this.#entries.size > 1000) this.#entries.clear();
    this.#entries.set(slug, { version: Number(context.row.updated_at), context });
    return context;
  }
}

export async function loadRestaurantContext(db: Kysely<DB>, slug: string): Promise<RestaurantContext> {
  const row = await findRestaurantBySlug(db, slug);
  if (!row) throw new DomainError('not_found', `There is no restaurant "${slug}".`);
  const [hours, closures, tables] = await Promise.all([loadHours(db, row.id), loadClosures(db, row.id), loadTables(db, row.id)]);
  return { row, rules: rulesFromRow(row, hours, closures.map((c) => c.date)), tables, closures, grids: new Map() };
}
