import { getAgentByName } from "agents";
import { BareRecorder } from "./bare";
import { LatencyLog } from "./latency";
import { SdkRecorder } from "./sdk-agent";
import type { BaselineSystem, BenchEvent, QueuedEvent, Recorded } from "./types";

export { BareRecorder, SdkRecorder };

interface BaselineEnv {
  BARE: DurableObjectNamespace<BareRecorder>;
  SDK_AGENT: DurableObjectNamespace<SdkRecorder>;
  QUEUE: Queue<QueuedEvent>;
}

const MAX_BATCH = 100;
const log = new LatencyLog();

/** Routes one event to its customer's object, the way each system is meant to be called. */
async function deliver(env: BaselineEnv, { system, event }: QueuedEvent): Promise<Recorded> {
  if (system === "bare") return env.BARE.getByName(event.customerId).record(event);
  // The SDK's documented addressing: getAgentByName resolves the stub after its startup ran.
  const agent = await getAgentByName(env.SDK_AGENT, event.customerId);
  return agent.record(event);
}

/** Creates each customer's object ahead of the load, as the platform's spawn does. */
async function spawn(env: BaselineEnv, system: BaselineSystem, customerId: string): Promise<void> {
  if (system === "bare") await env.BARE.getByName(customerId).init();
  else await getAgentByName(env.SDK_AGENT, customerId);
}

function parseSystem(url: URL): BaselineSystem | null {
  const system = url.searchParams.get("system");
  return system === "bare" || system === "sdk" ? system : null;
}

type IncomingEvent = Omit<BenchEvent, "id" | "receivedAt">;

/** A property of a parsed JSON body, or undefined when the body is not an object. */
function field(body: unknown, key: string): unknown {
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>)[key] : undefined;
}

function isIncomingEvent(value: unknown): value is IncomingEvent {
  if (typeof value !== "object" || value === null) return false;
  const e = value as Record<string, unknown>;
  return typeof e.type === "string" && typeof e.customerId === "string" && typeof e.subject === "string";
}

async function ingest(request: Request, env: BaselineEnv, system: BaselineSystem): Promise<Response> {
  const events = field(await request.json(), "events");
  if (!Array.isArray(events) || events.length === 0 || events.length > MAX_BATCH || !events.every(isIncomingEvent)) {
    return Response.json({ error: { code: "invalid_batch", message: `1..${MAX_BATCH} events required` } }, { status: 400 });
  }
  // Stamped at ingest like the platform: latency runs from here to the object's write.
  const receivedAt = Date.now();
  const stamped: BenchEvent[] = events.map((e) => ({ ...e, id: crypto.randomUUID(), receivedAt }));
  await env.QUEUE.sendBatch(stamped.map((event) => ({ body: { system, event } })));
  return Response.json({ accepted: stamped.length, ids: stamped.map((e) => e.id) }, { status: 202 });
}

async function spawnBatch(request: Request, env: BaselineEnv, system: BaselineSystem): Promise<Response> {
  const ids = field(await request.json(), "customerIds");
  if (!Array.isArray(ids) || ids.length > MAX_BATCH || !ids.every((id): id is string => typeof id === "string")) {
    return Response.json({ error: { code: "invalid_spawn", message: `<= ${MAX_BATCH} customerIds required` } }, { status: 400 });
  }
  await Promise.all(ids.map((id) => spawn(env, system, id)));
  return Response.json({ spawned: ids.length }, { status: 201 });
}

export default {
  async fetch(request, env): Promise<Response> {
    const url = new URL(request.url);
    const route = `${request.method} ${url.pathname}`;
    if (route === "GET /health") return new Response("ok");
    if (route === "GET /stats") return Response.json(log.snapshot());
    if (route === "POST /reset") {
      log.reset();
      return new Response(null, { status: 204 });
    }
    const system = parseSystem(url);
    if (system && route === "POST /ingest/batch") return ingest(request, env, system);
    if (system && route === "POST /spawn") return spawnBatch(request, env, system);
    return Response.json({ error: { code: "not_found", message: route } }, { status: 404 });
  },

  async queue(batch, env): Promise<void> {
    // All messages of a batch in parallel; each is acked as soon as it is recorded, so a
    // failure retries only itself.
    await Promise.all(
      batch.messages.map(async (msg) => {
        try {
          const { recordedAt, inserted } = await deliver(env, msg.body);
          if (inserted) log.add(recordedAt - msg.body.event.receivedAt, recordedAt);
          msg.ack();
        } catch (err) {
          log.fail();
          console.error("baseline delivery failed", msg.body.system, msg.body.event.customerId, String(err));
          msg.retry({ delaySeconds: 1 });
        }
      }),
    );
  },
} satisfies ExportedHandler<BaselineEnv, QueuedEvent>;
