import { describe, expect, it } from "vitest";
import type { CataloguePage } from "../../src/schemas/marketplace-views";
import { admin, call, env, unique } from "../helpers";
import { jsonOf, listedDefinition, publish } from "./helpers";

type Page = CataloguePage;
const search = (query: string) => jsonOf<Page>(call(`/v1/agents?${query}`), 200);

/** Six listings that only this test's unique industry tag selects. */
async function catalogue() {
  const tag = unique("industry");
  const word = `zq${Math.random().toString(36).slice(2, 8)}`;
  const make = (
    slug: string,
    o: {
      coe: "marketing" | "sales" | "support";
      role: string;
      price: number;
      name: string;
      languages?: string[];
      skills?: string[];
      text?: string;
    },
  ) => {
    const d = listedDefinition(`${tag}-${slug}`);
    return {
      ...d,
      specialization: { ...d.specialization, coe: o.coe, role: o.role, capabilities: o.skills ?? ["triage"] },
      personality: { ...d.personality, displayName: o.name, industries: [tag], languages: o.languages ?? ["en"] },
      listing: { ...d.listing, priceUsdPerMonth: o.price, description: o.text ?? "A dependable agent." },
    };
  };
  const defs = [
    make("writer", {
      coe: "marketing",
      role: "content-writer",
      price: 49,
      name: `Maya ${word} Writer`,
      skills: ["blog posts", "release notes"],
    }),
    make("seo", {
      coe: "marketing",
      role: "seo",
      price: 79,
      name: "Sam SEO",
      skills: ["keyword research"],
      text: `Knows ${word} search intent.`,
    }),
    make("sdr", { coe: "sales", role: "sdr", price: 99, name: "Sid SDR", languages: ["en", "de"], skills: ["outreach"] }),
    make("ae", { coe: "sales", role: "account-executive", price: 149, name: "Ada AE", languages: ["de"], skills: ["negotiation"] }),
    make("triage", { coe: "support", role: "triage", price: 39, name: "Tia Triage", skills: ["ticket triage"] }),
    make("billing", { coe: "support", role: "billing", price: 59, name: "Bea Billing", languages: ["fr"], skills: ["refunds"] }),
  ];
  for (const d of defs) await publish(d);
  return { tag, word, slug: (s: string) => `${tag}-${s}` };
}

