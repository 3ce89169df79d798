import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { Services } from '../../services/services.ts';
import { limitGuestBookings } from '../../bookings/limit-guest-bookings.ts';
import { createBooking } from '../../bookings/create-booking.ts';
import { getAvailability } from '../../bookings/get-availability.ts';
import type { RestaurantContext } from '../../services/restaurant-context.ts';
import { listRestaurants } from '../../db/queries/restaurants.ts';
import { bookableDateRange } from '../../domain/booking-window.ts';
import { isIsoDate } from '../../domain/clock-time.ts';
import { DomainError } from '../../domain/errors.ts';
import { fieldErrorsOf, str, type FieldErrors, type FormBody } from '../../web/forms.ts';
import { detailsPage, restaurantPage, restaurantsPage, type DetailsPageData } from '../../web/guest-views.ts';
import { answerPage, HTML_ROUTE, newFormKey, seeOther, sendPage } from '../../web/respond.ts';
import { pageContext } from '../../web/page-context.ts';
import type { Locale } from '../../i18n/locale.ts';
import { translate } from '../../i18n/translate.ts';
import { BookFormQuery, DateAndPartyQuery, PlainPageQuery } from '../../web/query-schemas.ts';
import { readDbFor } from '../read-routing.ts';
import { formHoldId, holdForPage, nearbyFreeDays } from '../guest-capacity.ts';

type Query = Record<string, string | undefined>;

function summary(ctx: RestaurantContext) {
  return { slug: ctx.row.slug, name: ctx.row.name, timezone: ctx.row.timezone };
}

/** Date and party from a query, defaulted and checked; problems become field errors. */
export function pickDateAndParty(
  ctx: RestaurantContext,
  query: Query,
  today: string,
  defaults: { date: string; party: number },
  locale: Locale,
) {
  const errors: FieldErrors = {};
  let date = query.date ?? defaults.date;
  let party = query.party === undefined ? defaults.party : Number(query.party);
  if (!isIsoDate(date)) {
    errors.date = translate(locale, 'guest.error.realDate');
    date = today;
  }
  if (!Number.isInteger(party) || party < 1 || party > ctx.rules.maxPartySize) {
    errors.party = translate(locale, 'guest.error.party', { max: ctx.rules.maxPartySize });
    party = Math.min(Math.max(1, defaults.party), ctx.rules.maxPartySize);
  }
  return { date, party, errors };
}

function detailsValues(body: FormBody | Query) {
  const get = (k: string) => str(body as FormBody, k);
  return { name: get('name'), email: get('email'), phone: get('phone'), notes: get('notes') };
}

function bookingBody(body: FormBody, formKey: string | undefined) {
  const v = detailsValues(body);
  const out: Record<string, unknown> = {
    date: str(body, 'date'),
    time: str(body, 'time'),
    party: Number(str(body, 'party')),
    name: v.name,
    email: v.email,
  };
  if (v.phone.trim()) out.phone = v.phone;
  if (v.notes.trim()) out.notes = v.notes;
  const holdId = str(body, 'holdId') || (formKey ? formHoldId(formKey) : '');
  if (holdId) out.holdId = holdId.slice(0, 64);
  return out;
}

async function submitBooking(
  services: Services,
  request: FastifyRequest<{ Params: { slug: string }; Body: FormBody }>,
  reply: FastifyReply,
) {
  const { slug } = request.params;
  const ctx = await services.cache.load(services.db, slug);
  const body = request.body ?? {};
  const page = pageContext(request, ctx.row.locale);
  const { t } = page;
  const key = str(body, 'idempotencyKey').slice(0, 255) || undefined;
  const base: DetailsPageData = {
    restaurant: summary(ctx),
    date: str(body, 'date'),
    time: str(body, 'time'),
    party: Number(str(body, 'party')) || 1,
    values: detailsValues(body),
    errors: {},
    idempotencyKey: key ?? newFormKey(),
    holdId: str(body, 'holdId').slice(0, 64) || undefined,
  };
  await limitGuestBookings(services, { address: request.ip, email: str(body, 'email') });
  let result;
  try {
    result = await createBooking(services, {
      slug,
      body: bookingBody(body, key),
      source: 'web',
      mode: 'guest',
      idempotencyKey: key,
      locale: page.locale,
    });
  } catch (error) {
    const errors = fieldErrorsOf(error, page.locale);
    if (!errors) throw error;
    return answerPage(reply, detailsPage(page, { ...base, errors, message: t('guest.checkFields') }), error);
  }
  if ('error' in result) {
    if (result.error.code !== 'slot_unavailable') throw result.error;
    // the key is spent on this answer: choosing an alternative is a new booking attempt
    const alternatives = result.error.alternatives ?? [];
    const message = `${t('guest.justTaken', { time: base.time })}${alternatives.length ? ` ${t('guest.stillFree')}` : ''}`;
    return answerPage(
      reply,
      detailsPage(page, { ...base, idempotencyKey: newFormKey(), alternatives, message }),
      result.error,
    );
  }
  const b = result.booking;
  return seeOther(reply, `/b/${b.reference}?token=${encodeURIComponent(b.manageToken ?? '')}&created=1`);
}

