/**
 * The troubleshooting playbooks of `techsupport.troubleshooting-checklist`: per product area,
 * the steps a tier-1 engineer takes, cheapest and most likely first, the facts to collect and
 * when to escalate. A step's cues are words that, in the customer's description, make it the
 * likely cause and move it up.
 */

export interface Step {
  id: string;
  who: "customer" | "agent";
  action: string;
  why: string;
  cues: string[];
}

export interface Playbook {
  title: string;
  /** Words that point to this area when the customer does not say which. */
  cues: string[];
  steps: Step[];
  collect: string[];
  escalateWhen: string[];
}

const step = (id: string, who: Step["who"], action: string, why: string, cues: string[] = []): Step => ({ id, who, action, why, cues });

export const PLAYBOOKS = {
  "login-sso": {
    title: "Login and SSO",
    cues: ["login", "log in", "sign in", "password", "sso", "saml", "okta", "azure ad", "2fa", "mfa", "locked out"],
    steps: [
      step("status", "agent", "Check the status page and open incidents for authentication.", "rules out a known outage in a minute", [
        "everyone",
        "all users",
      ]),
      step(
        "account",
        "agent",
        "Look the user up: active, not locked, in the right workspace, seat assigned.",
        "most lock-outs are account state",
        ["locked", "disabled", "invite"],
      ),
      step(
        "reset",
        "customer",
        "Reset the password from the login page and try a private browser window.",
        "clears stale sessions and cookies",
        ["password", "cookie", "loop"],
      ),
      step(
        "mfa",
        "customer",
        "Check the device clock is automatic and re-sync the authenticator app.",
        "a drifting clock makes every one-time code fail",
        ["2fa", "mfa", "code", "authenticator"],
      ),
      step(
        "sso-config",
        "agent",
        "Compare the IdP settings with ours: ACS URL, entity ID, certificate expiry, NameID format.",
        "an expired or rotated certificate breaks SSO for everyone at once",
        ["sso", "saml", "okta", "azure", "certificate", "redirect"],
      ),
      step("logs", "agent", "Read the auth logs for the user's attempts: error code and time.", "names the failing step exactly", [
        "error",
        "403",
        "401",
      ]),
    ],
    collect: ["user's email and workspace", "exact error text or screenshot", "time of the attempt with time zone", "SSO provider, if any"],
    escalateWhen: [
      "several users or the whole workspace cannot log in",
      "the auth logs show a server-side error",
      "a suspected account takeover (escalate to security)",
    ],
  },
  "email-delivery": {
    title: "Email delivery",
    cues: ["email", "e-mail", "notification", "spam", "bounce", "inbox", "not received"],
    steps: [
      step("spam", "customer", "Check the spam and quarantine folders and search for our sending domain.", "the commonest cause by far", [
        "spam",
        "junk",
        "quarantine",
      ]),
      step(
        "suppression",
        "agent",
        "Check the recipient is not on the bounce or unsubscribe suppression list.",
        "one past bounce silently blocks every later mail",
        ["bounce", "unsubscribe", "never"],
      ),
      step(
        "logs",
        "agent",
        "Find the message in the sending logs: accepted, deferred or bounced, with the remote server's reply.",
        "shows whether the mail left us",
        ["bounce", "deferred", "rejected"],
      ),
      step(
        "allowlist",
        "customer",
        "Ask IT to allowlist our sending domain and IPs in the mail gateway.",
        "corporate gateways drop unknown bulk senders",
        ["company", "corporate", "outlook", "gateway"],
      ),
      step(
        "dns",
        "agent",
        "If they send from their own domain: check its SPF, DKIM and DMARC records.",
        "failing authentication sends mail to spam or drops it",
        ["domain", "spf", "dkim", "dmarc"],
      ),
    ],
    collect: ["recipient address", "time and subject of a missing mail", "the bounce message, if any"],
    escalateWhen: ["logs show mail accepted by the recipient's server yet missing at several customers", "our IPs are on a blocklist"],
  },
  performance: {
    title: "Performance",
    cues: ["slow", "slowly", "lag", "loading", "spinner", "timeout", "takes forever", "performance"],
    steps: [
      step(
        "status",
        "agent",
        "Check the status page and latency dashboards for the customer's region.",
        "a platform-wide slowdown needs no debugging",
        ["everyone", "all users"],
      ),
      step(
        "scope",
        "customer",
        "Ask which pages are slow, since when, and whether colleagues see it too.",
        "one page, one user or everyone are three different problems",
        ["page", "since"],
      ),
      step(
        "network",
        "customer",
        "Run the speed test and try another network or without the VPN.",
        "VPNs and proxies add most of the latency we are blamed for",
        ["vpn", "proxy", "network", "wifi"],
      ),
      step(
        "browser",
        "customer",
        "Try a private window with extensions off, and an up-to-date browser.",
        "extensions and old browsers slow heavy pages",
        ["browser", "chrome", "extension"],
      ),
      step(
        "data-size",
        "agent",
        "Check the size of the report or list they open: rows, date range, filters.",
        "large unfiltered views are slow by design",
        ["report", "export", "large", "dashboard"],
      ),
      step("har", "customer", "Record a HAR file of the slow page load and attach it.", "shows which request takes the time", []),
    ],
    collect: ["slow page URL", "time it happened with time zone", "a HAR file", "browser and version"],
    escalateWhen: ["server-side requests take over 5 seconds in the HAR", "several customers report the same page"],
  },
  "integration-api": {
    title: "Integrations and API",
    cues: ["api", "webhook", "integration", "token", "401", "429", "endpoint", "sync", "zapier", "slack"],
    steps: [
      step(
        "status",
        "agent",
        "Check the API status and the changelog for recent breaking changes.",
        "a deprecation explains sudden failures",
        ["suddenly", "stopped"],
      ),
      step(
        "auth",
        "agent",
        "Check the token or OAuth grant: valid, not revoked, the right scopes.",
        "401 and 403 are almost always credentials",
        ["401", "403", "token", "unauthorized", "expired"],
      ),
      step(
        "rate",
        "agent",
        "Look for 429 responses and compare their request rate with the plan's limit.",
        "bursts over the limit fail intermittently",
        ["429", "rate", "limit", "intermittent"],
      ),
      step(
        "request",
        "customer",
        "Send the failing request and response (method, URL, body, headers minus secrets).",
        "reproduces the call exactly",
        ["error", "400", "500"],
      ),
      step(
        "webhook",
        "agent",
        "Check the webhook delivery log: response codes from their endpoint and retries.",
        "their endpoint's failures look like ours",
        ["webhook", "callback", "not received"],
      ),
      step("reconnect", "customer", "Disconnect and reconnect the integration from the integrations page.", "refreshes a broken grant", [
        "sync",
        "slack",
        "zapier",
        "disconnected",
      ]),
    ],
    collect: ["request ID from the response headers", "endpoint and method", "time of the failing call", "integration name and account"],
    escalateWhen: ["5xx responses from our API", "a documented endpoint behaves differently from the docs"],
  },
  "billing-payments": {
    title: "Billing and payments",
    cues: ["invoice", "charged", "refund", "payment", "card", "billing", "receipt", "vat"],
    steps: [
      step(
        "account",
        "agent",
        "Open the billing account: plan, seats, billing cycle, last invoices and payments.",
        "most questions answer themselves from the history",
        [],
      ),
      step(
        "duplicate",
        "agent",
        "Check the payment processor for duplicate or pending authorisations.",
        "a pending hold looks like a double charge and drops in days",
        ["twice", "double", "duplicate", "pending"],
      ),
      step(
        "proration",
        "agent",
        "Check for mid-cycle seat or plan changes and the proration they caused.",
        "explains invoices higher than the plan price",
        ["more than", "higher", "extra", "seats"],
      ),
      step(
        "card",
        "customer",
        "Update the card, or ask the bank why it declined (3-D Secure, limits).",
        "declines are decided by the bank",
        ["declined", "failed", "card"],
      ),
      step("tax", "agent", "Check the billing address and VAT or tax ID on the account.", "a missing tax ID adds VAT", ["vat", "tax"]),
    ],
    collect: ["invoice number", "last four digits of the card", "amount and date of the charge in question"],
    escalateWhen: ["money was taken twice and has not dropped after 5 working days", "a refund is over the agent's approval limit"],
  },
  "data-import-export": {
    title: "Data import and export",
    cues: ["import", "export", "csv", "excel", "upload", "download", "file"],
    steps: [
      step(
        "template",
        "customer",
        "Compare the file with the import template: headers, required columns, one sheet.",
        "mismatched headers fail most imports",
        ["import", "column", "header", "template"],
      ),
      step(
        "encoding",
        "customer",
        "Save the file as UTF-8 CSV with comma separators and ISO dates.",
        "Excel's regional formats garble characters and dates",
        ["characters", "encoding", "date", "excel"],
      ),
      step("size", "agent", "Check the file's rows and size against the limits; split or filter if over.", "large files time out", [
        "large",
        "timeout",
        "rows",
        "504",
      ]),
      step("errors", "agent", "Open the import job's error report and find the first failing row.", "one bad row can fail a whole batch", [
        "failed",
        "error",
        "row",
      ]),
      step(
        "permissions",
        "agent",
        "Check the user may import or export the objects in question.",
        "a role without the right fails silently",
        ["permission", "denied", "greyed"],
      ),
    ],
    collect: ["the file (or a sample of it)", "import or export job ID", "time of the attempt"],
    escalateWhen: ["a valid file fails under the limits", "exported data differs from what the app shows"],
  },
  "mobile-app": {
    title: "Mobile app",
    cues: ["mobile", "app", "ios", "android", "iphone", "phone", "tablet"],
    steps: [
      step(
        "version",
        "customer",
        "Update the app and the phone's OS to the latest versions.",
        "most crashes are fixed in a later release",
        ["crash", "old", "version"],
      ),
      step("restart", "customer", "Force-close the app and reopen it; if it persists, reinstall.", "clears a corrupted local cache", [
        "freeze",
        "stuck",
        "blank",
      ]),
      step(
        "network",
        "customer",
        "Try Wi-Fi and mobile data, and turn off battery or data saver for the app.",
        "savers block background sync",
        ["sync", "offline", "notification"],
      ),
      step(
        "permissions",
        "customer",
        "Check the app's permissions: notifications, camera, storage, location.",
        "a denied permission disables the feature",
        ["camera", "notification", "photo", "location"],
      ),
      step(
        "crash-log",
        "agent",
        "Find the crash report for the device and app version in the crash console.",
        "gives the stack trace to engineering",
        ["crash", "closes"],
      ),
    ],
    collect: ["device model and OS version", "app version", "steps to reproduce", "time of the crash"],
    escalateWhen: ["the latest version crashes on a supported device", "many devices show the same crash signature"],
  },
} satisfies Record<string, Playbook>;

export type Area = keyof typeof PLAYBOOKS;
export const AREAS = Object.keys(PLAYBOOKS) as [Area, ...Area[]];