describe("the catalogue: GET /v1/agents", () => {
  it("searches persona and specialization text, name matches first", async () => {
    const { tag, word, slug } = await catalogue();
    const page = await search(`q=${word}&industry=${tag}`);
    expect(page.sort).toBe("relevance");
    expect(page.items.map((i) => i.slug)).toEqual([slug("writer"), slug("seo")]);
    expect((await search(`q=release+notes&industry=${tag}`)).items.map((i) => i.slug)).toEqual([slug("writer")]);
    // FTS5 syntax in what people type is punctuation, not operators.
    expect((await search(`q=${encodeURIComponent(`${word} -"*:(`)}&industry=${tag}`)).items).toHaveLength(2);
  });

  it("filters by CoE, role, skill, language and price", async () => {
    const { tag, slug } = await catalogue();
    const slugs = async (q: string) => (await search(`industry=${tag}&${q}`)).items.map((i) => i.slug).sort();
    expect(await slugs("coe=sales")).toEqual([slug("ae"), slug("sdr")]);
    expect(await slugs("role=billing")).toEqual([slug("billing")]);
    expect(await slugs("skill=triage")).toEqual([slug("triage")]);
    expect(await slugs("language=de")).toEqual([slug("ae"), slug("sdr")]);
    expect(await slugs("minPrice=50&maxPrice=100")).toEqual([slug("billing"), slug("sdr"), slug("seo")]);
  });

  it("filters by minimum rating and sorts by rating, price and trust", async () => {
    const { tag, slug } = await catalogue();
    // Ratings normally come from reviews (see the flow test); set here to test the query alone.
    await env.DB.prepare(`UPDATE listings SET rating_avg = 4.9, rating_score = 4.1 WHERE slug = ?`).bind(slug("ae")).run();
    await env.DB.prepare(`UPDATE listings SET rating_avg = 4.2, rating_score = 3.9 WHERE slug = ?`).bind(slug("seo")).run();
    expect((await search(`industry=${tag}&minRating=4.5`)).items.map((i) => i.slug)).toEqual([slug("ae")]);
    expect((await search(`industry=${tag}&sort=rating&limit=2`)).items.map((i) => i.slug)).toEqual([slug("ae"), slug("seo")]);
    const prices = (await search(`industry=${tag}&sort=price`)).items.map((i) => i.priceUsdPerMonth);
    expect(prices).toEqual([39, 49, 59, 79, 99, 149]);
    const desc = (await search(`industry=${tag}&sort=price&order=desc`)).items.map((i) => i.priceUsdPerMonth);
    expect(desc).toEqual([149, 99, 79, 59, 49, 39]);
    const trust = (await search(`industry=${tag}&sort=trust`)).items.map((i) => i.trustScore);
    expect(trust).toEqual([...trust].sort((a, b) => b - a));
  });

  it("pages with a cursor without skipping or repeating", async () => {
    const { tag } = await catalogue();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await search(`industry=${tag}&sort=price&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      seen.push(...page.items.map((i) => i.slug));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it("rejects bad queries naming the parameter", async () => {
    for (const [query, field] of [
      ["limit=0", "limit"],
      ["sort=random", "sort"],
      ["cursor=garbage", "cursor"],
      ["minPrice=9&maxPrice=1", "minPrice"],
      ["sort=relevance", "sort"],
      ["q=%20!!%20", "q"],
    ]) {
      const res = await call(`/v1/agents?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.json()).toMatchObject({ error: { field } });
    }
  });

  it("shows a profile: persona, samples, price, trial, reputation; unknown slugs are 404", async () => {
    const { slug } = await catalogue();
    const profile = await jsonOf<Record<string, unknown>>(call(`/v1/agents/${slug("writer")}`), 200);
    expect(profile).toMatchObject({
      slug: slug("writer"),
      priceUsdPerMonth: 49,
      description: "A dependable agent.",
      sampleOutputs: [{ title: "A reply" }],
      trial: { days: 7, maxTasks: 3 },
      rating: { average: null, count: 0 },
      stats: { tasksFinished: 0, medianResponseMs: null },
      reviews: [],
    });
    expect((await call(`/v1/agents/${unique("nobody")}`)).status).toBe(404);
    // A customer key is no operator token: still the plain 404, never a 401.
    const customer = { authorization: "Bearer wk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" };
    expect((await call(`/v1/agents/${unique("nobody")}`, { headers: customer })).status).toBe(404);
  });

  it("serves repeated reads from the edge cache and never a stale one after a change", async () => {
    const { tag, slug } = await catalogue();
    const url = `/v1/agents?industry=${tag}&sort=price`;
    expect((await call(url)).headers.get("x-cache")).toBe("miss");
    await new Promise((r) => setTimeout(r, 50)); // the cache write runs after the response
    const cached = await call(url);
    expect(cached.headers.get("x-cache")).toBe("hit");
    // Only our own version-keyed copy is reused; clients and CDNs revalidate.
    expect(cached.headers.get("cache-control")).toBe("no-cache");
    const d = listedDefinition(slug("triage"));
    await publish({ ...d, personality: { ...d.personality, industries: [tag] }, listing: { ...d.listing, priceUsdPerMonth: 5 } });
    const fresh = await call(url);
    expect(fresh.headers.get("x-cache")).toBe("miss");
    expect(((await fresh.json()) as Page).items[0]).toMatchObject({ slug: slug("triage"), priceUsdPerMonth: 5 });
  });

  it("lists the seeded demo catalogue", async () => {
    await admin("/v1/admin/seed", { method: "POST" });
    const page = await search("coe=support&limit=50");
    expect(page.items.map((i) => i.slug)).toContain("support-triage");
  });
});
