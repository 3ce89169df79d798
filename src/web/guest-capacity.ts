import type { Services } from '../services/services.ts';
import { createHold } from '../bookings/create-hold.ts';
import { getAvailability, type AvailabilityJson } from '../bookings/get-availability.ts';
import { addDays } from '../domain/clock-time.ts';
import { DomainError } from '../domain/errors.ts';
import { holdMinutesLeft } from '../domain/holds.ts';
import { zonedTime } from './format.ts';
import type { Locale } from '../i18n/locale.ts';
import { sha256Hex } from '../bookings/tokens.ts';

/** The hold a details form takes is named after the form's one-time key, so the form's POST finds it. */
export function formHoldId(formKey: string): string {
  return sha256Hex(`form-hold:${formKey}`).slice(0, 36);
}

const NEARBY_DAYS = 3;
const SEARCH_DAYS = 14;

/** For a full day: the first free time of up to 3 nearest later days (a fortnight at most). */
export async function nearbyFreeDays(
  services: Services,
  answer: AvailabilityJson,
  lastDate: string,
): Promise<{ date: string; time: string }[]> {
  if (answer.reason !== 'full') return [];
  const found: { date: string; time: string }[] = [];
  for (let i = 1; i <= SEARCH_DAYS && found.length < NEARBY_DAYS; i++) {
    const date = addDays(answer.date, i);
    if (date > lastDate) break;
    const next = await getAvailability(services, answer.restaurant, date, answer.party);
    if (next.slots.length > 0) found.push({ date, time: next.slots[0].time });
  }
  return found;
}

/**
 * The hold the details page takes when the guest picks a time: null when the restaurant
 * takes no holds or the request is not bookable (the form then says why on submit); a
 * taken time is the same 409 the booking would get.
 */
export async function holdForPage(
  services: Services,
  input: { slug: string; date: string; time: string; party: number; zone: string; locale: Locale; formKey: string },
) {
  try {
    const body = { date: input.date, time: input.time, party: input.party };
    const hold = await createHold(services, { slug: input.slug, body, holdId: formHoldId(input.formKey) });
    const expires = Date.parse(hold.expiresAt);
    const until = new Date(expires).toLocaleTimeString('en-GB', {
      timeZone: input.zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    return {
      hold: {
        holdId: hold.holdId,
        minutes: holdMinutesLeft({ expiresAt: expires }, services.clock()),
        until: zonedTime(input.locale, until, input.zone),
        table: hold.table.label,
      },
    };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'slot_unavailable') return { taken: error };
    if (error instanceof DomainError && (error.code === 'not_found' || error.code === 'validation')) return {};
    throw error;
  }
}
