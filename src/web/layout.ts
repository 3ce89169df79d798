import type { StaffPrincipal } from '../staff/principal.ts';
import { assetUrl } from './assets.ts';
import { csrfField } from './forms.ts';
import { html, type SafeHtml } from './html.ts';

export interface PageOptions {
  title: string;
  staff?: StaffPrincipal | null;
  /** secondary navigation (staff pages) */
  nav?: SafeHtml;
  /** a `<body>` class, e.g. "staff" */
  bodyClass?: string;
}

function header(staff: StaffPrincipal | null | undefined): SafeHtml {
  const account = staff
    ? html`<div class="account"><span class="who">${staff.name}</span>
        <a href="/staff">Staff</a>
        <form method="post" action="/staff/logout" class="inline">${csrfField(staff)}<button type="submit" class="link-button">Sign out</button></form></div>`
    : html``;
  return html`<header class="site-header"><div class="wrap"><a class="brand" href="/">tablebookings</a>${account}</div></header>`;
}

/** The whole document: landmarks, skip link, one stylesheet, one deferred script. */
export function page(options: PageOptions, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · tablebookings</title>
<link rel="stylesheet" href="${assetUrl('app.css')}">
<script src="${assetUrl('app.js')}" defer></script>
</head>
<body class="${options.bodyClass ?? ''}">
<a class="skip-link" href="#main">Skip to content</a>
${header(options.staff)}
${options.nav ? html`<nav class="subnav" aria-label="Restaurant"><div class="wrap">${options.nav}</div></nav>` : ''}
<main id="main" class="wrap" tabindex="-1">
${body}
</main>
<footer class="site-footer"><div class="wrap"><p>tablebookings · <a href="/staff">Staff sign-in</a> · <a href="/docs">API</a></p></div></footer>
</body>
</html>
`.value;
}
