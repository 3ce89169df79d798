import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/services.ts';
import { getAvailability } from '../../bookings/get-availability.ts';
import { listRestaurants } from '../../db/queries/restaurants.ts';
import { localDateOf } from '../../domain/clock-time.ts';
import { Availability, DateString, problemResponses, SlugParams } from '../schemas.ts';
import { readDbFor } from '../../web/read-routing.ts';

const AvailabilityQuery = Type.Object({
  date: DateString,
  party: Type.String({ pattern: '^[0-9]{1,4}$', description: 'party size' }),
  area: Type.Optional(Type.String({ maxLength: 32, description: 'only tables (and combinations) of this area' })),
});

export function registerPublicRestaurantRoutes(app: FastifyInstance, services: Services): void {
  app.get(
    '/api/v1/restaurants',
    {
      schema: {
        tags: ['guest'],
        summary: 'List restaurants',
        response: {
          200: Type.Object({
            restaurants: Type.Array(Type.Object({ slug: Type.String(), name: Type.String(), timezone: Type.String() })),
          }),
        },
      },
    },
    async (request) => ({ restaurants: await listRestaurants(readDbFor(services, request)) }),
  );

  app.get<{ Params: { slug: string } }>(
    '/api/v1/restaurants/:slug',
    {
      schema: {
        tags: ['guest'],
        summary: 'Restaurant details, hours and booking rules',
        params: SlugParams,
        response: problemResponses(404),
      },
    },
    async (request) => {
      const ctx = await services.cache.load(readDbFor(services, request), request.params.slug);
      const today = localDateOf(services.clock(), ctx.row.timezone);
      const { row, rules } = ctx;
      return {
        slug: row.slug,
        name: row.name,
        timezone: row.timezone,
        locale: row.locale ?? 'en',
        slotIntervalMinutes: rules.slotIntervalMinutes,
        bookingWindowDays: rules.bookingWindowDays,
        minNoticeMinutes: rules.minNoticeMinutes,
        cancelCutoffMinutes: rules.cancelCutoffMinutes,
        maxPartySize: rules.maxPartySize,
        durations: rules.durations,
        maxCoversPerSlot: rules.maxCoversPerSlot,
        holdMinutes: rules.holdMinutes,
        areas: ctx.areas,
        hours: rules.hours,
        closures: ctx.closures.filter((c) => c.date >= today),
      };
    },
  );

  app.get<{ Params: { slug: string }; Querystring: { date: string; party: string; area?: string } }>(
    '/api/v1/restaurants/:slug/availability',
    {
      schema: {
        tags: ['guest'],
        summary: 'Free start times for a date and party size',
        params: SlugParams,
        querystring: AvailabilityQuery,
        response: { 200: Availability, ...problemResponses(404, 422) },
      },
    },
    async (request) =>
      getAvailability(
        { ...services, db: readDbFor(services, request) },
        request.params.slug,
        request.query.date,
        Number(request.query.party),
        'guest',
        undefined,
        request.query.area,
      ),
  );
}
