import type { FastifyRequest } from 'fastify';
import type { Services } from '../services/services.ts';
import { findRestaurantRef, type RestaurantRef } from '../db/queries/restaurant-admin.ts';
import { DomainError } from '../domain/errors.ts';
import type { StaffPrincipal } from '../staff/principal.ts';
import type { StaffRole } from '../domain/types.ts';
import { requireRole } from '../staff/roles.ts';
import { html, type SafeHtml } from './html.ts';
import type { PageContext } from './page-context.ts';

export interface StaffAccess {
  staff: StaffPrincipal;
  restaurant: RestaurantRef;
  role: StaffRole;
}

/**
 * The same authorization as the staff API (requireRole): signed out → 401 (the error page
 * sends the browser to sign in), no such restaurant → 404, role too low → friendly 403.
 */
export async function staffAccess(
  services: Services,
  request: FastifyRequest,
  slug: string,
  needed: StaffRole,
): Promise<StaffAccess> {
  const staff = request.staff;
  if (!staff) throw new DomainError('unauthenticated', 'Sign in as staff first.');
  const restaurant = await findRestaurantRef(services.db, slug);
  if (!restaurant) throw new DomainError('not_found', `There is no restaurant "${slug}".`);
  const role = await requireRole(services.db, staff, restaurant.id, needed);
  return { staff, restaurant, role };
}

const SECTIONS = [
  { path: '', label: 'staff.nav.daySheet', manager: false },
  { path: '/timeline', label: 'host.timeline', manager: false },
  { path: '/settings', label: 'host.settings', manager: true },
  { path: '/tables', label: 'staff.nav.tables', manager: true },
  { path: '/hours', label: 'staff.nav.hours', manager: true },
  { path: '/closures', label: 'staff.nav.closures', manager: true },
  { path: '/members', label: 'staff.nav.members', manager: true },
] as const;

/** The restaurant's staff navigation; hosts see the day sheet only. */
export function staffNav(ctx: PageContext, access: StaffAccess, current: string): SafeHtml {
  const links = SECTIONS.filter((s) => !s.manager || access.role === 'manager').map((s) => {
    const href = `/staff/${access.restaurant.slug}${s.path}`;
    return html`<a href="${href}"${s.path === current ? html` aria-current="page"` : ''}>${ctx.t(s.label)}</a>`;
  });
  return html`<strong>${access.restaurant.name}</strong> ${links}`;
}
