import { beforeAll, describe, expect, it } from "vitest";
import { admin } from "../helpers";
import { as, jsonOf, settledTask, signUp } from "./helpers";

// The demo catalogue's agents deliver real work through their skills, no model involved:
// a customer tries the agent, gives it a task whose inputs say what kind of work it is, and
// reads the deliverable; inputs the skill cannot use fail the task with the field to fix.

const post = (json?: unknown) => ({ method: "POST", json });

async function trialTask(agent: string, inputs: unknown) {
  const who = await signUp();
  const trial = await jsonOf<{ id: string }>(as(who, "/v1/trials", post({ agent })), 201);
  const task = await jsonOf<{ id: string }>(
    as(who, `/v1/hires/${trial.id}/tasks`, post({ title: "Try it", instructions: "As attached", inputs })),
    202,
  );
  return settledTask(who, task.id);
}

describe("skills through the marketplace", () => {
  beforeAll(async () => {
    expect((await admin("/v1/admin/seed", { method: "POST" })).status).toBe(200);
  });

  it("the support agent triages a ticket; the SDR scores a lead", async () => {
    const ticket = await trialTask("support-triage", {
      kind: "classify-ticket",
      subject: "URGENT: app is down for all our users",
      text: "Since 09:10 UTC the dashboard returns 503 Service Unavailable for everyone in our company. Nobody can work.",
    });
    expect(ticket.status).toBe("done");
    expect(ticket.output).toMatchObject({ action: "act", tier: "rules" });
    expect(ticket.output?.deliverable).toContain("P1, outage");

    const lead = await trialTask("sales-sdr", {
      kind: "score-lead",
      lead: { company: "Nordwind", authority: "economic-buyer", need: "critical", timelineMonths: 2, budget: 50_000 },
    });
    expect(lead.status).toBe("done");
    expect(lead.output?.deliverable).toContain("Nordwind: 100/100 (SQL)");
  });

  it("input the skill cannot use fails the task visibly, naming the field", async () => {
    const lead = await trialTask("sales-sdr", { kind: "score-lead", lead: { company: "" } });
    expect(lead.status).toBe("needs_human");
    expect(lead.output?.summary).toMatch(/^skill_input_invalid: sdr.score-lead: lead.company: /);
  });
});
