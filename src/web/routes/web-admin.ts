import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { Services } from '../../services/services.ts';
import { listHours } from '../../db/queries/restaurant-admin.ts';
import { DomainError, validationError, type ErrorCode } from '../../domain/errors.ts';
import type { ServicePeriod } from '../../domain/types.ts';
import { addClosure, listClosures, removeClosure } from '../../staff/closures.ts';
import { listRestaurantMembers, removeMember, setMember } from '../../staff/members.ts';
import type { StaffRole } from '../../domain/types.ts';
import { replaceWeeklyHours } from '../../staff/restaurant-admin.ts';
import { addTable, changeTable, listTables, removeTable } from '../../staff/tables.ts';
import { closuresPage, hoursPage, membersPage, tablesPage, type AdminPageCommon } from '../../web/admin-views.ts';
import { fieldErrorsOf, list, str, type FieldErrors, type FormBody } from '../../web/forms.ts';
import { pageContext } from '../../web/page-context.ts';
import { answerPage, HTML_ROUTE, seeOther } from '../../web/respond.ts';
import { staffAccess, type StaffAccess } from '../../web/staff-access.ts';
import { AdminSectionQuery } from '../../web/query-schemas.ts';

type Db = Services['database']['db'];
type Extras = Partial<Omit<AdminPageCommon, 'access' | 'ctx'>> & { hours?: Partial<ServicePeriod>[] };

/** One manager page: how to load its data and render it. */
const SECTIONS = {
  tables: async (db: Db, c: AdminPageCommon) =>
    tablesPage({ ...c, tables: await listTables(db, c.access.restaurant.id) }),
  hours: async (db: Db, c: AdminPageCommon, e: Extras) =>
    hoursPage({ ...c, hours: e.hours ?? (await listHours(db, c.access.restaurant.id)) }),
  closures: async (db: Db, c: AdminPageCommon) =>
    closuresPage({ ...c, closures: await listClosures(db, c.access.restaurant.id) }),
  members: async (db: Db, c: AdminPageCommon) =>
    membersPage({ ...c, members: await listRestaurantMembers(db, c.access.restaurant.id) }),
};
type Section = keyof typeof SECTIONS;

async function render(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  section: Section,
  access: StaffAccess,
  extras: Extras = {},
  refusal?: unknown,
) {
  const common: AdminPageCommon = {
    ctx: pageContext(request, access.restaurant.locale),
    access,
    errors: extras.errors ?? {},
    values: extras.values ?? {},
    message: extras.message,
    success: extras.success,
  };
  return answerPage(reply, await SECTIONS[section](services.db, common, extras), refusal);
}

/** Refusals a manager page shows in place, next to the form; others go to the error page. */
const SHOWN_ON_PAGE: ReadonlySet<ErrorCode> = new Set(['validation', 'conflict', 'not_found']);

/** Runs a manager action; success → back to the page (303), a refusal → the page with the reason. */
async function mutate(
  services: Services,
  request: FastifyRequest<{ Params: { slug: string }; Body: FormBody }>,
  reply: FastifyReply,
  section: Section,
  action: (access: StaffAccess, body: FormBody) => Promise<unknown>,
  extrasOnError: (body: FormBody, errors: FieldErrors) => Extras = () => ({}),
) {
  const access = await staffAccess(services, request, request.params.slug, 'manager');
  const body = request.body ?? {};
  try {
    await action(access, body);
  } catch (error) {
    if (!(error instanceof DomainError) || !SHOWN_ON_PAGE.has(error.code)) throw error;
    const { locale } = pageContext(request, access.restaurant.locale);
    const extras = extrasOnError(body, fieldErrorsOf(error, locale) ?? {});
    return render(services, request, reply, section, access, { message: error.text(locale), ...extras }, error);
  }
  return seeOther(reply, `/staff/${access.restaurant.slug}/${section}?saved=1`);
}

function newTableInput(body: FormBody) {
  return {
    label: str(body, 'label'),
    minSeats: Number(str(body, 'minSeats')),
    maxSeats: Number(str(body, 'maxSeats')),
  };
}

/** The edit form always sends its checkbox state (absent = unticked). */
function tableInput(body: FormBody) {
  return { ...newTableInput(body), active: str(body, 'active') === '1' };
}

