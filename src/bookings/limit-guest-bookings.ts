import type { Services } from '../services/services.ts';
import { hitRateLimit } from '../db/queries/rate-limits.ts';
import { rateLimitAddress } from '../domain/client-address.ts';
import { DomainError } from '../domain/errors.ts';
import { sha256Hex } from './tokens.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3600_000;

/**
 * Guest booking creation limits (SPEC §4, §9.4): BOOKING_RATE_LIMIT per client address (an
 * IPv6 client by its /64) per minute, and BOOKING_EMAIL_LIMIT per guest email address per
 * 24 hours. BOOKING_RATE_LIMIT=0 turns both off.
 */
export async function limitGuestBookings(
  services: Services,
  input: { address: string; email?: unknown },
): Promise<void> {
  const limit = services.config.bookingRateLimit;
  if (limit <= 0) return;
  const perAddress = await hitRateLimit(
    services.db,
    `booking:${rateLimitAddress(input.address)}`,
    limit,
    MINUTE_MS,
    services.clock(),
  );
  if (!perAddress.allowed) {
    throw new DomainError(
      'rate_limited',
      `Too many bookings from this address; try again in ${perAddress.retryAfterSeconds} s.`,
      {
        retryAfterSeconds: perAddress.retryAfterSeconds,
        key: 'problem.detail.rateLimitedAddress',
        params: { seconds: perAddress.retryAfterSeconds },
      },
    );
  }
  const perEmail = services.config.bookingEmailLimit;
  const email = input.email;
  if (perEmail <= 0 || typeof email !== 'string' || !email.trim() || email.length > 254) return;
  const bucket = `booking-email:${sha256Hex(email.trim().toLowerCase())}`;
  const result = await hitRateLimit(services.db, bucket, perEmail, DAY_MS, services.clock());
  if (!result.allowed) {
    const hours = Math.ceil(result.retryAfterSeconds / 3600);
    throw new DomainError(
      'rate_limited',
      `Too many bookings for this email address today; try again in ${hours} h, or call the restaurant.`,
      {
        retryAfterSeconds: result.retryAfterSeconds,
        key: 'problem.detail.rateLimitedEmail',
        params: { hours },
      },
    );
  }
}
