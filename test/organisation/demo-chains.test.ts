import { beforeAll, describe, expect, it } from "vitest";
import { SKILL_EXAMPLES } from "../../templates/examples";
import { admin } from "../helpers";
import { signUp } from "../marketplace/helpers";
import { chainOf, finishedTask, giveTask, hire } from "./helpers";

// The demo catalogue as a customer meets it after `npm start`: hire two specialists and watch a
// chain complete, with no model configured.

const example = (skill: string) => {
  const found = SKILL_EXAMPLES[skill];
  if (!found) throw new Error(`no example for ${skill}`);
  return found.input as Record<string, unknown>;
};

describe("the demo catalogue's chains, without a model", () => {
  beforeAll(async () => {
    expect((await admin("/v1/admin/seed", { method: "POST" })).status).toBe(200);
  });

  it("Sam the SDR qualifies a lead and Elena the account executive plans the close", async () => {
    const who = await signUp();
    const sdr = await hire(who, "sales-sdr");
    const ae = await hire(who, "sales-ae");
    const lead = example("sdr.score-lead");
    const taskId = await giveTask(who, sdr.id, {
      ...lead,
      lead: { ...(lead.lead as object), authority: "economic-buyer", need: "critical", timelineMonths: 2, budget: 120_000 },
      ...example("ae.plan-close"),
      kind: "qualify-lead",
    });
    const task = await finishedTask(who, taskId);
    expect(task.status).toBe("done");
    expect(task.output?.tier).toBe("rules");
    expect(task.output?.deliverable).toMatch(/### sdr[\s\S]*### account-executive[\s\S]*Mutual close plan/);
    const chain = await chainOf(who, taskId);
    expect(chain.holders.map((h) => h.instanceId)).toEqual([sdr.instanceId, ae.instanceId]);
  });

  it("Maya the content writer asks Iris (SEO) for an audit of her draft and gets it back", async () => {
    const who = await signUp();
    const writer = await hire(who, "content-writer");
    await hire(who, "marketing-seo");
    const page = example("seo.on-page-audit");
    const taskId = await giveTask(who, writer.id, { ...example("content.readability-check"), ...page, kind: "seo-review" });
    const task = await finishedTask(who, taskId);
    expect(task.status).toBe("done");
    expect(task.output?.summary).toBe("the draft is reviewed for readability, with SEO's on-page audit");
    expect(task.output?.deliverable).toMatch(/### content-marketing[\s\S]*### seo/);
    expect((await chainOf(who, taskId)).messages.map((m) => m.type)).toEqual(["request", "ack", "result", "ack"]);
  });
});
