import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../domain/errors.ts';
import {
  countCombinationBookings,
  deleteCombinationRow,
  findCombinationRow,
  insertCombination,
  listCombinationRows,
  replaceMembers,
  updateCombinationRow,
  type CombinationWithMembers,
} from '../db/queries/combinations.ts';
import { listTableRows } from '../db/queries/staff-tables.ts';
import { touchRestaurant } from '../db/queries/restaurants.ts';
import { retryConflictsOnly, runTransaction } from '../db/run-transaction.ts';
import {
  combinationErrors,
  presentCombination,
  sameTables,
  type CombinationInput,
  type CombinationView,
} from './combination-rules.ts';
import { sortTables } from './table-rules.ts';

/** Manager use cases for table combinations (SPEC §9.1). Every change bumps the restaurant's version. */

async function tableLabels(db: Kysely<DB>, restaurantId: string): Promise<Map<string, string>> {
  return new Map((await listTableRows(db, restaurantId)).map((t) => [t.id, t.label]));
}

function invalidIfAny(errors: ReturnType<typeof combinationErrors>): void {
  if (errors.length > 0) throw new DomainError('validation', errors.map((e) => e.message).join('; '), { errors });
}

function refuseDuplicate(all: CombinationWithMembers[], tableIds: string[], selfId?: string): void {
  if (all.some((c) => c.id !== selfId && sameTables(c.tableIds, tableIds))) {
    throw new DomainError('conflict', 'There is already a combination of exactly these tables.', {
      errors: [{ field: 'tableIds', message: 'is already a combination' }],
    });
  }
}

export async function listCombinations(db: Kysely<DB>, restaurantId: string): Promise<CombinationView[]> {
  const [rows, labels] = await Promise.all([listCombinationRows(db, restaurantId), tableLabels(db, restaurantId)]);
  return sortTables(rows.map((r) => presentCombination(r, labels)));
}

export async function addCombination(
  db: Kysely<DB>,
  restaurantId: string,
  input: CombinationInput & { tableIds: string[]; minSeats: number; maxSeats: number },
  now: number,
): Promise<CombinationView> {
  const id = uuidv7();
  await runTransaction(
    db,
    async (trx) => {
      const labels = await tableLabels(trx, restaurantId);
      invalidIfAny(combinationErrors(input, new Set(labels.keys())));
      refuseDuplicate(await listCombinationRows(trx, restaurantId), input.tableIds);
      const row = {
        restaurant_id: restaurantId,
        id,
        min_seats: input.minSeats,
        max_seats: input.maxSeats,
        active: input.active === false ? 0 : 1,
        created_at: now,
        updated_at: now,
      };
      await insertCombination(trx, row, input.tableIds);
      await touchRestaurant(trx, restaurantId, now);
    },
    retryConflictsOnly,
  );
  return requireView(db, restaurantId, id);
}

async function requireCombination(db: Kysely<DB>, restaurantId: string, id: string): Promise<CombinationWithMembers> {
  const row = await findCombinationRow(db, restaurantId, id);
  if (!row) throw new DomainError('not_found', 'There is no such combination in this restaurant.');
  return row;
}

async function requireView(db: Kysely<DB>, restaurantId: string, id: string): Promise<CombinationView> {
  return presentCombination(await requireCombination(db, restaurantId, id), await tableLabels(db, restaurantId));
}

/** Changes seats, active or member tables; new members are refused (409) while upcoming bookings sit on it. */
export async function changeCombination(
  db: Kysely<DB>,
  restaurantId: string,
  id: string,
  patch: CombinationInput,
  now: number,
): Promise<CombinationView> {
  await runTransaction(
    db,
    async (trx) => {
      const current = await requireCombination(trx, restaurantId, id);
      const merged = {
        tableIds: current.tableIds,
        minSeats: Number(current.min_seats),
        maxSeats: Number(current.max_seats),
        ...patch,
      };
      invalidIfAny(combinationErrors(merged, new Set((await tableLabels(trx, restaurantId)).keys())));
      const newTables = patch.tableIds !== undefined && !sameTables(patch.tableIds, current.tableIds);
      if (newTables) {
        refuseDuplicate(await listCombinationRows(trx, restaurantId), merged.tableIds, id);
        if ((await countCombinationBookings(trx, restaurantId, id, now)) > 0) {
          throw new DomainError(
            'conflict',
            'Upcoming bookings sit on this combination; move or cancel them before changing its tables.',
          );
        }
        await replaceMembers(trx, restaurantId, id, merged.tableIds);
      }
      const changes: Record<string, number> = { updated_at: now };
      if (patch.minSeats !== undefined) changes.min_seats = patch.minSeats;
      if (patch.maxSeats !== undefined) changes.max_seats = patch.maxSeats;
      if (patch.active !== undefined) changes.active = patch.active ? 1 : 0;
      await updateCombinationRow(trx, restaurantId, id, changes);
      await touchRestaurant(trx, restaurantId, now);
    },
    retryConflictsOnly,
  );
  return requireView(db, restaurantId, id);
}

/** Deletes a combination; 409 while upcoming bookings sit on it; kept but deactivated when past bookings name it. */
export async function removeCombination(
  db: Kysely<DB>,
  restaurantId: string,
  id: string,
  now: number,
): Promise<'deleted' | 'deactivated'> {
  return runTransaction(
    db,
    async (trx) => {
      await requireCombination(trx, restaurantId, id);
      const upcoming = await countCombinationBookings(trx, restaurantId, id, now);
      if (upcoming > 0)
        throw new DomainError(
          'conflict',
          `The combination still has ${upcoming} upcoming booking(s); move or cancel them first.`,
        );
      await touchRestaurant(trx, restaurantId, now);
      if ((await countCombinationBookings(trx, restaurantId, id)) > 0) {
        await updateCombinationRow(trx, restaurantId, id, { active: 0, updated_at: now });
        return 'deactivated';
      }
      await deleteCombinationRow(trx, restaurantId, id);
      return 'deleted';
    },
    retryConflictsOnly,
  );
}

export { requireView as getCombination };
