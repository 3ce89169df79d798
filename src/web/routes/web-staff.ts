import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { Services } from '../../services/services.ts';
import { clearSessionCookie, isSameOrigin, setSessionCookie } from '../session-cookie.ts';
import { createBooking } from '../../bookings/create-booking.ts';
import { listRestaurants } from '../../db/queries/restaurants.ts';
import { listMembershipsOfUser } from '../../db/queries/staff-memberships.ts';
import { isIsoDate, localDateOf, localTimeOf } from '../../domain/clock-time.ts';
import { DomainError } from '../../domain/errors.ts';
import { canTransition } from '../../domain/status-rules.ts';
import type { BookingStatus } from '../../domain/types.ts';
import { authenticate } from '../../staff/login.ts';
import { endSession, startSession } from '../../staff/sessions.ts';
import { listDayBookings, updateBookingAsStaff } from '../../staff/staff-bookings.ts';
import { fieldErrorsOf, str, type FormBody } from '../../web/forms.ts';
import { answerPage, HTML_ROUTE, newFormKey, seeOther, sendPage } from '../../web/respond.ts';
import { pageContext } from '../../web/page-context.ts';
import { isLocale } from '../../i18n/locale.ts';
import { staffAccess, type StaffAccess } from '../../web/staff-access.ts';
import { DaySheetQuery, SignInQuery } from '../../web/query-schemas.ts';
import { safeNextPath } from '../../web/safe-next.ts';
import { rateLimitAddress } from '../../domain/client-address.ts';
import { bookedMessage, chooserPage, daySheetPage, loginPage, type DaySheetData } from '../../web/staff-views.ts';
import { readDbFor } from '../read-routing.ts';

const STATUSES: BookingStatus[] = ['seated', 'completed', 'no_show', 'cancelled'];
type Slug = { Params: { slug: string } };

async function signIn(services: Services, request: FastifyRequest<{ Body: FormBody }>, reply: FastifyReply) {
  const email = str(request.body, 'email');
  const next = safeNextPath(str(request.body, 'next'), services.config.baseUrl);
  const page = pageContext(request);
  const again = (error: string, refusal: DomainError) =>
    answerPage(reply, loginPage(page, { email, next, error }), refusal);
  if (!isSameOrigin(request, services.config.baseUrl))
    return again(
      page.t('staff.signInForeign'),
      new DomainError('forbidden', 'Sign-in is only accepted from this site.'),
    );
  const db = services.db;
  let user;
  try {
    user = await authenticate(db, {
      email,
      password: str(request.body, 'password'),
      address: rateLimitAddress(request.ip),
      now: services.clock(),
      throttle: services.config.loginRateLimit,
    });
  } catch (error) {
    if (!(error instanceof DomainError) || (error.code !== 'unauthenticated' && error.code !== 'rate_limited'))
      throw error;
    return again(error.text(page.locale), error);
  }
  if (request.staff) await endSession(db, request.staff.sessionId);
  const session = await startSession(db, user.id, services.clock(), services.randomBytes);
  setSessionCookie(request, reply, session.token, services.config.baseUrl);
  return seeOther(reply, next);
}

type SheetExtras = Partial<Pick<DaySheetData, 'message' | 'success'>> & { form?: Partial<DaySheetData['form']> };

async function renderDaySheet(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  access: StaffAccess,
  date: string,
  extras: SheetExtras = {},
  refusal?: unknown,
) {
  const ctx = await services.cache.load(services.db, access.restaurant.slug);
  const now = services.clock();
  const zone = access.restaurant.timezone;
  const today = localDateOf(now, zone);
  const list = await listDayBookings(readDbFor(services, request), access.restaurant, date);
  const allowed: Record<string, string[]> = {};
  for (const b of list) {
    const tctx = { now, serviceDate: b.date, startsAt: Date.parse(b.startsAt), endsAt: Date.parse(b.endsAt), zone };
    allowed[b.reference] = STATUSES.filter((to) => canTransition(b.status as BookingStatus, to, tctx));
  }
  const slotMinutes = ctx.rules.slotIntervalMinutes;
  const nowSlot = localTimeOf(Math.floor(now / (slotMinutes * 60_000)) * slotMinutes * 60_000, zone);
  const form = {
    values: { date, time: date === today ? nowSlot : '' },
    errors: {},
    idempotencyKey: newFormKey(),
    ...extras.form,
  };
  const restaurantLocale = isLocale(ctx.row.locale) ? ctx.row.locale : 'en';
  const markup = daySheetPage({
    ctx: pageContext(request, restaurantLocale),
    restaurantLocale,
    access,
    date,
    today,
    maxPartySize: ctx.rules.maxPartySize,
    bookings: list,
    allowed,
    form,
    message: extras.message,
    success: extras.success,
  });
  return answerPage(reply, markup, refusal);
}

function sheetDate(access: StaffAccess, now: number, asked: string | undefined): string {
  return asked && isIsoDate(asked) ? asked : localDateOf(now, access.restaurant.timezone);
}

