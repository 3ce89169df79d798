import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from './html.ts';
import { page } from './layout.ts';
import { pageContext, type PageContext } from './page-context.ts';
import { isMessageKey, translate } from '../i18n/translate.ts';

/** What the page shows of a problem (src/http/errors.ts decides the status). */
export interface PageProblem {
  status: number;
  title: string;
  detail: string;
}

function heading(ctx: PageContext, problem: PageProblem): string {
  const key = `errorPage.heading.${problem.status}`;
  return isMessageKey(key) ? translate(ctx.locale, key) : problem.title;
}

function advice(ctx: PageContext, problem: PageProblem): string {
  if (problem.status === 403) return ctx.t('errorPage.advice.403');
  if (problem.status === 404) return ctx.t('errorPage.advice.404');
  if (problem.status === 429) return ctx.t('errorPage.advice.429');
  if (problem.status >= 500) return ctx.t('errorPage.advice.500');
  return '';
}

/** A staff page needing sign-in sends the browser to the sign-in form, then back. */
function signInRedirect(request: FastifyRequest, reply: FastifyReply): unknown {
  const next = request.method === 'GET' ? request.url : '/staff';
  return reply.redirect(`/staff/login?next=${encodeURIComponent(next)}`, 303);
}

/** Friendly HTML for problems on the web pages (routes with `config: { html: true }` and 404s). */
export function renderHtmlError(request: FastifyRequest, reply: FastifyReply, problem: PageProblem): unknown {
  if (problem.status === 401 && request.url.startsWith('/staff')) return signInRedirect(request, reply);
  const ctx = pageContext(request);
  const { t } = ctx;
  const title = heading(ctx, problem);
  const body = html`<section class="panel error-page">
    <h1>${title}</h1>
    <p class="lead">${problem.detail}</p>
    ${advice(ctx, problem) ? html`<p>${advice(ctx, problem)}</p>` : ''}
    <p class="actions"><a class="button" href="/">${t('common.allRestaurants')}</a>${request.staff ? html` <a class="button secondary" href="/staff">${t('common.staffHome')}</a>` : ''}</p>
    <p class="muted">${t('errorPage.footer', { status: problem.status, requestId: request.id })}</p>
  </section>`;
  return reply
    .code(problem.status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(page({ ctx, title }, body));
}
