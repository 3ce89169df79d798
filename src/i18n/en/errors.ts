import type { Messages } from '../catalogue-types.ts';

/** The friendly HTML error page (src/web/error-page.ts). */
export const errorsEn = {
  'errorPage.heading.401': 'This link is incomplete',
  'errorPage.heading.403': 'You cannot open this page',
  'errorPage.heading.404': 'Page not found',
  'errorPage.heading.409': 'That did not work',
  'errorPage.heading.422': 'Something in the request is not right',
  'errorPage.heading.429': 'Too many tries',
  'errorPage.heading.503': 'Back in a moment',
  'errorPage.advice.403':
    'Your account does not have the role this page needs. Ask a manager of the restaurant if you think it should.',
  'errorPage.advice.404': 'The link may be mistyped or out of date.',
  'errorPage.advice.429': 'Please wait a little and try again.',
  'errorPage.advice.500': 'Please try again in a moment.',
  'errorPage.footer': 'Error {status} · request {requestId}',
} as const satisfies Messages;
