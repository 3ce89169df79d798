import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Services } from '../../services/services.ts';
import {
  addCombination,
  changeCombination,
  getCombination,
  listCombinations,
  removeCombination,
} from '../../staff/combinations.ts';
import { problemResponses, SlugParams } from '../schemas.ts';
import { CombinationBody, CombinationPatchBody, CombinationView, SlugAndId } from './staff-schemas.ts';
import { authorizedRestaurant } from './staff-restaurants.ts';

const tags = ['staff: tables'];
const denied = problemResponses(401, 403, 404);

/** Table combinations (manager, SPEC §9.1). */
export function registerStaffCombinationRoutes(app: FastifyInstance, services: Services): void {
  const db = services.db;
  const base = '/api/v1/restaurants/:slug/combinations';

  app.get<{ Params: Static<typeof SlugParams> }>(
    base,
    {
      config: { staffRole: 'manager' },
      schema: {
        tags,
        summary: 'Table combinations (manager)',
        params: SlugParams,
        response: { 200: Type.Object({ combinations: Type.Array(CombinationView) }), ...denied },
      },
    },
    async (request) => ({ combinations: await listCombinations(db, authorizedRestaurant(request).id) }),
  );

  app.post<{ Params: Static<typeof SlugParams>; Body: Static<typeof CombinationBody> }>(
    base,
    {
      config: { staffRole: 'manager' },
      schema: {
        tags,
        summary: 'Add a combination of 2–4 tables (manager)',
        params: SlugParams,
        body: CombinationBody,
        response: { 201: CombinationView, ...denied, ...problemResponses(409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addCombination(db, authorizedRestaurant(request).id, request.body, services.clock())),
  );

  app.patch<{ Params: Static<typeof SlugAndId>; Body: Static<typeof CombinationPatchBody> }>(
    `${base}/:id`,
    {
      config: { staffRole: 'manager' },
      schema: {
        tags,
        summary: 'Change a combination (manager)',
        description: 'New tableIds are refused (409) while upcoming bookings sit on it.',
        params: SlugAndId,
        body: CombinationPatchBody,
        response: { 200: CombinationView, ...denied, ...problemResponses(409, 422) },
      },
    },
    async (request) =>
      changeCombination(db, authorizedRestaurant(request).id, request.params.id, request.body, services.clock()),
  );

  app.delete<{ Params: Static<typeof SlugAndId> }>(
    `${base}/:id`,
    {
      config: { staffRole: 'manager' },
      schema: {
        tags,
        summary: 'Remove a combination (manager)',
        description:
          '204 when deleted; 200 with the combination when it was kept (deactivated) for its past bookings; 409 while it has upcoming bookings.',
        params: SlugAndId,
        response: {
          200: Type.Object({ combination: CombinationView, deactivated: Type.Boolean() }),
          204: { type: 'null', description: 'deleted' },
          ...denied,
          ...problemResponses(409),
        },
      },
    },
    async (request, reply) => {
      const restaurantId = authorizedRestaurant(request).id;
      const outcome = await removeCombination(db, restaurantId, request.params.id, services.clock());
      if (outcome === 'deleted') return reply.code(204).send();
      return { combination: await getCombination(db, restaurantId, request.params.id), deactivated: true };
    },
  );
}
