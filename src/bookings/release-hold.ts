import { deleteHold, findHoldById } from '../db/queries/holds.ts';
import { DomainError } from '../domain/errors.ts';
import { holdIsLive } from '../domain/holds.ts';
import type { Services } from '../services/services.ts';

/** Releases a live hold at once (its cells go with it); an unknown or expired hold is not_found (404). */
export async function releaseHold(deps: Services, holdId: string): Promise<void> {
  const hold = await findHoldById(deps.db, holdId);
  if (
    !hold ||
    !holdIsLive({ expiresAt: Number(hold.expires_at) }, deps.clock()) ||
    !(await deleteHold(deps.db, hold.restaurant_id, hold.id))
  ) {
    throw new DomainError('not_found', 'There is no such hold (it may have expired or been used).');
  }
}
