import { LOCALES } from '../i18n/locale.ts';
import { t as translate } from '../i18n/translate.ts';
import { assetUrl, type AssetFile } from './assets.ts';
import { csrfField } from './forms.ts';
import { html, type SafeHtml } from './html.ts';
import { withLang, type PageContext } from './page-context.ts';

export interface PageOptions {
  /** the language, the URL and who is signed in (src/web/page-context.ts) */
  ctx: PageContext;
  title: string;
  /** secondary navigation (staff pages) */
  nav?: SafeHtml;
  /** a `<body>` class, e.g. "staff" */
  bodyClass?: string;
  /** further deferred scripts of this page (static files only: no inline scripts) */
  scripts?: AssetFile[];
}

function header(ctx: PageContext): SafeHtml {
  const { staff, t } = ctx;
  const account = staff
    ? html`<div class="account"><span class="who">${staff.name}</span>
        <a href="/staff">${t('common.staff')}</a>
        <form method="post" action="/staff/logout" class="inline">${csrfField(staff)}<button type="submit" class="link-button">${t('common.signOut')}</button></form></div>`
    : html``;
  return html`<header class="site-header"><div class="wrap"><a class="brand" href="/">${t('common.brand')}</a>${languageSwitch(ctx)}${account}</div></header>`;
}

/** Links to this same page in each language; each names its language in that language. */
export function languageSwitch(ctx: PageContext): SafeHtml {
  const links = LOCALES.map((locale) => {
    const name = translate(locale, `common.languageName.${locale}`);
    return locale === ctx.locale
      ? html`<li><a href="${withLang(ctx.url, locale)}" lang="${locale}" hreflang="${locale}" aria-current="true">${name}</a></li>`
      : html`<li><a href="${withLang(ctx.url, locale)}" lang="${locale}" hreflang="${locale}" data-lang-switch="${locale}">${name}</a></li>`;
  });
  return html`<nav class="lang-switch" aria-label="${ctx.t('common.languageSwitch')}"><ul>${links}</ul></nav>`;
}

/** The whole document: landmarks, skip link, language switch, one stylesheet, one deferred script. */
export function page(options: PageOptions, body: SafeHtml): string {
  const { ctx } = options;
  const { t } = ctx;
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('common.titleSuffix', { title: options.title })}</title>
<link rel="stylesheet" href="${assetUrl('app.css')}">
<script src="${assetUrl('app.js')}" defer></script>
${(options.scripts ?? []).map(
  (file) => html`<script src="${assetUrl(file)}" defer></script>
`,
)}</head>
<body class="${options.bodyClass ?? ''}">
<a class="skip-link" href="#main">${t('common.skipToContent')}</a>
${header(ctx)}
${options.nav ? html`<nav class="subnav" aria-label="${t('common.restaurantNav')}"><div class="wrap">${options.nav}</div></nav>` : ''}
<main id="main" class="wrap" tabindex="-1">
${body}
</main>
<footer class="site-footer"><div class="wrap"><p>${t('common.brand')} · <a href="/staff">${t('common.staffSignIn')}</a> · <a href="/docs">${t('common.api')}</a></p></div></footer>
</body>
</html>
`.value;
}
