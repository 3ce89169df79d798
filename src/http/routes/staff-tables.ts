import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { Services } from '../../services/services.ts';
import { addTable, changeTable, listTables, removeTable } from '../../staff/tables.ts';
import { problemResponses, SlugParams } from '../schemas.ts';
import { NewTableSchema, SlugAndId, TablePatchSchema } from './staff-schemas.ts';
import { authorizedRestaurant } from './staff-restaurants.ts';

const tags = ['staff: tables'];
const denied = problemResponses(401, 403, 404);

export function registerStaffTableRoutes(app: FastifyInstance, services: Services): void {
  const db = services.db;

  app.get<{ Params: Static<typeof SlugParams> }>(
    '/api/v1/restaurants/:slug/tables',
    {
      config: { staffRole: 'manager' },
      schema: { tags, summary: "The restaurant's tables (manager)", params: SlugParams, response: denied },
    },
    async (request) => ({ tables: await listTables(db, authorizedRestaurant(request).id) }),
  );

  app.post<{ Params: Static<typeof SlugParams>; Body: Static<typeof NewTableSchema> }>(
    '/api/v1/restaurants/:slug/tables',
    {
      config: { staffRole: 'manager' },
      schema: {
        tags,
        summary: 'Add a table (manager)',
        params: SlugParams,
        body: NewTableSchema,
        response: { ...denied, ...problemResponses(409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addTable(db, authorizedRestaurant(request).id, request.body, services.clock())),
  );

  app.patch<{ Params: Static<typeof SlugAndId>; Body: Static<typeof TablePatchSchema> }>(
    '/api/v1/restaurants/:slug/tables/:id',
    {
      config: { staffRole: 'manager' },
      schema: {
        tags,
        summary: 'Change a table (manager)',
        params: SlugAndId,
        body: TablePatchSchema,
        response: { ...denied, ...problemResponses(409, 422) },
      },
    },
    async (request) =>
      changeTable(db, authorizedRestaurant(request).id, request.params.id, request.body, services.clock()),
  );

  app.delete<{ Params: Static<typeof SlugAndId> }>(
    '/api/v1/restaurants/:slug/tables/:id',
    {
      config: { staffRole: 'manager' },
      schema: {
        tags,
        summary: 'Remove a table (manager)',
        description:
          '204 when deleted; 200 with the table when it was kept (deactivated) for the history of its past bookings; 409 while it has upcoming bookings.',
        params: SlugAndId,
        response: { ...denied, ...problemResponses(409) },
      },
    },
    async (request, reply) => {
      const restaurantId = authorizedRestaurant(request).id;
      const outcome = await removeTable(db, restaurantId, request.params.id, services.clock());
      if (outcome === 'deleted') return reply.code(204).send();
      const table = (await listTables(db, restaurantId)).find((t) => t.id === request.params.id);
      return { table, deactivated: true };
    },
  );
}
