import { secureHeaders } from "hono/secure-headers";

/**
 * Security headers on every response the Worker writes. The API answers JSON (and one small
 * plain page, the e-mail verification link), so its CSP allows nothing to load, be framed or
 * submitted. The HTML pages are static assets served before the Worker: their headers and CSP are
 * in public/_headers.
 */
export const apiSecureHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
  },
  xFrameOptions: "DENY",
  // Two years with subdomains: the API is only ever served over HTTPS.
  strictTransportSecurity: "max-age=63072000; includeSubDomains",
  referrerPolicy: "no-referrer",
  overwrite: false,
});