export function registerWebGuestRoutes(app: FastifyInstance, services: Services): void {
  const db = services.db;
  const hide = { hide: true };

  app.get('/', { config: HTML_ROUTE, schema: { hide: true, querystring: PlainPageQuery } }, async (request, reply) => {
    return sendPage(reply, restaurantsPage(pageContext(request), await listRestaurants(readDbFor(services, request))));
  });

  app.get<{ Params: { slug: string }; Querystring: Static<typeof DateAndPartyQuery> }>(
    '/r/:slug',
    { config: HTML_ROUTE, schema: { hide: true, querystring: DateAndPartyQuery } },
    async (request, reply) => {
      const reads = { ...services, db: readDbFor(services, request) };
      const ctx = await services.cache.load(reads.db, request.params.slug);
      const { today, lastDate } = bookableDateRange(ctx.rules, services.clock());
      const page = pageContext(request, ctx.row.locale);
      const { date, party, errors } = pickDateAndParty(
        ctx,
        request.query,
        today,
        { date: today, party: 2 },
        page.locale,
      );
      const answer = Object.keys(errors).length ? undefined : await getAvailability(reads, ctx.row.slug, date, party);
      const nearby = answer ? await nearbyFreeDays(reads, answer, lastDate) : [];
      const data = {
        restaurant: summary(ctx),
        maxPartySize: ctx.rules.maxPartySize,
        today,
        lastDate,
        date,
        party,
        slots: answer?.slots,
        errors,
        reason: answer?.reason,
        nearby,
      };
      const markup = restaurantPage(page, data);
      return answerPage(
        reply,
        markup,
        Object.keys(errors).length ? new DomainError('validation', 'Please check the date and party size.') : undefined,
      );
    },
  );

  app.get<{ Params: { slug: string }; Querystring: Static<typeof BookFormQuery> }>(
    '/r/:slug/book',
    { config: HTML_ROUTE, schema: { hide: true, querystring: BookFormQuery } },
    async (request, reply) => {
      const ctx = await services.cache.load(db, request.params.slug);
      const { date, party, time } = request.query;
      if (!date || !party || !time || !isIsoDate(date) || !/^\d{2}:\d{2}$/.test(time))
        return seeOther(reply, `/r/${ctx.row.slug}`);
      const values = { name: '', email: '', phone: '', notes: '' };
      const page = pageContext(request, ctx.row.locale);
      const size = Number(party) || 1;
      const base: DetailsPageData = {
        restaurant: summary(ctx),
        date,
        time,
        party: size,
        values,
        errors: {},
        idempotencyKey: newFormKey(),
      };
      const held = await holdForPage(services, {
        slug: ctx.row.slug,
        date,
        time,
        party: size,
        zone: ctx.row.timezone,
        locale: page.locale,
        formKey: base.idempotencyKey,
      });
      if (held.taken) {
        const alternatives = held.taken.alternatives ?? [];
        const message = `${page.t('guest.justTaken', { time })}${alternatives.length ? ` ${page.t('guest.stillFree')}` : ''}`;
        return answerPage(reply, detailsPage(page, { ...base, alternatives, message }), held.taken);
      }
      return sendPage(reply, detailsPage(page, { ...base, hold: held.hold }));
    },
  );

  app.post<{ Params: { slug: string }; Body: FormBody }>(
    '/r/:slug/book',
    { config: HTML_ROUTE, schema: hide },
    async (request, reply) => {
      if (typeof request.body !== 'object' || request.body === null)
        throw new DomainError('malformed', 'Send the booking form.');
      return submitBooking(services, request, reply);
    },
  );
}
