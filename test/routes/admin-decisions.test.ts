import { describe, expect, it } from "vitest";
import { admin, call, customerMessage, defineAndSpawn, delivered, eventually, postEvent, supportDefinition, unique } from "../helpers";

interface BudgetView {
  scope: string;
  id: string;
  limits: { tokensPerDay: number; usdPerMonth: number; llmCallsPerMinute: number };
  overridden: boolean;
  windows: { window: string; used: number; reserved: number; limit: number }[];
}

describe("operator API for budgets, breakers and costs", () => {
  it("shows an agent's budget, overrides it, and returns to the definition's limits", async () => {
    const agent = unique("agent");
    await defineAndSpawn({ ...supportDefinition(unique("budgets")), defaults: { budget: { tokensPerDay: 1_000 } } }, [{ id: agent }]);
    const view = (await (await admin(`/v1/admin/budgets/agents/${agent}`)).json()) as BudgetView;
    expect(view).toMatchObject({
      scope: "agent",
      id: agent,
      overridden: false,
      limits: { tokensPerDay: 1_000, usdPerMonth: 5, llmCallsPerMinute: 60 },
    });
    expect(view.windows.map((w) => w.window)).toEqual(["tokensPerDay", "usdPerMonth", "llmCallsPerMinute"]);

    const put = await admin(`/v1/admin/budgets/agents/${agent}`, {
      method: "PUT",
      json: { tokensPerDay: 5, usdPerMonth: 0.5, llmCallsPerMinute: 1 },
    });
    expect((await put.json()) as BudgetView).toMatchObject({ overridden: true, limits: { tokensPerDay: 5 } });
    const reset = (await (await admin(`/v1/admin/budgets/agents/${agent}`, { method: "DELETE" })).json()) as BudgetView;
    expect(reset).toMatchObject({ overridden: false, limits: { tokensPerDay: 1_000 } });
  });

  it("rejects bad budget requests with the field named, and unknown agents with 404", async () => {
    const bad = await admin(`/v1/admin/budgets/customers/acme`, {
      method: "PUT",
      json: { tokensPerDay: -1, usdPerMonth: 1, llmCallsPerMinute: 1 },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_request", field: "tokensPerDay" } });
    const kind = await admin(`/v1/admin/budgets/planets/x`);
    expect(kind.status).toBe(400);
    expect(await kind.json()).toMatchObject({ error: { field: "kind" } });
    expect((await admin(`/v1/admin/budgets/agents/${unique("nobody")}`)).status).toBe(404);
    expect((await call(`/v1/admin/budgets/customers/acme`)).status).toBe(401);
  });

  it("shows the shared breaker and lets an operator close it", async () => {
    const status = await admin("/v1/admin/breakers/anthropic");
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ provider: "anthropic", phase: expect.stringMatching(/closed|open|half_open/) });
    expect(await (await admin("/v1/admin/breakers/anthropic/reset", { method: "POST" })).json()).toMatchObject({
      phase: "closed",
      consecutiveFailures: 0,
    });
    const unknown = await admin("/v1/admin/breakers/openai");
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { field: "provider" } });
  });

  it("reports spend and tier mix per customer from the rolled-up decisions", async () => {
    const customer = unique("cust");
    await defineAndSpawn(supportDefinition(unique("costs")), [{ id: unique("agent"), customerId: customer }]);
    const ruled = await postEvent(customerMessage(customer));
    const asked = await postEvent(customerMessage(customer, { subject: "chat:1", payload: { text: "a question no rule covers" } }));
    await delivered(ruled.id);
    await delivered(asked.id);
    // The model's decision is made in the agent's alarm and rolled up from there.
    const row = await eventually(async () => {
      const res = await admin(`/v1/admin/costs?groupBy=customer&since=0&limit=500`);
      const body = (await res.json()) as {
        groupBy: string;
        items: { key: string; decisions: number; rules: number; llm: number; costUsd: number; inputTokens: number }[];
      };
      const found = body.items.find((i) => i.key === customer);
      return found && found.llm > 0 ? found : undefined;
    });
    expect(row).toMatchObject({ decisions: 2, rules: 1, llm: 1 });
    expect(row?.costUsd).toBeGreaterThan(0);
    expect(row?.inputTokens).toBeGreaterThan(0);
    expect((await admin(`/v1/admin/costs?groupBy=planet`)).status).toBe(400);
  });
});