async function addBooking(
  services: Services,
  request: FastifyRequest<Slug & { Body: FormBody }>,
  reply: FastifyReply,
  access: StaffAccess,
) {
  const body = request.body ?? {};
  const fields = ['date', 'time', 'party', 'name', 'phone', 'email', 'notes', 'locale'];
  const values = Object.fromEntries(fields.map((f) => [f, str(body, f)]));
  const input: Record<string, unknown> = {
    date: values.date,
    time: values.time,
    party: Number(values.party),
    name: values.name,
  };
  for (const f of ['phone', 'email', 'notes']) if (values[f].trim()) input[f] = values[f];
  const key = str(body, 'idempotencyKey').slice(0, 255) || undefined;
  const date = isIsoDate(values.date) ? values.date : sheetDate(access, services.clock(), undefined);
  const { t, locale } = pageContext(request, access.restaurant.locale);
  const guestLocale = isLocale(values.locale) ? values.locale : undefined;
  let result;
  try {
    result = await createBooking(services, {
      slug: access.restaurant.slug,
      body: input,
      source: 'staff',
      mode: 'staff',
      idempotencyKey: key,
      locale: guestLocale,
    });
  } catch (error) {
    const errors = fieldErrorsOf(error, locale);
    if (!errors) throw error;
    return renderDaySheet(
      services,
      request,
      reply,
      access,
      date,
      { message: t('staff.notAdded'), form: { values, errors, idempotencyKey: key ?? newFormKey() } },
      error,
    );
  }
  if ('error' in result) {
    const alternatives = result.error.alternatives ?? [];
    const message = t(alternatives.length ? 'staff.timeTakenFree' : 'staff.timeTaken', { time: values.time });
    return renderDaySheet(
      services,
      request,
      reply,
      access,
      date,
      { message, form: { values, errors: {}, idempotencyKey: newFormKey(), alternatives } },
      result.error,
    );
  }
  return seeOther(
    reply,
    `/staff/${access.restaurant.slug}?date=${result.booking.date}&booked=${result.booking.reference}`,
  );
}

export function registerWebStaffRoutes(app: FastifyInstance, services: Services): void {
  const db = services.db;
  const hide = { hide: true };

  app.get<{ Querystring: Static<typeof SignInQuery> }>(
    '/staff/login',
    { config: HTML_ROUTE, schema: { hide: true, querystring: SignInQuery } },
    async (request, reply) => {
      const next = safeNextPath(request.query.next, services.config.baseUrl);
      if (request.staff) return seeOther(reply, next);
      return sendPage(reply, loginPage(pageContext(request), { email: '', next }));
    },
  );

  app.post<{ Body: FormBody }>(
    '/staff/login',
    { config: { ...HTML_ROUTE, csrf: false }, schema: hide },
    (request, reply) => signIn(services, request, reply),
  );

  app.post('/staff/logout', { config: HTML_ROUTE, schema: hide }, async (request, reply) => {
    if (request.staff) await endSession(db, request.staff.sessionId);
    clearSessionCookie(request, reply, services.config.baseUrl);
    return seeOther(reply, '/staff/login');
  });

  app.get('/staff', { config: HTML_ROUTE, schema: hide }, async (request, reply) => {
    const staff = request.staff;
    if (!staff) throw new DomainError('unauthenticated', 'Sign in as staff first.');
    const restaurants = staff.isAdmin
      ? (await listRestaurants(db)).map((r) => ({ slug: r.slug, name: r.name, role: 'admin' }))
      : (await listMembershipsOfUser(db, staff.userId)).map((m) => ({
          slug: m.restaurant,
          name: m.name,
          role: m.role,
        }));
    if (restaurants.length === 1) return seeOther(reply, `/staff/${restaurants[0].slug}`);
    return sendPage(reply, chooserPage(pageContext(request), restaurants));
  });

  app.get<Slug & { Querystring: Static<typeof DaySheetQuery> }>(
    '/staff/:slug',
    { config: HTML_ROUTE, schema: { hide: true, querystring: DaySheetQuery } },
    async (request, reply) => {
      const access = await staffAccess(services, request, request.params.slug, 'host');
      const date = sheetDate(access, services.clock(), request.query.date);
      const { t, locale } = pageContext(request, access.restaurant.locale);
      const message = request.query.date && !isIsoDate(request.query.date) ? t('staff.notADate') : undefined;
      let success: string | undefined;
      if (request.query.booked) {
        const booked = (await listDayBookings(db, access.restaurant, date)).find(
          (b) => b.reference === request.query.booked,
        );
        if (booked) success = bookedMessage(locale, booked);
      }
      return renderDaySheet(services, request, reply, access, date, { message, success });
    },
  );

  app.post<Slug & { Params: { reference: string }; Body: FormBody }>(
    '/staff/:slug/bookings/:reference/status',
    { config: HTML_ROUTE, schema: hide },
    async (request, reply) => {
      const access = await staffAccess(services, request, request.params.slug, 'host');
      const date = sheetDate(access, services.clock(), str(request.body, 'date'));
      const status = str(request.body, 'status') as BookingStatus;
      if (!STATUSES.includes(status)) throw new DomainError('validation', 'Choose seat, complete, no-show or cancel.');
      try {
        await updateBookingAsStaff(services, access.restaurant, request.params.reference, { status });
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'conflict') throw error;
        return renderDaySheet(
          services,
          request,
          reply,
          access,
          date,
          { message: error.text(pageContext(request, access.restaurant.locale).locale) },
          error,
        );
      }
      const view = str(request.body, 'view') === 'timeline' ? '/timeline' : '';
      return seeOther(reply, `/staff/${access.restaurant.slug}${view}?date=${date}`);
    },
  );

  app.post<Slug & { Body: FormBody }>(
    '/staff/:slug/bookings',
    { config: HTML_ROUTE, schema: hide },
    async (request, reply) => {
      const access = await staffAccess(services, request, request.params.slug, 'host');
      return addBooking(services, request, reply, access);
    },
  );
}
