/** The page shell: landmarks, skip link, the stylesheet and the bundled client script (all same-origin). */
import { html, type Html } from './html';

export interface PageOptions {
  title: string;
  body: Html;
  /** Show the top navigation (off on login and action-link pages). */
  nav?: boolean;
  who?: string;
}

export function page(o: PageOptions): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · Vitals</title>
<link rel="stylesheet" href="/static/styles.css">
<script src="/static/build/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">Vitals <span class="muted">PMO</span></a>
  ${o.nav === false ? '' : html`<nav aria-label="Main"><a href="/">Portfolio</a>${o.who ? html` <span class="muted">signed in as ${o.who}</span> <form method="post" action="/logout" class="inline"><button type="submit" class="link">Sign out</button></form>` : ''}</nav>`}
</header>
${o.body}
<div id="live" class="sr-only" aria-live="polite"></div>
</body>
</html>`;
}
