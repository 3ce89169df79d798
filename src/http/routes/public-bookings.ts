import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { Services } from '../../services/services.ts';
import { createBooking, type CreateBookingInput } from '../../bookings/create-booking.ts';
import { changeBooking, type BookingChanges } from '../../bookings/change-booking.ts';
import { cancelBooking } from '../../bookings/cancel-booking.ts';
import { confirmBooking } from '../../bookings/confirm-booking.ts';
import { loadByToken, present } from '../../bookings/managed-booking.ts';
import { bookingCalendar } from '../../bookings/calendar.ts';
import { validateIdempotencyKey } from '../../bookings/idempotency.ts';
import { limitGuestBookings } from '../../bookings/limit-guest-bookings.ts';
import { isLocale, type Locale } from '../../i18n/locale.ts';
import { bestAcceptedLocale } from '../../i18n/negotiate.ts';
import { requireRole } from '../../staff/roles.ts';
import {
  Booking,
  ChangeBookingBody,
  CreateBookingBody,
  problemResponses,
  ReferenceParams,
  SlugParams,
  TokenQuery,
} from '../schemas.ts';

/**
 * The manage token sent as `Authorization: Bearer …`. Whatever follows the scheme is the
 * token, however odd (`Bearer ' OR 1=1 --` is a wrong token: 404, SPEC §4); only a missing
 * or empty header, or a bare `Bearer`, means "no token" (401).
 */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = (request.headers.authorization ?? '').trim();
  if (!header) return undefined;
  const match = /^Bearer(?:\s+([\s\S]*))?$/i.exec(header);
  if (!match) return header;
  return match[1]?.trim() || undefined;
}

/** Guest (API) or staff (signed in, host role) booking creation; shared by the web pages. */
export async function createFromRequest(
  services: Services,
  request: FastifyRequest,
  slug: string,
  body: CreateBookingInput['body'],
  guestSource: 'api' | 'web',
) {
  const booking = services;
  const idempotencyKey = validateIdempotencyKey(request.headers['idempotency-key'] as string | undefined);
  let source: CreateBookingInput['source'] = guestSource;
  if (request.staff) {
    const ctx = await booking.cache.load(services.db, slug);
    await requireRole(services.db, request.staff, ctx.row.id, 'host');
    source = 'staff';
  } else {
    await limitGuestBookings(services, {
      address: request.ip,
      email: (body as { email?: unknown } | undefined)?.email,
    });
  }
  const locale = bookingLocale(request, body, source);
  return createBooking(booking, {
    slug,
    body,
    source,
    mode: source === 'staff' ? 'staff' : 'guest',
    idempotencyKey,
    locale,
  });
}

/**
 * The language a booking is made in: `locale` in the body, else (guests) Accept-Language; else
 * undefined, and the booking takes the restaurant's. A staff client's language is not the guest's.
 */
function bookingLocale(
  request: FastifyRequest,
  body: CreateBookingInput['body'],
  source: CreateBookingInput['source'],
): Locale | undefined {
  const stated = (body as { locale?: unknown }).locale;
  if (isLocale(stated)) return stated;
  if (source === 'staff') return undefined;
  return bestAcceptedLocale(request.headers['accept-language']) ?? undefined;
}

function replayHeader(reply: FastifyReply, replayed: boolean): void {
  if (replayed) reply.header('idempotent-replayed', 'true');
}

export function registerPublicBookingRoutes(app: FastifyInstance, services: Services): void {
  app.post<{ Params: { slug: string }; Body: CreateBookingInput['body'] }>(
    '/api/v1/restaurants/:slug/bookings',
    {
      schema: {
        tags: ['guest', 'staff'],
        summary: 'Book a table (guest), or take a phone/walk-in booking when signed in as staff',
        description: 'Send an Idempotency-Key header (1–255 chars) to make retries safe.',
        params: SlugParams,
        body: CreateBookingBody,
        response: { 201: Booking, ...problemResponses(400, 403, 404, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const result = await createFromRequest(services, request, request.params.slug, request.body, 'api');
      replayHeader(reply, result.replayed);
      if ('error' in result) throw result.error;
      reply.header('location', `/api/v1/bookings/${result.booking.reference}`);
      return reply.code(201).send(result.booking);
    },
  );

  app.get<{ Params: { reference: string } }>(
    '/api/v1/bookings/:reference',
    {
      schema: {
        tags: ['guest'],
        summary: 'A booking, with its manage token as Bearer',
        params: ReferenceParams,
        response: { 200: Booking, ...problemResponses(401, 404) },
      },
    },
    async (request) => present(await loadByToken(services, request.params.reference, bearerToken(request))),
  );

  app.patch<{ Params: { reference: string }; Body: BookingChanges }>(
    '/api/v1/bookings/:reference',
    {
      schema: {
        tags: ['guest'],
        summary: 'Change date, time, party or notes',
        params: ReferenceParams,
        body: ChangeBookingBody,
        response: { 200: Booking, ...problemResponses(401, 404, 409, 422) },
      },
    },
    async (request) => {
      const managed = await loadByToken(services, request.params.reference, bearerToken(request));
      return changeBooking(services, managed, request.body ?? {}, 'guest');
    },
  );

  app.post<{ Params: { reference: string } }>(
    '/api/v1/bookings/:reference/cancel',
    {
      schema: {
        tags: ['guest'],
        summary: 'Cancel the booking',
        params: ReferenceParams,
        response: { 200: Booking, ...problemResponses(401, 404, 409) },
      },
    },
    async (request) => {
      const managed = await loadByToken(services, request.params.reference, bearerToken(request));
      return cancelBooking(services, managed, 'guest');
    },
  );

  app.post<{ Params: { reference: string } }>(
    '/api/v1/bookings/:reference/confirm',
    {
      schema: {
        tags: ['guest'],
        summary: 'The guest confirms they are coming (the reminder email links to it)',
        description:
          'Answers the booking with `confirmedByGuest: true`. Confirming again is a no-op; a booking that is not confirmed or has started is 409.',
        params: ReferenceParams,
        response: { 200: Booking, ...problemResponses(401, 404, 409) },
      },
    },
    async (request) => {
      const managed = await loadByToken(services, request.params.reference, bearerToken(request));
      return confirmBooking(services, managed);
    },
  );

  app.get<{ Params: { reference: string }; Querystring: Static<typeof TokenQuery> }>(
    '/api/v1/bookings/:reference/calendar.ics',
    {
      schema: {
        tags: ['guest'],
        summary: 'iCalendar event for the booking',
        params: ReferenceParams,
        querystring: TokenQuery,
        produces: ['text/calendar'],
      },
    },
    async (request, reply) => {
      const managed = await loadByToken(
        services,
        request.params.reference,
        request.query.token ?? bearerToken(request),
      );
      const ics = bookingCalendar(present(managed), managed.ctx.row.name, services.config.baseUrl);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="booking-${managed.row.reference}.ics"`)
        .send(ics);
    },
  );
}
