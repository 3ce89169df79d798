import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DomainError, validationError } from '../domain/errors.ts';
import { isIsoDate } from '../domain/clock-time.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { retryConflictsOnly, runTransaction } from '../db/run-transaction.ts';
import { touchRestaurant } from '../db/queries/restaurants.ts';
import { deleteClosure, insertClosure, listClosures, type ClosureRow } from '../db/queries/restaurant-admin.ts';
import { LIMITS } from '../domain/limits.ts';

export const MAX_CLOSURE_NOTE = LIMITS.closureNote;

export { listClosures };

export async function addClosure(
  db: Kysely<DB>,
  restaurantId: string,
  input: { date: string; note?: string | null },
  now: number,
): Promise<ClosureRow> {
  if (!isIsoDate(input.date)) throw validationError('date', 'date must be a real date written YYYY-MM-DD');
  const note = input.note?.trim() || null;
  if (note && [...note].length > MAX_CLOSURE_NOTE)
    throw validationError('note', `note must be at most ${MAX_CLOSURE_NOTE} characters`);
  try {
    await runTransaction(
      db,
      async (trx) => {
        await insertClosure(trx, restaurantId, { date: input.date, note }, now);
        await touchRestaurant(trx, restaurantId, now);
      },
      retryConflictsOnly,
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', `${input.date} is already a closure.`);
    throw error;
  }
  return { date: input.date, note };
}

export async function removeClosure(db: Kysely<DB>, restaurantId: string, date: string, now: number): Promise<void> {
  if (!isIsoDate(date)) throw validationError('date', 'date must be a real date written YYYY-MM-DD');
  const deleted = await runTransaction(
    db,
    async (trx) => {
      const found = await deleteClosure(trx, restaurantId, date);
      if (found) await touchRestaurant(trx, restaurantId, now);
      return found;
    },
    retryConflictsOnly,
  );
  if (!deleted) throw new DomainError('not_found', `${date} is not a closure.`);
}
