import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from './html.ts';
import { page } from './layout.ts';

/** What the page shows of a problem (src/http/errors.ts decides the status). */
export interface PageProblem {
  status: number;
  title: string;
  detail: string;
}

const HEADINGS: Record<number, string> = {
  401: 'This link is incomplete',
  403: 'You cannot open this page',
  404: 'Page not found',
  409: 'That did not work',
  422: 'Something in the request is not right',
  429: 'Too many tries',
  503: 'Back in a moment',
};

function advice(problem: PageProblem): string {
  if (problem.status === 403) return 'Your account does not have the role this page needs. Ask a manager of the restaurant if you think it should.';
  if (problem.status === 404) return 'The link may be mistyped or out of date.';
  if (problem.status === 429) return 'Please wait a little and try again.';
  if (problem.status >= 500) return 'Please try again in a moment.';
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
  const heading = HEADINGS[problem.status] ?? problem.title;
  const body = html`<section class="panel error-page">
    <h1>${heading}</h1>
    <p class="lead">${problem.detail}</p>
    ${advice(problem) ? html`<p>${advice(problem)}</p>` : ''}
    <p class="actions"><a class="button" href="/">All restaurants</a>${request.staff ? html` <a class="button secondary" href="/staff">Staff home</a>` : ''}</p>
    <p class="muted">Error ${problem.status} · request ${request.id}</p>
  </section>`;
  return reply
    .code(problem.status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(page({ title: heading, staff: request.staff }, body));
}
