import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { Services } from '../../services/services.ts';
import { cancelBooking } from '../../bookings/cancel-booking.ts';
import { changeBooking } from '../../bookings/change-booking.ts';
import { getAvailability } from '../../bookings/get-availability.ts';
import { loadByToken, present, type ManagedBooking } from '../../bookings/managed-booking.ts';
import { bookableDateRange } from '../../domain/booking-window.ts';
import { DomainError } from '../../domain/errors.ts';
import { guestMayChange, guestMayEditNotes } from '../../domain/status-rules.ts';
import { fieldErrorsOf, str, type FormBody } from '../../web/forms.ts';
import { managePage, type ManagePageData } from '../../web/manage-views.ts';
import { answerPage, HTML_ROUTE, seeOther } from '../../web/respond.ts';
import { pageContext } from '../../web/page-context.ts';
import { ManageQuery } from '../../web/query-schemas.ts';
import { pickDateAndParty } from './web-guest.ts';

type Query = Record<string, string | undefined>;
type Extras = Partial<Pick<ManagePageData, 'flash' | 'alternatives' | 'errors' | 'message' | 'requested'>> & {
  date?: string;
  party?: number;
};

const FLASHES = ['created', 'changed', 'cancelled', 'notes'] as const;

async function renderManage(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  m: ManagedBooking,
  token: string,
  extras: Extras,
  refusal?: unknown,
) {
  const now = services.clock();
  const booking = present(m);
  const { today, lastDate } = bookableDateRange(m.ctx.rules, now);
  const canChange = booking.status === 'confirmed' && guestMayChange(m.ctx.rules, Number(m.row.starts_at), now);
  const page = pageContext(request, booking.locale);
  const picked = pickDateAndParty(
    m.ctx,
    { date: extras.date, party: extras.party?.toString() },
    today,
    { date: booking.date, party: booking.party },
    page.locale,
  );
  const errors = { ...picked.errors, ...extras.errors };
  const slots =
    canChange && Object.keys(picked.errors).length === 0
      ? (await getAvailability(services, m.ctx.row.slug, picked.date, picked.party, 'guest', m.row.id)).slots
      : [];
  const markup = managePage(page, {
    booking,
    restaurantName: m.ctx.row.name,
    token,
    maxPartySize: m.ctx.rules.maxPartySize,
    today,
    lastDate,
    flash: extras.flash,
    change: { date: picked.date, party: picked.party, slots },
    alternatives: extras.alternatives,
    errors,
    message: extras.message,
    requested: extras.requested,
    canChange,
    canEditNotes: booking.status === 'confirmed' && guestMayEditNotes(Number(m.row.starts_at), now),
  });
  return answerPage(reply, markup, refusal);
}

/** A refused change or cancel shows the booking again with the reason (and free alternatives). */
async function renderRefusal(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  m: ManagedBooking,
  token: string,
  error: unknown,
  change: { date?: string; party?: number } = {},
) {
  const { locale, t } = pageContext(request, m.row.locale);
  const errors = fieldErrorsOf(error, locale);
  if (errors)
    return renderManage(
      services,
      request,
      reply,
      m,
      token,
      { ...change, errors, message: t('guest.checkFields') },
      error,
    );
  if (!(error instanceof DomainError) || (error.code !== 'slot_unavailable' && error.code !== 'conflict')) throw error;
  const alternatives = error.code === 'slot_unavailable' ? (error.alternatives ?? []) : undefined;
  const message = alternatives
    ? `${t('manage.notFreeAnyMore')}${alternatives.length ? ` ${t('manage.theseAreFree')}` : ''}`
    : error.text(locale);
  return renderManage(services, request, reply, m, token, { ...change, alternatives, message }, error);
}

function tokenOf(body: FormBody | undefined): string {
  return str(body, 'token');
}

function manageUrl(reference: string, token: string, flash: string): string {
  return `/b/${reference}?token=${encodeURIComponent(token)}&${flash}=1`;
}

export function registerWebManageRoutes(app: FastifyInstance, services: Services): void {
  const hide = { hide: true };
  type Ref = { Params: { reference: string } };

  app.get<Ref & { Querystring: Static<typeof ManageQuery> }>(
    '/b/:reference',
    { config: HTML_ROUTE, schema: { hide: true, querystring: ManageQuery } },
    async (request, reply) => {
      const token = request.query.token ?? '';
      const m = await loadByToken(services, request.params.reference, token || undefined);
      const query = request.query as Query;
      const flash = FLASHES.find((f) => query[f] === '1');
      const party = request.query.party === undefined ? undefined : Number(request.query.party);
      return renderManage(services, request, reply, m, token, {
        flash,
        date: request.query.date,
        party,
        requested: request.query.date !== undefined,
      });
    },
  );

  app.post<Ref & { Body: FormBody }>(
    '/b/:reference/change',
    { config: HTML_ROUTE, schema: hide },
    async (request, reply) => {
      const token = tokenOf(request.body);
      const m = await loadByToken(services, request.params.reference, token || undefined);
      const change = {
        date: str(request.body, 'date'),
        time: str(request.body, 'time'),
        party: Number(str(request.body, 'party')),
      };
      try {
        await changeBooking(services, m, change, 'guest');
      } catch (error) {
        return renderRefusal(services, request, reply, m, token, error, { date: change.date, party: change.party });
      }
      return seeOther(reply, manageUrl(m.row.reference, token, 'changed'));
    },
  );

  app.post<Ref & { Body: FormBody }>(
    '/b/:reference/notes',
    { config: HTML_ROUTE, schema: hide },
    async (request, reply) => {
      const token = tokenOf(request.body);
      const m = await loadByToken(services, request.params.reference, token || undefined);
      try {
        await changeBooking(services, m, { notes: str(request.body, 'notes') }, 'guest');
      } catch (error) {
        return renderRefusal(services, request, reply, m, token, error);
      }
      return seeOther(reply, manageUrl(m.row.reference, token, 'notes'));
    },
  );

  app.post<Ref & { Body: FormBody }>(
    '/b/:reference/cancel',
    { config: HTML_ROUTE, schema: hide },
    async (request, reply) => {
      const token = tokenOf(request.body);
      const m = await loadByToken(services, request.params.reference, token || undefined);
      try {
        await cancelBooking(services, m, 'guest');
      } catch (error) {
        return renderRefusal(services, request, reply, m, token, error);
      }
      return seeOther(reply, manageUrl(m.row.reference, token, 'cancelled'));
    },
  );
}
