import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmailRateLimited, EmailRejected, EmailUnavailable, sendEmail } from "../../src/marketplace/email/resend";
import { emailsTo, failEmails } from "../servers/resend-control";
import { startResendServer } from "../servers/resend-server";

describe("the e-mail channel against a server speaking Resend's protocol", () => {
  let server: Awaited<ReturnType<typeof startResendServer>>;
  const config = () => ({ apiKey: server.key, apiUrl: server.url, from: "WAOOAW <onboarding@resend.dev>" });
  const message = (to: string) => ({ to, subject: "Verify", text: "http://x/v1/customers/verify?token=ev_abc" });
  beforeAll(async () => {
    server = await startResendServer();
  });
  afterAll(() => server.close());

  it("sends {from, to, subject, text} with the bearer key and answers the message id", async () => {
    const id = await sendEmail(config(), message("ada@acme.example"));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await emailsTo(server.url, "ada@acme.example")).toEqual([
      expect.objectContaining({ id, from: "WAOOAW <onboarding@resend.dev>", to: ["ada@acme.example"], subject: "Verify" }),
    ]);
  });

  it("types the failures: a wrong key is a refusal, 429 says when to retry, 5xx and no answer are unavailability", async () => {
    await expect(sendEmail({ ...config(), apiKey: "wrong" }, message("a@b.example"))).rejects.toBeInstanceOf(EmailRejected);
    await failEmails(server.url, { to: "busy@b.example", count: 1, status: 429, retryAfter: 7 });
    const limited = await sendEmail(config(), message("busy@b.example")).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(EmailRateLimited);
    expect(limited).toMatchObject({ retryAfterMs: 7000 });
    await failEmails(server.url, { to: "down@b.example", count: 1, status: 500 });
    await expect(sendEmail(config(), message("down@b.example"))).rejects.toBeInstanceOf(EmailUnavailable);
    await expect(sendEmail({ ...config(), apiUrl: "http://127.0.0.1:9" }, message("a@b.example"))).rejects.toBeInstanceOf(EmailUnavailable);
  });

  it("answers like Resend to a request missing a field", async () => {
    const res = await fetch(`${server.url}/emails`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.key}`, "content-type": "application/json" },
      body: JSON.stringify({ from: "x@y.example", to: "a@b.example" }),
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ statusCode: 422, name: "validation_error" });
  });
});
