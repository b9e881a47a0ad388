import { Hono } from "hono";
import { customerAuth } from "../../http/customer-auth";
import { idempotency } from "../../http/idempotency";
import { audit } from "../../http/audit";
import { exactRateLimit } from "../../http/rate-limit";
import { jsonBody, queryOf } from "../../http/validate";
import { cancelHire, convertTrial, hireDetail, listHires, startHire } from "../../marketplace/hires";
import { deleteHireMemories, deleteHireMemory, listHireMemories } from "../../marketplace/hire-memories";
import { reviewHire } from "../../marketplace/reviews";
import { createTask, listTasks } from "../../marketplace/tasks";
import { CreateHire, CreateTask, ListQuery, ReviewHire, StartTrial } from "../../schemas/marketplace";
import { MemoryListQuery } from "../../schemas/memory-views";
import type { HireView } from "../../schemas/marketplace-views";
import type { AppEnv } from "../../types";
import { hireLearnedRuleRoutes } from "./learned-rules";

/** What the audit log keeps of a hire: which agent, which kind, which status. */
const hireState = (h: HireView) => ({ agent: h.agent, kind: h.kind, status: h.status });

/** Trials: try an agent on real work, limited in time, tasks and spend. */
export const trialRoutes = new Hono<AppEnv>().use(customerAuth, idempotency()).post("/", exactRateLimit("trial", "customer"), async (c) => {
  const trial = await startHire(c.env, c.get("customerId"), (await jsonBody(c, StartTrial)).agent, "trial");
  await audit(c, { action: "trial.start", target: { type: "hire", id: trial.id }, after: hireState(trial) });
  return c.json(trial, 201);
});

/** Hires: an agent bound to the customer, its tasks and its review. */
export const hireRoutes = new Hono<AppEnv>()
  .use(customerAuth, idempotency())
  .post("/", exactRateLimit("hire", "customer"), async (c) => {
    const hire = await startHire(c.env, c.get("customerId"), (await jsonBody(c, CreateHire)).agent, "hire");
    await audit(c, { action: "hire.create", target: { type: "hire", id: hire.id }, after: hireState(hire) });
    return c.json(hire, 201);
  })
  .get("/", async (c) => {
    const q = queryOf(c, ListQuery);
    return c.json(await listHires(c.env, c.get("customerId"), q.limit, q.cursor, q.active));
  })
  .get("/:id", async (c) => c.json(await hireDetail(c.env, c.get("customerId"), c.req.param("id"))))
  .post("/:id/convert", async (c) => {
    const hire = await convertTrial(c.env, c.get("customerId"), c.req.param("id"));
    await audit(c, { action: "trial.convert", target: { type: "hire", id: hire.id }, before: { kind: "trial" }, after: hireState(hire) });
    return c.json(hire);
  })
  .post("/:id/cancel", async (c) => {
    const before = await hireDetail(c.env, c.get("customerId"), c.req.param("id"));
    const hire = await cancelHire(c.env, c.get("customerId"), c.req.param("id"));
    await audit(c, { action: "hire.cancel", target: { type: "hire", id: hire.id }, before: hireState(before), after: hireState(hire) });
    return c.json(hire);
  })
  .post("/:id/tasks", async (c) =>
    c.json(await createTask(c.env, c.get("customerId"), c.req.param("id"), await jsonBody(c, CreateTask)), 202),
  )
  .get("/:id/tasks", async (c) => {
    const q = queryOf(c, ListQuery);
    return c.json(await listTasks(c.env, c.get("customerId"), c.req.param("id"), q.limit, q.cursor));
  })
  .post("/:id/review", exactRateLimit("rating", "customer"), async (c) => {
    const { stars, text } = await jsonBody(c, ReviewHire);
    return c.json(await reviewHire(c.env, c.get("customerId"), c.req.param("id"), stars, text), 201);
  })
  .get("/:id/memories", async (c) => {
    const q = queryOf(c, MemoryListQuery);
    return c.json(await listHireMemories(c.env, c.get("customerId"), c.req.param("id"), q.limit, q.cursor));
  })
  .delete("/:id/memories/:memoryId", async (c) => {
    await deleteHireMemory(c.env, c.get("customerId"), c.req.param("id"), c.req.param("memoryId"));
    return c.body(null, 204);
  })
  .delete("/:id/memories", async (c) => c.json(await deleteHireMemories(c.env, c.get("customerId"), c.req.param("id"))))
  .route("/", hireLearnedRuleRoutes);
