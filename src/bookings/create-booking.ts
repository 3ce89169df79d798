import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../db/schema.ts';
import type { Locale } from '../i18n/locale.ts';
import { insertBooking, referenceExists, type BookingRow } from '../db/queries/bookings.ts';
import { claimTableCells, deleteExpiredHolds } from '../db/queries/claims.ts';
import { deleteHold, findLiveHold } from '../db/queries/holds.ts';
import { holdMismatches } from '../domain/holds.ts';
import type { Seating } from '../domain/seating.ts';
import { resolveStart, type BookingMode } from '../domain/booking-window.ts';
import { DomainError } from '../domain/errors.ts';
import { validateGuestDetails } from '../domain/guest-details.ts';
import { newReference } from '../domain/reference.ts';
import type { BookingSource, Slot } from '../domain/types.ts';
import { enqueueBookingEmail } from './enqueue-booking-email.ts';
import { checkArea, findFreeSeating, pacingPermits, slotUnavailable } from './assign-table.ts';
import type { Services } from '../services/services.ts';
import {
  claimKey,
  findAnswer,
  keepAnswer,
  KeyAlreadyUsed,
  requestHash,
  type IdempotencyScope,
  type KeptAnswer,
} from './idempotency.ts';
import { presentBooking, type BookingJson } from './presenter.ts';
import { gridFor, seatingOfRow, type RestaurantContext } from '../services/restaurant-context.ts';
import { runTransaction } from '../db/run-transaction.ts';
import { bookingWritten } from './booking-written.ts';
import { manageUrl, newManageToken, sha256Hex } from './tokens.ts';

export interface CreateBookingInput {
  slug: string;
  body: {
    date?: unknown;
    time?: unknown;
    party?: unknown;
    name?: unknown;
    email?: unknown;
    phone?: unknown;
    notes?: unknown;
    area?: unknown;
    holdId?: unknown;
  };
  source: BookingSource;
  mode: BookingMode;
  idempotencyKey?: string;
  /** the language the guest books in; else the restaurant's (SPEC §9.3) */
  locale?: Locale;
}

export type CreateBookingResult =
  { booking: BookingJson; replayed: boolean } | { error: DomainError; replayed: boolean };

const SCOPE = 'create-booking';

/** Validates, then assigns the smallest free table and stores the booking atomically. */
export async function createBooking(deps: Services, input: CreateBookingInput): Promise<CreateBookingResult> {
  const ctx = await deps.cache.load(deps.db, input.slug);
  const now = deps.clock();
  const { body } = input;
  const gridOf = (date: string, party: number) => gridFor(ctx, date, party);
  const slot = resolveStart(ctx.rules, {
    date: String(body.date ?? ''),
    time: String(body.time ?? ''),
    party: Number(body.party),
    now,
    mode: input.mode,
    gridOf,
  });
  const guest = validateGuestDetails(body, { emailRequired: input.source !== 'staff' });
  const area = checkArea(ctx, body.area);
  const holdId = typeof body.holdId === 'string' && body.holdId !== '' ? body.holdId : undefined;
  const idem: IdempotencyScope | undefined = input.idempotencyKey
    ? { restaurantId: ctx.row.id, scope: SCOPE, key: input.idempotencyKey, requestHash: requestHash(body) }
    : undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const answer = await runTransaction(deps.db, async (trx) => {
        if (idem) await claimKey(trx, idem, now);
        const answer = await bookInTransaction(trx, deps, ctx, {
          ...input,
          slot,
          guest,
          party: Number(body.party),
          now,
          area,
          holdId,
        });
        if (idem) await keepAnswer(trx, idem, answer.kept, deps.answerKey);
        return answer.result;
      });
      return { ...answer, replayed: false };
    } catch (error) {
      if (!(error instanceof KeyAlreadyUsed) || !idem) throw error;
      const kept = await findAnswer(deps.db, idem, deps.answerKey);
      if (kept) return { ...fromKept(kept), replayed: true };
      // the holder rolled back: take the key ourselves
    }
  }
  throw new DomainError('conflict', 'This Idempotency-Key is busy; retry shortly.');
}

