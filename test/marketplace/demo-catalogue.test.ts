import { describe, expect, it } from "vitest";
import { DEMO_TEMPLATES } from "../../src/marketplace/demo-catalogue";
import { admin, call, delivered, postEvent } from "../helpers";

describe("demo catalogue", () => {
  it("ships valid templates for every Centre of Excellence", () => {
    expect(DEMO_TEMPLATES.map((t) => t.specialization.coe).sort()).toEqual(["marketing", "sales", "support"]);
  });

  it("seeds idempotently and the demo agents decide by their rules", async () => {
    const first = await admin("/v1/admin/seed", { method: "POST" });
    expect(first.status).toBe(200);
    const again = (await (await admin("/v1/admin/seed", { method: "POST" })).json()) as { spawned: string[]; existing: string[] };
    expect(again.spawned).toEqual([]);
    expect(again.existing).toEqual(["demo-content-writer", "demo-sales-sdr", "demo-support-triage"]);

    const { id } = await postEvent({
      type: "github.push",
      source: "github",
      subject: "repo:acme/web",
      occurredAt: new Date().toISOString(),
      payload: { ref: "refs/heads/main", commits: [{ message: "Ship dark mode" }] },
    });
    const event = await delivered(id);
    expect(event.wakes).toEqual([
      expect.objectContaining({
        instanceId: "demo-content-writer",
        decision: expect.objectContaining({ action: "act", ruleId: "release-notes-on-main" }),
      }),
    ]);

    const catalogue = (await (await call("/v1/definitions")).json()) as { items: { slug: string; personality: { displayName: string } }[] };
    expect(catalogue.items.map((d) => d.slug)).toEqual(expect.arrayContaining(["content-writer", "sales-sdr", "support-triage"]));
  });
});
