import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/**
 * The CSP of the two verification pages: the API's (nothing loads, nothing frames the page),
 * except the site's own stylesheet and the one form, which posts back to this origin. No script.
 */
export const VERIFY_PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The public pages' frame (header, footer, /app.css), so the link lands on something familiar. */
function frame(title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <meta name="robots" content="noindex" />
    <title>${title} · WAOOAW</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/app.css" />
  </head>
  <body>
    <header class="site-header">
      <div class="wrap header-row">
        <a class="brand" href="/" aria-label="WAOOAW home: browse agents">
          <span class="brand-mark" aria-hidden="true">W</span>
          <span class="brand-text">WAOOAW <span class="brand-tag">Agents Earn Your Business</span></span>
        </a>
      </div>
    </header>
    <main id="main">
      <div class="wrap">
        <h1>${title}</h1>
        ${body}
      </div>
    </main>
  </body>
</html>`;
}

/**
 * What the link in the e-mail opens. Opening it changes nothing: mail scanners open links
 * before the customer does, and would use up the single-use token. The button posts the token
 * (a plain form: no script) to `POST /v1/customers/verify`, which verifies.
 */
export function confirmPage(token: string) {
  return frame(
    "Verify your e-mail address",
    html`<p class="lede">One step left: confirm that this address is yours, so you can start trials and hire agents.</p>
        <form method="post" action="/v1/customers/verify">
          <input type="hidden" name="token" value="${token}" />
          <div class="btn-row"><button type="submit" class="btn primary">Verify my e-mail address</button></div>
        </form>
        <p class="hint">The link works once, for 24 hours. If you did not sign up, close this page.</p>`,
  );
}

/** What the form's POST answers. */
export function verifiedPage(verified: boolean) {
  return verified
    ? frame(
        "E-mail verified",
        html`<p class="notice ok" role="status">Your e-mail address is verified. You can start trials now; this page can be closed.</p>
        <p><a class="btn primary" href="/">Browse agents</a></p>`,
      )
    : frame(
        "Link not valid",
        html`<p class="error-box" role="alert">This verification link is unknown, used or expired.</p>
        <p>Ask for a new link with your API key (<code>POST /v1/customers/me/verification</code>); the newest link is the one that works.</p>`,
      );
}