/** Rows of the hours form; blank rows are dropped, and `rows` maps each period back to its form row. */
function hoursFromForm(body: FormBody): { periods: ServicePeriod[]; rows: number[]; all: Partial<ServicePeriod>[] } {
  const weekdays = list(body, 'weekday');
  const opens = list(body, 'opens');
  const closes = list(body, 'closes');
  const all = weekdays.map((w, i) => ({
    weekday: w ? Number(w) : undefined,
    opens: opens[i] ?? '',
    closes: closes[i] ?? '',
  }));
  const periods: ServicePeriod[] = [];
  const rows: number[] = [];
  all.forEach((p, i) => {
    if (p.weekday === undefined && !p.opens && !p.closes) return;
    if (!p.opens && !p.closes) return;
    periods.push({ weekday: p.weekday ?? 0, opens: p.opens, closes: p.closes });
    rows.push(i);
  });
  return { periods, rows, all };
}

function hoursErrors(errors: FieldErrors, rows: number[]): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const m = /^hours\[(\d+)\]\.(\w+)$/.exec(field);
    if (m) out[`row${rows[Number(m[1])]}.${m[2]}`] = message;
  }
  return out;
}

export function registerWebAdminRoutes(app: FastifyInstance, services: Services): void {
  const db = services.db;
  const opts = { config: HTML_ROUTE, schema: { hide: true } };
  type P = { Params: { slug: string }; Querystring: Static<typeof AdminSectionQuery> };
  type W = { Params: { slug: string; id?: string; date?: string }; Body: FormBody };

  for (const section of Object.keys(SECTIONS) as Section[]) {
    app.get<P>(
      `/staff/:slug/${section}`,
      { config: HTML_ROUTE, schema: { hide: true, querystring: AdminSectionQuery } },
      async (request, reply) => {
        const access = await staffAccess(services, request, request.params.slug, 'manager');
        const { t } = pageContext(request, access.restaurant.locale);
        return render(services, request, reply, section, access, {
          success: request.query.saved ? t('admin.saved') : undefined,
        });
      },
    );
  }

  app.post<W>('/staff/:slug/tables', opts, (request, reply) =>
    mutate(
      services,
      request,
      reply,
      'tables',
      (a, body) => addTable(db, a.restaurant.id, newTableInput(body), services.clock()),
      (body, errors) => ({
        errors,
        values: { label: str(body, 'label'), minSeats: str(body, 'minSeats'), maxSeats: str(body, 'maxSeats') },
      }),
    ),
  );
  app.post<W>('/staff/:slug/tables/:id', opts, (request, reply) =>
    mutate(services, request, reply, 'tables', (a, body) =>
      changeTable(db, a.restaurant.id, request.params.id ?? '', tableInput(body), services.clock()),
    ),
  );
  app.post<W>('/staff/:slug/tables/:id/delete', opts, (request, reply) =>
    mutate(services, request, reply, 'tables', (a) =>
      removeTable(db, a.restaurant.id, request.params.id ?? '', services.clock()),
    ),
  );

  app.post<W>('/staff/:slug/hours', opts, (request, reply) =>
    mutate(
      services,
      request,
      reply,
      'hours',
      (a, body) => replaceWeeklyHours(db, a.restaurant.id, hoursFromForm(body).periods, services.clock()),
      (body, errors) => {
        const h = hoursFromForm(body);
        return { hours: h.all, errors: hoursErrors(errors, h.rows) };
      },
    ),
  );

  app.post<W>('/staff/:slug/closures', opts, (request, reply) =>
    mutate(
      services,
      request,
      reply,
      'closures',
      (a, body) =>
        addClosure(db, a.restaurant.id, { date: str(body, 'date'), note: str(body, 'note') }, services.clock()),
      (body, errors) => ({ errors, values: { date: str(body, 'date'), note: str(body, 'note') } }),
    ),
  );
  app.post<W>('/staff/:slug/closures/:date/delete', opts, (request, reply) =>
    mutate(services, request, reply, 'closures', (a) =>
      removeClosure(db, a.restaurant.id, request.params.date ?? '', services.clock()),
    ),
  );

  app.post<W>('/staff/:slug/members', opts, (request, reply) =>
    mutate(
      services,
      request,
      reply,
      'members',
      (a, body) => {
        const role = str(body, 'role');
        if (role !== 'host' && role !== 'manager')
          throw validationError('role', 'Choose host or manager.', 'admin.chooseRole');
        return setMember(db, a.restaurant.id, str(body, 'email'), role as StaffRole, services.clock());
      },
      (body, errors) => ({ errors, values: { email: str(body, 'email'), role: str(body, 'role') } }),
    ),
  );
  app.post<W>('/staff/:slug/members/delete', opts, (request, reply) =>
    mutate(services, request, reply, 'members', (a, body) => removeMember(db, a.restaurant.id, str(body, 'email'))),
  );
}
