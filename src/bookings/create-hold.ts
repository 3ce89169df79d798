import { v4 as uuidv4 } from 'uuid';
import { claimTableCells, deleteExpiredHolds } from '../db/queries/claims.ts';
import { insertHold, type HoldRow } from '../db/queries/holds.ts';
import { resolveStart } from '../domain/booking-window.ts';
import { toIsoUtc } from '../domain/clock-time.ts';
import { DomainError } from '../domain/errors.ts';
import { holdExpiresAt, holdsEnabled } from '../domain/holds.ts';
import { checkArea, findFreeSeating, pacingPermits, slotUnavailable } from './assign-table.ts';
import type { Services } from '../services/services.ts';
import { gridFor } from '../services/restaurant-context.ts';
import { runTransaction } from '../db/run-transaction.ts';

export interface HoldJson {
  holdId: string;
  expiresAt: string;
  date: string;
  time: string;
  party: number;
  table: { label: string };
}

export interface CreateHoldInput {
  slug: string;
  body: { date?: unknown; time?: unknown; party?: unknown; area?: unknown };
  /** the web pages name their hold after the form (see web/guest-capacity.ts); default a random UUIDv4 */
  holdId?: string;
}

/**
 * Keeps a free table (or combination) for a guest for the restaurant's holdMinutes: the
 * hold claims the table cells with an expiry, so every app server and every other guest
 * sees the table taken until then (SPEC §9.1). Guest rules: online tables, notice, pacing.
 * A restaurant with holdMinutes 0 takes no holds: not_found (404).
 */
export async function createHold(deps: Services, input: CreateHoldInput): Promise<HoldJson> {
  const ctx = await deps.cache.load(deps.db, input.slug);
  if (!holdsEnabled(ctx.rules.holdMinutes))
    throw new DomainError('not_found', 'This restaurant does not hold tables; book directly.');
  const now = deps.clock();
  const { body } = input;
  const party = Number(body.party);
  const gridOf = (date: string, size: number) => gridFor(ctx, date, size);
  const slot = resolveStart(ctx.rules, {
    date: String(body.date ?? ''),
    time: String(body.time ?? ''),
    party,
    now,
    mode: 'guest',
    gridOf,
  });
  const area = checkArea(ctx, body.area);
  const seatReq = { slot, party, mode: 'guest' as const, now, area };
  return runTransaction(deps.db, async (trx) => {
    await deleteExpiredHolds(trx, ctx.row.id, now);
    const paced = await pacingPermits(trx, ctx, seatReq);
    const seating = paced ? await findFreeSeating(trx, ctx, seatReq) : null;
    if (!seating) throw await slotUnavailable(trx, ctx, seatReq);
    const row: HoldRow = {
      restaurant_id: ctx.row.id,
      id: input.holdId ?? uuidv4(),
      table_id: seating.tableIds[0],
      combination_id: seating.combinationId,
      party,
      starts_at: slot.startsAt,
      ends_at: slot.endsAt,
      service_date: slot.date,
      local_time: slot.time,
      expires_at: holdExpiresAt(now, ctx.rules.holdMinutes),
      created_at: now,
    };
    await insertHold(trx, row);
    await claimTableCells(trx, {
      restaurantId: row.restaurant_id,
      tableIds: seating.tableIds,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      owner: { holdId: row.id, expiresAt: row.expires_at },
    });
    return {
      holdId: row.id,
      expiresAt: toIsoUtc(row.expires_at),
      date: slot.date,
      time: slot.time,
      party,
      table: { label: seating.label },
    };
  });
}
