import { describe, expect, it } from "vitest";
import { SPECIALIST_SLUGS as SLUGS } from "../specialists";
import { DEMO_TEMPLATES } from "../../src/marketplace/demo-catalogue";
import { SPECIALIST_ROLES } from "../../templates/index";
import { admin, call, delivered, postEvent } from "../helpers";

describe("demo catalogue", () => {
  it("ships the 15 specialists, one per role of every Centre of Excellence, WowVision Prime first", () => {
    expect(DEMO_TEMPLATES.map((t) => t.slug)).toEqual(SLUGS);
    for (const [coe, roles] of Object.entries(SPECIALIST_ROLES)) {
      const specialists = DEMO_TEMPLATES.filter((t) => t.specialization.coe === coe);
      expect(specialists.map((t) => t.specialization.role).sort(), coe).toEqual([...roles].sort());
    }
  });

  it("seeds idempotently and the demo agents decide by their rules", async () => {
    const first = await admin("/v1/admin/seed", { method: "POST" });
    expect(first.status).toBe(200);
    const again = (await (await admin("/v1/admin/seed", { method: "POST" })).json()) as { spawned: string[]; existing: string[] };
    expect(again.spawned).toEqual([]);
    expect(again.existing).toEqual(SLUGS.map((slug) => `demo-${slug}`));

    const { id } = await postEvent({
      type: "github.push",
      source: "github",
      subject: "repo:acme/web",
      occurredAt: new Date().toISOString(),
      payload: { ref: "refs/heads/main", commits: [{ message: "Ship dark mode" }] },
    });
    const event = await delivered(id);
    expect(event.wakes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          instanceId: "demo-content-writer",
          decision: expect.objectContaining({ action: "act", ruleId: "release-notes-on-main" }),
        }),
        // A push posted by hand carries no repository's vision rules: WowVision says why it passes.
        expect.objectContaining({
          instanceId: "demo-wowvision-prime",
          decision: expect.objectContaining({ action: "ignore", ruleId: "not-from-a-connected-repository" }),
        }),
      ]),
    );
    expect(event.wakes).toHaveLength(2);

    const catalogue = (await (await call("/v1/definitions")).json()) as { items: { slug: string; personality: { displayName: string } }[] };
    expect(catalogue.items.map((d) => d.slug)).toEqual(expect.arrayContaining([...SLUGS]));
  });
});
