import { getAgentByName } from "agents";
import { BareRecorder } from "./bare";
import { ChainAe, type ChainLead, ChainSdr, type ChainTimes } from "./chain";
import { LatencyLog } from "./latency";
import { SdkRecorder } from "./sdk-agent";
import type { BaselineSystem, BenchEvent, QueuedEvent, Recorded } from "./types";

export { BareRecorder, ChainAe, ChainSdr, SdkRecorder };

interface BaselineEnv {
  BARE: DurableObjectNamespace<BareRecorder>;
  SDK_AGENT: DurableObjectNamespace<SdkRecorder>;
  QUEUE: Queue<QueuedEvent>;
  CHAIN_SDR: DurableObjectNamespace<ChainSdr>;
  CHAIN_AE: DurableObjectNamespace<ChainAe>;
}

const MAX_BATCH = 100;
const log = new LatencyLog();

/** Routes one event to its customer's object, the way each system is meant to be called. */
async function deliver(env: BaselineEnv, system: "bare" | "sdk", event: BenchEvent): Promise<Recorded> {
  if (system === "bare") return env.BARE.getByName(event.customerId).record(event);
  // The SDK's documented addressing: getAgentByName resolves the stub after its startup ran.
  const agent = await getAgentByName(env.SDK_AGENT, event.customerId);
  return agent.record(event);
}

/** Creates each customer's object ahead of the load, as the platform's spawn does. */
async function spawn(env: BaselineEnv, system: BaselineSystem, customerId: string): Promise<void> {
  if (system !== "sdk") await env.BARE.getByName(customerId).init();
  else await getAgentByName(env.SDK_AGENT, customerId);
}

function parseSystem(url: URL): BaselineSystem | null {
  const system = url.searchParams.get("system");
  return system === "bare" || system === "sdk" || system === "bare-packed" ? system : null;
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
  // bare-packed: the whole request is one message (100 small events fit its 128 KB).
  if (system === "bare-packed") await env.QUEUE.send({ system, events: stamped });
  else await env.QUEUE.sendBatch(stamped.map((event) => ({ body: { system, event } })));
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

/**
 * bare-packed: every object once per consumer batch with all of its events (one RPC, one
 * commit), as the platform's consumer does; a message is acked when all of its events are in.
 */
async function deliverPacked(env: BaselineEnv, messages: readonly Message<QueuedEvent>[]): Promise<void> {
  const perObject = new Map<string, BenchEvent[]>();
  for (const msg of messages) {
    if (msg.body.system !== "bare-packed") continue;
    for (const event of msg.body.events) {
      const list = perObject.get(event.customerId);
      if (list) list.push(event);
      else perObject.set(event.customerId, [event]);
    }
  }
  const failed = new Set<string>();
  await Promise.all(
    [...perObject].map(async ([customerId, events]) => {
      try {
        const recorded = await env.BARE.getByName(customerId).recordMany(events);
        recorded.forEach(({ recordedAt, inserted }, i) => {
          const event = events[i];
          if (inserted && event) log.add(recordedAt - event.receivedAt, recordedAt);
        });
      } catch (err) {
        log.fail();
        failed.add(customerId);
        console.error("baseline delivery failed", "bare-packed", customerId, String(err));
      }
    }),
  );
  for (const msg of messages) {
    const events = msg.body.system === "bare-packed" ? msg.body.events : [];
    if (events.some((e) => failed.has(e.customerId))) msg.retry({ delaySeconds: 1 });
    else msg.ack();
  }
}

interface ChainRequest {
  customerId: string;
  id: string;
  lead: ChainLead;
}

function isChainRequest(value: unknown): value is ChainRequest {
  if (typeof value !== "object" || value === null) return false;
  const c = value as Record<string, unknown>;
  return typeof c.customerId === "string" && typeof c.id === "string" && typeof c.lead === "object" && c.lead !== null;
}

/**
 * Load F's floor: `POST /chain` with `{chains: [{customerId, id, lead}]}` (≤ 100) runs each
 * chain at once — the Worker stamps it, calls the customer's SDR object, which scores the lead
 * and calls the customer's AE object over RPC, then writes the answer back — and answers with
 * every chain's timestamps.
 */
async function chains(request: Request, env: BaselineEnv): Promise<Response> {
  const list = field(await request.json(), "chains");
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_BATCH || !list.every(isChainRequest))
    return Response.json({ error: { code: "invalid_chains", message: `1..${MAX_BATCH} chains required` } }, { status: 400 });
  const done: ChainTimes[] = await Promise.all(
    list.map((c) => {
      const createdAt = Date.now();
      return env.CHAIN_SDR.getByName(c.customerId).qualify(c.customerId, c.id, createdAt, c.lead);
    }),
  );
  return Response.json({ chains: done });
}

/** Creates each customer's SDR and AE objects ahead of the chains, as hires spawn the platform's agents. */
async function spawnChainObjects(request: Request, env: BaselineEnv): Promise<Response> {
  const ids = field(await request.json(), "customerIds");
  if (!Array.isArray(ids) || ids.length > MAX_BATCH || !ids.every((id): id is string => typeof id === "string"))
    return Response.json({ error: { code: "invalid_spawn", message: `<= ${MAX_BATCH} customerIds required` } }, { status: 400 });
  await Promise.all(ids.flatMap((id) => [env.CHAIN_SDR.getByName(id).init(), env.CHAIN_AE.getByName(id).init()]));
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
    if (route === "POST /chain") return chains(request, env);
    if (route === "POST /chain/spawn") return spawnChainObjects(request, env);
    const system = parseSystem(url);
    if (system && route === "POST /ingest/batch") return ingest(request, env, system);
    if (system && route === "POST /spawn") return spawnBatch(request, env, system);
    return Response.json({ error: { code: "not_found", message: route } }, { status: 404 });
  },

  async queue(batch, env): Promise<void> {
    const packed = batch.messages.filter((msg) => msg.body.system === "bare-packed");
    if (packed.length) await deliverPacked(env, packed);
    // All messages of a batch in parallel; each is acked as soon as it is recorded, so a
    // failure retries only itself.
    await Promise.all(
      batch.messages.map(async (msg) => {
        const body = msg.body;
        if (body.system === "bare-packed") return;
        try {
          const { recordedAt, inserted } = await deliver(env, body.system, body.event);
          if (inserted) log.add(recordedAt - body.event.receivedAt, recordedAt);
          msg.ack();
        } catch (err) {
          log.fail();
          console.error("baseline delivery failed", body.system, body.event.customerId, String(err));
          msg.retry({ delaySeconds: 1 });
        }
      }),
    );
  },
} satisfies ExportedHandler<BaselineEnv, QueuedEvent>;
