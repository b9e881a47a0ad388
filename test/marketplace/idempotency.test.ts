import { OPERATIONS } from "@waooaw/client";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../src/http/openapi";
import { admin, auth, call, customerMessage } from "../helpers";
import { env, unique } from "../helpers";
import { as, jsonOf, listedDefinition, publish, signUp } from "./helpers";

describe("Idempotency-Key on POST", () => {
  it("every POST the document says honours it answers a retry from its first attempt (the client retries those after a 5xx)", async () => {
    const who = await signUp();
    const paths = openApiDocument().paths ?? {};
    const probed: string[] = [];
    for (const [id, op] of Object.entries(OPERATIONS)) {
      if (op.method !== "POST" || !("idempotencyKey" in op)) continue;
      const doc = (
        paths[op.path] as Record<
          string,
          { security?: Record<string, unknown>[]; requestBody?: { content: Record<string, { example?: unknown }> } }
        >
      ).post;
      const scheme = Object.keys(doc?.security?.[0] ?? {})[0];
      const headers = {
        ...(scheme === "operatorToken" ? auth : scheme === "customerKey" ? { authorization: `Bearer ${who.key}` } : {}),
        "idempotency-key": `probe-${id}`,
      };
      // The documented example, at ids that do not exist: whatever the first attempt answers (a 404 too) is what a retry gets.
      const path = op.path.replace(/\{[^}]+\}/g, "probe-1");
      const init = { method: "POST", headers, json: doc?.requestBody?.content["application/json"]?.example };
      const first = await call(path, init);
      const again = await call(path, init);
      expect(again.headers.get("idempotent-replayed"), `${id}: first answered ${first.status}`).toBe("true");
      expect(again.status, id).toBe(first.status); // the body too, but for secrets shown once (blanked in what is kept)
      probed.push(id);
    }
    expect(probed.length).toBeGreaterThanOrEqual(25);
  });

  it("a retried hire returns the first result and creates one hire", async () => {
    const slug = unique("idem");
    await publish(listedDefinition(slug));
    const who = await signUp();
    const key = crypto.randomUUID();
    const first = await as(who, "/v1/hires", { method: "POST", json: { agent: slug }, idempotencyKey: key });
    const again = await as(who, "/v1/hires", { method: "POST", json: { agent: slug }, idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    expect((await jsonOf<{ items: unknown[] }>(as(who, "/v1/hires"), 200)).items).toHaveLength(1);

    const reused = await as(who, "/v1/hires", { method: "POST", json: { agent: `${slug}-other` }, idempotencyKey: key });
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ error: { code: "idempotency_key_reused", field: "Idempotency-Key" } });
    // Keys are per caller: another customer's identical key is theirs.
    const other = await signUp();
    expect(
      (await as(other, "/v1/hires", { method: "POST", json: { agent: slug }, idempotencyKey: key })).headers.get("idempotent-replayed"),
    ).toBeNull();
  });

  it("two concurrent retries still create one hire", async () => {
    const slug = unique("race");
    await publish(listedDefinition(slug));
    const who = await signUp();
    const key = crypto.randomUUID();
    const responses = await Promise.all(
      [0, 1].map(() => as(who, "/v1/hires", { method: "POST", json: { agent: slug }, idempotencyKey: key })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual(expect.arrayContaining([201]));
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const hires = await env.DB.prepare(`SELECT COUNT(*) AS n FROM hires WHERE customer_id = ?`).bind(who.customerId).first<{ n: number }>();
    expect(hires?.n).toBe(1);
  });

  it("applies to operator POSTs too, and a bad key is a 400", async () => {
    const key = crypto.randomUUID();
    const event = customerMessage(unique("cust"));
    const a = await admin("/v1/events", { method: "POST", json: event, headers: { "idempotency-key": key } });
    const b = await admin("/v1/events", { method: "POST", json: event, headers: { "idempotency-key": key } });
    expect(((await b.json()) as { id: string }).id).toBe(((await a.json()) as { id: string }).id);
    const bad = await admin("/v1/events", { method: "POST", json: event, headers: { "idempotency-key": "has spaces" } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: "Idempotency-Key" } });
  });
});
