import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services/services.ts';
import { listDayBookings, updateBookingAsStaff } from '../../staff/staff-bookings.ts';
import type { StaffBookingPatch } from '../../staff/update-booking-as-staff.ts';
import { Booking, problemResponses, SlugParams } from '../schemas.ts';
import { BookingListQuery, SlugAndReference, StaffBookingPatchBody } from './staff-schemas.ts';
import { searchBookings } from '../../staff/search-bookings.ts';
import { validationError } from '../../domain/errors.ts';
import { authorizedRestaurant } from './staff-restaurants.ts';
import { readDbFor } from '../../web/read-routing.ts';

const tags = ['staff: bookings'];
const denied = problemResponses(401, 403, 404);
const StaffBooking = Type.Intersect([Booking, Type.Object({ tableId: Type.String() })]);

export function registerStaffBookingRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: Static<typeof SlugParams>; Querystring: Static<typeof BookingListQuery> }>(
    '/api/v1/restaurants/:slug/bookings',
    {
      config: { staffRole: 'host' },
      schema: {
        tags,
        summary: "The day's bookings by service date, in start order; or a search with q (host)",
        description:
          'With `date` only: that service date in start order. With `q`: bookings whose reference, guest name, email or phone contains the text (case-insensitive), across dates (or only on `date`), upcoming first (soonest first), then past ones (latest first), at most 50.',
        params: SlugParams,
        querystring: BookingListQuery,
        response: { 200: Type.Object({ bookings: Type.Array(StaffBooking) }), ...denied, ...problemResponses(422) },
      },
    },
    async (request) => {
      const { q, date } = request.query;
      const restaurant = authorizedRestaurant(request);
      if (q !== undefined)
        return {
          bookings: await searchBookings(readDbFor(services, request), { restaurant, q, date, now: services.clock() }),
        };
      if (date === undefined) throw validationError('date', 'date (YYYY-MM-DD) or q is required');
      return { bookings: await listDayBookings(readDbFor(services, request), restaurant, date) };
    },
  );

  app.patch<{ Params: Static<typeof SlugAndReference>; Body: Static<typeof StaffBookingPatchBody> }>(
    '/api/v1/restaurants/:slug/bookings/:reference',
    {
      config: { staffRole: 'host' },
      schema: {
        tags,
        summary: 'Change a booking as staff: status, table, date, time, party, notes (host)',
        description:
          'Status changes: confirmed → seated → completed; confirmed → no_show / cancelled. Refused changes are 409; a table that does not fit is 422, a taken one 409.',
        params: SlugAndReference,
        body: StaffBookingPatchBody,
        response: { 200: StaffBooking, ...denied, ...problemResponses(409, 422) },
      },
    },
    async (request) =>
      updateBookingAsStaff(
        services,
        authorizedRestaurant(request),
        request.params.reference,
        request.body as StaffBookingPatch,
      ),
  );
}
