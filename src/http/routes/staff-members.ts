import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { Services } from '../../services/services.ts';
import { listRestaurantMembers, removeMember, setMember } from '../../staff/members.ts';
import { listOutbox } from '../../db/queries/outbox.ts';
import { toIsoUtc } from '../../domain/clock-time.ts';
import { problemResponses, SlugParams } from '../schemas.ts';
import { MemberBody, OutboxQuery, SlugAndEmail } from './staff-schemas.ts';
import { authorizedRestaurant } from './staff-restaurants.ts';

const tags = ['staff: members'];
const denied = problemResponses(401, 403, 404);

export function registerStaffMemberRoutes(app: FastifyInstance, services: Services): void {
  const db = services.db;

  app.get<{ Params: Static<typeof SlugParams> }>(
    '/api/v1/restaurants/:slug/members',
    {
      config: { staffRole: 'manager' },
      schema: { tags, summary: 'Staff members of the restaurant (manager)', params: SlugParams, response: denied },
    },
    async (request) => ({ members: await listRestaurantMembers(db, authorizedRestaurant(request).id) }),
  );

  app.post<{ Params: Static<typeof SlugParams>; Body: Static<typeof MemberBody> }>(
    '/api/v1/restaurants/:slug/members',
    {
      config: { staffRole: 'manager' },
      schema: {
        tags,
        summary: 'Add a member or change their role (manager)',
        description:
          '201 when added, 200 when the role changed; 404 when no staff user has the email (create it with `tablebookings staff create`).',
        params: SlugParams,
        body: MemberBody,
        response: { ...denied, ...problemResponses(422) },
      },
    },
    async (request, reply) => {
      const { member, outcome } = await setMember(
        db,
        authorizedRestaurant(request).id,
        request.body.email,
        request.body.role,
        services.clock(),
      );
      return reply.code(outcome === 'added' ? 201 : 200).send(member);
    },
  );

  app.delete<{ Params: Static<typeof SlugAndEmail> }>(
    '/api/v1/restaurants/:slug/members/:email',
    {
      config: { staffRole: 'manager' },
      schema: { tags, summary: 'Remove a member (manager)', params: SlugAndEmail, response: denied },
    },
    async (request, reply) => {
      await removeMember(db, authorizedRestaurant(request).id, request.params.email);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: Static<typeof SlugParams>; Querystring: Static<typeof OutboxQuery> }>(
    '/api/v1/restaurants/:slug/outbox',
    {
      config: { staffRole: 'manager' },
      schema: {
        tags: ['staff: emails'],
        summary: 'Emails of the restaurant, e.g. ?status=failed (manager)',
        params: SlugParams,
        querystring: OutboxQuery,
        response: denied,
      },
    },
    async (request) => {
      const rows = await listOutbox(db, authorizedRestaurant(request).id, request.query.status, 200);
      return {
        emails: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          to: r.to_address,
          subject: r.subject,
          status: r.status,
          attempts: Number(r.attempts),
          lastError: r.last_error,
          createdAt: toIsoUtc(Number(r.created_at)),
          sentAt: r.sent_at === null ? null : toIsoUtc(Number(r.sent_at)),
          nextAttemptAt: toIsoUtc(Number(r.next_attempt_at)),
          bookingId: r.booking_id,
        })),
      };
    },
  );
}
