import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Services } from '../../services/services.ts';
import { readChangeStamp } from '../../db/queries/booking-changes.ts';
import { isIsoDate, localDateOf } from '../../domain/clock-time.ts';
import { canTransition } from '../../domain/status-rules.ts';
import type { BookingStatus } from '../../domain/types.ts';
import { listDayBookings } from '../../staff/staff-bookings.ts';
import { pageContext } from '../page-context.ts';
import { pageQuery } from '../query-schemas.ts';
import { HTML_ROUTE, sendPage } from '../respond.ts';
import { staffAccess, type StaffAccess } from '../staff-access.ts';
import { timelineLayout } from '../timeline-layout.ts';
import { timelinePage, type TimelineBooking } from '../timeline-views.ts';

const TimelineQuery = pageQuery({});
const DateQuery = pageQuery({ date: Type.Optional(Type.String({ maxLength: 32 })) });
const ON_TIMELINE: BookingStatus[] = ['confirmed', 'seated', 'completed'];
const ACTIONS: BookingStatus[] = ['seated', 'completed', 'no_show'];
type Slug = { Params: { slug: string } };

async function timelineItems(services: Services, access: StaffAccess, date: string): Promise<TimelineBooking[]> {
  const now = services.clock();
  const zone = access.restaurant.timezone;
  const bookings = await listDayBookings(services.db, access.restaurant, date);
  return bookings
    .filter((b) => ON_TIMELINE.includes(b.status as BookingStatus))
    .map((b) => {
      const startsAt = Date.parse(b.startsAt);
      const endsAt = Date.parse(b.endsAt);
      const tctx = { now, serviceDate: b.date, startsAt, endsAt, zone };
      const allowed = ACTIONS.filter((to) => canTransition(b.status as BookingStatus, to, tctx));
      return { key: b.reference, tableId: b.tableId, startsAt, endsAt, booking: b, allowed };
    });
}

async function renderTimeline(
  services: Services,
  request: FastifyRequest,
  access: StaffAccess,
  asked: string | undefined,
) {
  const ctx = await services.cache.load(services.db, access.restaurant.slug);
  const zone = access.restaurant.timezone;
  const today = localDateOf(services.clock(), zone);
  const date = asked && isIsoDate(asked) ? asked : today;
  const stamp = await readChangeStamp(services.db, access.restaurant.id); // read before the data: never newer than what is shown
  const items = await timelineItems(services, access, date);
  const layout = timelineLayout({ date, zone, hours: ctx.rules.hours, tables: ctx.tables, items });
  const page = pageContext(request, ctx.row.locale);
  return timelinePage({ ctx: page, access, locale: page.locale, date, today, layout, stamp });
}

/** The host's timeline (tables × time) and its change stamp, polled by static/timeline.js. */
export function registerWebTimelineRoutes(app: FastifyInstance, services: Services): void {
  app.get<Slug & { Querystring: Static<typeof DateQuery> }>(
    '/staff/:slug/timeline',
    { config: HTML_ROUTE, schema: { hide: true, querystring: DateQuery } },
    async (request, reply) => {
      const access = await staffAccess(services, request, request.params.slug, 'host');
      return sendPage(reply, await renderTimeline(services, request, access, request.query.date));
    },
  );

  app.get<Slug & { Querystring: Static<typeof TimelineQuery> }>(
    '/staff/:slug/timeline/stamp',
    { config: HTML_ROUTE, schema: { hide: true, querystring: TimelineQuery } },
    async (request, reply) => {
      const access = await staffAccess(services, request, request.params.slug, 'host');
      return reply
        .header('cache-control', 'no-store')
        .send({ stamp: await readChangeStamp(services.db, access.restaurant.id) });
    },
  );
}
