import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { Services } from '../../services/services.ts';
import { DomainError } from '../../domain/errors.ts';
import { loadRestaurantView, updateRestaurant, type RestaurantFields } from '../../staff/restaurant-admin.ts';
import { fieldErrorsOf, list, str, type FieldErrors, type FormBody } from '../forms.ts';
import { pageContext } from '../page-context.ts';
import { AdminSectionQuery } from '../query-schemas.ts';
import { answerPage, HTML_ROUTE, seeOther, sendPage } from '../respond.ts';
import { NUMBER_FIELDS, settingsPage } from '../settings-views.ts';
import { staffAccess, type StaffAccess } from '../staff-access.ts';

type Slug = { Params: { slug: string } };
type Durations = { maxParty: string; minutes: string }[];

function numberOrText(text: string): number | string {
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text;
}

/** The form as a settings patch: numbers where the text is one (else the text, which validation refuses). */
function patchOf(body: FormBody): { patch: RestaurantFields; values: Record<string, string>; durations: Durations } {
  const values: Record<string, string> = {
    name: str(body, 'name'),
    timezone: str(body, 'timezone'),
    locale: str(body, 'locale'),
  };
  const patch: Record<string, unknown> = { ...values };
  for (const name of NUMBER_FIELDS) {
    values[name] = str(body, name);
    if (name === 'maxCoversPerSlot' && values[name].trim() === '') patch[name] = null;
    else patch[name] = numberOrText(values[name]);
  }
  const parties = list(body, 'durationMaxParty');
  const minutes = list(body, 'durationMinutes');
  const durations = parties
    .map((p, i) => ({ maxParty: p, minutes: minutes[i] ?? '' }))
    .filter((d) => d.maxParty.trim() || d.minutes.trim());
  patch.durations = durations.map((d) => ({ maxParty: numberOrText(d.maxParty), minutes: numberOrText(d.minutes) }));
  return { patch: patch as RestaurantFields, values, durations };
}

async function show(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  access: StaffAccess,
  success?: string,
) {
  const view = await loadRestaurantView(services.db, access.restaurant.id);
  const values: Record<string, string> = { name: view.name, timezone: view.timezone, locale: view.locale };
  for (const name of NUMBER_FIELDS)
    values[name] = view[name] === null || view[name] === undefined ? '' : String(view[name]);
  const durations = view.durations.map((d) => ({ maxParty: String(d.maxParty), minutes: String(d.minutes) }));
  const ctx = pageContext(request, view.locale);
  return sendPage(
    reply,
    settingsPage({
      ctx,
      access,
      values,
      durations,
      errors: {},
      success: success ? ctx.t('host.settingsSaved') : undefined,
    }),
  );
}

/** The manager's settings page over the same use case as PATCH /api/v1/restaurants/{slug}. */
export function registerWebSettingsRoutes(app: FastifyInstance, services: Services): void {
  app.get<Slug & { Querystring: Static<typeof AdminSectionQuery> }>(
    '/staff/:slug/settings',
    { config: HTML_ROUTE, schema: { hide: true, querystring: AdminSectionQuery } },
    async (request, reply) => {
      const access = await staffAccess(services, request, request.params.slug, 'manager');
      return show(services, request, reply, access, request.query.saved);
    },
  );

  app.post<Slug & { Body: FormBody }>(
    '/staff/:slug/settings',
    { config: HTML_ROUTE, schema: { hide: true } },
    async (request, reply) => {
      const access = await staffAccess(services, request, request.params.slug, 'manager');
      const { patch, values, durations } = patchOf(request.body ?? {});
      try {
        await updateRestaurant(services.db, access.restaurant.id, patch, services.clock());
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'validation') throw error;
        const ctx = pageContext(request, access.restaurant.locale);
        const errors: FieldErrors = fieldErrorsOf(error, ctx.locale) ?? {};
        return answerPage(
          reply,
          settingsPage({ ctx, access, values, durations, errors, message: ctx.t('host.settingsError') }),
          error,
        );
      }
      return seeOther(reply, `/staff/${access.restaurant.slug}/settings?saved=1`);
    },
  );
}
