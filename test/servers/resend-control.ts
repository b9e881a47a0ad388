// Helpers for the local Resend server's control endpoints (test/servers/resend-server.ts). Plain
// `fetch`, so they work inside workerd tests as well as in Node.
import type { FailPlan, SentEmail } from "./resend-server";

/** The messages the server accepted for `to`, oldest first. */
export async function emailsTo(baseUrl: string, to: string): Promise<SentEmail[]> {
  const res = await fetch(`${baseUrl}/__emails?to=${encodeURIComponent(to)}`);
  return (await res.json()) as SentEmail[];
}

/** Makes the next `plan.count` messages to `plan.to` fail with `plan.status` (503 by default). */
export async function failEmails(baseUrl: string, plan: FailPlan): Promise<void> {
  const res = await fetch(`${baseUrl}/__fail`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(plan),
  });
  await res.arrayBuffer();
}

/** The verification link in the latest message to `to` (test links point at http://waooaw.test). */
export async function verificationLinkFor(baseUrl: string, to: string): Promise<string | undefined> {
  const latest = (await emailsTo(baseUrl, to)).at(-1);
  return latest?.text.match(/https?:\/\/\S+\/v1\/customers\/verify\?token=\S+/)?.[0];
}
