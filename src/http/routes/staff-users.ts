import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Services } from '../../services/services.ts';
import { problemResponses } from '../schemas.ts';
import { listStaffUsers } from '../../staff/list-staff-users.ts';
import { createStaffAccount } from '../../staff/create-staff-account.ts';
import { updateStaffUser } from '../../staff/update-staff-user.ts';
import { LIMITS } from '../../domain/limits.ts';

const closed = { additionalProperties: false };
const Password = Type.String({
  minLength: 1,
  maxLength: 1024,
  description: 'at least 10 characters, not the email, not a common password',
});

const StaffUser = Type.Object({
  email: Type.String(),
  name: Type.String(),
  admin: Type.Boolean(),
  disabled: Type.Boolean(),
  memberships: Type.Array(
    Type.Object({ restaurant: Type.String(), role: Type.Union([Type.Literal('manager'), Type.Literal('host')]) }),
  ),
});

const NewStaffBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: LIMITS.email }),
    name: Type.Optional(Type.String({ maxLength: LIMITS.name })),
    password: Password,
    admin: Type.Optional(Type.Boolean()),
  },
  closed,
);

const StaffPatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.name })),
    admin: Type.Optional(Type.Boolean()),
    disabled: Type.Optional(
      Type.Boolean({ description: 'a disabled user cannot sign in; their sessions end at once' }),
    ),
    password: Type.Optional(Password),
  },
  { ...closed, minProperties: 1 },
);

const EmailParams = Type.Object({ email: Type.String({ maxLength: 254 }) });
const tags = ['staff: accounts'];
const denied = problemResponses(401, 403);

/** Admin-only staff account API (SPEC §9.2). */
export function registerStaffUserRoutes(app: FastifyInstance, services: Services): void {
  app.get(
    '/api/v1/staff',
    {
      config: { staffRole: 'admin' },
      schema: {
        tags,
        summary: 'Every staff user with their memberships (admin)',
        response: { 200: Type.Object({ users: Type.Array(StaffUser) }), ...denied },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { users: await listStaffUsers(services) };
    },
  );

  app.post<{ Body: Static<typeof NewStaffBody> }>(
    '/api/v1/staff',
    {
      config: { staffRole: 'admin' },
      schema: {
        tags,
        summary: 'Create a staff user (admin)',
        body: NewStaffBody,
        response: { 201: StaffUser, ...denied, ...problemResponses(409, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .header('cache-control', 'no-store')
        .send(await createStaffAccount(services, request.body)),
  );

  app.patch<{ Params: Static<typeof EmailParams>; Body: Static<typeof StaffPatchBody> }>(
    '/api/v1/staff/:email',
    {
      config: { staffRole: 'admin' },
      schema: {
        tags,
        summary: 'Change, disable or enable a staff user, or set their password (admin)',
        description:
          'Disabling or a new password ends their sessions. The last enabled admin cannot be disabled or demoted (409).',
        params: EmailParams,
        body: StaffPatchBody,
        response: { 200: StaffUser, ...denied, ...problemResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const user = await updateStaffUser(services, {
        email: request.params.email,
        ...request.body,
        keepSessionId: request.staff?.sessionId,
      });
      return reply.header('cache-control', 'no-store').send(user);
    },
  );
}
