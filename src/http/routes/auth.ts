import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Services } from '../../services/services.ts';
import { DomainError } from '../../domain/errors.ts';
import { authenticate } from '../../staff/login.ts';
import { endSession, startSession } from '../../staff/sessions.ts';
import { changePassword } from '../../staff/change-password.ts';
import { problemResponses } from '../schemas.ts';
import { listMembershipsOfUser } from '../../db/queries/staff-memberships.ts';
import { clearSessionCookie, isSameOrigin, setSessionCookie } from '../../web/session-cookie.ts';
import { rateLimitAddress } from '../../domain/client-address.ts';

const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

const PasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({
      minLength: 1,
      maxLength: 1024,
      description: 'at least 10 characters, not the email, not a common password',
    }),
  },
  { additionalProperties: false },
);

const tags = ['staff: sign-in'];

export function registerAuthRoutes(app: FastifyInstance, services: Services): void {
  app.post<{ Body: Static<typeof LoginBody> }>(
    '/api/v1/auth/login',
    {
      schema: { tags, summary: 'Sign in: sets the session cookie and returns the CSRF token', body: LoginBody },
      config: { csrf: false },
    },
    async (request, reply) => {
      if ((request.headers.origin || request.headers.referer) && !isSameOrigin(request, services.config.baseUrl)) {
        throw new DomainError('forbidden', 'Sign-in is only accepted from this site.');
      }
      const db = services.db;
      const user = await authenticate(db, {
        email: request.body.email,
        password: request.body.password,
        address: rateLimitAddress(request.ip),
        now: services.clock(),
        throttle: services.config.loginRateLimit,
      });
      if (request.staff) await endSession(db, request.staff.sessionId);
      const session = await startSession(db, user.id, services.clock(), services.randomBytes);
      setSessionCookie(request, reply, session.token, services.config.baseUrl);
      reply.header('cache-control', 'no-store');
      return {
        user: { email: user.email, name: user.name, admin: Number(user.is_admin) === 1 },
        csrfToken: session.csrfToken,
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags, summary: 'Sign out everywhere this session is used' } },
    async (request, reply) => {
      if (request.staff) await endSession(services.db, request.staff.sessionId);
      clearSessionCookie(request, reply, services.config.baseUrl);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    { schema: { tags, summary: 'The signed-in staff user, CSRF token and memberships' } },
    async (request, reply) => {
      const staff = request.staff;
      if (!staff) throw new DomainError('unauthenticated', 'Not signed in.');
      const memberships = await listMembershipsOfUser(services.db, staff.userId);
      reply.header('cache-control', 'no-store');
      return {
        user: { email: staff.email, name: staff.name, admin: staff.isAdmin },
        csrfToken: staff.csrfToken,
        memberships,
      };
    },
  );

  app.post<{ Body: Static<typeof PasswordBody> }>(
    '/api/v1/auth/password',
    {
      schema: {
        tags,
        summary: 'Change your own password (signed in, CSRF): 204, and every other session of yours ends',
        body: PasswordBody,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 422) },
      },
    },
    async (request, reply) => {
      const staff = request.staff;
      if (!staff) throw new DomainError('unauthenticated', 'Not signed in.');
      await changePassword(services, { staff, ...request.body });
      return reply.code(204).header('cache-control', 'no-store').send();
    },
  );
}
