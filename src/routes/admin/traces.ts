import { Hono } from "hono";
import { NotFoundError } from "../../errors";
import { queryOf } from "../../http/validate";
import { traceSources } from "../../platform";
import { TraceListQuery } from "../../schemas/trace-views";
import { listTraces } from "../../traces/list-traces";
import { readTrace } from "../../traces/read-traces";
import type { AppEnv } from "../../types";

/** Recent traces, and one trace's span tree, read from the records (the core's and the products'). */
export const adminTraceRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json(await listTraces(c.env.DB, queryOf(c, TraceListQuery), traceSources)))
  .get("/:traceId", async (c) => {
    const traceId = c.req.param("traceId");
    const trace = await readTrace(c.env.DB, traceId, traceSources);
    if (!trace) throw new NotFoundError(`no event carries trace ${traceId}`);
    return c.json(trace);
  });
