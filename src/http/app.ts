import crypto from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppDeps } from './deps.ts';
import { buildServices, type Services } from '../services/services.ts';
import { rejectNulCharacters } from './reject-nul.ts';
import { OneLinePerRequest, loggerOptions } from './request-log.ts';
import { lazySerializerFactory, lazyValidatorFactory } from './lazy-compilers.ts';
import { SECURITY_SCHEMES, finishDocument, transformRoute } from './openapi.ts';
import { answerFrameworkError, installErrorHandling, type HtmlErrorRenderer } from './errors.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { installDefaultQuerySchema, serverTimeouts } from './server-limits.ts';
import { fastifyTrustProxy } from '../config/network.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerMetrics } from './metrics.ts';
import '../staff/principal.ts';
import { installSessionHook } from './session-hook.ts';
import { installReadRouting } from '../web/read-routing.ts';
import { installLocaleHook } from '../web/locale-hook.ts';
import { registerAuthRoutes } from './routes/auth.ts';
import { registerStaffRestaurantRoutes } from './routes/staff-restaurants.ts';
import { registerStaffTableRoutes } from './routes/staff-tables.ts';
import { registerStaffCombinationRoutes } from './routes/staff-combinations.ts';
import { registerHoldRoutes } from './routes/holds.ts';
import { registerStaffBookingRoutes } from './routes/staff-bookings.ts';
import { registerStaffMemberRoutes } from './routes/staff-members.ts';
import { registerStaffUserRoutes } from './routes/staff-users.ts';
import { registerPublicRestaurantRoutes } from './routes/public-restaurants.ts';
import { registerPublicBookingRoutes } from './routes/public-bookings.ts';
import { registerWebStatic } from '../web/routes/web-static.ts';
import { registerWebGuestRoutes } from '../web/routes/web-guest.ts';
import { registerWebManageRoutes } from '../web/routes/web-manage.ts';
import { registerWebStaffRoutes } from '../web/routes/web-staff.ts';
import { registerWebAdminRoutes } from '../web/routes/web-admin.ts';
import { registerWebTimelineRoutes } from '../web/routes/web-timeline.ts';
import { registerWebSettingsRoutes } from '../web/routes/web-settings.ts';
import { renderHtmlError as webErrorPage } from '../web/error-page.ts';

export const BODY_LIMIT = 1024 * 1024;

/** JSON API writes must be JSON: anything else is a 415, even a form post. */
function requireJsonForApiWrites(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/') || request.body === undefined) return;
    const type = (request.headers['content-type'] ?? '').toLowerCase();
    if (!type.startsWith('application/json') && !/^application\/[a-z.+-]*\+json/.test(type)) {
      throw Object.assign(new Error('Unsupported media type'), {
        code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        statusCode: 415,
      });
    }
  });
}

type RouteModule = (app: FastifyInstance, services: Services) => void | Promise<void>;

/** Every route module, in registration order. Add new modules here. */
const ROUTE_MODULES: RouteModule[] = [
  registerMetrics,
  registerHealthRoutes,
  registerPublicRestaurantRoutes,
  registerPublicBookingRoutes,
  registerAuthRoutes,
  registerStaffRestaurantRoutes,
  registerStaffTableRoutes,
  registerStaffCombinationRoutes,
  registerHoldRoutes,
  registerStaffBookingRoutes,
  registerStaffMemberRoutes,
  registerStaffUserRoutes,
  registerWebStatic,
  registerWebGuestRoutes,
  registerWebManageRoutes,
  registerWebStaffRoutes,
  registerWebAdminRoutes,
  registerWebTimelineRoutes,
  registerWebSettingsRoutes,
];

/** Renders problems as HTML for routes with `config: { html: true }` (set by the web pages). */
const renderHtmlError: HtmlErrorRenderer | undefined = webErrorPage;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: await loggerOptions({ level: deps.config.logLevel, format: deps.config.logFormat }, deps.logger),
    logController: new OneLinePerRequest(),
    bodyLimit: BODY_LIMIT,
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    // our own id for every request; a client's X-Request-Id is logged as clientRequestId only
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors: answerFrameworkError(deps.config.baseUrl),
    ...serverTimeouts(deps.config.requestTimeoutMs),
    schemaController: {
      compilersFactory: { buildValidator: lazyValidatorFactory(), buildSerializer: lazySerializerFactory() },
    } as never,
    ajv: { customOptions: { allErrors: true, coerceTypes: false, removeAdditional: false, useDefaults: true } },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  installSecurityHeaders(app, deps.config.baseUrl);
  installDefaultQuerySchema(app);
  app.decorateRequest('staff', null);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  installErrorHandling(app, renderHtmlError);
  await app.register(cookie, { secret: deps.config.secretKey });
  installLocaleHook(app);
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  const parseJson = app.getDefaultJsonParser('error', 'error');
  // An empty JSON body (a bare POST …/cancel) means "no body", not malformed JSON.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    return parseJson(request, text, done);
  });
  requireJsonForApiWrites(app);
  rejectNulCharacters(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'tablebookings API',
        version: '1',
        description: 'Restaurant table bookings. Errors are RFC 9457 problem+json.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      components: { securitySchemes: SECURITY_SCHEMES as never },
    },
    transform: transformRoute as never,
    transformObject: finishDocument as never,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  const services = buildServices(deps);
  installSessionHook(app, services);
  installReadRouting(app, services);

  for (const register of ROUTE_MODULES) await register(app, services);
  return app;
}
