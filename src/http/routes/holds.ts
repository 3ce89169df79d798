import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { Services } from '../../services/services.ts';
import { createHold } from '../../bookings/create-hold.ts';
import { releaseHold } from '../../bookings/release-hold.ts';
import { Hold, HoldBody, HoldParams, problemResponses, SlugParams } from '../schemas.ts';
import { limitGuestBookings } from '../../bookings/limit-guest-bookings.ts';

/** Holds (SPEC §9.1): keep a table for a guest for the restaurant's holdMinutes. */
export function registerHoldRoutes(app: FastifyInstance, services: Services): void {
  app.post<{ Params: Static<typeof SlugParams>; Body: Static<typeof HoldBody> }>(
    '/api/v1/restaurants/:slug/holds',
    {
      schema: {
        tags: ['guest'],
        summary: 'Hold a table for a few minutes while the guest fills in the details',
        description:
          'Guest rules (online tables, notice, pacing). 201 with the hold; 409 with alternatives when nothing is free; ' +
          '404 for an unknown restaurant or one with holdMinutes 0 (holds off). Counts toward BOOKING_RATE_LIMIT. ' +
          'Book it with POST …/bookings and holdId.',
        params: SlugParams,
        body: HoldBody,
        response: { 201: Hold, ...problemResponses(400, 404, 409, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      if (!request.staff) await limitGuestBookings(services, { address: request.ip });
      return reply.code(201).send(await createHold(services, { slug: request.params.slug, body: request.body }));
    },
  );

  app.delete<{ Params: Static<typeof HoldParams> }>(
    '/api/v1/holds/:holdId',
    {
      schema: {
        tags: ['guest'],
        summary: 'Release a hold at once',
        description: '204; 404 when the hold is unknown, already used or expired.',
        params: HoldParams,
        response: { 204: { type: 'null', description: 'released' }, ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      await releaseHold(services, request.params.holdId);
      return reply.code(204).send();
    },
  );
}