function fromKept(kept: KeptAnswer): { booking: BookingJson } | { error: DomainError } {
  if (kept.outcome === 'booked') return { booking: kept.body as BookingJson };
  return { error: new DomainError('slot_unavailable', kept.message, { alternatives: kept.alternatives }) };
}

interface Booked {
  result: { booking: BookingJson } | { error: DomainError };
  kept: KeptAnswer;
}

type BookRequest = CreateBookingInput & {
  slot: Slot;
  guest: ReturnType<typeof validateGuestDetails>;
  party: number;
  now: number;
  area?: string;
  holdId?: string;
};

/**
 * The live hold named by holdId, turned into its seating (the hold and its cells are
 * deleted, so the booking claims them next); null for no, an expired or an unknown hold.
 */
async function takeHold(trx: Kysely<DB>, ctx: RestaurantContext, req: BookRequest): Promise<Seating | null> {
  if (!req.holdId) return null;
  const hold = await findLiveHold(trx, ctx.row.id, req.holdId, req.now);
  if (!hold) return null;
  const errors = holdMismatches(
    { date: hold.service_date, time: hold.local_time, party: Number(hold.party), expiresAt: Number(hold.expires_at) },
    { date: req.slot.date, time: req.slot.time, party: req.party },
  );
  if (errors.length > 0)
    throw new DomainError(
      'validation',
      `The hold does not match the booking: ${errors.map((e) => e.message).join('; ')}.`,
      { errors },
    );
  await deleteHold(trx, ctx.row.id, hold.id);
  const seating = seatingOfRow(ctx, hold);
  return { id: hold.combination_id ?? hold.table_id, combinationId: hold.combination_id, ...seating };
}

async function bookInTransaction(
  trx: Kysely<DB>,
  deps: Services,
  ctx: RestaurantContext,
  req: BookRequest,
): Promise<Booked> {
  await deleteExpiredHolds(trx, ctx.row.id, req.now);
  const held = await takeHold(trx, ctx, req);
  const seatReq = { slot: req.slot, party: req.party, mode: req.mode, now: req.now, area: req.area };
  const paced = await pacingPermits(trx, ctx, seatReq);
  const seating = held ?? (paced ? await findFreeSeating(trx, ctx, seatReq) : null);
  if (!seating) {
    const error = await slotUnavailable(trx, ctx, seatReq);
    return {
      result: { error },
      kept: { outcome: 'slot_unavailable', message: error.message, alternatives: error.alternatives ?? [] },
    };
  }
  const token = newManageToken(deps.randomBytes);
  const row: BookingRow = {
    restaurant_id: ctx.row.id,
    id: uuidv7(),
    reference: await uniqueReference(trx, deps),
    table_id: seating.tableIds[0],
    combination_id: seating.combinationId,
    party: req.party,
    starts_at: req.slot.startsAt,
    ends_at: req.slot.endsAt,
    service_date: req.slot.date,
    local_time: req.slot.time,
    ...req.guest,
    status: 'confirmed',
    source: req.source,
    manage_token_hash: sha256Hex(token),
    created_at: req.now,
    updated_at: req.now,
    locale: req.locale ?? ctx.row.locale ?? 'en',
  };
  await insertBooking(trx, row);
  await claimTableCells(trx, {
    restaurantId: ctx.row.id,
    tableIds: seating.tableIds,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    owner: { bookingId: row.id },
  });
  const booking: BookingJson = {
    ...presentBooking(row, ctx.row, seating),
    manageToken: token,
    manageUrl: manageUrl(deps.baseUrl, row.reference, token),
  };
  await enqueueBookingEmail(trx, {
    kind: 'confirmation',
    restaurantId: ctx.row.id,
    bookingId: row.id,
    restaurantName: ctx.row.name,
    baseUrl: deps.baseUrl,
    booking,
    now: req.now,
    sealKey: deps.outboxKey,
  });
  await bookingWritten(
    trx,
    { restaurant: ctx.row, linkKey: deps.linkKey, now: req.now },
    { kind: 'created', row, token },
  );
  return { result: { booking }, kept: { outcome: 'booked', body: booking } };
}

async function uniqueReference(trx: Kysely<DB>, deps: Services): Promise<string> {
  for (;;) {
    const reference = newReference(deps.randomBytes);
    if (!(await referenceExists(trx, reference))) return reference;
  }
}
