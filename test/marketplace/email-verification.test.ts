import { createExecutionContext } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { inject } from "vitest";
import { app } from "../../src/app";
import { sendPendingVerifications } from "../../src/marketplace/email/verification";
import { ErrorBody } from "../../src/schemas/errors";
import { Customer, EmailVerified } from "../../src/schemas/marketplace-views";
import { admin, call, env, unique } from "../helpers";
import { emailsTo, failEmails, verificationLinkFor } from "../servers/resend-control";
import { as, followVerificationLink, jsonOf, listedDefinition, publish, type SignedUp, signUp, submittedForm } from "./helpers";

const resendUrl = inject("resendUrl");
const emailOf = () => `ops@${unique("verify")}.example`;
const tokenOf = (link: string) => new URL(link).searchParams.get("token") ?? "";

async function linkFor(email: string): Promise<string> {
  const link = await verificationLinkFor(resendUrl, email);
  if (!link) throw new Error(`no link for ${email}`);
  return link;
}

/** What a browser sends when the page's button is pressed. */
const postForm = (path: string, fields: Record<string, string>) =>
  call(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });

const startTrial = (who: SignedUp, agent: string) => as(who, "/v1/trials", { method: "POST", json: { agent } });

describe("a verified e-mail before a trial", () => {
  let agent: string;
  beforeAll(async () => {
    agent = unique("verified-agent");
    await publish(listedDefinition(agent));
  });

  it("sends a link at sign-up; an unverified customer's trial is 403 email_unverified; the link verifies, then the trial starts", async () => {
    const email = emailOf();
    const who = await signUp("Acme", { email, verified: false });
    const [message] = await emailsTo(resendUrl, email);
    expect(message).toMatchObject({ to: [email], subject: expect.stringContaining("Verify") });
    expect(Customer.parse(await jsonOf(as(who, "/v1/customers/me"), 200)).emailVerifiedAt).toBeNull();

    const refused = await startTrial(who, agent);
    expect(refused.status).toBe(403);
    const error = ErrorBody.parse(await refused.json()).error;
    expect(error.code).toBe("email_unverified");
    expect(error.message).toContain("verify your e-mail");

    const page = await followVerificationLink(email);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("E-mail verified");
    expect(Customer.parse(await jsonOf(as(who, "/v1/customers/me"), 200)).emailVerifiedAt).toEqual(expect.any(Number));
    expect((await startTrial(who, agent)).status).toBe(201);
  });

  it("stores only a hash of the token, and a token works once", async () => {
    const email = emailOf();
    const who = await signUp("Once", { email, verified: false });
    const token = tokenOf(await linkFor(email));
    const row = await env.DB.prepare("SELECT * FROM email_verifications WHERE customer_id = ?").bind(who.customerId).first();
    expect(JSON.stringify(row)).not.toContain(token);
    const verified = EmailVerified.parse(await jsonOf(call("/v1/customers/verify", { method: "POST", json: { token } }), 200));
    expect(verified.customerId).toBe(who.customerId);
    const again = await call("/v1/customers/verify", { method: "POST", json: { token } });
    expect(again.status).toBe(400);
    expect(ErrorBody.parse(await again.json()).error).toMatchObject({ code: "invalid_token", field: "token" });
    // The link's page still opens (it checks nothing), and its button answers a readable refusal.
    const opened = await call(`/v1/customers/verify?token=${token}`);
    expect(opened.status).toBe(200);
    const form = submittedForm(await opened.text());
    const page = await postForm(form.action, form.fields);
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("Link not valid");
  });

  it("opening the link changes nothing (mail scanners open links first): the page's button verifies", async () => {
    const email = emailOf();
    const who = await signUp("Scanned", { email, verified: false });
    const link = new URL(await linkFor(email));
    const token = tokenOf(link.href);
    for (let i = 0; i < 3; i++) {
      const opened = await call(`${link.pathname}${link.search}`);
      expect(opened.status).toBe(200);
      expect(opened.headers.get("cache-control")).toBe("no-store");
      const csp = opened.headers.get("content-security-policy") ?? "";
      // The site's stylesheet and the one form, back to this origin; no script at all.
      expect(csp).toContain("form-action 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain("script-src");
      expect(csp).toContain("default-src 'none'");
      const html = await opened.text();
      expect(html).not.toContain("<script");
      expect(html).toContain('<link rel="stylesheet" href="/app.css"');
      expect(submittedForm(html)).toEqual({ method: "POST", action: "/v1/customers/verify", fields: { token } });
    }
    expect(Customer.parse(await jsonOf(as(who, "/v1/customers/me"), 200)).emailVerifiedAt).toBeNull();
    const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM email_verifications WHERE customer_id = ?")
      .bind(who.customerId)
      .first<{ n: number }>();
    expect(row?.n).toBe(1);
    expect((await startTrial(who, agent)).status).toBe(403);

    const page = await postForm("/v1/customers/verify", { token });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("form-action 'self'");
    expect(await page.text()).toContain("Your e-mail address is verified.");
    expect(Customer.parse(await jsonOf(as(who, "/v1/customers/me"), 200)).emailVerifiedAt).toEqual(expect.any(Number));
  });

  it("escapes the token into the page, and refuses a malformed one plainly", async () => {
    const opened = await call(`/v1/customers/verify?token=${encodeURIComponent('ev_"><script>x</script>')}`);
    expect(opened.status).toBe(200);
    const html = await opened.text();
    expect(html).not.toContain("<script>");
    expect(submittedForm(html).fields).toEqual({ token: 'ev_"><script>x</script>' });
    const missing = await call("/v1/customers/verify");
    expect(missing.status).toBe(400);
    expect(ErrorBody.parse(await missing.json()).error).toMatchObject({ field: "token" });
    // The form path answers a page for every refusal, a malformed token included; the API answers JSON.
    const short = await postForm("/v1/customers/verify", { token: "x" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("Link not valid");
    const api = await call("/v1/customers/verify", { method: "POST", json: { token: "x" } });
    expect(api.status).toBe(400);
    expect(ErrorBody.parse(await api.json()).error).toMatchObject({ code: "invalid_request", field: "token" });
    // Only the pages loosen the API's CSP; everything else still allows nothing.
    expect(api.headers.get("content-security-policy")).toContain("form-action 'none'");
  });

  it("refuses an expired token", async () => {
    const email = emailOf();
    const who = await signUp("Late", { email, verified: false });
    const token = tokenOf(await linkFor(email));
    await env.DB.prepare("UPDATE email_verifications SET expires_at = ? WHERE customer_id = ?")
      .bind(Date.now() - 1, who.customerId)
      .run();
    expect((await call("/v1/customers/verify", { method: "POST", json: { token } })).status).toBe(400);
    expect((await startTrial(who, agent)).status).toBe(403);
  });

  it("sends a new link on request (the old one stops working); a verified customer is told so", async () => {
    const email = emailOf();
    const who = await signUp("Lost", { email, verified: false });
    const old = tokenOf(await linkFor(email));
    expect(await jsonOf(as(who, "/v1/customers/me/verification", { method: "POST" }), 202)).toEqual({ sent: "sent" });
    expect(await emailsTo(resendUrl, email)).toHaveLength(2);
    expect((await call("/v1/customers/verify", { method: "POST", json: { token: old } })).status).toBe(400);
    await followVerificationLink(email);
    const done = await as(who, "/v1/customers/me/verification", { method: "POST" });
    expect(done.status).toBe(409);
    expect(ErrorBody.parse(await done.json()).error.code).toBe("already_verified");
  });

  it("never loses a sign-up to a failing e-mail service: 429 and 503 are retried later by the cron", async () => {
    const email = emailOf();
    await failEmails(resendUrl, { to: email, count: 1, status: 429, retryAfter: 30 });
    const who = await signUp("Patient", { email, verified: false });
    expect(await emailsTo(resendUrl, email)).toEqual([]);
    const pending = await env.DB.prepare(
      "SELECT sent_at, attempts, next_attempt_at, last_error FROM email_verifications WHERE customer_id = ?",
    )
      .bind(who.customerId)
      .first<{ sent_at: number | null; attempts: number; next_attempt_at: number; last_error: string }>();
    expect(pending).toMatchObject({ sent_at: null, attempts: 1, last_error: expect.stringContaining("429") });
    // Not before the service's retry-after.
    expect(pending?.next_attempt_at).toBeGreaterThanOrEqual(Date.now() + 25_000);
    await sendPendingVerifications(env);
    expect(await emailsTo(resendUrl, email)).toEqual([]);

    await failEmails(resendUrl, { to: email, count: 1, status: 503 });
    await sendPendingVerifications(env, Date.now() + 31_000); // the cron, once the wait is over: 503 again
    expect(await emailsTo(resendUrl, email)).toEqual([]);
    await sendPendingVerifications(env, Date.now() + 6 * 3_600_000);
    expect(await emailsTo(resendUrl, email)).toHaveLength(1);
    await followVerificationLink(email);
    expect((await startTrial(who, agent)).status).toBe(201);
  });

  describe("without an e-mail service", () => {
    afterEach(() => vi.restoreAllMocks());

    it("writes the link to the log, plainly, and it works", async () => {
      const log = vi.spyOn(console, "log").mockImplementation(() => {});
      const email = emailOf();
      const noEmail = { ...env, RESEND_API_KEY: undefined };
      const req = new Request("http://waooaw.test/v1/customers", {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": "192.0.2.40" },
        body: JSON.stringify({ name: "Local", email }),
      });
      expect((await app.fetch(req, noEmail, createExecutionContext())).status).toBe(201);
      const line = log.mock.calls.map((c) => String(c[0])).find((l) => l.includes(email));
      expect(line).toMatch(/verification link for .+: http:\/\/waooaw\.test\/v1\/customers\/verify\?token=ev_/);
      const link = new URL(line?.match(/http\S+/)?.[0] ?? "");
      const form = submittedForm(await (await call(`${link.pathname}${link.search}`)).text());
      expect((await postForm(form.action, form.fields)).status).toBe(200);
    });
  });

  it("lets an operator verify an e-mail (support, local development); customers cannot", async () => {
    const who = await signUp("Support", { verified: false });
    expect((await as(who, `/v1/admin/customers/${who.customerId}/verify-email`, { method: "POST" })).status).toBe(401);
    const verified = Customer.parse(await jsonOf(admin(`/v1/admin/customers/${who.customerId}/verify-email`, { method: "POST" }), 200));
    expect(verified.emailVerifiedAt).toEqual(expect.any(Number));
    expect((await admin("/v1/admin/customers/cus_nobody/verify-email", { method: "POST" })).status).toBe(404);
    expect((await startTrial(who, agent)).status).toBe(201);
  });
});
