import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../domain/errors.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { retryConflictsOnly, runTransaction } from '../db/run-transaction.ts';
import {
  countBookingsOnTable,
  countUpcomingLiveBookings,
  deleteTableRow,
  findTableRow,
  insertTableRows,
  listTableRows,
  updateTableRow,
} from '../db/queries/staff-tables.ts';
import { touchRestaurant } from '../db/queries/restaurants.ts';
import { combinationsOfTable } from '../db/queries/combinations.ts';
import { deleteHoldsOnTable } from '../db/queries/holds.ts';
import {
  capacityColumns,
  normalizeArea,
  presentTable,
  sortTables,
  tableErrors,
  type TableInput,
  type TableView,
} from './table-rules.ts';

function labelTaken(label: string): DomainError {
  return new DomainError('conflict', `There is already a table labelled "${label}".`, {
    errors: [{ field: 'label', message: 'is already used by another table' }],
  });
}

function validate(merged: TableInput): void {
  const errors = tableErrors(merged);
  if (errors.length > 0) throw new DomainError('validation', errors.map((e) => e.message).join('; '), { errors });
}

async function withLabelGuard<T>(label: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw labelTaken(label ?? '');
    throw error;
  }
}

export async function listTables(db: Kysely<DB>, restaurantId: string): Promise<TableView[]> {
  return sortTables((await listTableRows(db, restaurantId)).map(presentTable));
}

export async function addTable(
  db: Kysely<DB>,
  restaurantId: string,
  input: Required<Pick<TableInput, 'label' | 'minSeats' | 'maxSeats'>> & TableInput,
  now: number,
): Promise<TableView> {
  validate(input);
  const row = {
    restaurant_id: restaurantId,
    id: uuidv7(),
    label: input.label.trim(),
    min_seats: input.minSeats,
    max_seats: input.maxSeats,
    active: input.active === false ? 0 : 1,
    ...capacityColumns(input),
    created_at: now,
    updated_at: now,
  };
  await withLabelGuard(row.label, () =>
    runTransaction(
      db,
      async (trx) => {
        await insertTableRows(trx, [row]);
        await touchRestaurant(trx, restaurantId, now);
      },
      retryConflictsOnly,
    ),
  );
  return presentTable(row);
}

async function requireTable(db: Kysely<DB>, restaurantId: string, id: string) {
  const row = await findTableRow(db, restaurantId, id);
  if (!row) throw new DomainError('not_found', 'There is no such table in this restaurant.');
  return row;
}

export async function changeTable(
  db: Kysely<DB>,
  restaurantId: string,
  id: string,
  patch: TableInput,
  now: number,
): Promise<TableView> {
  const current = presentTable(await requireTable(db, restaurantId, id));
  validate({ ...current, ...patch });
  const changes: Record<string, unknown> = { updated_at: now };
  if (patch.label !== undefined) changes.label = patch.label.trim();
  if (patch.minSeats !== undefined) changes.min_seats = patch.minSeats;
  if (patch.maxSeats !== undefined) changes.max_seats = patch.maxSeats;
  if (patch.active !== undefined) changes.active = patch.active ? 1 : 0;
  if (patch.area !== undefined) changes.area = normalizeArea(patch.area);
  if (patch.bookableOnline !== undefined) changes.bookable_online = patch.bookableOnline ? 1 : 0;
  await withLabelGuard(patch.label, () =>
    runTransaction(
      db,
      async (trx) => {
        await updateTableRow(trx, restaurantId, id, changes);
        await touchRestaurant(trx, restaurantId, now);
      },
      retryConflictsOnly,
    ),
  );
  return presentTable(await requireTable(db, restaurantId, id));
}

/**
 * Deletes a table; refused (409) while it holds upcoming bookings. A table with past
 * bookings is kept for their history but deactivated.
 */
export async function removeTable(
  db: Kysely<DB>,
  restaurantId: string,
  id: string,
  now: number,
): Promise<'deleted' | 'deactivated'> {
  return runTransaction(
    db,
    async (trx) => {
      await requireTable(trx, restaurantId, id);
      const upcoming = await countUpcomingLiveBookings(trx, restaurantId, id, now);
      if (upcoming > 0) {
        throw new DomainError(
          'conflict',
          `The table still has ${upcoming} upcoming booking(s); move or cancel them first.`,
        );
      }
      if ((await countBookingsOnTable(trx, restaurantId, id)) > 0) {
        await updateTableRow(trx, restaurantId, id, { active: 0, updated_at: now });
        await touchRestaurant(trx, restaurantId, now);
        return 'deactivated';
      }
      if ((await combinationsOfTable(trx, restaurantId, id)).length > 0) {
        throw new DomainError('conflict', 'The table is part of a combination; remove it from its combinations first.');
      }
      await deleteHoldsOnTable(trx, restaurantId, id);
      await deleteTableRow(trx, restaurantId, id);
      await touchRestaurant(trx, restaurantId, now);
      return 'deleted';
    },
    retryConflictsOnly,
  );
}
