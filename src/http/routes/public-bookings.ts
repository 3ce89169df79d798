import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.ts';
import { bookingDepsFor } from '../booking-deps-for.ts';
import { createBooking, type CreateBookingInput } from '../../bookings/create-booking.ts';
import { changeBooking, type BookingChanges } from '../../bookings/change-booking.ts';
import { cancelBooking } from '../../bookings/cancel-booking.ts';
import { loadByToken, present } from '../../bookings/managed-booking.ts';
import { bookingCalendar } from '../../bookings/calendar.ts';
import { validateIdempotencyKey } from '../../bookings/idempotency.ts';
import { hitRateLimit } from '../../db/queries/rate-limits.ts';
import { DomainError } from '../../domain/errors.ts';
import { requireRole } from '../../staff/roles.ts';
import { Booking, ChangeBookingBody, CreateBookingBody, problemResponses, ReferenceParams, SlugParams } from '../schemas.ts';

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

export async function limitGuestBookings(deps: AppDeps, request: FastifyRequest): Promise<void> {
  const limit = deps.config.bookingRateLimit;
  if (limit <= 0) return;
  const result = await hitRateLimit(deps.database.db, `booking:${request.ip}`, limit, 60_000, deps.clock());
  if (!result.allowed) {
    throw new DomainError('rate_limited', `Too many bookings from this address; try again in ${result.retryAfterSeconds} s.`, { retryAfterSeconds: result.retryAfterSeconds });
  }
}

/** Guest (API) or staff (signed in, host role) booking creation; shared by the web pages. */
export async function createFromRequest(deps: AppDeps, request: FastifyRequest, slug: string, body: CreateBookingInput['body'], guestSource: 'api' | 'web') {
  const booking = bookingDepsFor(deps);
  const idempotencyKey = validateIdempotencyKey(request.headers['idempotency-key'] as string | undefined);
  let source: CreateBookingInput['source'] = guestSource;
  if (request.staff) {
    const ctx = await booking.cache.load(deps.database.db, slug);
    await requireRole(deps.database.db, request.staff, ctx.row.id, 'host');
    source = 'staff';
  } else {
    await limitGuestBookings(deps, request);
  }
  return createBooking(booking, { slug, body, source, mode: source === 'staff' ? 'staff' : 'guest', idempotencyKey });
}

function replayHeader(reply: FastifyReply, replayed: boolean): void {
  if (replayed) reply.header('idempotent-replayed', 'true');
}

export function registerPublicBookingRoutes(app: FastifyInstance, deps: AppDeps): void {
  const bookings = bookingDepsFor(deps);

  app.post<{ Params: { slug: string }; Body: CreateBookingInput['body'] }>('/api/v1/restaurants/:slug/bookings', {
    schema: {
      tags: ['guest', 'staff'],
      summary: 'Book a table (guest), or take a phone/walk-in booking when signed in as staff',
      description: 'Send an Idempotency-Key header (1–255 chars) to make retries safe.',
      params: SlugParams,
      body: CreateBookingBody,
      response: { 201: Booking, ...problemResponses(400, 403, 404, 409, 413, 415, 422, 429) },
    },
  }, async (request, reply) => {
    const result = await createFromRequest(deps, request, request.params.slug, request.body, 'api');
    replayHeader(reply, result.replayed);
    if ('error' in result) throw result.error;
    reply.header('location', `/api/v1/bookings/${result.booking.reference}`);
    return reply.code(201).send(result.booking);
  });

  app.get<{ Params: { reference: string } }>('/api/v1/bookings/:reference', {
    schema: { tags: ['guest'], summary: 'A booking, with its manage token as Bearer', params: ReferenceParams, response: { 200: Booking, ...problemResponses(401, 404) } },
  }, async (request) => present(await loadByToken(bookings, request.params.reference, bearerToken(request))));

  app.patch<{ Params: { reference: string }; Body: BookingChanges }>('/api/v1/bookings/:reference', {
    schema: { tags: ['guest'], summary: 'Change date, time, party or notes', params: ReferenceParams, body: ChangeBookingBody, response: { 200: Booking, ...problemResponses(401, 404, 409, 422) } },
  }, async (request) => {
    const managed = await loadByToken(bookings, request.params.reference, bearerToken(request));
    return changeBooking(bookings, managed, request.body ?? {}, 'guest');
  });

  app.post<{ Params: { reference: string } }>('/api/v1/bookings/:reference/cancel', {
    schema: { tags: ['guest'], summary: 'Cancel the booking', params: ReferenceParams, response: { 200: Booking, ...problemResponses(401, 404, 409) } },
  }, async (request) => {
    const managed = await loadByToken(bookings, request.params.reference, bearerToken(request));
    return cancelBooking(bookings, managed, 'guest');
  });

  app.get<{ Params: { reference: string }; Querystring: { token?: string } }>('/api/v1/bookings/:reference/calendar.ics', {
    schema: { tags: ['guest'], summary: 'iCalendar event for the booking', params: ReferenceParams, produces: ['text/calendar'] },
  }, async (request, reply) => {
    const managed = await loadByToken(bookings, request.params.reference, request.query.token ?? bearerToken(request));
    const ics = bookingCalendar(present(managed), managed.ctx.row.name, deps.config.baseUrl);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="booking-${managed.row.reference}.ics"`)
      .send(ics);
  });
}
