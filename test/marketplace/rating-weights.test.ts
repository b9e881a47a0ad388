import { describe, expect, it } from "vitest";
import { AgentProfile } from "../../src/schemas/marketplace-views";
import { call, unique } from "../helpers";
import { as, jsonOf, listedDefinition, publish, type SignedUp, signUp } from "./helpers";

const profileOf = async (slug: string) => AgentProfile.parse(await jsonOf(call(`/v1/agents/${slug}`), 200));

async function reviewAfter(who: SignedUp, slug: string, kind: "trials" | "hires", stars: number): Promise<void> {
  const hire = await jsonOf<{ id: string }>(as(who, `/v1/${kind}`, { method: "POST", json: { agent: slug } }), 201);
  await jsonOf(as(who, `/v1/hires/${hire.id}/review`, { method: "POST", json: { stars, text: `${stars} stars` } }), 201);
}

describe("ratings weighted by paid hires", () => {
  it("20 throwaway accounts' one-star reviews do not move the trust score; one paying customer's review does", async () => {
    const slug = unique("weighted");
    await publish(listedDefinition(slug));
    const before = await profileOf(slug);

    const throwaways = await Promise.all(Array.from({ length: 20 }, (_, i) => signUp(`Throwaway ${i}`)));
    for (const who of throwaways) await reviewAfter(who, slug, "trials", 1);
    const flooded = await profileOf(slug);
    expect(flooded.reviews).toHaveLength(10); // shown as text, newest first
    expect(flooded.trustScore).toBe(before.trustScore);
    expect(flooded.rating).toEqual(before.rating);

    await reviewAfter(await signUp("Paying"), slug, "hires", 5);
    const after = await profileOf(slug);
    expect(after.rating).toMatchObject({ average: 5, count: 1 });
    expect(after.trustScore).toBeGreaterThan(before.trustScore);
  });

  it("counts a trial customer's rating once they convert the trial into a paid hire", async () => {
    const slug = unique("converted");
    await publish(listedDefinition(slug));
    const who = await signUp("Convert");
    const trial = await jsonOf<{ id: string }>(as(who, "/v1/trials", { method: "POST", json: { agent: slug } }), 201);
    await jsonOf(as(who, `/v1/hires/${trial.id}/review`, { method: "POST", json: { stars: 5, text: "great" } }), 201);
    expect((await profileOf(slug)).rating.count).toBe(0);
    await jsonOf(as(who, `/v1/hires/${trial.id}/convert`, { method: "POST" }), 200);
    expect((await profileOf(slug)).rating).toMatchObject({ average: 5, count: 1 });
  });

  it("needs a verified e-mail to hire, and a hire cancelled at once does not make its rating count", async () => {
    const slug = unique("hire-rate-cancel");
    await publish(listedDefinition(slug));
    const unverified = await signUp("Unverified", { verified: false });
    const refused = await as(unverified, "/v1/hires", { method: "POST", json: { agent: slug } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "email_unverified" } });

    const before = await profileOf(slug);
    const who = await signUp("Hit and run");
    const hire = await jsonOf<{ id: string }>(as(who, "/v1/hires", { method: "POST", json: { agent: slug } }), 201);
    await jsonOf(as(who, `/v1/hires/${hire.id}/review`, { method: "POST", json: { stars: 1, text: "bad" } }), 201);
    expect((await profileOf(slug)).rating.count).toBe(1); // counted while the hire runs
    await jsonOf(as(who, `/v1/hires/${hire.id}/cancel`, { method: "POST" }), 200);
    const after = await profileOf(slug);
    expect(after.rating).toEqual(before.rating);
    expect(after.trustScore).toBe(before.trustScore);
  });
});
