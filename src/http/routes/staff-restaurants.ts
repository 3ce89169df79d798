import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { Services } from '../../services/services.ts';
import type { RestaurantRef } from '../../db/queries/restaurant-admin.ts';
import { createRestaurant, replaceWeeklyHours, updateRestaurant } from '../../staff/restaurant-admin.ts';
import { addClosure, listClosures, removeClosure } from '../../staff/closures.ts';
import { problemResponses, SlugParams } from '../schemas.ts';
import { ClosureBody, CreateRestaurantBody, HoursBody, RestaurantPatchBody, SlugAndDate } from './staff-schemas.ts';

const tags = ['staff: restaurants'];
const denied = problemResponses(401, 403, 404);

/** The restaurant the session hook authorized for this staff route. */
export function authorizedRestaurant(request: FastifyRequest): RestaurantRef {
  const restaurant = request.staffRestaurant;
  if (!restaurant) throw new Error('staff route without an authorized restaurant (missing config.staffRole?)');
  return restaurant;
}

export function registerStaffRestaurantRoutes(app: FastifyInstance, services: Services): void {
  const db = services.db;

  app.post<{ Body: Static<typeof CreateRestaurantBody> }>(
    '/api/v1/restaurants',
    {
      config: { staffRole: 'admin' },
      schema: {
        tags,
        summary: 'Create a restaurant with its hours and tables (admin)',
        body: CreateRestaurantBody,
        response: { ...denied, ...problemResponses(409, 422) },
      },
    },
    async (request, reply) => {
      const restaurant = await createRestaurant(db, request.body, services.clock());
      reply.header('location', `/api/v1/restaurants/${restaurant.slug}`);
      return reply.code(201).send(restaurant);
    },
  );

  app.patch<{ Params: Static<typeof SlugParams>; Body: Static<typeof RestaurantPatchBody> }>(
    '/api/v1/restaurants/:slug',
    {
      config: { staffRole: 'manager' },
      schema: {
        tags,
        summary: "Change a restaurant's settings (manager)",
        params: SlugParams,
        body: RestaurantPatchBody,
        response: { ...denied, ...problemResponses(422) },
      },
    },
    async (request) => updateRestaurant(db, authorizedRestaurant(request).id, request.body, services.clock()),
  );

  app.put<{ Params: Static<typeof SlugParams>; Body: Static<typeof HoursBody> }>(
    '/api/v1/restaurants/:slug/hours',
    {
      config: { staffRole: 'manager' },
      schema: {
        tags,
        summary: 'Replace the weekly opening hours (manager)',
        params: SlugParams,
        body: HoursBody,
        response: { ...denied, ...problemResponses(422) },
      },
    },
    async (request) => ({
      hours: await replaceWeeklyHours(db, authorizedRestaurant(request).id, request.body.hours, services.clock()),
    }),
  );

  app.get<{ Params: Static<typeof SlugParams> }>(
    '/api/v1/restaurants/:slug/closures',
    {
      config: { staffRole: 'manager' },
      schema: { tags, summary: 'Closure dates (manager)', params: SlugParams, response: denied },
    },
    async (request) => ({ closures: await listClosures(db, authorizedRestaurant(request).id) }),
  );

  app.post<{ Params: Static<typeof SlugParams>; Body: Static<typeof ClosureBody> }>(
    '/api/v1/restaurants/:slug/closures',
    {
      config: { staffRole: 'manager' },
      schema: {
        tags,
        summary: 'Add a closure date (manager)',
        params: SlugParams,
        body: ClosureBody,
        response: { ...denied, ...problemResponses(409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addClosure(db, authorizedRestaurant(request).id, request.body, services.clock())),
  );

  app.delete<{ Params: Static<typeof SlugAndDate> }>(
    '/api/v1/restaurants/:slug/closures/:date',
    {
      config: { staffRole: 'manager' },
      schema: {
        tags,
        summary: 'Remove a closure date (manager)',
        params: SlugAndDate,
        response: { ...denied, ...problemResponses(422) },
      },
    },
    async (request, reply) => {
      await removeClosure(db, authorizedRestaurant(request).id, request.params.date, services.clock());
      return reply.code(204).send();
    },
  );
}
