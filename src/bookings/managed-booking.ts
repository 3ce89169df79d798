import type { BookingRow } from '../db/queries/bookings.ts';
import { findBookingsByReference } from '../db/queries/bookings.ts';
import { findRestaurantSlugById } from '../db/queries/restaurants.ts';
import { DomainError } from '../domain/errors.ts';
import { normalizeReference } from '../domain/reference.ts';
import type { Services } from '../services/services.ts';
import { presentBooking, type BookingJson } from './presenter.ts';
import { seatingOfRow, type RestaurantContext } from '../services/restaurant-context.ts';
import { tokenMatches } from './tokens.ts';

export interface ManagedBooking {
  row: BookingRow;
  ctx: RestaurantContext;
}

/** The booking a manage token opens. Wrong token and unknown reference are the same 404. */
export async function loadByToken(
  deps: Services,
  reference: string,
  token: string | undefined,
): Promise<ManagedBooking> {
  if (!token) throw new DomainError('unauthenticated', 'A manage token is needed (Authorization: Bearer <token>).');
  const normalized = normalizeReference(reference);
  const rows = normalized ? await findBookingsByReference(deps.db, normalized) : [];
  const row = rows.find((r) => tokenMatches(token, r.manage_token_hash));
  if (!row) throw new DomainError('not_found', 'No booking with that reference and token.');
  return { row, ctx: await contextById(deps, row.restaurant_id) };
}

export async function contextById(deps: Services, restaurantId: string): Promise<RestaurantContext> {
  return deps.cache.load(deps.db, await findRestaurantSlugById(deps.db, restaurantId));
}

export function tableLabel(ctx: RestaurantContext, tableId: string): string {
  return ctx.tables.find((t) => t.id === tableId)?.label ?? '';
}

export function present(m: ManagedBooking): BookingJson {
  return presentBooking(m.row, m.ctx.row, seatingOfRow(m.ctx, m.row));
}
