/**
 * The customer side of the soak: customers sign up, the operator vouches for their addresses (the
 * local stack has no mailbox), each hires the listed desk agent and gives it tasks, with a
 * message about each task. Runs alongside phase 1's events; every task must end terminal or
 * visible (the reconciliation checks that none is stuck).
 */
import { randomUUID } from "node:crypto";
import { forEachBounded } from "../lib/load";
import type { WaooawDriver } from "../lib/waooaw-driver";
import { withRetry } from "./drive";
import { requestJson } from "../lib/http";
import { AE_DEFINITION, SDR_DEFINITION } from "../lib/organisation";

export interface CustomerOutcome {
  customers: number;
  hires: number;
  tasks: number;
  messages: number;
  /** Qualified leads given to the customer's SDR, which hands each on to its account executive (the organisation). */
  handoffs: number;
  /** Leads routed through the customer's sales coordinator (a coordinator Durable Object). */
  routed: number;
  /** Task and message requests answered 409 because the hire ended meanwhile (not expected here). */
  refused: number;
}

/** A lead the SDR qualifies and hands on to the account executive (as load F's chains). */
function qualifiedLead(i: number, t: number) {
  return {
    kind: "qualify-lead",
    lead: { company: `Soak ${i}-${t} GmbH`, authority: "economic-buyer", need: "critical", timelineMonths: 2, budget: 80_000 },
    now: "2026-12-01T09:00:00Z",
    deal: `Soak ${i}-${t} platform`,
    closeDate: "2027-03-31",
  };
}

export async function runCustomers(
  driver: WaooawDriver,
  seed: string,
  customers: number,
  tasksPerCustomer: number,
  say: (l: string) => void,
): Promise<CustomerOutcome> {
  const base = driver.baseUrl;
  const out: CustomerOutcome = { customers: 0, hires: 0, tasks: 0, messages: 0, handoffs: 0, routed: 0, refused: 0 };
  for (const def of [SDR_DEFINITION, AE_DEFINITION]) await driver.api("/v1/admin/definitions", { body: def, okStatuses: [409] });
  const tag = seed.replace(/[^a-z0-9]/gi, "").toLowerCase() || "soak";
  await forEachBounded(
    Array.from({ length: customers }, (_, i) => i),
    2,
    async (i) => {
      const signup = (await withRetry("sign-up", () =>
        requestJson(`${base}/v1/customers`, { body: { name: `Soak Customer ${i}`, email: `soak-${tag}-${i}@c${i}.soak.example` } }),
      )) as { customer: { id: string }; apiKey: { key: string } };
      const id = signup.customer.id;
      const auth = { authorization: `Bearer ${signup.apiKey.key}` };
      await withRetry("verify-email", () => driver.api(`/v1/admin/customers/${id}/verify-email`, { body: {} }));
      out.customers++;
      // One Idempotency-Key for every attempt: a retried hire is the same hire.
      const key = randomUUID();
      const hire = (await withRetry("hire", () =>
        requestJson(`${base}/v1/hires`, { body: { agent: "soak-desk" }, headers: { ...auth, "idempotency-key": key } }),
      )) as { id: string };
      out.hires++;
      // The organisation: an SDR and an account executive; qualified leads go SDR → AE by handoff.
      const hireOf = async (slug: string) => {
        const k = randomUUID();
        const h = (await withRetry(`hire ${slug}`, () =>
          requestJson(`${base}/v1/hires`, { body: { agent: slug }, headers: { ...auth, "idempotency-key": k } }),
        )) as { id: string };
        out.hires++;
        return h.id;
      };
      const sdrHire = await hireOf(SDR_DEFINITION.slug);
      await hireOf(AE_DEFINITION.slug);
      for (let t = 0; t < Math.max(1, Math.floor(tasksPerCustomer / 2)); t++) {
        const k = randomUUID();
        const task = (await withRetry("lead", () =>
          requestJson(`${base}/v1/hires/${sdrHire}/tasks`, {
            body: { title: `Lead ${i}-${t}`, instructions: "Qualify this lead and hand it on", inputs: qualifiedLead(i, t) },
            headers: { ...auth, "idempotency-key": k },
          }),
        )) as { id?: string };
        if (task.id) out.handoffs++;
      }
      const rk = randomUUID();
      const routed = (await withRetry("route", () =>
        requestJson(`${base}/v1/coordinators/sales/tasks`, {
          body: { type: "inbound-lead", title: `Inbound lead ${i}`, instructions: "Qualify this lead", inputs: qualifiedLead(i, -1) },
          headers: { ...auth, "idempotency-key": rk },
        }),
      )) as { taskId?: string };
      if (routed.taskId) out.routed++;
      else out.refused++;
      for (let t = 0; t < tasksPerCustomer; t++) {
        const taskKey = randomUUID();
        const task = (await withRetry("task", () =>
          requestJson(`${base}/v1/hires/${hire.id}/tasks`, {
            body: { title: `Soak ticket ${i}-${t}`, instructions: `Answer ticket ${t} of customer ${i}.`, inputs: { n: t } },
            headers: { ...auth, "idempotency-key": taskKey },
            okStatuses: [409],
          }),
        )) as { id?: string; error?: unknown };
        if (!task.id) {
          out.refused++;
          continue;
        }
        out.tasks++;
        const msgKey = randomUUID();
        const msg = (await withRetry("message", () =>
          requestJson(`${base}/v1/tasks/${task.id}/messages`, {
            body: { text: `Any news on ticket ${t}?` },
            headers: { ...auth, "idempotency-key": msgKey },
            okStatuses: [409],
          }),
        )) as { id?: string };
        if (msg.id) out.messages++;
        else out.refused++;
      }
    },
  );
  say(
    `customers: ${out.customers} signed up and verified, ${out.hires} hires, ${out.tasks} tasks, ${out.messages} messages, ${out.handoffs} leads handed SDR → AE, ${out.routed} routed by the sales coordinator`,
  );
  return out;
}
