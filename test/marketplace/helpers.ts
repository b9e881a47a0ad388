import type { AgentDefinitionInput } from "../../src/schemas/identity";
import type { TaskDetail } from "../../src/schemas/marketplace-views";
import { inject } from "vitest";
import { admin, call, eventually, supportDefinition, unique } from "../helpers";
import { verificationLinkFor } from "../servers/resend-control";

export interface SignedUp {
  customerId: string;
  key: string;
}

/**
 * Signs a customer up and, unless `verified: false`, follows the verification link from the
 * local e-mail server as the customer would (a trial needs a verified e-mail). Each customer
 * gets a domain of its own: one trial per agent per e-mail domain.
 */
export async function signUp(name = "Acme", options: { verified?: boolean; email?: string } = {}): Promise<SignedUp> {
  const email = options.email ?? `ops@${unique("acme")}.example`;
  const res = await call("/v1/customers", { method: "POST", json: { name, email } });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { customer: { id: string }; apiKey: { key: string } };
  if (options.verified !== false) await followVerificationLink(email);
  return { customerId: body.customer.id, key: body.apiKey.key };
}

/**
 * Follows the latest verification link sent to `email` as a browser would: opens the page
 * (which changes nothing) and presses its button, a form that posts the token. Answers the
 * result page.
 */
export async function followVerificationLink(email: string): Promise<Response> {
  const link = await verificationLinkFor(inject("resendUrl"), email);
  if (!link) throw new Error(`no verification e-mail reached ${email}`);
  const url = new URL(link);
  const opened = await call(`${url.pathname}${url.search}`);
  if (opened.status !== 200) throw new Error(`the verification link answered ${opened.status}: ${await opened.text()}`);
  const form = submittedForm(await opened.text());
  const res = await call(form.action, {
    method: form.method,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form.fields).toString(),
  });
  if (res.status !== 200) throw new Error(`verification failed: ${res.status} ${await res.text()}`);
  return res;
}

/** The one form of a page: where it posts and its (hidden) fields, HTML entities decoded. */
export function submittedForm(page: string): { action: string; method: string; fields: Record<string, string> } {
  const form = page.match(/<form\s+method="(\w+)"\s+action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/);
  if (!form) throw new Error(`no form on the page: ${page.slice(0, 300)}`);
  const decode = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  const fields = Object.fromEntries(
    [...(form[3] ?? "").matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1] ?? "", decode(m[2] ?? "")]),
  );
  return { method: (form[1] ?? "post").toUpperCase(), action: form[2] ?? "", fields };
}

/** A request as a customer: bearer API key, JSON body, optional Idempotency-Key. */
export function as(who: SignedUp, path: string, init: RequestInit & { json?: unknown; idempotencyKey?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${who.key}`, ...(init.headers as Record<string, string> | undefined) };
  if (init.idempotencyKey) headers["idempotency-key"] = init.idempotencyKey;
  return call(path, { ...init, headers });
}

export async function jsonOf<T>(res: Response | Promise<Response>, status?: number): Promise<T> {
  const r = await res;
  if (status !== undefined && r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${await r.text()}`);
  return (await r.json()) as T;
}

/** A listed support agent (rules for ticket:* only, so hire tasks go to the LLM tier). */
export function listedDefinition(
  slug = unique("listed"),
  overrides: Partial<AgentDefinitionInput> = {},
): AgentDefinitionInput & { listing: NonNullable<AgentDefinitionInput["listing"]> } {
  return {
    ...supportDefinition(slug),
    listing: {
      description: "Answers customer tickets from the playbook and escalates what it cannot answer.",
      priceUsdPerMonth: 29,
      trial: { days: 7, budgetUsd: 2, maxTasks: 3 },
      sampleOutputs: [{ title: "A reply", body: "Thanks for writing in." }],
    },
    ...overrides,
  };
}

export async function publish(definition: AgentDefinitionInput): Promise<void> {
  const res = await admin("/v1/admin/definitions", { method: "POST", json: definition });
  if (res.status !== 201) throw new Error(`publish failed: ${res.status} ${await res.text()}`);
}

/** A task as `GET /v1/tasks/{id}` answers it (test/http/contract.test.ts checks the real responses). */
export type TaskView = TaskDetail;

/** Waits until the agent has worked the task (and answered `messages` messages). */
export function settledTask(who: SignedUp, taskId: string, messages = 0): Promise<TaskView> {
  return eventually(async () => {
    const task = await jsonOf<TaskView>(as(who, `/v1/tasks/${taskId}`), 200);
    const answered = task.messages.filter((m) => m.status === "answered").length;
    return task.status !== "queued" && answered >= messages ? task : undefined;
  });
}
